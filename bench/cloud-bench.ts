/**
 * `npm run bench -- cloud`: the ledger's handlers through the real wx-server-sdk on the CloudBase simulator
 * (tests/support/cloudbase-simulator.ts, row cap 100), counting database round trips and timing them at a simulated
 * latency per round trip (CLOUD_LATENCY_MS, default 15 ms): one syncRecords of 50 new records (target ≤ 100 round
 * trips), its resend, two batches of one station at once, and the district's year report (target ≤ 10 round trips).
 */
import { beijingDate, newRecordId, recordEventDate, type Binding } from '@/domain'
import type { HandlerContext } from '../cloudfunctions/ledger/src/context'
import { handle } from '../cloudfunctions/ledger/src/router'
import { auditFor, buildStored } from '../cloudfunctions/ledger/src/handlers/record-builder'
import type { Change } from '../cloudfunctions/ledger/src/store/port'
import { DEMO_DISTRICT, demoStations, generateRecords } from '../server/demo-data'
import { recordingServices } from '../tests/support/ledger-harness'
import { simulatedCloudBase } from '../tests/support/stores'
import { median } from './stats'
import { validRecords } from './sync-bench'

const LATENCY = Number(process.env.CLOUD_LATENCY_MS || 15)
const RUNS = 5

export async function runCloudBench () {
  const { sim, store } = simulatedCloudBase({ rowCap: 100 })
  const stations = demoStations()
  const now = new Date()
  await store.putDistrict(DEMO_DISTRICT)
  for (const [i, s] of stations.entries()) await store.putStation(s, i)
  const mediator = (stationId: string): Binding => ({ identityId: `usr_${stationId}`, role: 'mediator', districtId: DEMO_DISTRICT.id, stationId, displayName: '调解员', title: '调解员', boundAt: now.toISOString() })
  for (const s of stations) await store.putBinding(mediator(s.id), null)
  await store.putBinding({ identityId: 'usr_staff', role: 'district', districtId: DEMO_DISTRICT.id, stationId: null, displayName: '科员', title: '区级工作人员', boundAt: now.toISOString() }, null)

  const ctx = (identityId: string): HandlerContext => ({ caller: { identityId }, now: () => now, store, services: recordingServices(), log: (m, d) => console.error(m, d) })
  /** Round trips and wall time of one call at the simulated latency. */
  const measure = async (fn: () => Promise<unknown>) => {
    sim.latencyMs = LATENCY
    const before = sim.stats.roundTrips
    const t = Date.now()
    await fn()
    const ms = Date.now() - t
    sim.latencyMs = 0
    return { roundTrips: sim.stats.roundTrips - before, ms }
  }
  const sync = async (stationId: string, records: unknown[]) => {
    const a = await handle('syncRecords', { records }, ctx(`usr_${stationId}`))
    if (!a.ok) throw new Error(`sync failed: ${a.code} ${a.message}`)
    return (a.data as { results: Array<{ result: string }> }).results
  }

  // One batch of 50 new records (the demo's mix), five times into fresh stations; then its resend.
  const batches: Array<{ roundTrips: number, ms: number }> = []
  let stored = 0
  const sent: unknown[][] = []
  for (let run = 0; run < RUNS; run++) {
    const records = validRecords(stations[run].id, 50, run + 1)
    sent.push(records)
    batches.push(await measure(async () => { stored += (await sync(stations[run].id, records)).filter((r) => r.result === 'stored').length }))
  }
  let duplicates = 0
  const resend = await measure(async () => { duplicates = (await sync(stations[0].id, sent[0])).filter((r) => r.result === 'duplicate').length })
  // Two mediators of one station syncing 50 records each at the same moment.
  const [x, y] = [validRecords(stations[6].id, 100, 7).slice(0, 50), validRecords(stations[6].id, 100, 7).slice(50)]
  const concurrent = await measure(() => Promise.all([sync(stations[6].id, x), sync(stations[6].id, y)]))

  // A year of the demo district's records, written without latency, then the year report.
  const changes: Change[] = []
  const today = beijingDate(now)
  for (const g of generateRecords({ stations, today, days: 365, mediatorOf: (id) => `usr_${id}`, newId: newRecordId })) {
    const createdAt = new Date(Math.min(now.getTime(), Date.parse(`${recordEventDate(g.input)}T10:00:00+08:00`)))
    const record = buildStored(g.input, { districtId: DEMO_DISTRICT.id, actorId: g.createdBy, now: createdAt, previous: null })
    changes.push({ writes: [{ record, expectedVersion: 0 }], audit: auditFor(record, null, g.createdBy, createdAt) })
  }
  for (let i = 0; i < changes.length; i += 500) await store.commit(changes.slice(i, i + 500))
  const year = Number(today.slice(0, 4))
  const report = async () => {
    const a = await handle('districtReport', { period: { kind: 'year', year } }, ctx('usr_staff'))
    if (!a.ok) throw new Error(`report failed: ${a.code}`)
  }
  // The simulator's own aggregation time (mingo in this process) says nothing about CloudBase's, so the report's time
  // is given as its round trips at the simulated latency, one after another (an upper bound: some run side by side).
  const reports: Array<{ roundTrips: number, ms: number }> = []
  for (let run = 0; run < 3; run++) {
    const m = await measure(report)
    reports.push({ roundTrips: m.roundTrips, ms: m.roundTrips * LATENCY })
  }

  const trips = batches.map((b) => b.roundTrips)
  const line = (label: string, m: { roundTrips: number, ms: number }, target = '') => console.log(`  ${label}: ${m.roundTrips} round trips, ${(m.ms / 1000).toFixed(2)} s at ${LATENCY} ms each${target}`)
  console.log(`  syncRecords, 50 new records (${stored} stored over ${RUNS} runs): ${trips.join(' / ')} round trips (target ≤ 100); ${batches.map((b) => (b.ms / 1000).toFixed(2)).join(' / ')} s at ${LATENCY} ms each, median ${(median(batches.map((b) => b.ms)) / 1000).toFixed(2)} s`)
  line(`the same 50 sent again (${duplicates} answered as duplicates)`, resend)
  line('two batches of 50 for one station at once', concurrent)
  console.log(`  year report, ${changes.length.toLocaleString()} records of 22 stations: ${reports.map((r) => r.roundTrips).join(' / ')} round trips (target ≤ 10); ${reports.map((r) => (r.ms / 1000).toFixed(2)).join(' / ')} s of round trips at ${LATENCY} ms each, one after another (plus CloudBase's own aggregation time, which a simulator cannot tell)`)
  return {
    latencyMs: LATENCY,
    syncBatch: { roundTrips: trips, seconds: batches.map((b) => b.ms / 1000), target: 100 },
    resend,
    concurrent,
    yearReport: { records: changes.length, roundTrips: reports.map((r) => r.roundTrips), seconds: reports.map((r) => r.ms / 1000), target: 10 }
  }
}
