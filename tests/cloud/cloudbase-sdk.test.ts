/**
 * The CloudBase adapter through the real wx-server-sdk on the CloudBase simulator: what the real service does and a
 * fake would not (row caps, unique-index null semantics, write conflicts with their code lost, not-found vs failure,
 * concurrency), the handlers end to end, and the round-trip budgets of issue 12.
 */
import { monthPeriod, newRecordId, type StoredRecord } from '@/domain'
import { auditFor, buildStored } from '../../cloudfunctions/ledger/src/handlers/record-builder'
import type { SyncResult } from '../../cloudfunctions/ledger/src/handlers/sync'
import type { CloudDatabase } from '../../cloudfunctions/ledger/src/store/cloudbase-api'
import { CONFLICT_ATTEMPTS } from '../../cloudfunctions/ledger/src/store/cloudbase-store'
import { SqliteStore } from '../../server/sqlite-store'
import { generateRecords } from '../../server/demo-data'
import { CloudBaseSimulator } from '../support/cloudbase-simulator'
import { casePayload, complaintForm, envelope, ev, riskPayload, sessionPayload } from '../support/fixtures'
import { Ledger, PEOPLE, STATION_A, STATION_B, seedOrg, type SeedableStore } from '../support/ledger-harness'
import { simulatedCloudBase, type SimulatedCloudBase } from '../support/stores'

const A = PEOPLE.mediatorA.identityId
let cb: SimulatedCloudBase
let ledger: Ledger

beforeEach(async () => {
  cb = simulatedCloudBase({ rowCap: 100 })
  await seedOrg(cb.store)
  ledger = new Ledger(cb.store)
})

const sync = async (records: unknown[], who = A) => (await ledger.ok<{ results: SyncResult[] }>('syncRecords', { records }, who)).results
const trips = async (fn: () => Promise<unknown>) => {
  const before = cb.sim.stats.roundTrips
  await fn()
  return cb.sim.stats.roundTrips - before
}
const novFacts = async () => (await cb.store.reportFacts({ districtId: 'dist-d', period: monthPeriod(2026, 11), through: '2026-11-20' })).stations.find((s) => s.stationId === 'st-a')

describe('the service as the real SDK meets it', () => {
  it('loses the code of a write conflict inside a transaction (-501001), so the SDK never retries it', async () => {
    const db = cb.db as CloudDatabase
    cb.sim.injectConflicts(1, 'write')
    const error = await db.runTransaction(async (tx) => { await tx.collection('districts').doc('x').set({ data: { name: 'x' } }) }).catch((e) => e)
    expect(error).toMatchObject({ errCode: -501001 })
    expect(String(error.errMsg)).toMatch(/TransactionConflict/)
    expect(cb.sim.documents('districts').map((d) => d._id)).not.toContain('x')
  })

  it('treats an explicit null as a value in a unique index, even a sparse one; only a missing field is skipped', async () => {
    const sim = new CloudBaseSimulator({ uniqueIndexes: [{ collection: 'records', name: 'trackingNo_1', fields: ['trackingNo'], sparse: true }] })
    sim.createCollections(['records'])
    const db = sim.database<CloudDatabase>()
    await db.collection('records').add({ data: { _id: 'a', trackingNo: null } })
    const second = await db.collection('records').add({ data: { _id: 'b', trackingNo: null } }).catch((e) => e)
    expect(String(second.errMsg)).toMatch(/E11000 duplicate key error.*trackingNo_1/)
    await db.collection('records').add({ data: { _id: 'c' } })
    await db.collection('records').add({ data: { _id: 'd' } })
    expect(sim.documents('records').map((d) => d._id)).toEqual(['a', 'c', 'd'])
  })

  it('a plain object in update() merges key by key; the adapter replaces a changed payload whole', async () => {
    const rec = envelope('mediationCase', 'st-a', casePayload({ employer: { name: '青禾建材有限公司', creditCode: '91330100716105852F', address: '工业园区8号', contact: '李经理' } }))
    await sync([rec])
    const edited = casePayload({ employer: { name: '青禾建材有限公司' }, timeline: [ev('accept', '2026-11-03')] })
    expect((await sync([{ ...rec, baseVersion: 1, payload: edited }]))[0].result).toBe('updated')
    const [stored] = await cb.store.getRecords([rec.id])
    expect((stored.payload as { employer: unknown }).employer).toEqual({ name: '青禾建材有限公司' })
  })
})

