/**
 * Fuzzing text and dates through the handlers: FUZZ_RUNS (default 2,000) records, and as many public complaint
 * forms, with one text field full of invisible characters or one date out of range. Whatever is accepted is stored
 * normalized (no invisible or control characters, trimmed, NFC) with every date in 2000…today; required text that is
 * blank once normalized, and every date out of range, is refused. Prints the figures.
 */
import fc from 'fast-check'
import { normalizeText, type StoredRecord } from '@/domain'
import type { SyncResult } from '../../cloudfunctions/ledger/src/handlers/sync'
import { SqliteStore } from '../../server/sqlite-store'
import { casePayload, complaintForm, complaintPayload, envelope, ev, riskPayload, sessionPayload } from '../support/fixtures'
import { OUT_OF_RANGE_DATES, invisibleText, textWithInvisibles } from '../support/fuzz-payloads'
import { Ledger, PEOPLE, seedOrg } from '../support/ledger-harness'

const RUNS = Number(process.env.FUZZ_RUNS || 2000)
const TODAY = '2026-11-20'

/** A base record per type and its free-text fields (required ones first) and date fields. */
const BASES = {
  mediationCase: {
    payload: () => casePayload({ timeline: [ev('accept', '2026-11-03')] }),
    required: ['applicant.name', 'employer.name', 'facts'],
    optional: ['employer.address', 'employer.contact', 'timeline.0.note'],
    dates: ['receivedDate', 'timeline.0.date']
  },
  legalSession: {
    payload: () => sessionPayload(),
    required: ['place', 'topics.0'],
    optional: ['speakers', 'note'],
    dates: ['date']
  },
  riskCheck: {
    payload: () => riskPayload(),
    required: ['enterprise.name'],
    optional: ['enterprise.industry', 'note'],
    dates: ['checkDate']
  },
  wageComplaint: {
    payload: () => complaintPayload(),
    required: ['name', 'employerName', 'description'],
    optional: ['project'],
    dates: ['receivedDate', 'owedFrom', 'owedTo']
  }
} as const
type Kind = keyof typeof BASES

function setAt (obj: unknown, path: string, value: unknown): unknown {
  const copy = JSON.parse(JSON.stringify(obj))
  const keys = path.split('.')
  let cur = copy as Record<string, unknown>
  for (const k of keys.slice(0, -1)) cur = cur[k] as Record<string, unknown>
  cur[keys[keys.length - 1]] = value
  return copy
}

/** Every string inside a stored payload, with its path. */
function strings (value: unknown, path = ''): Array<[string, string]> {
  if (typeof value === 'string') return [[path, value]]
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => strings(v, path ? `${path}.${k}` : k))
  return []
}

/** What a stored record must look like, whatever was sent: normalized text, dates within 2000…today. */
function checkStored (r: StoredRecord): void {
  for (const [path, s] of strings(r.payload)) {
    if (path.endsWith('.at')) continue
    expect([path, s]).toEqual([path, normalizeText(s)])
    if (/^\d{4}-\d{2}(-\d{2})?$/.test(s)) {
      expect([path, s >= '2000-01']).toEqual([path, true])
      expect([path, s.slice(0, s.length) <= TODAY]).toEqual([path, true])
    }
  }
}

const totals: Record<string, { sent: number, stored: number, refused: number }> = {}
let store: SqliteStore
let ledger: Ledger

beforeAll(async () => {
  store = new SqliteStore(':memory:')
  await seedOrg(store)
  ledger = new Ledger(store)
  ledger.now = new Date(`${TODAY}T04:00:00.000Z`)
})
afterAll(() => {
  console.log(`fuzz (text and dates), ${RUNS} per kind:\n` + Object.entries(totals).map(([k, t]) => `  ${k.padEnd(16)} sent ${t.sent}  stored normalized ${t.stored}  refused ${t.refused}`).join('\n'))
  store.close()
})

