/**
 * One contract, two adapters: the embedded SQLite store and the CloudBase store (on the documented fake of
 * wx-server-sdk). Every test here runs against both.
 */
import { beijingDate, monthPeriod, newRecordId, yearPeriod, type StoredRecord } from '@/domain'
import { buildStored, auditFor } from '../../cloudfunctions/ledger/src/handlers/record-builder'
import type { Change } from '../../cloudfunctions/ledger/src/store/port'
import { generateRecords } from '../../server/demo-data'
import { casePayload, complaintForm, complaintPayload, ev, riskPayload, sessionPayload } from '../support/fixtures'
import { Ledger, PEOPLE, STATION_A, STATION_B, seedOrg, type SeedableStore } from '../support/ledger-harness'
import { STORES } from '../support/stores'
import { creditCodeCheckChar } from '@/domain'

const NOW = new Date('2026-11-20T04:00:00.000Z')

function stored (type: StoredRecord['type'], payload: unknown, over: Partial<{ id: string, stationId: string, version: number }> = {}): StoredRecord {
  const input = { id: over.id || newRecordId(), type, stationId: over.stationId || 'st-a', pointId: null, baseVersion: 0, payload } as Parameters<typeof buildStored>[0]
  const r = buildStored(input, { districtId: 'dist-d', actorId: 'usr_med_a', now: NOW, previous: null })
  return over.version ? { ...r, version: over.version } : r
}

const change = (...records: Array<[StoredRecord, number]>): Change => ({
  writes: records.map(([record, expectedVersion]) => ({ record, expectedVersion })),
  audit: records.map(([record]) => ({ recordId: record.id, stationId: record.stationId, districtId: record.districtId, actor: 'usr_med_a', action: 'test', at: NOW.toISOString() }))
})

