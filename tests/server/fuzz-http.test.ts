/**
 * Fuzzing through real HTTP on 127.0.0.1: FUZZ_HTTP_RUNS (default 10,000) malformed payloads per action, plus raw
 * bodies that are not JSON at all. Every payload the generator marks invalid is refused with a 4xx status and its
 * stable code (syncRecords: that record is answered invalid); every answer is JSON with a stable code, a Chinese
 * message and the matching status; a refused call stores nothing in any table; the host keeps serving. Prints the figures.
 */
import fc from 'fast-check'
import http from 'http'
import { ERROR_CODES, HTTP_STATUS, type ErrorCode } from '@/domain'
import { HANDLERS } from '../../cloudfunctions/ledger/src/router'
import { casePayload, complaintForm, envelope } from '../support/fixtures'
import { malformed, validInputs, type FuzzCase, type FuzzContext } from '../support/fuzz-payloads'
import { PEOPLE, startTestHost, type TestHost } from '../support/http-host'
import { watchWrites, type WriteWatch } from '../support/write-watch'

const RUNS = Number(process.env.FUZZ_HTTP_RUNS || 10_000)
let host: TestHost
let writes: WriteWatch
let ctx: FuzzContext
const agent = new http.Agent({ keepAlive: true, maxSockets: 8 })
interface Totals { sent: number, marked: number, refused: number, internal: number, partial: number, badStatus: number }
const totals: Record<string, Totals> = {}

type Json = { ok: boolean, code?: string, message?: string, data?: unknown }

