/**
 * The storage port's `pointFacts` on both adapters: a station's figures by point (村/社区点) and 站本级, moving with an
 * edit that changes a record's point, its carried-over cases and enterprises per point; and the SQLite file made
 * before these figures existed, counted again when it is opened.
 */
import Database from 'better-sqlite3'
import fs from 'fs'
import os from 'os'
import path from 'path'
import { monthPeriod, newRecordId, yearPeriod, type PointFacts, type RecordInput, type StoredRecord } from '@/domain'
import { buildStored } from '../../cloudfunctions/ledger/src/handlers/record-builder'
import { SqliteStore } from '../../server/sqlite-store'
import { casePayload, ev, riskPayload, sessionPayload } from '../support/fixtures'
import { STATION_A, seedOrg, type SeedableStore } from '../support/ledger-harness'
import { STORES } from '../support/stores'

const P1 = STATION_A.points[0].id

function record (type: RecordInput['type'], payload: unknown, pointId: string | null, now: string, previous: StoredRecord | null = null): StoredRecord {
  const input = { id: previous?.id || newRecordId(), type, stationId: 'st-a', pointId, baseVersion: previous?.version || 0, payload } as RecordInput
  return buildStored(input, { districtId: 'dist-d', actorId: 'usr_med_a', now: new Date(`${now}T04:00:00.000Z`), previous })
}

async function write (store: SeedableStore, r: StoredRecord, expectedVersion = 0) {
  const [result] = await store.commit([{ writes: [{ record: r, expectedVersion }], audit: [] }])
  expect(result).toEqual({ ok: true })
}

const entry = (facts: PointFacts[], pointId: string | null) => {
  const f = facts.find((x) => x.stationId === 'st-a' && x.pointId === pointId)
  if (!f) throw new Error(`no entry for point ${pointId}`)
  return f
}

describe.each(STORES)('pointFacts on $name', ({ make }) => {
  let store: SeedableStore
  let close: () => void
  beforeEach(async () => {
    ({ store, close } = make())
    await seedOrg(store)
  })
  afterEach(() => close())

  it('splits a station into its points and 站本级, and an edit of the point moves the figures', async () => {
    const atPoint = record('legalSession', sessionPayload({ date: '2026-03-03', attendees: 40 }), P1, '2026-03-03')
    const own = record('legalSession', sessionPayload({ date: '2026-03-04', attendees: 25 }), null, '2026-03-04')
    const kase = record('mediationCase', casePayload({ receivedDate: '2026-02-20', timeline: [ev('accept', '2026-02-21')] }), P1, '2026-02-21')
    const check = record('riskCheck', riskPayload({ checkDate: '2026-03-05' }, { noWageArrears: { result: 'noncompliant', workers: 12 } }), P1, '2026-03-05')
    for (const r of [atPoint, own, kase, check]) await write(store, r)
    const march = { districtId: 'dist-d', period: monthPeriod(2026, 3), through: '2026-03-31' }

    let facts = await store.pointFacts(march)
    expect([entry(facts, P1).sums.sessions, entry(facts, P1).sums.sessionAttendees, entry(facts, null).sums.sessions, entry(facts, null).sums.sessionAttendees]).toEqual([1, 40, 1, 25])
    // Accepted in February, open in March: carried over, at the point.
    expect([entry(facts, P1).carriedOver, entry(facts, null).carriedOver]).toEqual([1, 0])
    expect(entry(facts, P1).enterprises).toEqual({ checked: 1, low: 0, medium: 0, high: 1 })
    expect(entry(facts, null).enterprises.checked).toBe(0)
    expect(facts.every((f) => f.stationId === 'st-a')).toBe(true)

    // The session at the point was really held at the station: edited back to 站本级.
    await write(store, record('legalSession', atPoint.payload, null, '2026-03-10', atPoint), 1)
    facts = await store.pointFacts(march)
    expect([entry(facts, P1).sums.sessions, entry(facts, null).sums.sessions, entry(facts, null).sums.sessionAttendees]).toEqual([0, 2, 65])
    const station = (await store.reportFacts(march)).stations.find((s) => s.stationId === 'st-a')
    expect(station?.sums.sessions).toBe(2)
  })

  it('answers one station when asked, and nothing for a district with no points in use', async () => {
    await write(store, record('legalSession', sessionPayload({ date: '2026-03-03' }), P1, '2026-03-03'))
    const one = await store.pointFacts({ districtId: 'dist-d', stationId: 'st-b', period: yearPeriod(2026), through: '2026-11-20' })
    expect(one.filter((f) => f.pointId !== null)).toEqual([])
    expect(await store.pointFacts({ districtId: 'dist-e', period: yearPeriod(2026), through: '2026-11-20' })).toEqual([])
  })
})

describe('a SQLite file made before the current figures', () => {
  it('gets the new columns and every record counted again when opened', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-migrate-'))
    const file = path.join(dir, 'old.db')
    const first = new SqliteStore(file)
    await seedOrg(first)
    await write(first, record('legalSession', sessionPayload({ date: '2026-03-03', attendees: 40 }), P1, '2026-03-09'))
    first.close()
    // As an older version left it: no completeness figure, no point sums, no record of which figures it holds.
    const raw = new Database(file)
    raw.exec("ALTER TABLE daily_figures DROP COLUMN activity; DELETE FROM point_figures; DELETE FROM meta WHERE key = 'figures'")
    raw.close()

    const reopened = new SqliteStore(file)
    const march = { districtId: 'dist-d', period: monthPeriod(2026, 3), through: '2026-03-31' }
    const station = (await reopened.reportFacts(march)).stations.find((s) => s.stationId === 'st-a')
    // Activity on the day it was held and the day it was written.
    expect([station?.sums.sessions, station?.sums.activity]).toEqual([1, 2])
    expect(entry(await reopened.pointFacts(march), P1).sums.sessionAttendees).toBe(40)
    reopened.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })
})
