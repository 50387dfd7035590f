/**
 * The refusals that matter most, written out by hand and independent of ACCESS_MATRIX (which the router gates on and
 * access-matrix.test.ts checks cell by cell): another station's records, another district, a worker's complaint in
 * another worker's hands, district-only actions by a mediator, station writes by district staff, and sessions the
 * host must not trust. Each runs against the handlers and again over HTTP, and must store nothing and leak nothing.
 */
import type { ErrorCode } from '@/domain'
import { SessionSigner } from '../../server/session'
import { SqliteStore } from '../../server/sqlite-store'
import { casePayload, complaintForm, envelope, sessionPayload } from '../support/fixtures'
import { startTestHost, type TestHost } from '../support/http-host'
import { Ledger, PEOPLE, seedOrg } from '../support/ledger-harness'
import { watchWrites, type WriteWatch } from '../support/write-watch'

/** What the refused caller must never see: the case applicant's and the complainant's names and phone numbers. */
const SECRETS = ['王小二', '13812341234', '赵六', '13700002222']

interface Fixture { caseId: string, complaintId: string, trackingNo: string }

interface Denial {
  /** Who tries what, in words. */
  what: string
  caller: string | null
  action: string
  input: (f: Fixture) => unknown
  /** The error code of the refusal; or, for answers scoped to the caller's own data, what must hold of the answer. */
  refused: ErrorCode | { answer: (data: Record<string, unknown>, f: Fixture) => boolean, says: string }
}

const mediatorA = PEOPLE.mediatorA.identityId
const mediatorB = PEOPLE.mediatorB.identityId
const mediatorC = PEOPLE.mediatorC.identityId
const staffD = PEOPLE.staffD.identityId
const staffE = PEOPLE.staffE.identityId
const owner = 'dev_owner'
const otherWorker = 'dev_other'
const YEAR = { kind: 'year', year: 2026 }

const stationRows = (d: Record<string, unknown>) => (d.rows as Array<{ stationId: string }>).map((r) => r.stationId)

