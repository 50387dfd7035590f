/** syncRecords through the handlers on the embedded store: idempotency, conflicts, invalid and forbidden records. */
import { SqliteStore } from '../../server/sqlite-store'
import { newRecordId } from '@/domain'
import type { SyncResult } from '../../cloudfunctions/ledger/src/handlers/sync'
import { casePayload, envelope, ev, riskPayload, sessionPayload } from '../support/fixtures'
import { Ledger, PEOPLE, seedOrg } from '../support/ledger-harness'

let ledger: Ledger
let store: SqliteStore
const A = PEOPLE.mediatorA.identityId

beforeEach(async () => {
  store = new SqliteStore(':memory:')
  await seedOrg(store)
  ledger = new Ledger(store)
})
afterEach(() => store.close())

const sync = async (records: unknown[], who = A) => (await ledger.ok<{ results: SyncResult[] }>('syncRecords', { records }, who)).results
const count = () => (store.db.prepare('SELECT COUNT(*) AS n FROM records').get() as { n: number }).n
const figure = (key: string) => (store.db.prepare(`SELECT COALESCE(SUM(${key}), 0) AS n FROM daily_figures`).get() as { n: number }).n

describe('syncRecords', () => {
  it('stores a batch once when it is sent three times', async () => {
    const batch = [envelope('mediationCase', 'st-a', casePayload()), envelope('legalSession', 'st-a', sessionPayload()), envelope('riskCheck', 'st-a', riskPayload())]
    expect((await sync(batch)).map((r) => r.result)).toEqual(['stored', 'stored', 'stored'])
    expect((await sync(batch)).map((r) => r.result)).toEqual(['duplicate', 'duplicate', 'duplicate'])
    expect((await sync(batch)).map((r) => [r.result, r.version])).toEqual([['duplicate', 1], ['duplicate', 1], ['duplicate', 1]])
    expect(count()).toBe(3)
    expect(figure('sessions')).toBe(1)
    expect(figure('casesReceived')).toBe(1)
  })

  it('stores parallel duplicates once', async () => {
    const batch = Array.from({ length: 20 }, (_, i) => envelope('legalSession', 'st-a', sessionPayload({ attendees: i + 1 })))
    const answers = await Promise.all([sync(batch), sync(batch), sync(batch)])
    for (let i = 0; i < batch.length; i++) {
      const kinds = answers.map((a) => a[i].result).sort()
      expect(kinds.filter((k) => k === 'stored')).toHaveLength(1)
      expect(kinds.filter((k) => k === 'duplicate')).toHaveLength(2)
    }
    expect(count()).toBe(20)
    expect(figure('sessionAttendees')).toBe((20 * 21) / 2)
  })

  it('a retry after a lost answer is a duplicate, and the key order of the payload does not matter', async () => {
    const rec = envelope('legalSession', 'st-a', sessionPayload())
    await sync([rec])
    const reordered = JSON.parse(JSON.stringify({ payload: { ...Object.fromEntries(Object.entries(rec.payload as object).reverse()) }, stationId: rec.stationId, type: rec.type, id: rec.id }))
    expect((await sync([reordered]))[0].result).toBe('duplicate')
    expect(count()).toBe(1)
  })

  it('an edit needs the version it was based on; a stale one is a conflict with the server copy', async () => {
    const rec = envelope('mediationCase', 'st-a', casePayload())
    await sync([rec])
    const edit = { ...rec, baseVersion: 1, payload: casePayload({ timeline: [ev('accept', '2026-11-03')] }) }
    expect((await sync([edit]))[0]).toMatchObject({ result: 'updated', version: 2 })
    const stale = { ...rec, baseVersion: 1, payload: casePayload({ claimedFen: 1 }) }
    const [conflict] = await sync([stale])
    expect(conflict.result).toBe('conflict')
    expect(conflict.version).toBe(2)
    expect(conflict.current?.status).toBe('accepted')
    expect(figure('casesAccepted')).toBe(1)
    expect(figure('caseClaimedFen')).toBe(1_800_000)
  })

  it('an edit moves figures, never doubling them', async () => {
    const rec = envelope('mediationCase', 'st-a', casePayload({ timeline: [ev('accept', '2026-11-03')] }))
    await sync([rec])
    await sync([{ ...rec, baseVersion: 1, payload: casePayload({ timeline: [ev('accept', '2026-11-03'), ev('recordSession', '2026-11-04', { mode: '电话' })] }) }])
    expect(figure('casesAccepted')).toBe(1)
    const rows = store.db.prepare('SELECT day, casesAccepted FROM daily_figures WHERE casesAccepted != 0').all()
    expect(rows).toEqual([{ day: '2026-11-03', casesAccepted: 1 }])
  })

  it('refuses edits that rewrite workflow history', async () => {
    const rec = envelope('mediationCase', 'st-a', casePayload({ timeline: [ev('accept', '2026-11-03')] }))
    await sync([rec])
    const [r] = await sync([{ ...rec, baseVersion: 1, payload: casePayload({ timeline: [ev('reject', '2026-11-03', { reason: '改主意' })] }) }])
    expect(r.result).toBe('invalid')
    expect(r.error?.message).toContain('只能追加')
  })

  it('refuses an edit inside an earlier step, such as the amount of an agreement already recorded', async () => {
    const agreement = { amountFen: 500_000, payDate: '2026-11-20', payMethod: '银行转账' as const }
    const steps = (amountFen: number) => [ev('accept', '2026-11-03'), ev('recordSession', '2026-11-04', { mode: '面谈' as const }), ev('succeed', '2026-11-05', { agreement: { ...agreement, amountFen } })]
    const rec = envelope('mediationCase', 'st-a', casePayload({ timeline: steps(500_000) }))
    await sync([rec])
    const [r] = await sync([{ ...rec, baseVersion: 1, payload: casePayload({ timeline: steps(1) }) }])
    expect(r.result).toBe('invalid')
    expect(r.error?.message).toContain('只能追加')
    expect(figure('caseAgreedFen')).toBe(500_000)
  })

  it('answers invalid and forbidden per record while storing the good ones', async () => {
    const good = envelope('legalSession', 'st-a', sessionPayload())
    const bad = envelope('legalSession', 'st-a', sessionPayload({ attendees: -3 }))
    const other = envelope('legalSession', 'st-b', sessionPayload())
    const junk = { id: 'x', type: 'legalSession' }
    const results = await sync([good, bad, other, junk])
    expect(results.map((r) => r.result)).toEqual(['stored', 'invalid', 'forbidden', 'invalid'])
    expect(results[1].error?.issues?.[0]).toEqual({ path: 'payload.attendees', message: '参加人次不能为负数' })
    expect(results[2].error?.message).toBe('只能同步本站点的记录')
    expect(count()).toBe(1)
  })

  it('refuses a record id that belongs to another station', async () => {
    const id = newRecordId()
    await sync([{ ...envelope('legalSession', 'st-a', sessionPayload()), id }])
    const [r] = await sync([{ ...envelope('legalSession', 'st-b', sessionPayload()), id }], PEOPLE.mediatorB.identityId)
    expect(r.result).toBe('forbidden')
  })

  it('refuses more than 50 records, callers who are not mediators, and no caller at all', async () => {
    const many = Array.from({ length: 51 }, () => envelope('legalSession', 'st-a', sessionPayload()))
    expect(await ledger.call('syncRecords', { records: many }, A)).toMatchObject({ ok: false, code: 'VALIDATION_FAILED', message: '每次最多同步50条记录' })
    expect(await ledger.call('syncRecords', { records: [] }, PEOPLE.staffD.identityId)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await ledger.call('syncRecords', { records: [] }, 'dev_someone')).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await ledger.call('syncRecords', { records: [] }, null)).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' })
    expect(count()).toBe(0)
  })

  it('ignores identity fields in the payload: the creator is the caller', async () => {
    const rec = { ...envelope('legalSession', 'st-a', sessionPayload()), createdBy: PEOPLE.mediatorB.identityId }
    const [r] = await sync([rec])
    expect(r.result).toBe('invalid')
    const ok = envelope('legalSession', 'st-a', sessionPayload())
    await sync([ok])
    const [stored] = await store.getRecords([ok.id])
    expect(stored.createdBy).toBe(A)
  })

  it('scores risk checks on the server', async () => {
    const rec = envelope('riskCheck', 'st-a', riskPayload({}, { noWageArrears: { result: 'noncompliant', workers: 12 } }))
    await sync([rec])
    const [stored] = await store.getRecords([rec.id])
    expect(stored.risk).toMatchObject({ level: 'high', ruleVersion: 'risk-2026.1' })
    expect(stored.status).toBe('hazardOpen')
  })
})