const mutation = (kind: Kind) => fc.oneof(
  fc.tuple(fc.constantFrom(...BASES[kind].required), invisibleText).map(([path, value]) => ({ path, value, mustRefuse: true })),
  fc.tuple(fc.constantFrom(...BASES[kind].required, ...BASES[kind].optional), textWithInvisibles).map(([path, value]) => ({ path, value, mustRefuse: false })),
  fc.tuple(fc.constantFrom(...BASES[kind].optional), invisibleText).map(([path, value]) => ({ path, value, mustRefuse: false })),
  fc.tuple(fc.constantFrom(...BASES[kind].dates), fc.constantFrom(...OUT_OF_RANGE_DATES)).map(([path, value]) => ({ path, value, mustRefuse: true }))
)

describe.each(Object.keys(BASES) as Kind[])('%s synced by a mediator', (kind) => {
  it(`stores only normalized text and dates in range (${RUNS} records)`, async () => {
    const t = totals[kind] = { sent: 0, stored: 0, refused: 0 }
    await fc.assert(fc.asyncProperty(mutation(kind), async ({ path, value, mustRefuse }) => {
      const rec = envelope(kind, 'st-a', setAt(BASES[kind].payload(), path, value))
      const { results } = await ledger.ok<{ results: SyncResult[] }>('syncRecords', { records: [rec] }, PEOPLE.mediatorA.identityId)
      t.sent++
      if (results[0].result !== 'stored') {
        expect(results[0]).toMatchObject({ result: 'invalid', error: { code: 'VALIDATION_FAILED' } })
        expect(results[0].error?.message).toMatch(/[\u4e00-\u9fff]/)
        t.refused++
        return
      }
      // A date mutation may land on a valid shape the rule still refuses (e.g. a future month): refusal is required.
      expect({ path, value, stored: true, mustRefuse }).toEqual({ path, value, stored: true, mustRefuse: false })
      t.stored++
      const [stored] = await store.getRecords([rec.id])
      checkStored(stored)
    }), { numRuns: RUNS, seed: 13 })
    expect(t.stored + t.refused).toBe(t.sent)
    expect(t.refused).toBeGreaterThan(0)
    expect(t.stored).toBeGreaterThan(0)
  }, 600_000)
})

describe('the public complaint form', () => {
  it(`refuses blank-once-normalized text and out-of-range months, stores the rest normalized (${RUNS} forms)`, async () => {
    const t = totals['complaint form'] = { sent: 0, stored: 0, refused: 0 }
    const fields = fc.oneof(
      fc.tuple(fc.constantFrom('name', 'employerName', 'description'), invisibleText).map(([path, value]) => ({ path, value, mustRefuse: true })),
      fc.tuple(fc.constantFrom('name', 'employerName', 'description', 'project'), textWithInvisibles).map(([path, value]) => ({ path, value, mustRefuse: false })),
      fc.tuple(fc.constantFrom('owedFrom', 'owedTo'), fc.constantFrom(...OUT_OF_RANGE_DATES)).map(([path, value]) => ({ path, value, mustRefuse: true }))
    )
    let n = 0
    await fc.assert(fc.asyncProperty(fields, async ({ path, value, mustRefuse }) => {
      // A new worker each time: the per-identity daily limit is not what this tests.
      const answer = await ledger.call<{ id: string }>('submitComplaint', { ...complaintForm('TA01'), [path]: value }, `dev_fuzz_${n++}`)
      t.sent++
      if (!answer.ok) {
        expect(answer.code).toBe('VALIDATION_FAILED')
        t.refused++
        return
      }
      expect({ path, value, mustRefuse }).toEqual({ path, value, mustRefuse: false })
      t.stored++
      const [stored] = await store.getRecords([answer.data.id])
      checkStored(stored)
    }), { numRuns: RUNS, seed: 1313 })
    expect(t.refused).toBeGreaterThan(0)
    expect(t.stored).toBeGreaterThan(0)
  }, 600_000)
})