const DENIALS: Denial[] = [
  // Another station's records (station B's mediator, same district).
  { what: "B's mediator lists A's records", caller: mediatorB, action: 'listRecords', input: () => ({ stationId: 'st-a' }), refused: 'FORBIDDEN' },
  { what: "B's mediator opens A's case", caller: mediatorB, action: 'getRecord', input: (f) => ({ id: f.caseId }), refused: 'FORBIDDEN' },
  { what: "B's mediator accepts A's case", caller: mediatorB, action: 'transitionCase', input: (f) => ({ id: f.caseId, action: 'accept', baseVersion: 1 }), refused: 'FORBIDDEN' },
  {
    what: "B's mediator syncs a new record for station A",
    caller: mediatorB,
    action: 'syncRecords',
    input: () => ({ records: [envelope('legalSession', 'st-a', sessionPayload())] }),
    refused: { answer: (d) => syncResult(d) === 'forbidden', says: 'the record is answered forbidden' }
  },
  {
    what: "B's mediator edits A's case through sync",
    caller: mediatorB,
    action: 'syncRecords',
    input: (f) => ({ records: [{ id: f.caseId, type: 'mediationCase', stationId: 'st-a', baseVersion: 1, payload: casePayload({ facts: '改写' }) }] }),
    refused: { answer: (d) => syncResult(d) === 'forbidden', says: 'the record is answered forbidden' }
  },
  {
    what: "B's mediator takes over A's case id for station B",
    caller: mediatorB,
    action: 'syncRecords',
    input: (f) => ({ records: [{ id: f.caseId, type: 'mediationCase', stationId: 'st-b', payload: casePayload({ facts: '改写' }) }] }),
    refused: { answer: (d) => syncResult(d) === 'forbidden', says: 'the record is answered forbidden' }
  },
  { what: "B's mediator reads A's complaint inbox", caller: mediatorB, action: 'stationComplaints', input: () => ({ stationId: 'st-a' }), refused: 'FORBIDDEN' },
  { what: "B's mediator opens a complaint filed at A", caller: mediatorB, action: 'getComplaint', input: (f) => ({ id: f.complaintId }), refused: 'FORBIDDEN' },
  { what: "B's mediator accepts a complaint filed at A", caller: mediatorB, action: 'handleComplaint', input: (f) => ({ id: f.complaintId, action: 'accept', baseVersion: 1 }), refused: 'FORBIDDEN' },
  { what: "B's mediator reads A's summary", caller: mediatorB, action: 'stationSummary', input: () => ({ stationId: 'st-a', period: YEAR }), refused: 'FORBIDDEN' },
  { what: "B's mediator prints A's QR poster", caller: mediatorB, action: 'stationQr', input: () => ({ stationId: 'st-a' }), refused: 'FORBIDDEN' },

  // Another district (district E's staff and station C's mediator).
  { what: "E's staff lists A's records", caller: staffE, action: 'listRecords', input: () => ({ stationId: 'st-a' }), refused: 'FORBIDDEN' },
  { what: "E's staff opens A's case", caller: staffE, action: 'getRecord', input: (f) => ({ id: f.caseId }), refused: 'FORBIDDEN' },
  { what: "E's staff opens a complaint filed at A", caller: staffE, action: 'getComplaint', input: (f) => ({ id: f.complaintId }), refused: 'FORBIDDEN' },
  { what: "E's staff reads A's complaint inbox", caller: staffE, action: 'stationComplaints', input: () => ({ stationId: 'st-a' }), refused: 'FORBIDDEN' },
  { what: "E's staff reads A's summary", caller: staffE, action: 'stationSummary', input: () => ({ stationId: 'st-a', period: YEAR }), refused: 'FORBIDDEN' },
  { what: "E's staff prints A's QR poster", caller: staffE, action: 'stationQr', input: () => ({ stationId: 'st-a' }), refused: 'FORBIDDEN' },
  { what: "E's staff invites a mediator into station A", caller: staffE, action: 'createInvite', input: () => ({ role: 'mediator', stationId: 'st-a', displayName: '冒名' }), refused: 'FORBIDDEN' },
  {
    what: "E's staff asks for the district report",
    caller: staffE,
    action: 'districtReport',
    input: () => ({ period: YEAR }),
    refused: { answer: (d) => d.districtId === 'dist-e' && !stationRows(d).some((s) => s === 'st-a' || s === 'st-b'), says: "only district E's own stations" }
  },
  {
    what: "E's staff exports the district report",
    caller: staffE,
    action: 'exportReport',
    input: () => ({ period: YEAR, format: 'csv' }),
    refused: { answer: (d) => !/测试区|甲街道|乙镇/.test(Buffer.from(String(d.base64), 'base64').toString('utf8')), says: 'no word of district D in the file' }
  },
  { what: "C's mediator opens A's case", caller: mediatorC, action: 'getRecord', input: (f) => ({ id: f.caseId }), refused: 'FORBIDDEN' },
  { what: "C's mediator lists A's records", caller: mediatorC, action: 'listRecords', input: () => ({ stationId: 'st-a' }), refused: 'FORBIDDEN' },

  // A worker's complaint in another worker's hands (and in no one's).
  { what: 'another worker opens the complaint', caller: otherWorker, action: 'getComplaint', input: (f) => ({ id: f.complaintId }), refused: 'FORBIDDEN' },
  { what: 'another worker closes the complaint', caller: otherWorker, action: 'handleComplaint', input: (f) => ({ id: f.complaintId, action: 'close', baseVersion: 1, recoveredFen: 0 }), refused: 'FORBIDDEN' },
  {
    what: "another worker's own list",
    caller: otherWorker,
    action: 'myComplaints',
    input: () => ({}),
    refused: { answer: (d, f) => !(d.items as Array<{ id: string }>).some((i) => i.id === f.complaintId), says: 'the complaint is not listed' }
  },
  { what: 'another worker looks it up with the tracking number but not the phone', caller: otherWorker, action: 'lookupComplaint', input: (f) => ({ trackingNo: f.trackingNo, phoneLast4: '1234' }), refused: 'NOT_FOUND' },
  { what: "another worker resends the complaint's id as their own", caller: otherWorker, action: 'submitComplaint', input: (f) => complaintForm('TA01', { id: f.complaintId, name: '钱七' }), refused: 'CONFLICT' },
  { what: 'no identity opens the complaint', caller: null, action: 'getComplaint', input: (f) => ({ id: f.complaintId }), refused: 'UNAUTHENTICATED' },
  { what: 'no identity lists its complaints', caller: null, action: 'myComplaints', input: () => ({}), refused: 'UNAUTHENTICATED' },

  // District-only actions by a mediator.
  { what: "A's mediator invites a mediator", caller: mediatorA, action: 'createInvite', input: () => ({ role: 'mediator', stationId: 'st-a', displayName: '新人' }), refused: 'FORBIDDEN' },
  { what: "A's mediator invites district staff", caller: mediatorA, action: 'createInvite', input: () => ({ role: 'district', displayName: '新科员' }), refused: 'FORBIDDEN' },
  { what: "A's mediator reads the district report", caller: mediatorA, action: 'districtReport', input: () => ({ period: YEAR }), refused: 'FORBIDDEN' },
  { what: "A's mediator exports the district report", caller: mediatorA, action: 'exportReport', input: () => ({ period: YEAR, format: 'xlsx' }), refused: 'FORBIDDEN' },

  // Station writes by district staff (they read every station of their district, and change none).
  { what: "D's staff syncs a record for station A", caller: staffD, action: 'syncRecords', input: () => ({ records: [envelope('legalSession', 'st-a', sessionPayload())] }), refused: 'FORBIDDEN' },
  { what: "D's staff accepts A's case", caller: staffD, action: 'transitionCase', input: (f) => ({ id: f.caseId, action: 'accept', baseVersion: 1 }), refused: 'FORBIDDEN' },
  { what: "D's staff accepts a complaint filed at A", caller: staffD, action: 'handleComplaint', input: (f) => ({ id: f.complaintId, action: 'accept', baseVersion: 1 }), refused: 'FORBIDDEN' }
]

