/** The host over real HTTP on 127.0.0.1: sessions, statuses, bad input, idempotent sync. */
import type { SyncResult } from '../../cloudfunctions/ledger/src/handlers/sync'
import { envelope, sessionPayload, complaintForm } from '../support/fixtures'
import { PEOPLE, startTestHost, type TestHost } from '../support/http-host'

let host: TestHost
beforeAll(async () => { host = await startTestHost() })
afterAll(async () => { await host.close() })

const A = () => host.tokenFor(PEOPLE.mediatorA.identityId)
const count = () => (host.store.db.prepare('SELECT COUNT(*) AS n FROM records').get() as { n: number }).n

describe('sessions', () => {
  it('an invite signs a new person in with a token and a personal access key; the key signs them in again', async () => {
    const invite = await host.post({ action: 'createInvite', data: { role: 'mediator', stationId: 'st-b', displayName: '新人' } }, host.tokenFor(PEOPLE.staffD.identityId))
    const code = (invite.json.data as { code: string }).code
    const first = await host.post({ action: 'signIn', data: { code } })
    expect(first.status).toBe(200)
    const data = first.json.data as { token: string, accessKey: string, whoami: { role: string, station: { id: string } } }
    expect(data.whoami).toMatchObject({ role: 'mediator', station: { id: 'st-b' } })
    expect(data.accessKey).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/)
    const again = await host.post({ action: 'signIn', data: { code: data.accessKey.toLowerCase() } })
    expect((again.json.data as { whoami: { identityId: string } }).whoami.identityId).toBe((first.json.data as { whoami: { identityId: string } }).whoami.identityId)
    const reused = await host.post({ action: 'signIn', data: { code } })
    expect(reused.status).toBe(403)
  })

  it('a worker gets an anonymous device session that sees only its own complaints', async () => {
    const s1 = (await host.post({ action: 'anonymousSession', data: {} })).json.data as { token: string }
    const s2 = (await host.post({ action: 'anonymousSession', data: {} })).json.data as { token: string }
    expect(s1.token).not.toBe(s2.token)
    const sent = await host.post({ action: 'submitComplaint', data: complaintForm('TA01') }, s1.token)
    expect(sent.status).toBe(200)
    expect(((await host.post({ action: 'myComplaints', data: {} }, s1.token)).json.data as { items: unknown[] }).items).toHaveLength(1)
    expect(((await host.post({ action: 'myComplaints', data: {} }, s2.token)).json.data as { items: unknown[] }).items).toHaveLength(0)
  })

  it('refuses forged, tampered and expired tokens with 401', async () => {
    const token = A()
    const [v, body, mac] = token.split('.')
    const forgedBody = Buffer.from(JSON.stringify({ sub: PEOPLE.staffD.identityId, kind: 'staff', exp: Date.now() + 1e9 })).toString('base64url')
    for (const bad of [`${v}.${forgedBody}.${mac}`, `${v}.${body}.${mac.slice(0, -2)}xx`, 'garbage', host.signer.sign({ sub: 'x', kind: 'staff', exp: host.now.value.getTime() - 1 })]) {
      const r = await host.post({ action: 'whoami', data: {} }, bad)
      expect(r.status).toBe(401)
      expect(r.json.code).toBe('UNAUTHENTICATED')
    }
  })

  it('identity in the payload is ignored: the token decides', async () => {
    const r = await host.post({ action: 'whoami', data: {}, openid: PEOPLE.staffD.identityId })
    expect(r.status).toBe(400)
    const forged = await host.post({ action: 'whoami', data: { identityId: PEOPLE.staffD.identityId } }, A())
    expect(forged.status).toBe(400)
    const w = await host.post({ action: 'whoami', data: {} }, A())
    expect((w.json.data as { role: string }).role).toBe('mediator')
  })
})