describe('syncRecords through the real SDK', () => {
  it('stores a batch of 50 once in about one round trip per record, and a resend in 3', async () => {
    const batch = Array.from({ length: 50 }, (_, i) => [
      envelope('mediationCase', 'st-a', casePayload({ receivedDate: `2026-11-${String(1 + (i % 19)).padStart(2, '0')}`, timeline: [ev('accept', `2026-11-${String(1 + (i % 19)).padStart(2, '0')}`)] })),
      envelope('legalSession', 'st-a', sessionPayload({ attendees: i + 1 })),
      envelope('riskCheck', 'st-a', riskPayload())
    ][i % 3])
    let results: SyncResult[] = []
    const first = await trips(async () => { results = await sync(batch) })
    expect(results.every((r) => r.result === 'stored')).toBe(true)
    expect(first).toBeLessThanOrEqual(100)
    let again: SyncResult[] = []
    const resend = await trips(async () => { again = await sync(batch) })
    expect(again.every((r) => r.result === 'duplicate')).toBe(true)
    expect(resend).toBeLessThanOrEqual(5)
    expect(cb.sim.documents('records')).toHaveLength(50)
    expect((await novFacts())?.sums.sessions).toBe(batch.filter((r) => r.type === 'legalSession').length)
  })

  it('two mediators of one station syncing records of the same days at once: all stored, counted once', async () => {
    const x = Array.from({ length: 40 }, (_, i) => envelope('legalSession', 'st-a', sessionPayload({ date: '2026-11-05', attendees: i + 1 })))
    const y = Array.from({ length: 40 }, (_, i) => envelope('legalSession', 'st-a', sessionPayload({ date: '2026-11-05', attendees: 100 + i })))
    const complaint = ledger.ok('submitComplaint', complaintForm('TA01'), 'dev_worker')
    const [rx, ry] = await Promise.all([sync(x), sync(y), complaint])
    expect([...rx, ...ry].every((r) => r.result === 'stored')).toBe(true)
    const f = await novFacts()
    expect(f?.sums.sessions).toBe(80)
    expect(f?.sums.sessionAttendees).toBe((40 * 41) / 2 + 40 * 100 + (39 * 40) / 2)
    expect(f?.sums.complaintsReceived).toBe(1)
  })

  it('a converted case closing its complaint retries injected write conflicts, then succeeds once', async () => {
    const sent = await ledger.ok<{ id: string }>('submitComplaint', complaintForm('TA01', { workerCount: 2, amountOwedFen: 800_000 }), 'dev_w')
    const { case: kase } = await ledger.ok<{ case: StoredRecord }>('handleComplaint', { id: sent.id, action: 'convert', baseVersion: 1 }, A)
    const payload = { ...(kase.payload as object), timeline: [...(kase.payload as { timeline: unknown[] }).timeline, ev('recordSession', '2026-11-20', { mode: '面谈' }), ev('succeed', '2026-11-20', { agreement: { amountFen: 700_000, payDate: '2026-11-30', payMethod: '现金' } })] }
    cb.sim.injectConflicts(CONFLICT_ATTEMPTS - 1, 'write')
    const [r] = await sync([{ id: kase.id, type: 'mediationCase', stationId: 'st-a', baseVersion: kase.version, payload }])
    expect(r.result).toBe('updated')
    expect(cb.sim.stats.conflictsRaised).toBe(CONFLICT_ATTEMPTS - 1)
    const [complaint] = await cb.store.getRecords([sent.id])
    expect(complaint.status).toBe('closed')
    expect((await novFacts())?.sums).toMatchObject({ casesMediated: 0, caseAgreedFen: 700_000, complaintsConverted: 1, complaintWorkers: 0 })
  })

  it('gives a clear BUSY answer after bounded retries, and writes nothing', async () => {
    const sent = await ledger.ok<{ id: string }>('submitComplaint', complaintForm('TA01'), 'dev_w')
    cb.sim.injectConflicts(CONFLICT_ATTEMPTS, 'write')
    const answer = await ledger.call('handleComplaint', { id: sent.id, action: 'convert', baseVersion: 1 }, A)
    expect(answer).toMatchObject({ ok: false, code: 'BUSY' })
    expect(cb.sim.documents('records').filter((d) => d.type === 'mediationCase')).toHaveLength(0)
    expect((await cb.store.getRecords([sent.id]))[0].version).toBe(1)
  })

  it('retries a conflict raised at commit too (the SDK keeps that code)', async () => {
    const sent = await ledger.ok<{ id: string }>('submitComplaint', complaintForm('TA01'), 'dev_w')
    cb.sim.injectConflicts(2, 'commit')
    const answer = await ledger.call('handleComplaint', { id: sent.id, action: 'convert', baseVersion: 1 }, A)
    expect(answer.ok).toBe(true)
    expect(cb.sim.documents('records').filter((d) => d.type === 'mediationCase')).toHaveLength(1)
  })

  it('a failed read inside a transaction (-502001) is a failure, never "missing": nothing is overwritten', async () => {
    await cb.store.createInvite({ code: 'ABCD-EFGH', role: 'mediator', districtId: 'dist-d', stationId: 'st-b', displayName: '新人', title: '调解员', createdBy: 'x', createdAt: '2026-11-20T00:00:00.000Z', expiresAt: '2026-12-01T00:00:00.000Z', usedBy: null, usedAt: null })
    cb.sim.injectError('database.getDocument', 'DATABASE_REQUEST_FAILED', '[InternalError] database request fail', 'invites')
    await expect(cb.store.redeemInvite('ABCD-EFGH', 'id_1', '2026-11-20T04:00:00.000Z', null)).rejects.toMatchObject({ errCode: -502001 })
    expect(await cb.store.getBinding('id_1')).toBeNull()
    expect(await cb.store.redeemInvite('ABCD-EFGH', 'id_1', '2026-11-20T04:00:00.000Z', null)).toMatchObject({ ok: true })
  })

  it('writes no uniquely indexed field as null: tracking numbers live in their own collection', async () => {
    await sync([envelope('legalSession', 'st-a', sessionPayload()), envelope('riskCheck', 'st-a', riskPayload())])
    await ledger.ok('submitComplaint', complaintForm('TA01'), 'dev_a')
    await ledger.ok('submitComplaint', complaintForm('TA01'), 'dev_b')
    for (const d of cb.sim.documents('records')) {
      for (const field of ['trackingNo', 'enterpriseKey', 'riskLevel']) expect(d[field]).not.toBeNull()
      if (d.type !== 'wageComplaint') expect(d).not.toHaveProperty('trackingNo')
    }
    expect(cb.sim.documents('tracking_numbers')).toHaveLength(2)
  })
})