function syncResult (d: Record<string, unknown>): string {
  return (d.results as Array<{ result: string }>)[0].result
}

/** The answer must be the named refusal (or pass the scoped check), carry no secret, and leave the store as it was. */
function expectRefused (denial: Denial, answer: { ok: boolean, code?: string, message?: string, data?: unknown }, writes: WriteWatch, before: number, f: Fixture) {
  const seen = JSON.stringify(answer)
  if (typeof denial.refused === 'string') {
    expect({ what: denial.what, ok: answer.ok, code: answer.code }).toEqual({ what: denial.what, ok: false, code: denial.refused })
    expect(answer.message).toMatch(/[\u4e00-\u9fff]/)
  } else {
    expect({ what: denial.what, ok: answer.ok }).toEqual({ what: denial.what, ok: true })
    const { answer: check, says } = denial.refused
    expect({ what: denial.what, says, holds: check(answer.data as Record<string, unknown>, f) }).toEqual({ what: denial.what, says, holds: true })
  }
  expect({ what: denial.what, leaked: SECRETS.filter((s) => seen.includes(s)) }).toEqual({ what: denial.what, leaked: [] })
  expect({ what: denial.what, writes: writes.total() - before }).toEqual({ what: denial.what, writes: 0 })
}

describe('the denials that matter most, against the handlers', () => {
  let store: SqliteStore
  let ledger: Ledger
  let f: Fixture
  let writes: WriteWatch

  beforeEach(async () => {
    store = new SqliteStore(':memory:')
    await seedOrg(store)
    ledger = new Ledger(store)
    const kase = envelope('mediationCase', 'st-a', casePayload())
    await ledger.ok('syncRecords', { records: [kase] }, mediatorA)
    const complaint = await ledger.ok<{ id: string, trackingNo: string }>('submitComplaint', complaintForm('TA01'), owner)
    f = { caseId: kase.id, complaintId: complaint.id, trackingNo: complaint.trackingNo }
    // Rate-limit counters count attempts, refused ones included: that is their job.
    writes = watchWrites(store.db, ['rate_limits', 'counters'])
  })

  afterEach(() => store.close())

  it.each(DENIALS.map((d) => [d.what, d] as const))('%s', async (_what, denial) => {
    const before = writes.total()
    const answer = await ledger.call(denial.action, denial.input(f), denial.caller)
    expectRefused(denial, answer, writes, before, f)
  })

  it('the write watch sees what an allowed call writes (so "0 writes" above means something)', async () => {
    const before = writes.total()
    await ledger.ok('transitionCase', { id: f.caseId, action: 'accept', baseVersion: 1 }, mediatorA)
    expect(writes.total()).toBeGreaterThan(before)
    expect(Object.keys(writes.counts())).toEqual(expect.arrayContaining(['records', 'audit', 'daily_figures']))
  })
})

