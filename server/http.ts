/**
 * The host's HTTP adapter: `POST /api/ledger` with `{ action, data }` and `Authorization: Bearer <token>`, answering
 * `{ ok: true, data }` or `{ ok: false, code, message, details }` with the matching HTTP status; the H5 build at `/`.
 * Host-only actions turn invite codes and personal access keys into signed sessions.
 */
import fs from 'fs'
import http, { type IncomingMessage, type ServerResponse } from 'http'
import path from 'path'
import { z } from 'zod/mini'
import { HTTP_STATUS, LedgerError, beijingDate, readableCode, typeError } from '@/domain'
import type { Caller, HandlerContext, PlatformServices } from '../cloudfunctions/ledger/src/context'
import { redeemFor, whoami } from '../cloudfunctions/ledger/src/handlers/identity'
import { resolveActor } from '../cloudfunctions/ledger/src/access'
import { failure, type Answer } from '../cloudfunctions/ledger/src/respond'
import { handle } from '../cloudfunctions/ledger/src/router'
import { parseInput } from '../cloudfunctions/ledger/src/validate'
import { startCodeGuess } from '../cloudfunctions/ledger/src/guesses'
import { clientAddress } from './client-address'
import { DEVICE_SESSION_DAYS, STAFF_SESSION_DAYS, newIdentityId, newSessionId, type SessionClaims, type SessionSigner } from './session'
import { SessionRegistry } from './session-registry'
import type { SqliteStore } from './sqlite-store'
import { staticFiles } from './static-files'
import { turnQueue } from './turn-queue'

export const MAX_BODY_BYTES = 1024 * 1024
/** New anonymous identities one address may get per Beijing day (each is a fresh set of per-identity limits). */
export const ANONYMOUS_SESSIONS_PER_IP_PER_DAY = 30

/** The client went away before its request body arrived in full: its own doing, not a fault of ours. */
class ClientAbort extends Error {
  constructor (readonly received: number) { super('client aborted the upload') }
}

/** The H5 build's files for the service worker to keep (everything but the worker itself and licence notes). */
function precacheList (dir: string): string[] {
  const out: string[] = []
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const p = `${rel}/${entry.name}`
      if (entry.isDirectory()) walk(p)
      else if (!/(LICENSE\.txt|\.map|sw\.js)$/.test(entry.name)) out.push(p)
    }
  }
  walk('')
  return out
}

export interface HostOptions {
  store: SqliteStore
  signer: SessionSigner
  services: PlatformServices
  /** The H5 build to serve; omitted in API-only tests. */
  staticDir?: string
  log: (line: string) => void
  now?: () => Date
  /** How many proxies you run in front of the host (TRUST_PROXY): the address is taken from X-Forwarded-For that far. */
  trustedProxies?: number
}

/** Identity comes from the signed token only: never from the body. */
function callerFrom (req: IncomingMessage, signer: SessionSigner, nowMs: number): { caller: Caller | null, claims: SessionClaims | null, badToken: boolean } {
  const header = req.headers.authorization || ''
  const m = /^Bearer\s+(\S+)$/i.exec(header)
  if (!m) return { caller: null, claims: null, badToken: header.length > 0 }
  const claims = signer.verify(m[1], nowMs)
  return claims ? { caller: { identityId: claims.sub }, claims, badToken: false } : { caller: null, claims: null, badToken: true }
}

function readBody (req: IncomingMessage): Promise<Buffer> {
  let size = 0
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] || 0)
    if (declared > MAX_BODY_BYTES) {
      reject(new LedgerError('PAYLOAD_TOO_LARGE', '提交的内容超过1MB，请分批提交'))
      return
    }
    const chunks: Buffer[] = []
    let failed = false
    req.on('data', (c: Buffer) => {
      if (failed) return
      size += c.length
      if (size > MAX_BODY_BYTES) {
        failed = true
        reject(new LedgerError('PAYLOAD_TOO_LARGE', '提交的内容超过1MB，请分批提交'))
        return
      }
      chunks.push(c)
    })
    req.on('end', () => { if (!failed) resolve(Buffer.concat(chunks)) })
    // A dropped connection mid-body shows as 'error' (ECONNRESET "aborted") and/or 'close' before 'end'.
    const aborted = () => {
      if (failed || req.complete) return
      failed = true
      reject(new ClientAbort(size))
    }
    req.on('error', aborted)
    req.on('close', aborted)
  })
}

function send (res: ServerResponse, answer: Answer): void {
  const status = answer.ok ? 200 : HTTP_STATUS[answer.code]
  const body = JSON.stringify(answer)
  if (res.headersSent) return
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff'
  })
  res.end(body)
}