describe('bad input', () => {
  it.each([
    ['malformed JSON', '{"action": "whoami",', 400, 'VALIDATION_FAILED'],
    ['a JSON array', '[1,2]', 400, 'VALIDATION_FAILED'],
    ['no action', '{}', 400, 'VALIDATION_FAILED'],
    ['a numeric action', '{"action": 5}', 400, 'VALIDATION_FAILED'],
    ['an unknown action', '{"action": "dropTables"}', 400, 'UNKNOWN_ACTION'],
    ['a huge string', JSON.stringify({ action: 'stationByCode', data: { code: 'x'.repeat(500_000) } }), 400, 'VALIDATION_FAILED'],
    ['deep nesting', '{"action":"whoami","data":' + '['.repeat(5000) + ']'.repeat(5000) + '}', 400, 'VALIDATION_FAILED']
  ])('%s is refused cleanly', async (_name, body, status, code) => {
    const r = await host.post(body)
    expect(r.status).toBe(status)
    if (code) expect(r.json).toMatchObject({ ok: false, code })
    if (!r.json.ok) expect(r.json.message).toMatch(/[\u4e00-\u9fff]/)
  })

  it('refuses bodies over 1 MB with 413 and keeps serving', async () => {
    const big = JSON.stringify({ action: 'syncRecords', data: { records: [{ pad: 'x'.repeat(1_100_000) }] } })
    const r = await host.post(big, A())
    expect(r.status).toBe(413)
    expect(r.json.code).toBe('PAYLOAD_TOO_LARGE')
    expect((await host.post({ action: 'whoami', data: {} })).status).toBe(200)
  })

  it('refuses non-JSON bodies and GET on the API', async () => {
    expect((await host.post('action=whoami', undefined, { 'Content-Type': 'application/x-www-form-urlencoded' })).status).toBe(400)
    expect((await fetch(`${host.base}/api/ledger`)).status).toBe(405)
  })

  it('maps codes to statuses: 401, 403, 404, 409, 429', async () => {
    expect((await host.post({ action: 'syncRecords', data: { records: [] } })).status).toBe(401)
    expect((await host.post({ action: 'districtReport', data: { period: { kind: 'year', year: 2026 } } }, A())).status).toBe(403)
    expect((await host.post({ action: 'stationByCode', data: { code: 'NOPE' } })).status).toBe(404)
    const worker = (await host.post({ action: 'anonymousSession', data: {} })).json.data as { token: string }
    const sent = (await host.post({ action: 'submitComplaint', data: complaintForm('TA01') }, worker.token)).json.data as { id: string }
    await host.post({ action: 'handleComplaint', data: { id: sent.id, action: 'accept', baseVersion: 1 } }, A())
    expect((await host.post({ action: 'handleComplaint', data: { id: sent.id, action: 'accept', baseVersion: 1 } }, A())).status).toBe(409)
    let last = 0
    for (let i = 0; i < 6; i++) last = (await host.post({ action: 'submitComplaint', data: complaintForm('TA01') }, worker.token)).status
    expect(last).toBe(429)
  })

  it('stores nothing for any refused request', async () => {
    const before = count()
    await host.post({ action: 'syncRecords', data: { records: [{ ...envelope('legalSession', 'st-a', sessionPayload()), payload: { date: 'tomorrow' } }] } }, A())
    await host.post('{"action":"syncRecords","data":{"records":[', A())
    expect(count()).toBe(before)
  })
})

describe('sync over HTTP', () => {
  it('the same batch three times is stored once', async () => {
    const batch = Array.from({ length: 50 }, (_, i) => envelope('legalSession', 'st-a', sessionPayload({ attendees: i })))
    const before = count()
    const kinds: string[][] = []
    for (let i = 0; i < 3; i++) {
      const r = await host.post({ action: 'syncRecords', data: { records: batch } }, A())
      kinds.push([...new Set((r.json.data as { results: SyncResult[] }).results.map((x) => x.result))])
    }
    expect(kinds).toEqual([['stored'], ['duplicate'], ['duplicate']])
    expect(count() - before).toBe(50)
  })

  it('serves the QR code of a station as an SVG pointing at the H5 complaint page', async () => {
    const r = await host.post({ action: 'stationQr', data: {} }, A())
    const qr = r.json.data as { target: string, imageUrl: string, stationName: string }
    expect(qr.target).toBe(`${host.base}/#/pages/complaint/index?s=TA01`)
    expect(qr.imageUrl.startsWith('data:image/svg+xml;base64,')).toBe(true)
    expect(Buffer.from(qr.imageUrl.split(',')[1], 'base64').toString()).toContain('<svg')
  })
})