describe('the same denials over HTTP, and sessions the host must not trust', () => {
  let host: TestHost
  let f: Fixture
  let writes: WriteWatch

  beforeEach(async () => {
    host = await startTestHost()
    const kase = envelope('mediationCase', 'st-a', casePayload())
    const synced = await host.post({ action: 'syncRecords', data: { records: [kase] } }, host.tokenFor(mediatorA))
    const filed = await host.post({ action: 'submitComplaint', data: complaintForm('TA01') }, host.tokenFor(owner))
    expect([synced.status, filed.status]).toEqual([200, 200])
    const complaint = filed.json.data as { id: string, trackingNo: string }
    f = { caseId: kase.id, complaintId: complaint.id, trackingNo: complaint.trackingNo }
    writes = watchWrites(host.store.db, ['rate_limits', 'counters'])
  })

  afterEach(async () => host.close())

  const STATUS: Record<string, number> = { FORBIDDEN: 403, UNAUTHENTICATED: 401, NOT_FOUND: 404, CONFLICT: 409 }

  it.each(DENIALS.map((d) => [d.what, d] as const))('%s', async (_what, denial) => {
    const before = writes.total()
    const { status, json } = await host.post({ action: denial.action, data: denial.input(f) }, denial.caller ? host.tokenFor(denial.caller) : undefined)
    expect({ what: denial.what, status }).toEqual({ what: denial.what, status: typeof denial.refused === 'string' ? STATUS[denial.refused] : 200 })
    expectRefused(denial, json, writes, before, f)
  })

  it('a token signed with another secret is no identity at all', async () => {
    const forged = new SessionSigner('another-secret-another-secret-0123456789abcdef').sign({ sub: mediatorA, kind: 'staff', exp: host.now.value.getTime() + 60_000 })
    const { status, json } = await host.post({ action: 'getRecord', data: { id: f.caseId } }, forged)
    expect([status, json.code]).toEqual([401, 'UNAUTHENTICATED'])
  })

  it('an expired session is refused', async () => {
    const expired = host.signer.sign({ sub: mediatorA, kind: 'staff', exp: host.now.value.getTime() - 1 })
    const { status, json } = await host.post({ action: 'listRecords', data: { stationId: 'st-a' } }, expired)
    expect([status, json.code]).toEqual([401, 'UNAUTHENTICATED'])
  })

  it('an identity named in the body instead of the token is not taken', async () => {
    const inBody = await host.post({ action: 'getRecord', data: { id: f.caseId, identityId: mediatorA } })
    const inEnvelope = await host.post({ action: 'getRecord', data: { id: f.caseId }, identityId: mediatorA, OPENID: mediatorA })
    // No token is no identity, whatever the body says; the envelope takes nothing but action and data.
    expect([inBody.status, inBody.json.code]).toEqual([401, 'UNAUTHENTICATED'])
    expect([inEnvelope.status, inEnvelope.json.code]).toEqual([400, 'VALIDATION_FAILED'])
    expect(SECRETS.filter((s) => JSON.stringify([inBody.json, inEnvelope.json]).includes(s))).toEqual([])
  })

  it('a device session (anonymousSession) reads no station data', async () => {
    const device = await host.post({ action: 'anonymousSession', data: {} })
    const token = (device.json.data as { token: string }).token
    const { status, json } = await host.post({ action: 'listRecords', data: { stationId: 'st-a' } }, token)
    expect([status, json.code]).toEqual([403, 'FORBIDDEN'])
  })

  it('signIn with an invite someone already redeemed gives no binding', async () => {
    const invite = await host.post({ action: 'createInvite', data: { role: 'mediator', stationId: 'st-a', displayName: '甲新人' } }, host.tokenFor(staffD))
    const code = (invite.json.data as { code: string }).code
    const first = await host.post({ action: 'signIn', data: { code } })
    expect(first.status).toBe(200)
    const before = writes.total()
    const second = await host.post({ action: 'signIn', data: { code } })
    expect([second.status, second.json.code]).toEqual([403, 'FORBIDDEN'])
    expect(writes.total() - before).toBe(0)
  })

  it('signIn with no code and no session is refused', async () => {
    const { status, json } = await host.post({ action: 'signIn', data: {} })
    expect([status, json.code]).toEqual([401, 'UNAUTHENTICATED'])
  })
})
