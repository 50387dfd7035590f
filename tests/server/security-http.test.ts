/**
 * The host's defences over real HTTP (issue 13): addresses behind proxies, limits on new identities and on guessing
 * codes and tracking numbers, sessions that can be signed out and refreshed only while they stand, client aborts
 * logged as one line, no tracking numbers in the log, and the headers every HTML page carries.
 */
import fs from 'fs'
import net from 'net'
import os from 'os'
import path from 'path'
import { ANONYMOUS_SESSIONS_PER_IP_PER_DAY } from '../../server/http'
import { clientAddress, trustedHops } from '../../server/client-address'
import { inlineScriptHashes } from '../../server/security-headers'
import { complaintForm, complaintPayload, envelope, sessionPayload } from '../support/fixtures'
import { PEOPLE, startTestHost, type TestHost } from '../support/http-host'

/** Waits for a condition the host reaches on its own (a log line after a client went away). */
async function until (condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

let host: TestHost
const opened: TestHost[] = []
/** Starts a fresh host (its own database and limits) for one test. */
async function open (opts: Parameters<typeof startTestHost>[0] = {}): Promise<void> {
  host = await startTestHost(opts)
  opened.push(host)
}
afterEach(async () => {
  for (const h of opened.splice(0)) await h.close()
})

const forwarded = (chain: string) => ({ 'X-Forwarded-For': chain })
const staff = () => host.tokenFor(PEOPLE.staffD.identityId)

async function inviteAndSignIn (stationId = 'st-b') {
  const invite = await host.post({ action: 'createInvite', data: { role: 'mediator', stationId, displayName: '新人' } }, staff())
  const first = await host.post({ action: 'signIn', data: { code: (invite.json.data as { code: string }).code } })
  return first.json.data as { token: string, expiresAt: string, accessKey: string, whoami: { identityId: string } }
}

describe('the client address behind proxies', () => {
  it('TRUST_PROXY is a number of proxies; anything else stops the host from starting', () => {
    expect([undefined, '', '0', '1', '2'].map(trustedHops)).toEqual([0, 0, 0, 1, 2])
    for (const bad of ['yes', 'true', '-1', '1.5', '99']) expect(() => trustedHops(bad)).toThrow(/TRUST_PROXY/)
  })

  it('is the entry the trusted proxies appended (from the right), never the client-written leftmost', () => {
    expect(clientAddress('10.0.0.1', 'evil, 198.51.100.7', 1)).toBe('198.51.100.7')
    expect(clientAddress('10.0.0.1', 'evil, 198.51.100.7, 10.0.0.9', 2)).toBe('198.51.100.7')
    expect(clientAddress('10.0.0.1', ['evil', '198.51.100.7'], 1)).toBe('198.51.100.7')
    expect(clientAddress('10.0.0.1', 'evil, 198.51.100.7', 0)).toBe('10.0.0.1')
    expect(clientAddress('10.0.0.1', undefined, 1)).toBe('10.0.0.1')
    expect(clientAddress('10.0.0.1', '198.51.100.7', 3)).toBe('198.51.100.7')
  })

  it(`with TRUST_PROXY=1, ${ANONYMOUS_SESSIONS_PER_IP_PER_DAY} new identities a day per address, however the client fills the header`, async () => {
    await open({ trustedProxies: 1 })
    for (let i = 0; i < ANONYMOUS_SESSIONS_PER_IP_PER_DAY; i++) {
      expect((await host.post({ action: 'anonymousSession', data: {} }, undefined, forwarded(`10.9.${i}.1, 203.0.113.7`))).status).toBe(200)
    }
    const refused = await host.post({ action: 'anonymousSession', data: {} }, undefined, forwarded('1.1.1.1, 203.0.113.7'))
    expect(refused.status).toBe(429)
    expect(refused.json.message).toBe('该网络今天新建的访问过多，请明天再试或到站点现场反映')
    expect((await host.post({ action: 'anonymousSession', data: {} }, undefined, forwarded('203.0.113.7, 203.0.113.8'))).status).toBe(200)
    host.now.value = new Date('2026-11-20T16:00:00.000Z') // the next Beijing day
    expect((await host.post({ action: 'anonymousSession', data: {} }, undefined, forwarded('203.0.113.7'))).status).toBe(200)
  })

  it('without TRUST_PROXY, X-Forwarded-For is ignored and a warning is logged once', async () => {
    await open()
    for (let i = 0; i < 3; i++) await host.post({ action: 'whoami', data: {} }, undefined, forwarded(`198.51.100.${i}`))
    const warnings = host.logs.filter((l) => l.includes('TRUST_PROXY'))
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(/X-Forwarded-For .* TRUST_PROXY is unset/)
    for (let i = 0; i < ANONYMOUS_SESSIONS_PER_IP_PER_DAY; i++) await host.post({ action: 'anonymousSession', data: {} }, undefined, forwarded(`198.51.100.${i}`))
    expect((await host.post({ action: 'anonymousSession', data: {} }, undefined, forwarded('198.51.100.250'))).status).toBe(429)
  })
})

describe('guessing over HTTP', () => {
  it('sign-in codes: 5 wrong from one address go through, then each must wait longer; other addresses are not held up', async () => {
    await open({ trustedProxies: 1 })
    const signed = await inviteAndSignIn()
    const attempt = (code: string, address: string) => host.post({ action: 'signIn', data: { code } }, undefined, forwarded(address))
    for (let i = 0; i < 6; i++) expect((await attempt(`WRNG-CODE-${i}AAA`, '203.0.113.9')).status).toBe(404)
    const held = await attempt(signed.accessKey, '203.0.113.9')
    expect(held.status).toBe(429)
    expect(held.json).toMatchObject({ code: 'RATE_LIMITED', message: '邀请码或登录码输错次数过多，请1秒后再试', details: { retryAfterSeconds: 1 } })
    expect((await attempt(signed.accessKey, '203.0.113.10')).status).toBe(200)
    host.now.value = new Date(host.now.value.getTime() + 1000)
    expect((await attempt(signed.accessKey, '203.0.113.9')).status).toBe(200)
  })

  it('tracking numbers: the 6th wrong ending of a day is refused with a message for the worker', async () => {
    await open()
    const worker = (await host.post({ action: 'anonymousSession', data: {} })).json.data as { token: string }
    const sent = (await host.post({ action: 'submitComplaint', data: complaintForm('TA01') }, worker.token)).json.data as { trackingNo: string }
    for (let i = 0; i < 5; i++) expect((await host.post({ action: 'lookupComplaint', data: { trackingNo: sent.trackingNo, phoneLast4: `000${i}` } })).status).toBe(404)
    const locked = await host.post({ action: 'lookupComplaint', data: { trackingNo: sent.trackingNo, phoneLast4: '2222' } }, worker.token)
    expect(locked.status).toBe(429)
    expect(locked.json.message).toBe('今日查询错误次数过多，请明天再试或联系站点')
  })
})

describe('sessions', () => {
  beforeEach(async () => { await open() })
  const whoami = (token: string) => host.post({ action: 'whoami', data: {} }, token)

  it('staff tokens last 7 days and device tokens 90; both are refreshed within their session', async () => {
    const signed = await inviteAndSignIn()
    expect(Date.parse(signed.expiresAt) - host.now.value.getTime()).toBe(7 * 86_400_000)
    const device = (await host.post({ action: 'anonymousSession', data: {} })).json.data as { expiresAt: string }
    expect(Date.parse(device.expiresAt) - host.now.value.getTime()).toBe(90 * 86_400_000)
    host.now.value = new Date(host.now.value.getTime() + 4 * 86_400_000)
    const refreshed = (await host.post({ action: 'signIn', data: {} }, signed.token)).json.data as { token: string, expiresAt: string }
    expect(Date.parse(refreshed.expiresAt) - host.now.value.getTime()).toBe(7 * 86_400_000)
    // One session: signing the refreshed token out ends the old one too.
    expect((await host.post({ action: 'signOut', data: {} }, refreshed.token)).status).toBe(200)
    expect((await whoami(signed.token)).status).toBe(401)
  })

  it('signing out ends this device’s session only; signing out everywhere ends them all', async () => {
    const first = await inviteAndSignIn()
    const second = (await host.post({ action: 'signIn', data: { code: first.accessKey } })).json.data as { token: string }
    const third = (await host.post({ action: 'signIn', data: { code: first.accessKey } })).json.data as { token: string }
    expect((await host.post({ action: 'signOut', data: {} }, first.token)).json).toEqual({ ok: true, data: { signedOut: true, everywhere: false } })
    expect(await whoami(first.token)).toMatchObject({ status: 401, json: { code: 'UNAUTHENTICATED', message: '登录已过期或无效，请重新登录' } })
    expect((await host.post({ action: 'signIn', data: {} }, first.token)).status).toBe(401)
    expect((await whoami(second.token)).status).toBe(200)
    expect((await host.post({ action: 'signOutEverywhere', data: {} }, second.token)).status).toBe(200)
    expect((await whoami(second.token)).status).toBe(401)
    expect((await whoami(third.token)).status).toBe(401)
    // Signing in again works, even from a browser still holding its signed-out token.
    const again = (await host.post({ action: 'signIn', data: { code: first.accessKey } }, second.token)).json.data as { token: string }
    expect(await whoami(again.token)).toMatchObject({ status: 200, json: { data: { role: 'mediator' } } })
    expect((await host.post({ action: 'signOut', data: {} })).status).toBe(401)
  })

  it('a token from before sessions had ids still works, and signing it out ends the identity’s sessions', async () => {
    const legacy = host.signer.sign({ sub: PEOPLE.mediatorA.identityId, kind: 'staff', exp: host.now.value.getTime() + 86_400_000 })
    const current = (await host.post({ action: 'signIn', data: {} }, legacy)).json.data as { token: string }
    expect((await whoami(legacy)).status).toBe(200)
    expect((await host.post({ action: 'signOut', data: {} }, legacy)).status).toBe(200)
    expect((await whoami(legacy)).status).toBe(401)
    expect((await whoami(current.token)).status).toBe(401)
  })

  it('after district staff revoke a binding: no refresh, no sign-in with the access key, no staff token minted', async () => {
    const signed = await inviteAndSignIn()
    const revoked = await host.post({ action: 'revokeBinding', data: { identityId: signed.whoami.identityId } }, staff())
    expect(revoked.status).toBe(200)
    expect((await whoami(signed.token)).json).toMatchObject({ ok: true, data: { role: 'worker', binding: null } })
    expect((await host.post({ action: 'syncRecords', data: { records: [envelope('legalSession', 'st-b', sessionPayload())] } }, signed.token)).status).toBe(403)
    const refresh = await host.post({ action: 'signIn', data: {} }, signed.token)
    expect(refresh).toMatchObject({ status: 401, json: { message: '您的账号已解除绑定，请向区人社局申请新的邀请码' } })
    expect((await host.post({ action: 'anonymousSession', data: {} }, signed.token)).status).toBe(401)
    expect((await host.post({ action: 'signIn', data: { code: signed.accessKey } })).status).toBe(404)
  })
})

describe('hygiene', () => {
  it('a client that drops its upload mid-body is one log line, not INTERNAL with a stack', async () => {
    await open()
    const { port } = new URL(host.base)
    const arrived = new Promise((resolve) => host.server.once('request', resolve))
    const socket = net.connect(Number(port), '127.0.0.1')
    await new Promise<void>((resolve) => socket.once('connect', resolve))
    socket.write(`POST /api/ledger HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{"action":"syncRecords","data":{"records":[`)
    await arrived
    socket.destroy()
    await until(() => host.logs.some((l) => l.includes('client aborted')), 'the abort to be logged')
    const lines = host.logs.filter((l) => l.includes('client aborted'))
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^POST \/api\/ledger client aborted the upload after \d+ bytes, \d+ms$/)
    expect(host.logs.filter((l) => l.includes('INTERNAL') || /\n\s+at /.test(l))).toEqual([])
    expect((await host.post({ action: 'whoami', data: {} })).status).toBe(200)
  })

  it('tracking numbers never reach the log', async () => {
    await open()
    const worker = (await host.post({ action: 'anonymousSession', data: {} })).json.data as { token: string }
    const sent = (await host.post({ action: 'submitComplaint', data: { ...complaintForm('TA01'), notify: true } }, worker.token)).json.data as { id: string, trackingNo: string }
    const mediator = host.tokenFor(PEOPLE.mediatorA.identityId)
    expect((await host.post({ action: 'handleComplaint', data: { id: sent.id, action: 'accept', baseVersion: 1 } }, mediator)).status).toBe(200)
    await host.post({ action: 'lookupComplaint', data: { trackingNo: sent.trackingNo, phoneLast4: '2222' } })
    await host.post({ action: 'syncRecords', data: { records: [envelope('wageComplaint', 'st-a', complaintPayload({ trackingNo: sent.trackingNo }))] } }, mediator)
    expect(host.logs.some((l) => l.includes('complaint status changed → accepted'))).toBe(true)
    const compact = sent.trackingNo.replace('-', '')
    expect(host.logs.filter((l) => l.includes(sent.trackingNo) || l.includes(compact))).toEqual([])
  })

  it('a synced complaint reusing a tracking number gets per-record answers, never a 500', async () => {
    await open()
    const worker = (await host.post({ action: 'anonymousSession', data: {} })).json.data as { token: string }
    const sent = (await host.post({ action: 'submitComplaint', data: complaintForm('TA01') }, worker.token)).json.data as { trackingNo: string }
    const r = await host.post({ action: 'syncRecords', data: { records: [envelope('wageComplaint', 'st-a', complaintPayload({ trackingNo: sent.trackingNo })), envelope('legalSession', 'st-a', sessionPayload())] } }, host.tokenFor(PEOPLE.mediatorA.identityId))
    expect(r.status).toBe(200)
    expect((r.json.data as { results: Array<{ result: string }> }).results.map((x) => x.result)).toEqual(['stored', 'stored'])
  })

  it('HTML pages carry a Content-Security-Policy allowing their own inline script by hash, no framing, no referrer', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-static-'))
    const inline = '!function(n){n.document.documentElement.style.fontSize="20px"}(window);'
    fs.writeFileSync(path.join(dir, 'index.html'), `<!doctype html><html><head><script>${inline}</script><script defer src="/js/app.12345678.js"></script></head><body></body></html>`)
    fs.mkdirSync(path.join(dir, 'js'))
    fs.writeFileSync(path.join(dir, 'js/app.12345678.js'), 'console.log(1)')
    await open({ staticDir: dir })
    try {
      const page = await fetch(`${host.base}/`)
      const csp = page.headers.get('content-security-policy') || ''
      const [hash] = inlineScriptHashes(await page.text())
      expect(hash).toMatch(/^'sha256-[A-Za-z0-9+/]+=*'$/)
      expect(csp).toContain(`script-src 'self' ${hash}`)
      expect(csp).not.toContain('unsafe-eval')
      expect(csp).toContain("frame-ancestors 'none'")
      expect(csp).toContain("connect-src 'self'")
      expect(csp).toContain("object-src 'none'")
      expect(page.headers.get('referrer-policy')).toBe('no-referrer')
      expect(page.headers.get('x-frame-options')).toBe('DENY')
      const script = await fetch(`${host.base}/js/app.12345678.js`)
      expect(script.status).toBe(200)
      expect(await script.text()).toBe('console.log(1)')
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})
