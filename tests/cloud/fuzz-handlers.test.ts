/**
 * Fuzzing the handlers: FUZZ_RUNS (default 10,000) malformed payloads per action from an authorized caller.
 * Every payload the generator marks invalid is refused with a stable 4xx code (syncRecords: that record is answered
 * invalid); every refusal has a stable code and a Chinese message; 0 INTERNAL; and 0 partial writes: a refused call
 * (or a refused record) leaves every table of the store as it was. Prints the figures.
 */
import fc from 'fast-check'
import { ERROR_CODES, HTTP_STATUS, type ErrorCode } from '@/domain'
import { HANDLERS } from '../../cloudfunctions/ledger/src/router'
import { SqliteStore } from '../../server/sqlite-store'
import { casePayload, complaintForm, envelope } from '../support/fixtures'
import { malformed, validInputs, type FuzzCase, type FuzzContext } from '../support/fuzz-payloads'
import { Ledger, PEOPLE, seedOrg } from '../support/ledger-harness'
import { watchWrites, type WriteWatch } from '../support/write-watch'

const RUNS = Number(process.env.FUZZ_RUNS || 10_000)

/** Who may call each action legitimately (so validation, not authorization, is what the payload meets). */
const CALLER: Record<string, string> = {
  createInvite: PEOPLE.staffD.identityId,
  revokeBinding: PEOPLE.staffD.identityId,
  districtReport: PEOPLE.staffD.identityId,
  exportReport: PEOPLE.staffD.identityId,
  submitComplaint: 'dev_fuzzer',
  myComplaints: 'dev_fuzzer',
  bindRole: 'dev_binder'
}

interface Totals { sent: number, marked: number, refused: number, accepted: number, internal: number, partial: number, markedButAccepted: number }
const totals: Record<string, Totals> = {}

let store: SqliteStore
let ledger: Ledger
let writes: WriteWatch
let ctx: FuzzContext

/** A store with the test org, a case and a complaint (both accepted) and an unused invite: what the valid inputs name. */
async function fixture (): Promise<{ store: SqliteStore, ledger: Ledger, ctx: FuzzContext, writes: WriteWatch }> {
  const store = new SqliteStore(':memory:')
  await seedOrg(store)
  // Rate-limit and guess counters count attempts, refused ones included: that is their job. Every other table is watched.
  const writes = watchWrites(store.db, ['rate_limits', 'counters'])
  const ledger = new Ledger(store)
  const kase = envelope('mediationCase', 'st-a', casePayload())
  await ledger.ok('syncRecords', { records: [kase] }, PEOPLE.mediatorA.identityId)
  await ledger.ok('transitionCase', { id: kase.id, action: 'accept', baseVersion: 1 }, PEOPLE.mediatorA.identityId)
  const c = await ledger.ok<{ id: string, trackingNo: string }>('submitComplaint', complaintForm('TA01'), 'dev_owner')
  await ledger.ok('handleComplaint', { id: c.id, action: 'accept', baseVersion: 1 }, PEOPLE.mediatorA.identityId)
  const invite = await ledger.ok<{ code: string }>('createInvite', { role: 'mediator', stationId: 'st-b', displayName: '乙新人' }, PEOPLE.staffD.identityId)
  return { store, ledger, writes, ctx: { caseId: kase.id, complaintId: c.id, trackingNo: c.trackingNo, inviteCode: invite.code } }
}

beforeAll(async () => {
  ({ store, ledger, writes, ctx } = await fixture())
})

afterAll(() => {
  console.log(`fuzz (handlers), ${RUNS} payloads per action:\n` + Object.entries(totals).map(([a, t]) =>
    `  ${a.padEnd(18)} sent ${t.sent}  marked invalid ${t.marked}  refused ${t.refused}  accepted ${t.accepted}  ` +
    `INTERNAL ${t.internal}  partial writes ${t.partial}  marked but accepted ${t.markedButAccepted}`).join('\n'))
  store.close()
})

test('the write watch covers every table the store has, figures and enterprise tables included', () => {
  expect(writes.tables).toEqual(expect.arrayContaining(['audit', 'bindings', 'daily_figures', 'districts', 'enterprise_latest', 'enterprise_months', 'invites', 'meta', 'records', 'stations']))
  expect(writes.tables).not.toContain('rate_limits')
  // The seeding above wrote a case, its acceptance and a complaint: the watch saw records, figures and audit change.
  expect(Object.keys(writes.counts())).toEqual(expect.arrayContaining(['records', 'daily_figures', 'audit']))
})

