/**
 * The host's HTTP adapter: `POST /api/ledger` with `{ action, data }` and `Authorization: Bearer <token>`, answering
 * `{ ok: true, data }` or `{ ok: false, code, message, details }` with the matching HTTP status; the H5 build at `/`.
 * Host-only actions turn invite codes and personal access keys into signed sessions.
 */
import fs from 'fs'
import http, { type IncomingMessage, type ServerResponse } from 'http'
import path from 'path'
import { z } from 'zod/mini'
import { HTTP_STATUS, LedgerError, readableCode, typeError } from '@/domain'
import type { Caller, HandlerContext, PlatformServices } from '../cloudfunctions/ledger/src/context'
import { redeemFor, whoami } from '../cloudfunctions/ledger/src/handlers/identity'
import { resolveActor } from '../cloudfunctions/ledger/src/access'
import { failure, type Answer } from '../cloudfunctions/ledger/src/respond'
import { handle } from '../cloudfunctions/ledger/src/router'
import { parseInput } from '../cloudfunctions/ledger/src/validate'
import { DEVICE_SESSION_DAYS, STAFF_SESSION_DAYS, newIdentityId, type SessionClaims, type SessionSigner } from './session'
import type { SqliteStore } from './sqlite-store'
import { staticFiles } from './static-files'
import { turnQueue } from './turn-queue'

export const MAX_BODY_BYTES = 1024 * 1024

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
  /** Trust X-Forwarded-For (only behind a proxy you run). */
  trustProxy?: boolean
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
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] || 0)
    if (declared > MAX_BODY_BYTES) {
      reject(new LedgerError('PAYLOAD_TOO_LARGE', '提交的内容超过1MB，请分批提交'))
      return
    }
    const chunks: Buffer[] = []
    let size = 0
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
    req.on('error', (e) => { if (!failed) reject(e) })
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

export function createHost (opts: HostOptions): http.Server {
  const now = opts.now || (() => new Date())
  const inTurn = turnQueue()
  const serveStatic = opts.staticDir ? staticFiles(opts.staticDir) : null

  function token (sub: string, kind: SessionClaims['kind']) {
    const days = kind === 'staff' ? STAFF_SESSION_DAYS : DEVICE_SESSION_DAYS
    const exp = now().getTime() + days * 86_400_000
    return { token: opts.signer.sign({ sub, kind, exp }), expiresAt: new Date(exp).toISOString() }
  }

  /** signIn: an access key signs its owner in; an invite binds the caller (or a new identity); no code refreshes. */
  async function signIn (data: unknown, ctx: HandlerContext, claims: SessionClaims | null) {
    const { code } = parseInput(signInInput, data)
    if (!code) {
      if (!claims) throw new LedgerError('UNAUTHENTICATED', '请输入邀请码或登录码')
      const actor = await resolveActor(ctx)
      return { ...token(claims.sub, claims.kind), whoami: await whoami({}, ctx, actor) }
    }
    const existing = await opts.store.findBindingByAccessKey(opts.signer.hashKey(code))
    if (existing) {
      const actor = await resolveActor({ ...ctx, caller: { identityId: existing.identityId } })
      return { ...token(existing.identityId, 'staff'), whoami: await whoami({}, ctx, actor) }
    }
    const identityId = claims?.sub || newIdentityId('staff')
    const accessKey = readableCode(12)
    await redeemFor(identityId, code, ctx, opts.signer.hashKey(accessKey))
    const actor = await resolveActor({ ...ctx, caller: { identityId } })
    return { ...token(identityId, 'staff'), accessKey, whoami: await whoami({}, ctx, actor) }
  }

  async function api (req: IncomingMessage, res: ServerResponse, ip: string): Promise<string> {
    const started = Date.now()
    const { caller, claims, badToken } = callerFrom(req, opts.signer, now().getTime())
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
        if (badToken) throw new LedgerError('UNAUTHENTICATED', '登录已过期或无效，请重新登录')
        if (action === 'signIn') return { ok: true, data: await signIn(env.data, ctx, claims) }
        if (action === 'anonymousSession') {
          parseInput(z.strictObject({}), env.data)
          return { ok: true, data: claims ? token(claims.sub, claims.kind) : token(newIdentityId('device'), 'device') }
        }
        return handle(action, env.data, ctx)
      })
    } catch (e) {
      answer = failure(e, ctx.log)
    }
    send(res, answer)
    return `${action} ${answer.ok ? 'ok' : answer.code} ${Date.now() - started}ms`
  }

  const server = http.createServer((req, res) => {
    const forwarded = opts.trustProxy ? String(req.headers['x-forwarded-for'] || '').split(',')[0].trim() : ''
    const ip = forwarded || req.socket.remoteAddress || ''
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