describe('paging past the row cap', () => {
  it('reads every station, record, audit entry and enterprise when a page holds 7 rows', async () => {
    cb.sim.rowCap = 7
    for (let i = 0; i < 23; i++) await cb.store.putStation({ ...STATION_B, id: `st-x${i}`, code: `TX${i}` }, 10 + i)
    expect(await cb.store.listStations('dist-d')).toHaveLength(3 + 23)
    const checks = Array.from({ length: 30 }, (_, i) => envelope('riskCheck', 'st-a', riskPayload({ enterprise: { name: `企业${i}`, industry: '制造业', headcount: 10, isConstruction: false } })))
    await sync(checks)
    expect((await cb.store.getRecords(checks.map((c) => c.id)))).toHaveLength(30)
    const page = await cb.store.listRecords({ stationId: 'st-a', limit: 25 })
    expect(page.items).toHaveLength(25)
    const rest = await cb.store.listRecords({ stationId: 'st-a', limit: 25, cursor: page.next })
    expect(rest.items).toHaveLength(5)
    expect(rest.next).toBeNull()
    const f = await novFacts()
    expect(f?.enterprises.checked).toBe(30)
    const id = checks[0].id
    await cb.store.appendAudit(Array.from({ length: 20 }, (_, i) => ({ recordId: id, stationId: 'st-a', districtId: 'dist-d', actor: A, action: 'viewContact', at: `2026-11-20T00:00:${String(i).padStart(2, '0')}.000Z` })))
    expect(await cb.store.listAudit(id)).toHaveLength(20)
    expect(cb.sim.stats.largestPage).toBeLessThanOrEqual(7)
  })
})

