/**
 * Fuzzing the handlers: FUZZ_RUNS (default 10,000) malformed payloads per action from an authorized caller.
 * Expect 0 INTERNAL errors, 0 crashes, 0 partial writes (the database unchanged after every refused call),
 * and a stable code with a Chinese message for every refusal. Prints the figures.
 */
import fc from 'fast-check'
import { ERROR_CODES } from '@/domain'
import { HANDLERS } from '../../cloudfunctions/ledger/src/router'
import { SqliteStore } from '../../server/sqlite-store'
import { casePayload, complaintForm, envelope } from '../support/fixtures'
import { malformed, validInputs } from '../support/fuzz-payloads'
import { Ledger, PEOPLE, seedOrg } from '../support/ledger-harness'

const RUNS = Number(process.env.FUZZ_RUNS || 10_000)

/** Who may call each action legitimately (so validation, not authorization, is what the payload meets). */
const CALLER: Record<string, string> = {
  createInvite: PEOPLE.staffD.identityId,
  revokeBinding: PEOPLE.staffD.identityId,
  districtReport: PEOPLE.staffD.identityId,
  exportReport: PEOPLE.staffD.identityId,
  submitComplaint: 'dev_fuzzer',
  myComplaints: 'dev_fuzzer',
  bindRole: 'dev_fuzzer'
}

/** Everything a write could touch, except rate-limit counters (counting attempts is their job). */
function fingerprint (store: SqliteStore): string {
  return JSON.stringify(store.db.prepare(`SELECT
    (SELECT COUNT(*) FROM records) AS records, (SELECT COALESCE(SUM(version), 0) FROM records) AS versions,
    (SELECT COUNT(*) FROM audit) AS audit, (SELECT COUNT(*) FROM invites WHERE used_by IS NOT NULL) AS used,
    (SELECT COUNT(*) FROM bindings) AS bindings, (SELECT COUNT(*) FROM invites) AS invites,
    (SELECT COALESCE(SUM(casesAccepted + sessions + riskChecks + complaintsReceived + caseClaimedFen), 0) FROM daily_figures) AS figures,
    (SELECT COUNT(*) FROM enterprise_latest) AS enterprises`).get())
}

const totals: Record<string, { sent: number, refused: number, accepted: number, internal: number, partial: number }> = {}

let store: SqliteStore
let ledger: Ledger
let ctx: { caseId: string, complaintId: string, trackingNo: string }

beforeAll(async () => {
  store = new SqliteStore(':memory:')
  await seedOrg(store)
  ledger = new Ledger(store)
  const kase = envelope('mediationCase', 'st-a', casePayload())
  await ledger.ok('syncRecords', { records: [kase] }, PEOPLE.mediatorA.identityId)
  await ledger.ok('transitionCase', { id: kase.id, action: 'accept', baseVersion: 1 }, PEOPLE.mediatorA.identityId)
  const c = await ledger.ok<{ id: string, trackingNo: string }>('submitComplaint', complaintForm('TA01'), 'dev_owner')
  await ledger.ok('handleComplaint', { id: c.id, action: 'accept', baseVersion: 1 }, PEOPLE.mediatorA.identityId)
  ctx = { caseId: kase.id, complaintId: c.id, trackingNo: c.trackingNo }
})

afterAll(() => {
  console.log(`fuzz (handlers), ${RUNS} payloads per action:\n` + Object.entries(totals).map(([a, t]) => `  ${a.padEnd(18)} sent ${t.sent}  refused ${t.refused}  accepted ${t.accepted}  INTERNAL ${t.internal}  partial writes ${t.partial}`).join('\n'))
  store.close()
})

const inputs = () => validInputs(ctx)

describe.each(Object.keys(HANDLERS))('%s', (action) => {
  it(`answers ${RUNS} malformed payloads with stable codes, no INTERNAL, no partial writes`, async () => {
    const t = totals[action] = { sent: 0, refused: 0, accepted: 0, internal: 0, partial: 0 }
    const who = CALLER[action] || PEOPLE.mediatorA.identityId
    await fc.assert(fc.asyncProperty(malformed(inputs()[action]), async (payload) => {
      const before = fingerprint(store)
      const answer = await ledger.call(action, payload, who)
      t.sent++
      if (answer.ok) {
        const results = (answer.data as { results?: Array<{ result: string }> }).results
        if (results && results.every((r) => r.result === 'invalid' || r.result === 'forbidden')) {
          t.refused++
          if (fingerprint(store) !== before) t.partial++
        } else t.accepted++
        return
      }
      t.refused++
      if (answer.code === 'INTERNAL') t.internal++
      if (fingerprint(store) !== before) t.partial++
      expect(ERROR_CODES).toContain(answer.code)
      expect(answer.message).toMatch(/[\u4e00-\u9fff]/)
      expect(answer.code).not.toBe('INTERNAL')
    }), { numRuns: RUNS, seed: 20261123 })
    expect(t.internal).toBe(0)
    expect(t.partial).toBe(0)
    expect(ledger.logs.filter((l) => l.startsWith('INTERNAL'))).toEqual([])
  }, 600_000)
})
