/**
 * Fuzzing through real HTTP on 127.0.0.1: FUZZ_HTTP_RUNS (default 10,000) malformed payloads per action, plus raw
 * bodies that are not JSON at all. Every answer is JSON with a stable code, a Chinese message and the matching
 * status; nothing is stored by a refused call; the host keeps serving. Prints the figures.
 */
import fc from 'fast-check'
import http from 'http'
import { ERROR_CODES, HTTP_STATUS } from '@/domain'
import { HANDLERS } from '../../cloudfunctions/ledger/src/router'
import { casePayload, complaintForm, envelope } from '../support/fixtures'
import { malformed, validInputs } from '../support/fuzz-payloads'
import { PEOPLE, startTestHost, type TestHost } from '../support/http-host'

const RUNS = Number(process.env.FUZZ_HTTP_RUNS || 10_000)
let host: TestHost
let ctx: { caseId: string, complaintId: string, trackingNo: string }
const agent = new http.Agent({ keepAlive: true, maxSockets: 8 })
const totals: Record<string, { sent: number, refused: number, internal: number, partial: number, badStatus: number }> = {}

function post (body: string, token: string | null): Promise<{ status: number, json: { ok: boolean, code?: string, message?: string, data?: unknown } }> {
  const url = new URL(`${host.base}/api/ledger`)
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', agent, headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) } }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => {
        try {
          resolve({ status: res.statusCode || 0, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) })
        } catch (e) {
          reject(e)
        }
      })
    })
    req.on('error', reject)
    req.end(body)
  })
}

const fingerprint = () => JSON.stringify(host.store.db.prepare(`SELECT (SELECT COUNT(*) FROM records) AS r, (SELECT COALESCE(SUM(version), 0) FROM records) AS v,
  (SELECT COUNT(*) FROM audit) AS a, (SELECT COUNT(*) FROM bindings) AS b, (SELECT COUNT(*) FROM invites) AS i`).get())

const TOKEN_FOR: Record<string, string> = { createInvite: PEOPLE.staffD.identityId, revokeBinding: PEOPLE.staffD.identityId, districtReport: PEOPLE.staffD.identityId, exportReport: PEOPLE.staffD.identityId, submitComplaint: 'dev_fuzzer', myComplaints: 'dev_fuzzer', bindRole: 'dev_fuzzer' }

beforeAll(async () => {
  host = await startTestHost()
  const a = host.tokenFor(PEOPLE.mediatorA.identityId)
  const kase = envelope('mediationCase', 'st-a', casePayload())
  await host.post({ action: 'syncRecords', data: { records: [kase] } }, a)
  const c = (await host.post({ action: 'submitComplaint', data: complaintForm('TA01') }, host.tokenFor('dev_owner'))).json.data as { id: string, trackingNo: string }
  ctx = { caseId: kase.id, complaintId: c.id, trackingNo: c.trackingNo }
})

afterAll(async () => {
  console.log(`fuzz (HTTP), ${RUNS} payloads per action:\n` + Object.entries(totals).map(([a, t]) => `  ${a.padEnd(18)} sent ${t.sent}  refused ${t.refused}  INTERNAL ${t.internal}  partial writes ${t.partial}  wrong status ${t.badStatus}`).join('\n'))
  agent.destroy()
  await host.close()
})

function check (t: typeof totals[string], status: number, json: { ok: boolean, code?: string, message?: string, data?: unknown }, before: string) {
  t.sent++
  if (json.ok) {
    if (status !== 200) t.badStatus++
    return
  }
  t.refused++
  if (json.code === 'INTERNAL') t.internal++
  if (fingerprint() !== before) t.partial++
  if (status !== HTTP_STATUS[json.code as keyof typeof HTTP_STATUS]) t.badStatus++
  expect(ERROR_CODES).toContain(json.code)
  expect(json.message).toMatch(/[\u4e00-\u9fff]/)
}

describe.each(Object.keys(HANDLERS))('%s over HTTP', (action) => {
  it(`answers ${RUNS} malformed payloads cleanly`, async () => {
    const t = totals[action] = { sent: 0, refused: 0, internal: 0, partial: 0, badStatus: 0 }
    const token = host.tokenFor(TOKEN_FOR[action] || PEOPLE.mediatorA.identityId)
    await fc.assert(fc.asyncProperty(malformed(validInputs(ctx)[action]), async (data) => {
      const body = JSON.stringify({ action, data })
      if (body === undefined) return
      const before = fingerprint()
      const { status, json } = await post(body, token)
      check(t, status, json, before)
    }), { numRuns: RUNS, seed: 1123 })
    expect([t.internal, t.partial, t.badStatus]).toEqual([0, 0, 0])
  }, 900_000)
})

test(`raw bodies that are not our JSON (${RUNS})`, async () => {
  const t = totals['(raw body)'] = { sent: 0, refused: 0, internal: 0, partial: 0, badStatus: 0 }
  const token = host.tokenFor(PEOPLE.mediatorA.identityId)
  await fc.assert(fc.asyncProperty(fc.oneof(
    fc.string({ maxLength: 300 }),
    fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString('latin1')),
    fc.anything().map((v) => JSON.stringify(v) ?? 'undefined'),
    fc.record({ action: fc.oneof(fc.string(), fc.anything()), data: fc.anything() }).map((v) => JSON.stringify(v))
  ), async (body) => {
    const before = fingerprint()
    const { status, json } = await post(body, token)
    check(t, status, json, before)
  }), { numRuns: RUNS, seed: 7 })
  expect([t.internal, t.partial, t.badStatus]).toEqual([0, 0, 0])
  expect(host.logs.filter((l) => l.includes('INTERNAL'))).toEqual([])
}, 900_000)