const envelope = z.strictObject({
  action: z.string(typeError('缺少 action', 'action 须为文字')).check(z.minLength(1), z.maxLength(64)),
  data: z.optional(z.unknown())
})

const signInInput = z.strictObject({
  code: z.optional(z.string().check(z.trim(), z.maxLength(40, '邀请码或登录码不正确')))
})

function hasCode (data: unknown): boolean {
  return !!data && typeof data === 'object' && typeof (data as { code?: unknown }).code === 'string' && (data as { code: string }).code.trim() !== ''
}

export function createHost (opts: HostOptions): http.Server {
  const now = opts.now || (() => new Date())
  const inTurn = turnQueue()
  const serveStatic = opts.staticDir ? staticFiles(opts.staticDir) : null
  const sessions = new SessionRegistry(opts.store.db)
  const hops = opts.trustedProxies || 0
  let warnedAboutProxy = false

  /** A token for a new sign-in (a new session id), or a refresh of an existing one (same session, new expiry). */
  function token (sub: string, kind: SessionClaims['kind'], session?: Pick<SessionClaims, 'sid' | 'gen'>) {
    const days = kind === 'staff' ? STAFF_SESSION_DAYS : DEVICE_SESSION_DAYS
    const exp = now().getTime() + days * 86_400_000
    const sid = session?.sid || newSessionId()
    const gen = session ? session.gen ?? 0 : sessions.generationOf(sub)
    return { token: opts.signer.sign({ sub, kind, exp, sid, gen }), expiresAt: new Date(exp).toISOString() }
  }

  /** A fresh token for the same session, once the session still stands: for staff, only while the binding does. */
  async function refresh (claims: SessionClaims) {
    if (claims.kind === 'staff' && !(await opts.store.getBinding(claims.sub))) {
      throw new LedgerError('UNAUTHENTICATED', '您的账号已解除绑定，请向区人社局申请新的邀请码')
    }
    return token(claims.sub, claims.kind, claims)
  }

  /**
   * signIn: an access key signs its owner in; an invite binds the caller (or a new identity); no code refreshes the
   * caller's session. Each code is a guess at a secret: counted per address and overall before it is checked.
   */
  async function signIn (data: unknown, ctx: HandlerContext, claims: SessionClaims | null) {
    const { code } = parseInput(signInInput, data)
    if (!code) {
      if (!claims) throw new LedgerError('UNAUTHENTICATED', '请输入邀请码或登录码')
      const actor = await resolveActor(ctx)
      return { ...(await refresh(claims)), whoami: await whoami({}, ctx, actor) }
    }
    const guess = await startCodeGuess(ctx, claims?.sub || null)
    const existing = await opts.store.findBindingByAccessKey(opts.signer.hashKey(code))
    if (existing) {
      await guess.succeeded()
      const actor = await resolveActor({ ...ctx, caller: { identityId: existing.identityId } })
      return { ...token(existing.identityId, 'staff'), whoami: await whoami({}, ctx, actor) }
    }
    const identityId = claims?.sub || newIdentityId('staff')
    const accessKey = readableCode(12)
    await redeemFor(identityId, code, ctx, opts.signer.hashKey(accessKey))
    await guess.succeeded()
    const actor = await resolveActor({ ...ctx, caller: { identityId } })
    return { ...token(identityId, 'staff'), accessKey, whoami: await whoami({}, ctx, actor) }
  }

  /** A worker's browser: a refresh of its session, or a new anonymous identity (a limited number per address a day). */
  async function anonymousSession (data: unknown, ip: string, claims: SessionClaims | null) {
    parseInput(z.strictObject({}), data)
    if (claims) return refresh(claims)
    const limited = await opts.store.hitRateLimit(`session:ip:${ip}`, beijingDate(now()), ANONYMOUS_SESSIONS_PER_IP_PER_DAY)
    if (!limited.allowed) throw new LedgerError('RATE_LIMITED', '该网络今天新建的访问过多，请明天再试或到站点现场反映')
    return token(newIdentityId('device'), 'device')
  }

  /** Ends this device's session, or (everywhere) every session of the caller's identity on any device. */
  function signOut (data: unknown, claims: SessionClaims | null, everywhere: boolean) {
    parseInput(z.strictObject({}), data)
    if (!claims) throw new LedgerError('UNAUTHENTICATED', '当前未登录')
    // A token from before sessions had ids can only be ended with all the identity's sessions.
    if (everywhere || !claims.sid) sessions.signOutEverywhere(claims.sub)
    else sessions.signOut(claims.sid, claims.exp, now().getTime())
    return { signedOut: true, everywhere }
  }

  async function api (req: IncomingMessage, res: ServerResponse, ip: string): Promise<string> {
    const started = Date.now()
    const verified = callerFrom(req, opts.signer, now().getTime())
    // A signed-out session is refused like an expired token: the app then clears it and signs in again.
    const signedOut = !!verified.claims && sessions.isSignedOut(verified.claims)
    const { caller, claims } = signedOut ? { caller: null, claims: null } : verified
    const badToken = verified.badToken || signedOut
    const ctx: HandlerContext = {
      caller,
      now,
      store: opts.store,
      services: opts.services,
      ip,
      log: (m, d) => opts.log(`${m}${d ? ` ${typeof d === 'string' ? d : JSON.stringify(d)}` : ''}`)
    }
    let action = '?'
    let answer: Answer
    try {
      const ctype = String(req.headers['content-type'] || '')
      const body = await readBody(req)
      if (ctype && !/^application\/json\b/i.test(ctype)) throw new LedgerError('VALIDATION_FAILED', '请求须为 JSON（Content-Type: application/json）')
      // The body is read first (a slow upload holds nobody up), then the request waits for its turn.
      answer = await inTurn(async () => {
        let parsed: unknown
        try {
          parsed = JSON.parse(body.toString('utf8'))
        } catch {
          throw new LedgerError('VALIDATION_FAILED', '请求格式不正确（不是有效的 JSON）')
        }
        const env = parseInput(envelope, parsed)
        action = env.action
        // Signing in with a code needs no valid token: one signed out elsewhere must not stand in the way.
        if (action === 'signIn' && hasCode(env.data)) return { ok: true, data: await signIn(env.data, ctx, claims) }
        if (badToken) throw new LedgerError('UNAUTHENTICATED', '登录已过期或无效，请重新登录')
        if (action === 'signIn') return { ok: true, data: await signIn(env.data, ctx, claims) }
        if (action === 'anonymousSession') return { ok: true, data: await anonymousSession(env.data, ip, claims) }
        if (action === 'signOut' || action === 'signOutEverywhere') return { ok: true, data: signOut(env.data, claims, action === 'signOutEverywhere') }
        return handle(action, env.data, ctx)
      })
    } catch (e) {
      if (e instanceof ClientAbort) return `client aborted the upload after ${e.received} bytes, ${Date.now() - started}ms`
      answer = failure(e, ctx.log)
    }
    send(res, answer)
    return `${action} ${answer.ok ? 'ok' : answer.code} ${Date.now() - started}ms`
  }

  const server = http.createServer((req, res) => {
    const peer = req.socket.remoteAddress || ''
    const ip = clientAddress(peer, req.headers['x-forwarded-for'], hops)
    if (!hops && !warnedAboutProxy && req.headers['x-forwarded-for'] !== undefined) {
      warnedAboutProxy = true
      opts.log('warning: requests arrive with X-Forwarded-For but TRUST_PROXY is unset, so every client behind that proxy shares one address and its limits (complaints, new sessions, sign-in attempts). If the host runs behind proxies you control, set TRUST_PROXY to how many there are (usually 1).')
    }
    const url = (req.url || '/').split('?')[0]
    if (url === '/api/ledger') {
      if (req.method !== 'POST') {
        res.writeHead(405, { Allow: 'POST', 'Content-Type': 'application/json; charset=utf-8' })
        res.end(JSON.stringify({ ok: false, code: 'UNKNOWN_ACTION', message: '请使用 POST' }))
        return
      }
      api(req, res, ip).then((line) => opts.log(`POST /api/ledger ${line}`)).catch((e) => {
        opts.log(`INTERNAL ${e instanceof Error ? e.stack : String(e)}`)
        send(res, { ok: false, code: 'INTERNAL', message: '服务暂时不可用，请稍后再试' })
      })
      return
    }
    if (url === '/precache.json' && opts.staticDir) {
      const body = JSON.stringify(precacheList(opts.staticDir))
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' })
      res.end(body)
      return
    }
    if (url === '/healthz') {
      res.writeHead(200, { 'Content-Type': 'text/plain' })
      res.end('ok')
      return
    }
    if ((req.method === 'GET' || req.method === 'HEAD') && serveStatic && serveStatic(req, res)) return
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' })
    res.end('未找到')
  })
  // Longer than any client or proxy keep-alive, so the server never closes a socket a client is about to reuse.
  server.keepAliveTimeout = 65_000
  server.headersTimeout = 66_000
  server.requestTimeout = 30_000
  return server
}