describe.each(STORES)('$name', ({ make }) => {
  let store: SeedableStore
  let close: () => void
  let stats: (() => { largestPage: number, rollbacks: number }) | undefined

  beforeEach(async () => {
    ({ store, close, stats } = make())
    await seedOrg(store)
  })
  afterEach(() => close())

  it('keeps the organisation: districts, stations in order, lookups by code', async () => {
    expect(await store.getDistrict('dist-d')).toEqual({ id: 'dist-d', name: '测试区' })
    expect((await store.listStations('dist-d')).map((s) => s.id)).toEqual(['st-a', 'st-b', 'st-off'])
    expect(await store.getStationByCode('TA01')).toMatchObject({ id: 'st-a', active: true, points: [{ id: 'st-a-p1' }] })
    expect(await store.getStation('nope')).toBeNull()
    expect(await store.getBinding(PEOPLE.mediatorA.identityId)).toEqual(PEOPLE.mediatorA)
  })

  it('redeems an invite once, atomically with the binding', async () => {
    await store.createInvite({ code: 'ABCD-EFGH', role: 'mediator', districtId: 'dist-d', stationId: 'st-b', displayName: '新人', title: '调解员', createdBy: 'x', createdAt: NOW.toISOString(), expiresAt: '2026-12-01T00:00:00.000Z', usedBy: null, usedAt: null })
    const [a, b] = await Promise.all([
      store.redeemInvite('ABCD-EFGH', 'id_1', NOW.toISOString(), 'hash1'),
      store.redeemInvite('ABCD-EFGH', 'id_2', NOW.toISOString(), null)
    ])
    expect([a.ok, b.ok].sort()).toEqual([false, true])
    const winner = a.ok ? 'id_1' : 'id_2'
    expect(await store.getBinding(winner)).toMatchObject({ role: 'mediator', stationId: 'st-b' })
    expect(await store.getBinding(a.ok ? 'id_2' : 'id_1')).toBeNull()
    if (a.ok) expect(await store.findBindingByAccessKey('hash1')).toMatchObject({ identityId: 'id_1' })
    expect(await store.redeemInvite('NOPE-NOPE', 'id_3', NOW.toISOString(), null)).toEqual({ ok: false, reason: 'missing' })
    expect(await store.redeemInvite('ABCD-EFGH', 'id_3', NOW.toISOString(), null)).toEqual({ ok: false, reason: 'used' })
  })

  it('commits with version checks; a conflicting change leaves nothing behind', async () => {
    const a = stored('legalSession', sessionPayload())
    expect(await store.commit([change([a, 0])])).toEqual([{ ok: true }])
    expect((await store.getRecords([a.id]))[0]).toEqual(a)
    const b = stored('legalSession', sessionPayload({ attendees: 1 }))
    const stale = { ...a, version: 2 } as StoredRecord
    const [r] = await store.commit([change([b, 0], [stale, 0])])
    expect(r).toMatchObject({ ok: false, conflictId: a.id })
    expect(await store.getRecords([b.id])).toEqual([])
    expect(await store.listAudit(b.id)).toEqual([])
    const facts = await store.reportFacts({ districtId: 'dist-d', period: monthPeriod(2026, 11), through: '2026-11-20' })
    expect(facts.stations.find((s) => s.stationId === 'st-a')?.sums.sessions).toBe(1)
    if (stats) expect(stats().rollbacks).toBeGreaterThan(0)
    // In one batch, the changes around failing ones keep their records and figures; the failing ones add nothing.
    const c1 = stored('legalSession', sessionPayload({ attendees: 7 }))
    const c2 = stored('legalSession', sessionPayload({ attendees: 9 }))
    const batch = await store.commit([change([c1, 0]), change([b, 0], [stale, 0]), change([stale, 0]), change([c2, 0])])
    expect(batch.map((x) => x.ok)).toEqual([true, false, false, true])
    expect((await store.getRecords([b.id, c1.id, c2.id])).map((x) => x.id).sort()).toEqual([c1.id, c2.id].sort())
    const after = await store.reportFacts({ districtId: 'dist-d', period: monthPeriod(2026, 11), through: '2026-11-20' })
    expect(after.stations.find((s) => s.stationId === 'st-a')?.sums).toMatchObject({ sessions: 3, sessionAttendees: (a.payload as { attendees: number }).attendees + 7 + 9 })
  })

  it('updates figures by the delta of an edit', async () => {
    const c = stored('mediationCase', casePayload({ timeline: [ev('accept', '2026-11-03')] }))
    await store.commit([change([c, 0])])
    const closed = buildStored({ id: c.id, type: 'mediationCase', stationId: 'st-a', pointId: null, baseVersion: 1, payload: casePayload({ timeline: [ev('accept', '2026-11-03'), ev('recordSession', '2026-11-04', { mode: '面谈' }), ev('fail', '2026-11-05'), ev('close', '2026-11-06')] }) }, { districtId: 'dist-d', actorId: 'x', now: NOW, previous: c })
    expect(await store.commit([change([closed, 1])])).toEqual([{ ok: true }])
    const nov = await store.reportFacts({ districtId: 'dist-d', period: monthPeriod(2026, 11), through: '2026-11-20' })
    expect(nov.stations.find((s) => s.stationId === 'st-a')?.sums).toMatchObject({ casesAccepted: 1, casesClosed: 1, casesMediated: 0, caseCloseDays: 4 })
    const dec = await store.reportFacts({ districtId: 'dist-d', period: monthPeriod(2026, 12), through: '2026-12-31' })
    expect(dec.stations.find((s) => s.stationId === 'st-a')?.carriedOver || 0).toBe(0)
  })

  it('lists, filters, searches and pages records', async () => {
    const records = Array.from({ length: 9 }, (_, i) => stored('mediationCase', casePayload({ receivedDate: `2026-11-0${i + 1}`, employer: { name: i % 3 ? '青禾建材有限公司' : '东湖纺织（集团）有限公司' } })))
    records.push(stored('legalSession', sessionPayload(), { stationId: 'st-b' }))
    await store.commit(records.map((r) => change([r, 0])))
    const page1 = await store.listRecords({ stationId: 'st-a', type: 'mediationCase', limit: 4 })
    const page2 = await store.listRecords({ stationId: 'st-a', type: 'mediationCase', limit: 4, cursor: page1.next })
    const page3 = await store.listRecords({ stationId: 'st-a', type: 'mediationCase', limit: 4, cursor: page2.next })
    expect([...page1.items, ...page2.items, ...page3.items].map((r) => r.eventDate)).toEqual(records.slice(0, 9).map((r) => r.eventDate).reverse())
    expect(page3.next).toBeNull()
    const oldest = await store.listRecords({ stationId: 'st-a', limit: 2, order: 'oldest' })
    expect(oldest.items.map((r) => r.eventDate)).toEqual(['2026-11-01', '2026-11-02'])
    expect((await store.listRecords({ stationId: 'st-a', search: '（集团）', limit: 50 })).items).toHaveLength(3)
    expect((await store.listRecords({ stationId: 'st-a', search: '%', limit: 50 })).items).toHaveLength(0)
    expect((await store.listRecords({ stationId: 'st-a', status: 'pending', limit: 50 })).items).toHaveLength(9)
    expect((await store.listRecords({ createdBy: 'usr_med_a', type: 'legalSession', limit: 50 })).items).toHaveLength(1)
  })

  it('finds complaints by tracking number', async () => {
    const c = stored('wageComplaint', complaintPayload({ trackingNo: 'K7M4-QX9A' }))
    await store.commit([change([c, 0])])
    expect((await store.findComplaintByTracking('K7M4-QX9A'))?.id).toBe(c.id)
    expect(await store.findComplaintByTracking('K7M4-QX9B')).toBeNull()
  })

  it('counts rate-limit hits per window', async () => {
    const hits = []
    for (let i = 0; i < 4; i++) hits.push(await store.hitRateLimit('complaint:ip:::1', '2026-11-20', 3))
    expect(hits.map((h) => h.allowed)).toEqual([true, true, true, false])
    expect(await store.hitRateLimit('complaint:ip:::1', '2026-11-21', 3)).toEqual({ allowed: true, count: 1 })
  })

  it('pages past 1000: 1,200 enterprises in one station, and 1,100 records read back by id', async () => {
    const records: StoredRecord[] = []
    for (let i = 0; i < 1200; i++) {
      const first17 = `91330100MA${String(i).padStart(7, '0')}`
      records.push(stored('riskCheck', riskPayload({ enterprise: { name: `企业${i}`, creditCode: first17 + creditCodeCheckChar(first17), headcount: 10, isConstruction: false } })))
    }
    await store.commit(records.map((r) => change([r, 0])))
    const facts = await store.reportFacts({ districtId: 'dist-d', period: monthPeriod(2026, 11), through: '2026-11-20' })
    expect(facts.stations.find((s) => s.stationId === 'st-a')?.enterprises.checked).toBe(1200)
    expect(facts.enterprises.checked).toBe(1200)
    expect((await store.getRecords(records.slice(0, 1100).map((r) => r.id))).length).toBe(1100)
    if (stats) expect(stats().largestPage).toBeLessThanOrEqual(1000)
  }, 60_000)

  it('runs the complaint → case → success flow through the handlers', async () => {
    const ledger = new Ledger(store)
    ledger.now = NOW
    const sent = await ledger.ok<{ id: string, trackingNo: string }>('submitComplaint', complaintForm('TA01', { workerCount: 3, amountOwedFen: 600_000 }), 'dev_w')
    const converted = await ledger.ok<{ case: StoredRecord }>('handleComplaint', { id: sent.id, action: 'convert', baseVersion: 1 }, PEOPLE.mediatorA.identityId)
    let v = converted.case.version
    v = (await ledger.ok<{ record: StoredRecord }>('transitionCase', { id: converted.case.id, baseVersion: v, action: 'recordSession', mode: '面谈' }, PEOPLE.mediatorA.identityId)).record.version
    await ledger.ok('transitionCase', { id: converted.case.id, baseVersion: v, action: 'succeed', agreement: { amountFen: 500_000, payDate: '2026-11-30', payMethod: '现金' } }, PEOPLE.mediatorA.identityId)
    const lookup = await ledger.ok<{ complaint: { status: string } }>('lookupComplaint', { trackingNo: sent.trackingNo, phoneLast4: '2222' }, null)
    expect(lookup.complaint.status).toBe('closed')
    const report = await ledger.ok<{ totals: { sums: Record<string, number> } }>('districtReport', { period: { kind: 'month', year: 2026, month: 11 } }, PEOPLE.staffD.identityId)
    expect(report.totals.sums).toMatchObject({ complaintsReceived: 1, complaintWorkers: 0, caseWorkers: 3, caseAgreedFen: 500_000 })
    expect(beijingDate(NOW)).toBe('2026-11-20')
  })
})

