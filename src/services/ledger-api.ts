/**
 * The only code that calls the ledger: `Taro.cloud.callFunction` inside WeChat, `Taro.request` to the host's
 * `POST /api/ledger` in a browser. Every failure becomes an ApiError with a stable code, a Chinese message and, for
 * failures of the way there (call-failure.ts), a diagnostic line.
 */
import Taro from '@tarojs/taro'
import { isErrorCode, type ErrorCode } from '@/domain/errors'
import {
  classifyCloudFailure, classifyHttpStatus, classifyRequestFailure, isRetryable, type CallFailure, type CallFailureKind
} from './call-failure'
import { isWeapp } from './platform'
import { clearSession, readSession, saveSession, type HostSession } from './session'

export type ApiErrorCode = ErrorCode | CallFailureKind

export class ApiError extends Error {
  constructor (readonly code: ApiErrorCode, message: string, readonly details?: unknown, readonly diagnostic?: string) {
    super(message)
    this.name = 'ApiError'
  }

  /** Retried automatically, with backoff: the network or a timeout. Everything else is shown and left to a person. */
  get retryable (): boolean {
    return isRetryable(this.code)
  }

  /** The way to the ledger failed (network, deployment, server), not the content: keep what was being sent. */
  get channel (): boolean {
    return CHANNEL_CODES.has(this.code)
  }

  /** The message with its diagnostic line, for where sync status is shown. */
  get display (): string {
    return this.diagnostic ? `${this.message}（${this.diagnostic}）` : this.message
  }
}

const CHANNEL_CODES = new Set<ApiErrorCode>(['NETWORK', 'TIMEOUT', 'NOT_DEPLOYED', 'WRONG_ENV', 'SERVER_ERROR', 'BAD_RESPONSE', 'INTERNAL'])

const fromFailure = (f: CallFailure) => new ApiError(f.kind, f.message, undefined, f.diagnostic)

type Answer = { ok: true, data: unknown } | { ok: false, code: string, message: string, details?: unknown }

function isAnswer (raw: unknown): raw is Answer {
  return !!raw && typeof raw === 'object' && typeof (raw as { ok?: unknown }).ok === 'boolean'
}

async function viaCloud (action: string, data: unknown): Promise<Answer> {
  if (!Taro.cloud) throw new ApiError('WRONG_ENV', '云开发未初始化，请在微信中打开', undefined, 'Taro.cloud undefined')
  let res: Taro.cloud.CallFunctionResult
  try {
    res = await Taro.cloud.callFunction({ name: 'ledger', data: { action, data } })
  } catch (e) {
    throw fromFailure(classifyCloudFailure(e))
  }
  // A function named ledger that answers something else: not this project's function (or an old one).
  if (!isAnswer(res.result)) throw new ApiError('BAD_RESPONSE', '云函数的答复无法识别，请确认部署的是本项目的 ledger 云函数', undefined, 'result without ok')
  return res.result
}

async function viaHttp (action: string, data: unknown, token: string | null): Promise<Answer> {
  let res: Taro.request.SuccessCallbackResult<Record<string, unknown>>
  try {
    res = await Taro.request({
      url: `${API_BASE || ''}/api/ledger`,
      method: 'POST',
      header: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      data: { action, data },
      timeout: 20_000
    })
  } catch (e) {
    throw fromFailure(classifyRequestFailure(e))
  }
  // Taro's H5 request resolves for HTTP errors too. The host answers every error in the ledger's shape; an answer
  // without it comes from something in between (a proxy's 413 or 502, a gateway timeout, a Wi-Fi login page).
  if (isAnswer(res.data)) return res.data
  throw fromFailure(classifyHttpStatus(res.statusCode))
}

let refreshing: Promise<void> | null = null

/**
 * Renews a session past half its life (the server checks it was not signed out and, for staff, that the binding
 * still stands). Offline or failing, the current token is used while it lasts; refused, it is dropped.
 */
function refreshSession (s: HostSession): Promise<void> {
  refreshing ||= (async () => {
    try {
      const answer = await viaHttp(s.kind === 'staff' ? 'signIn' : 'anonymousSession', {}, s.token)
      if (answer.ok) {
        const fresh = answer.data as { token: string, expiresAt: string }
        saveSession({ token: fresh.token, expiresAt: fresh.expiresAt, kind: s.kind })
      } else if (answer.code === 'UNAUTHENTICATED') clearSession()
    } catch {
      // No network: try again on a later call.
    }
  })().finally(() => { refreshing = null })
  return refreshing
}

/** A browser identity: the signed staff session if any, else an anonymous device session made on first need. */
async function browserToken (needIdentity: boolean): Promise<string | null> {
  let s = readSession()
  if (s && Date.parse(s.expiresAt) > Date.now() && !(s.refreshAfter && Date.parse(s.refreshAfter) > Date.now())) {
    await refreshSession(s)
    s = readSession()
  }
  if (s && Date.parse(s.expiresAt) > Date.now()) return s.token
  if (!needIdentity) return null
  const answer = await viaHttp('anonymousSession', {}, null)
  if (!answer.ok) throw new ApiError(isErrorCode(answer.code) ? answer.code : 'INTERNAL', answer.message)
  const session = answer.data as { token: string, expiresAt: string }
  saveSession({ ...session, kind: 'device' })
  return session.token
}

/** Actions anyone may call without an identity. */
const PUBLIC_ACTIONS = new Set(['whoami', 'stationByCode', 'lookupComplaint', 'signIn'])

export async function callLedger<T> (action: string, data: unknown = {}): Promise<T> {
  const answer = isWeapp ? await viaCloud(action, data) : await viaHttp(action, data, await browserToken(!PUBLIC_ACTIONS.has(action)))
  if (answer.ok) return answer.data as T
  const code: ErrorCode = isErrorCode(answer.code) ? answer.code : 'INTERNAL'
  if (code === 'UNAUTHENTICATED' && !isWeapp) clearSession()
  throw new ApiError(code, answer.message || '操作失败', answer.details, code)
}

/** Browser only: turns an invite code or a personal access key into a session. */
export async function signInWithCode (code: string): Promise<{ accessKey?: string, whoami: unknown }> {
  const data = await callLedger<HostSession & { accessKey?: string, whoami: unknown }>('signIn', { code })
  saveSession({ token: data.token, expiresAt: data.expiresAt, kind: 'staff' })
  return { accessKey: data.accessKey, whoami: data.whoami }
}

/**
 * Browser only: ends this browser's session on the server (or, everywhere, every session of the account) and forgets
 * the token here. Signing out on this device still forgets the token when the server cannot be reached (the token
 * then only lapses); signing out everywhere needs the server, and fails with NETWORK without it.
 */
export async function signOutOfHost (everywhere: boolean): Promise<void> {
  const s = readSession()
  if (isWeapp || !s) return
  try {
    const answer = await viaHttp(everywhere ? 'signOutEverywhere' : 'signOut', {}, s.token)
    if (!answer.ok && answer.code !== 'UNAUTHENTICATED') throw new ApiError(isErrorCode(answer.code) ? answer.code : 'INTERNAL', answer.message)
  } catch (e) {
    if (everywhere) throw e
  }
  clearSession()
}
