/**
 * Report benchmark: a year over N records across 22 stations on the embedded store, against a naive baseline that
 * loads every record and sums it in JS; peak memory of the report in a fresh process at several sizes; the export.
 */
import { execFileSync } from 'child_process'
import fs from 'fs'
import os from 'os'
import path from 'path'
import { buildDistrictReport, contributions, emptyEnterpriseStats, emptySums, newRecordId, yearPeriod, type StationFacts, type StoredRecord } from '@/domain'
import { buildStored } from '../cloudfunctions/ledger/src/handlers/record-builder'
import { reportToXlsx } from '../cloudfunctions/ledger/src/report-export'
import type { Change } from '../cloudfunctions/ledger/src/store/port'
import { DEMO_DISTRICT, demoStations, generateRecords } from '../server/demo-data'
import { SqliteStore } from '../server/sqlite-store'
import { median, timeIt } from './stats'

const TODAY = '2026-11-20'
const PERIOD = yearPeriod(2026)

/** Fills a database file with about `target` records over 400 days (so carried-over cases exist). */
export async function buildDatabase (file: string, target: number): Promise<{ store: SqliteStore, records: number, seconds: number }> {
  fs.rmSync(file, { force: true })
  const store = new SqliteStore(file)
  const stations = demoStations()
  await store.putDistrict(DEMO_DISTRICT)
  for (const [i, s] of stations.entries()) await store.putStation(s, i)
  const perStationDay = target / (22 * 401)
  const scale = perStationDay / ((4.5 + 1.6 + 3.2 + 2.4 * 1.22) / 30)
  const rates = { cases: 4.5 * scale, sessions: 1.6 * scale, checks: 3.2 * scale, complaints: 2.4 * scale }
  const started = Date.now()
  let batch: Change[] = []
  let n = 0
  const now = new Date(`${TODAY}T04:00:00Z`)
  for (const g of generateRecords({ stations, today: TODAY, days: 400, rates, mediatorOf: (id) => `usr_${id}`, newId: newRecordId, validate: false, seed: 3 })) {
    const record = buildStored(g.input, { districtId: DEMO_DISTRICT.id, actorId: g.createdBy, now, previous: null })
    batch.push({ writes: [{ record, expectedVersion: 0 }], audit: [] })
    n++
    if (batch.length === 5000) {
      await store.commit(batch)
      batch = []
    }
    if (n >= target) break
  }
  if (batch.length) await store.commit(batch)
  store.db.pragma('wal_checkpoint(TRUNCATE)')
  store.db.exec('ANALYZE')
  return { store, records: n, seconds: (Date.now() - started) / 1000 }
}

async function fastReport (store: SqliteStore) {
  const stations = await store.listStations(DEMO_DISTRICT.id)
  const facts = await store.reportFacts({ districtId: DEMO_DISTRICT.id, period: PERIOD, through: TODAY })
  return buildDistrictReport({ district: DEMO_DISTRICT, stations, facts: facts.stations, districtEnterprises: facts.enterprises, period: PERIOD, asOf: TODAY, generatedAt: new Date().toISOString() })
}

/** The naive way: every record out of the database, parsed, and its figures summed in JS. */
async function naiveReport (store: SqliteStore) {
  const stations = await store.listStations(DEMO_DISTRICT.id)
  const facts = new Map<string, StationFacts>(stations.map((s) => [s.id, { stationId: s.id, sums: emptySums(), carriedOver: 0, enterprises: emptyEnterpriseStats() }]))
  for (const row of store.db.prepare('SELECT doc FROM records WHERE district_id = ?').iterate(DEMO_DISTRICT.id) as Iterable<{ doc: string }>) {
    const r = JSON.parse(row.doc) as StoredRecord
    const f = facts.get(r.stationId) as StationFacts
    for (const c of contributions(r)) {
      if (c.date >= PERIOD.start && c.date <= TODAY) f.sums[c.key] += c.value
      else if (c.date < PERIOD.start && c.key === 'casesAccepted') f.carriedOver += c.value
      else if (c.date < PERIOD.start && c.key === 'casesClosed') f.carriedOver -= c.value
    }
  }
  return buildDistrictReport({ district: DEMO_DISTRICT, stations, facts: [...facts.values()], districtEnterprises: emptyEnterpriseStats(), period: PERIOD, asOf: TODAY, generatedAt: new Date().toISOString() })
}

/** Peak resident memory (VmHWM) of a fresh process that opens the file and builds the report once. */
function reportPeakMemoryMb (file: string): number {
  const script = path.join(__dirname, 'report-once.ts')
  const out = execFileSync(process.execPath, ['--import', 'tsx', script, file], { cwd: path.resolve(__dirname, '..'), encoding: 'utf8' })
  return Number(JSON.parse(out.trim().split('\n').pop() as string).peakMb)
}

export async function runReportBench (sizes: number[]): Promise<Record<string, unknown>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-bench-'))
  const results: Record<string, unknown> = {}
  const memory: Array<{ records: number, peakMb: number }> = []
  for (const size of sizes) {
    const file = path.join(dir, `bench-${size}.db`)
    const { store, records, seconds } = await buildDatabase(file, size)
    console.log(`  built ${records.toLocaleString()} records in ${seconds.toFixed(1)} s (${(fs.statSync(file).size / 1e6).toFixed(0)} MB)`)
    const peak = reportPeakMemoryMb(file)
    memory.push({ records, peakMb: peak })
    console.log(`  report peak memory in a fresh process: ${peak.toFixed(0)} MB`)
    if (size === Math.max(...sizes)) {
      const fast = await timeIt(() => fastReport(store), 30)
      const naive = await timeIt(() => naiveReport(store), 3)
      const a = await fastReport(store)
      const b = await naiveReport(store)
      const same = JSON.stringify(a.rows.map((r) => [r.sums, r.carriedOver])) === JSON.stringify(b.rows.map((r) => [r.sums, r.carriedOver]))
      const exportMs = await timeIt(async () => reportToXlsx(await fastReport(store)), 5)
      results.report = {
        records,
        fastMedianMs: median(fast),
        naiveMedianMs: median(naive),
        ratio: median(naive) / median(fast),
        sameFigures: same,
        targetMs: 50,
        targetRatio: 20
      }
      results.export = { stations: a.rows.length, xlsxMedianMs: median(exportMs), targetMs: 1000 }
      console.log(`  district report, year, ${records.toLocaleString()} records: median ${median(fast).toFixed(1)} ms (target ≤ 50 ms)`)
      console.log(`  naive baseline (load + sum in JS): median ${median(naive).toFixed(0)} ms → ${(median(naive) / median(fast)).toFixed(0)}× faster (target ≥ 20×); same figures: ${same}`)
      console.log(`  xlsx export of the 22-station report: median ${median(exportMs).toFixed(0)} ms (target ≤ 1000 ms)`)
    }
    store.close()
  }
  results.memory = memory
  fs.rmSync(dir, { recursive: true, force: true })
  return results
}
