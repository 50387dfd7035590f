/**
 * The only code that calls the ledger: `Taro.cloud.callFunction` inside WeChat, `Taro.request` to the host's
 * `POST /api/ledger` in a browser. Every failure becomes an ApiError with a stable code and a Chinese message.
 */
import Taro from '@tarojs/taro'
import { isErrorCode, type ErrorCode } from '@/domain/errors'
import { isWeapp } from './platform'
import { clearSession, readSession, saveSession, type HostSession } from './session'

export type ApiErrorCode = ErrorCode | 'NETWORK' | 'BAD_RESPONSE'

export class ApiError extends Error {
  constructor (readonly code: ApiErrorCode, message: string, readonly details?: unknown) {
    super(message)
    this.name = 'ApiError'
  }

  /** Worth retrying later: the network, the server being down, or an answer we could not read. */
  get transient (): boolean {
    return this.code === 'NETWORK' || this.code === 'BAD_RESPONSE' || this.code === 'INTERNAL' || this.code === 'RATE_LIMITED'
  }
}

const NETWORK_MESSAGE = '网络不可用，请稍后再试'

type Answer = { ok: true, data: unknown } | { ok: false, code: string, message: string, details?: unknown }

function toAnswer (raw: unknown): Answer {
  if (!raw || typeof raw !== 'object' || typeof (raw as { ok?: unknown }).ok !== 'boolean') {
    throw new ApiError('BAD_RESPONSE', '服务器的答复无法识别，请稍后再试')
  }
  return raw as Answer
}

async function viaCloud (action: string, data: unknown): Promise<Answer> {
  if (!Taro.cloud) throw new ApiError('NETWORK', '云开发未初始化，请在微信中打开')
  try {
    const res = await Taro.cloud.callFunction({ name: 'ledger', data: { action, data } })
    return toAnswer(res.result)
  } catch (e) {
    if (e instanceof ApiError) throw e
    // callFunction rejects with { errCode, errMsg } when the network or the function fails
    throw new ApiError('NETWORK', NETWORK_MESSAGE, { errMsg: (e as { errMsg?: string })?.errMsg })
  }
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
    throw new ApiError('NETWORK', NETWORK_MESSAGE, { errMsg: (e as { errMsg?: string })?.errMsg })
  }
  // Taro's H5 request resolves for HTTP errors too; an answer without our shape is a proxy or a network page.
  return toAnswer(res.data)
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
  throw new ApiError(code, answer.message || '操作失败', answer.details)
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

/** Opens a file the ledger made: a download in the browser, openDocument in WeChat. */
export async function openDeliveredFile (file: { fileName: string, mimeType: string, url?: string, base64?: string }): Promise<void> {
  if (isWeapp && file.url) {
    const { tempFilePath } = await Taro.downloadFile({ url: file.url })
    await Taro.openDocument({ filePath: tempFilePath, showMenu: true, fileType: file.fileName.endsWith('.csv') ? undefined : 'xlsx' })
    return
  }
  if (typeof document === 'undefined') return
  const href = file.base64 ? `data:${file.mimeType};base64,${file.base64}` : file.url || ''
  const a = document.createElement('a')
  a.href = href
  a.download = file.fileName
  document.body.appendChild(a)
  a.click()
  a.remove()
}