// Marked payloads are refused because of their marks only if the input they mutate is accepted as it stands.
test.each(Object.keys(HANDLERS))('the valid %s input is accepted as it stands', async (action) => {
  const own = await fixture()
  try {
    const answer = await own.ledger.call(action, validInputs(own.ctx)[action](), CALLER[action] || PEOPLE.mediatorA.identityId)
    expect({ action, ok: answer.ok, code: answer.ok ? undefined : answer.code }).toEqual({ action, ok: true, code: undefined })
    if (action === 'syncRecords' && answer.ok) expect((answer.data as { results: SyncResults }).results.map((r) => r.result)).toEqual(['stored', 'stored', 'stored'])
  } finally {
    own.store.close()
  }
})

type SyncResults = Array<{ id: string, result: string, error?: { code: string, message: string } }>

/** The stored version of a record (0 when absent), to prove a refused record left it alone. */
async function versionOf (id: unknown): Promise<number> {
  if (typeof id !== 'string') return 0
  const [r] = await store.getRecords([id])
  return r ? r.version : 0
}

const refusal = (code: unknown) => ERROR_CODES.includes(code as ErrorCode) && code !== 'INTERNAL' && HTTP_STATUS[code as ErrorCode] < 500

const inputs = () => validInputs(ctx)

describe.each(Object.keys(HANDLERS))('%s', (action) => {
  it(`refuses every marked payload of ${RUNS} with a stable 4xx code, answers the rest cleanly, never writes half`, async () => {
    const t: Totals = totals[action] = { sent: 0, marked: 0, refused: 0, accepted: 0, internal: 0, partial: 0, markedButAccepted: 0 }
    const who = CALLER[action] || PEOPLE.mediatorA.identityId
    await fc.assert(fc.asyncProperty(malformed(inputs()[action], action), async ({ payload, invalid, recordIndex }: FuzzCase) => {
      const before = writes.total()
      const markedRecord = recordIndex === undefined ? undefined : (payload as { records: Array<{ id?: unknown }> }).records[recordIndex]
      const markedVersion = markedRecord && typeof markedRecord === 'object' ? await versionOf(markedRecord.id) : 0
      const answer = await ledger.call(action, payload, who)
      t.sent++
      if (invalid) t.marked++
      if (!answer.ok) {
        t.refused++
        if (answer.code === 'INTERNAL') t.internal++
        if (writes.total() !== before) t.partial++
        expect({ invalid, code: answer.code, refused: refusal(answer.code) }).toEqual({ invalid, code: answer.code, refused: true })
        expect(answer.message).toMatch(/[\u4e00-\u9fff]/)
        return
      }
      if (action === 'syncRecords') {
        const results = (answer.data as { results: SyncResults }).results
        const allRefused = results.every((r) => r.result === 'invalid' || r.result === 'forbidden')
        if (allRefused && writes.total() !== before) t.partial++
        for (const r of results) if (r.error) expect({ id: r.id, code: r.error.code, refused: refusal(r.error.code) }).toEqual({ id: r.id, code: r.error.code, refused: true })
        // What was stored is the caller's, at the caller's station, whatever the payload claimed.
        for (const r of results.filter((x) => x.result === 'stored' || x.result === 'updated')) {
          const [stored] = await store.getRecords([r.id])
          expect({ id: r.id, station: stored.stationId, by: stored.updatedBy }).toEqual({ id: r.id, station: 'st-a', by: who })
        }
        if (recordIndex !== undefined) {
          const r = results[recordIndex]
          expect({ invalid, result: r.result, code: r.error?.code }).toEqual({ invalid, result: 'invalid', code: 'VALIDATION_FAILED' })
          if (markedRecord && typeof markedRecord === 'object' && (await versionOf(markedRecord.id)) !== markedVersion) t.partial++
        }
        if (allRefused || recordIndex !== undefined) {
          t.refused++
          return
        }
      }
      t.accepted++
      if (invalid) t.markedButAccepted++
      expect({ invalid, accepted: true }).toEqual({ invalid: null, accepted: true })
    }), { numRuns: RUNS, seed: 20261123 })
    expect(t.internal).toBe(0)
    expect(t.partial).toBe(0)
    expect(t.marked).toBeGreaterThan(RUNS / 5)
    expect(ledger.logs.filter((l) => l.startsWith('INTERNAL'))).toEqual([])
  }, 600_000)
})
