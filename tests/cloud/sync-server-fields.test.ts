/**
 * What only the server decides in a synced record, on both storage adapters: tracking numbers (a client's value is
 * never used, so a clash can neither fail the batch nor tell whether a number exists) and each workflow event's
 * `by` and `at` (stamped on arrival; events already stored keep theirs).
 */
import { buildStored } from '../../cloudfunctions/ledger/src/handlers/record-builder'
import type { SyncResult } from '../../cloudfunctions/ledger/src/handlers/sync'
import type { StoredRecordOf } from '@/domain'
import { SqliteStore } from '../../server/sqlite-store'
import { casePayload, complaintForm, complaintPayload, envelope, ev, sessionPayload } from '../support/fixtures'
import { Ledger, PEOPLE, seedOrg } from '../support/ledger-harness'
import { STORES } from '../support/stores'

const A = PEOPLE.mediatorA.identityId

describe.each(STORES)('$name', ({ make }) => {
  let ledger: Ledger
  let close: () => void
  beforeEach(async () => {
    const made = make()
    close = made.close
    await seedOrg(made.store)
    ledger = new Ledger(made.store)
  })
  afterEach(() => close())

  const sync = async (records: unknown[]) => (await ledger.ok<{ results: SyncResult[] }>('syncRecords', { records }, A)).results
  const stored = async <T extends 'wageComplaint' | 'mediationCase'>(id: string) => (await ledger.store.getRecords([id]))[0] as StoredRecordOf<T>

  describe('tracking numbers', () => {
    it('a complaint sent with a number already in use is stored with its own; the rest of the batch too', async () => {
      const taken = await ledger.ok<{ trackingNo: string }>('submitComplaint', complaintForm('TA01'), 'dev_worker')
      const clash = envelope('wageComplaint', 'st-a', complaintPayload({ trackingNo: taken.trackingNo }))
      const session = envelope('legalSession', 'st-a', sessionPayload())
      const results = await sync([clash, session])
      expect(results.map((r) => r.result)).toEqual(['stored', 'stored'])
      const mine = await stored<'wageComplaint'>(clash.id)
      expect(mine.payload.trackingNo).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/)
      expect(mine.payload.trackingNo).not.toBe(taken.trackingNo)
      // The answer is the same as for a number nobody holds: nothing tells the mediator the number existed.
      const fresh = envelope('wageComplaint', 'st-a', complaintPayload({ trackingNo: 'K7M4-QX9A' }))
      const [freshResult] = await sync([fresh])
      expect(Object.keys(freshResult).sort()).toEqual(Object.keys(results[0]).sort())
      expect((await stored<'wageComplaint'>(fresh.id)).payload.trackingNo).not.toBe('K7M4-QX9A')
    })

    it('a resend is a duplicate and an edit keeps the number the server gave, whatever the device sends', async () => {
      const rec = envelope('wageComplaint', 'st-a', complaintPayload())
      await sync([rec])
      const given = (await stored<'wageComplaint'>(rec.id)).payload.trackingNo
      expect((await sync([rec]))[0].result).toBe('duplicate')
      expect((await sync([{ ...rec, payload: { ...rec.payload as object, trackingNo: 'ZZZZ-ZZZZ' } }]))[0].result).toBe('duplicate')
      const edit = { ...rec, baseVersion: 1, payload: complaintPayload({ workerCount: 9, trackingNo: 'ABCD-EFGH' }) }
      expect((await sync([edit]))[0]).toMatchObject({ result: 'updated', version: 2 })
      expect((await stored<'wageComplaint'>(rec.id)).payload.trackingNo).toBe(given)
    })
  })

  describe('workflow events', () => {
    it('are stamped with the caller and the arrival time, whatever the device wrote', async () => {
      ledger.now = new Date('2026-11-20T04:00:00.000Z')
      const rec = envelope('mediationCase', 'st-a', casePayload({ timeline: [ev('accept', '2026-11-03', { by: PEOPLE.staffD.identityId, at: '2001-01-01T00:00:00.000Z' })] }))
      expect((await sync([rec]))[0].result).toBe('stored')
      expect((await stored<'mediationCase'>(rec.id)).payload.timeline[0]).toMatchObject({ by: A, at: '2026-11-20T04:00:00.000Z', date: '2026-11-03' })
      // The same content again, with whatever by/at: a duplicate.
      expect((await sync([rec]))[0].result).toBe('duplicate')

      ledger.now = new Date('2026-11-21T04:00:00.000Z')
      const edit = { ...rec, baseVersion: 1, payload: casePayload({ timeline: [ev('accept', '2026-11-03'), ev('recordSession', '2026-11-05', { mode: '面谈', by: 'usr_someone_else' })] }) }
      expect((await sync([edit]))[0]).toMatchObject({ result: 'updated', version: 2 })
      const timeline = (await stored<'mediationCase'>(rec.id)).payload.timeline
      expect(timeline.map((e) => [e.action, e.by, e.at])).toEqual([
        ['accept', A, '2026-11-20T04:00:00.000Z'],
        ['recordSession', A, '2026-11-21T04:00:00.000Z']
      ])
    })

    it('changing an earlier event’s content is still refused as rewriting history', async () => {
      const rec = envelope('mediationCase', 'st-a', casePayload({ timeline: [ev('accept', '2026-11-03', { note: '当场受理' })] }))
      await sync([rec])
      const rewrite = { ...rec, baseVersion: 1, payload: casePayload({ timeline: [ev('accept', '2026-11-04', { note: '当场受理' })] }) }
      expect((await sync([rewrite]))[0]).toMatchObject({ result: 'invalid', error: { message: '已有的处理记录不能修改或删除，只能追加' } })
    })
  })
})

describe('SQLite store: a unique field already taken', () => {
  it('refuses that change alone and keeps the rest of the batch, with its figures', async () => {
    const store = new SqliteStore(':memory:')
    await seedOrg(store)
    const ledger = new Ledger(store)
    const taken = await ledger.ok<{ trackingNo: string }>('submitComplaint', complaintForm('TA01'), 'dev_worker')
    const [existing] = (await store.listRecords({ type: 'wageComplaint', limit: 1 })).items as Array<StoredRecordOf<'wageComplaint'>>
    const at = { districtId: 'dist-d', actorId: A, now: ledger.now, previous: null }
    const clashing = buildStored({ id: '01900000-0000-7000-8000-000000000001', type: 'wageComplaint', stationId: 'st-a', pointId: null, baseVersion: 0, payload: { ...existing.payload, trackingNo: taken.trackingNo } }, at)
    const sessionId = '01900000-0000-7000-8000-000000000002'
    const sessionRecord = buildStored({ id: sessionId, type: 'legalSession', stationId: 'st-a', pointId: null, baseVersion: 0, payload: sessionPayload() }, at)
    const results = await store.commit([
      { writes: [{ record: clashing, expectedVersion: 0 }], audit: [] },
      { writes: [{ record: sessionRecord, expectedVersion: 0 }], audit: [] }
    ])
    expect(results).toEqual([{ ok: false, conflictId: clashing.id, current: null }, { ok: true }])
    expect((await store.getRecords([clashing.id, sessionId])).map((r) => r.id)).toEqual([sessionId])
    expect((store.db.prepare('SELECT COALESCE(SUM(sessions), 0) AS n FROM daily_figures').get() as { n: number }).n).toBe(1)
    expect((store.db.prepare('SELECT COALESCE(SUM(complaintsReceived), 0) AS n FROM daily_figures').get() as { n: number }).n).toBe(1)
    store.close()
  })
})