function post (body: string, token: string | null): Promise<{ status: number, json: Json }> {
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

const TOKEN_FOR: Record<string, string> = {
  createInvite: PEOPLE.staffD.identityId, revokeBinding: PEOPLE.staffD.identityId, districtReport: PEOPLE.staffD.identityId, exportReport: PEOPLE.staffD.identityId,
  submitComplaint: 'dev_fuzzer', myComplaints: 'dev_fuzzer', bindRole: 'dev_binder'
}

/** A host with the test org, a case and a complaint (both accepted) and an unused invite: what the valid inputs name. */
async function hostWithFixture (): Promise<{ host: TestHost, ctx: FuzzContext }> {
  const h = await startTestHost()
  const a = h.tokenFor(PEOPLE.mediatorA.identityId)
  const kase = envelope('mediationCase', 'st-a', casePayload())
  const setup = [
    await h.post({ action: 'syncRecords', data: { records: [kase] } }, a),
    await h.post({ action: 'transitionCase', data: { id: kase.id, action: 'accept', baseVersion: 1 } }, a)
  ]
  const filed = await h.post({ action: 'submitComplaint', data: complaintForm('TA01') }, h.tokenFor('dev_owner'))
  const c = filed.json.data as { id: string, trackingNo: string }
  setup.push(filed, await h.post({ action: 'handleComplaint', data: { id: c.id, action: 'accept', baseVersion: 1 } }, a))
  const invite = await h.post({ action: 'createInvite', data: { role: 'mediator', stationId: 'st-b', displayName: '乙新人' } }, h.tokenFor(PEOPLE.staffD.identityId))
  setup.push(invite)
  expect(setup.map((r) => r.status)).toEqual([200, 200, 200, 200, 200])
  return { host: h, ctx: { caseId: kase.id, complaintId: c.id, trackingNo: c.trackingNo, inviteCode: (invite.json.data as { code: string }).code } }
}

beforeAll(async () => {
  ({ host, ctx } = await hostWithFixture())
  // Rate-limit and guess counters count attempts, refused ones included: that is their job. Every other table is watched.
  writes = watchWrites(host.store.db, ['rate_limits', 'counters'])
})

afterAll(async () => {
  console.log(`fuzz (HTTP), ${RUNS} payloads per action:\n` + Object.entries(totals).map(([a, t]) =>
    `  ${a.padEnd(18)} sent ${t.sent}  marked invalid ${t.marked}  refused ${t.refused}  INTERNAL ${t.internal}  partial writes ${t.partial}  wrong status ${t.badStatus}`).join('\n'))
  agent.destroy()
  await host.close()
})

/** The stored version of a record (0 when absent), to prove a refused record left it alone. */
async function versionOf (id: string): Promise<number> {
  const [r] = await host.store.getRecords([id])
  return r ? r.version : 0
}

const stable = (code: unknown) => ERROR_CODES.includes(code as ErrorCode) && code !== 'INTERNAL'

/** Checks one answer; returns whether the call as a whole was refused. */
function check (t: Totals, status: number, json: Json, before: number): boolean {
  t.sent++
  if (json.ok) {
    if (status !== 200) t.badStatus++
    return false
  }
  t.refused++
  if (json.code === 'INTERNAL') t.internal++
  if (writes.total() !== before) t.partial++
  if (status !== HTTP_STATUS[json.code as ErrorCode]) t.badStatus++
  expect({ code: json.code, stable: stable(json.code) }).toEqual({ code: json.code, stable: true })
  expect(json.message).toMatch(/[\u4e00-\u9fff]/)
  return true
}

test('the valid inputs are accepted over HTTP as they stand', async () => {
  const own = await hostWithFixture()
  try {
    for (const [action, input] of Object.entries(validInputs(own.ctx))) {
      const { status, json } = await own.host.post({ action, data: input() }, own.host.tokenFor(TOKEN_FOR[action] || PEOPLE.mediatorA.identityId))
      expect({ action, status, code: json.code }).toEqual({ action, status: 200, code: undefined })
    }
  } finally {
    await own.host.close()
  }
})

describe.each(Object.keys(HANDLERS))('%s over HTTP', (action) => {
  it(`refuses every marked payload of ${RUNS} with a 4xx status, answers the rest cleanly`, async () => {
    const t: Totals = totals[action] = { sent: 0, marked: 0, refused: 0, internal: 0, partial: 0, badStatus: 0 }
    const token = host.tokenFor(TOKEN_FOR[action] || PEOPLE.mediatorA.identityId)
    await fc.assert(fc.asyncProperty(malformed(validInputs(ctx)[action], action), async ({ payload, invalid, recordIndex }: FuzzCase) => {
      const body = JSON.stringify({ action, data: payload })
      if (body === undefined) return
      const before = writes.total()
      const marked = recordIndex === undefined ? undefined : (payload as { records: Array<{ id?: unknown }> }).records[recordIndex]
      const markedId = marked && typeof marked === 'object' && typeof marked.id === 'string' ? marked.id : null
      const markedVersion = markedId ? await versionOf(markedId) : 0
      const { status, json } = await post(body, token)
      if (invalid) t.marked++
      const refused = check(t, status, json, before)
      if (action === 'syncRecords' && json.ok) {
        const results = (json.data as { results: Array<{ id: string, result: string, error?: { code: string } }> }).results
        if (results.every((r) => r.result === 'invalid' || r.result === 'forbidden') && writes.total() !== before) t.partial++
        if (markedId && (await versionOf(markedId)) !== markedVersion) t.partial++
        if (recordIndex !== undefined) {
          const r = results[recordIndex]
          expect({ invalid, status, result: r.result, code: r.error?.code }).toEqual({ invalid, status: 200, result: 'invalid', code: 'VALIDATION_FAILED' })
          return
        }
      }
      if (!invalid) return
      expect({ invalid, refused, status4xx: status >= 400 && status < 500 }).toEqual({ invalid, refused: true, status4xx: true })
    }), { numRuns: RUNS, seed: 1123 })
    expect([t.internal, t.partial, t.badStatus]).toEqual([0, 0, 0])
    expect(t.marked).toBeGreaterThan(RUNS / 5)
  }, 900_000)
})

test(`raw bodies that are not our JSON (${RUNS})`, async () => {
  const t: Totals = totals['(raw body)'] = { sent: 0, marked: 0, refused: 0, internal: 0, partial: 0, badStatus: 0 }
  const token = host.tokenFor(PEOPLE.mediatorA.identityId)
  await fc.assert(fc.asyncProperty(fc.oneof(
    fc.string({ maxLength: 300 }),
    fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString('latin1')),
    fc.anything().map((v) => JSON.stringify(v) ?? 'undefined'),
    fc.record({ action: fc.oneof(fc.string(), fc.anything()), data: fc.anything() }).map((v) => JSON.stringify(v))
  ), async (body) => {
    const before = writes.total()
    const { status, json } = await post(body, token)
    check(t, status, json, before)
  }), { numRuns: RUNS, seed: 7 })
  expect([t.internal, t.partial, t.badStatus]).toEqual([0, 0, 0])
  expect(host.logs.filter((l) => l.includes('INTERNAL'))).toEqual([])
}, 900_000)