describe('the same records, edits included, give the same district report on both adapters', () => {
  it('equals the SQLite adapter report for a year, a month and a station', async () => {
    const sqlite = new SqliteStore(':memory:')
    await seedOrg(sqlite)
    const now = new Date('2026-11-20T04:00:00.000Z')
    const generated = [...generateRecords({ stations: [STATION_A, STATION_B], today: '2026-11-20', days: 200, mediatorOf: () => A, newId: newRecordId, seed: 9 })]
    const write = async (store: SeedableStore) => {
      for (let i = 0; i < generated.length; i += 50) {
        await store.commit(generated.slice(i, i + 50).map((g) => {
          const r = buildStored(g.input, { districtId: 'dist-d', actorId: A, now, previous: null })
          return { writes: [{ record: r, expectedVersion: 0 }], audit: auditFor(r, null, A, now) }
        }))
      }
      // Edits that move figures: open cases of station A are closed as failed in November.
      const open = generated.filter((g) => g.input.type === 'mediationCase' && g.input.stationId === 'st-a').slice(0, 15)
      const stored = await store.getRecords(open.map((g) => g.input.id))
      for (const prev of stored) {
        const timeline = (prev.payload as { timeline: Array<{ action: string }> }).timeline
        if (timeline.some((e) => ['close', 'reject', 'succeed', 'fail', 'withdraw'].includes(e.action))) continue
        const steps = timeline.some((e) => e.action === 'accept') ? [] : [ev('accept', '2026-11-02')]
        const payload = { ...(prev.payload as object), timeline: [...timeline, ...steps, ev('recordSession', '2026-11-03', { mode: '电话' }), ev('fail', '2026-11-04'), ev('close', '2026-11-05')] }
        const next = buildStored({ id: prev.id, type: prev.type, stationId: prev.stationId, pointId: prev.pointId, baseVersion: prev.version, payload } as Parameters<typeof buildStored>[0], { districtId: 'dist-d', actorId: A, now, previous: prev })
        const [r] = await store.commit([{ writes: [{ record: next, expectedVersion: prev.version }], audit: auditFor(next, prev, A, now) }])
        expect(r.ok).toBe(true)
      }
    }
    await write(sqlite)
    await write(cb.store)
    const reports = async (store: SeedableStore) => {
      const l = new Ledger(store)
      const out = []
      for (const period of [{ kind: 'year', year: 2026 }, { kind: 'month', year: 2026, month: 11 }, { kind: 'month', year: 2026, month: 6 }]) {
        const r = await l.ok<{ generatedAt: string }>('districtReport', { period }, PEOPLE.staffD.identityId)
        out.push({ ...r, generatedAt: '' })
      }
      out.push(await l.ok('stationSummary', { period: { kind: 'year', year: 2026 } }, A))
      return out
    }
    const [expected, actual] = [await reports(sqlite), await reports(cb.store)]
    expect((expected[0] as unknown as { totals: { sums: { casesClosed: number } } }).totals.sums.casesClosed).toBeGreaterThan(5)
    expect(actual).toEqual(expected)
    sqlite.close()
  }, 60_000)

  it('answers a year report with its 同比 in at most 10 round trips', async () => {
    const dates = ['2025-03-04', '2025-11-05', '2026-03-04', '2026-11-05']
    await sync(dates.flatMap((date) => [envelope('legalSession', 'st-a', sessionPayload({ date })), envelope('riskCheck', 'st-a', riskPayload({ checkDate: date }))]))
    await sync(dates.map((date) => envelope('legalSession', 'st-b', sessionPayload({ date }))), PEOPLE.mediatorB.identityId)
    let report: { totals: { sums: { sessions: number } }, comparison?: unknown } | undefined
    const n = await trips(async () => { report = await ledger.ok('districtReport', { period: { kind: 'year', year: 2026 } }, PEOPLE.staffD.identityId) })
    expect(report?.totals.sums.sessions).toBe(4)
    expect(JSON.stringify(report?.comparison)).toContain('"sessions":2')
    expect(n).toBeLessThanOrEqual(10)
  })
})