describe('both adapters on the same generated data', () => {
  it('answer the same report facts for every period', async () => {
    const changes: Change[] = []
    for (const g of generateRecords({ stations: [STATION_A, STATION_B], today: '2026-11-20', days: 300, mediatorOf: () => 'usr_med_a', newId: newRecordId, seed: 5 })) {
      const r = buildStored(g.input, { districtId: 'dist-d', actorId: g.createdBy, now: NOW, previous: null })
      changes.push({ writes: [{ record: r, expectedVersion: 0 }], audit: auditFor(r, null, g.createdBy, NOW) })
    }
    const answers = []
    for (const { make } of STORES) {
      const { store, close } = make()
      await seedOrg(store)
      await store.commit(changes)
      const periods = [yearPeriod(2026), monthPeriod(2026, 3), monthPeriod(2026, 11), monthPeriod(2025, 12)]
      const facts = []
      for (const period of periods) {
        const f = await store.reportFacts({ districtId: 'dist-d', period, through: period.end < '2026-11-20' ? period.end : '2026-11-20' })
        facts.push({ stations: f.stations.sort((x, y) => x.stationId.localeCompare(y.stationId)), enterprises: f.enterprises })
      }
      answers.push(facts)
      close()
    }
    expect(answers[0][0].stations[0].sums.casesAccepted).toBeGreaterThan(10)
    expect(answers[1]).toEqual(answers[0])
  }, 60_000)
})
