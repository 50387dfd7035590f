/**
 * Load: autocannon with 100 concurrent clients for 30 s each against record sync (batches of 5 new records, spread
 * over the 22 stations' mediators) and the district report for the year, on the host running as its own process.
 * Prints throughput, p50/p99 latency and errors (non-2xx answers count as errors).
 */
import autocannon from 'autocannon'
import { newRecordId } from '@/domain'
import { startBenchHost, validRecords } from './sync-bench'

const CONNECTIONS = Number(process.env.LOAD_CONNECTIONS || 100)
const DURATION = Number(process.env.LOAD_SECONDS || 30)
/**
 * Client timeout, s. A request that has not been answered by then counts as an error. (Before the host ran one
 * handler per event-loop turn, new connections waited up to ~10 s to be accepted under this load: see
 * server/turn-queue.ts.)
 */
const TIMEOUT = Number(process.env.LOAD_TIMEOUT || 30)

function run (opts: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(opts, (err, result) => (err ? reject(err) : resolve(result)))
  })
}

function summary (name: string, r: autocannon.Result) {
  // autocannon counts timeouts among its connection errors
  const errors = r.errors + r.non2xx
  console.log(`  ${name}: ${r.requests.total} requests, ${r.requests.average.toFixed(0)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, max ${r.latency.max} ms, errors ${errors} (connection errors ${r.errors}, of which timeouts ${r.timeouts}; non-2xx ${r.non2xx})`)
  return { requests: r.requests.total, perSecond: r.requests.average, p50Ms: r.latency.p50, p99Ms: r.latency.p99, maxMs: r.latency.max, errors, non2xx: r.non2xx, timeouts: r.timeouts }
}

export async function runLoadBench (): Promise<Record<string, unknown>> {
  const host = await startBenchHost()
  try {
    const tokens = host.stations.map((s) => ({ stationId: s.id, token: host.token(`usr_${s.id}`) }))
    const templates = new Map(tokens.map((t, i) => [t.stationId, validRecords(t.stationId, 50, 100 + i)]))
    let n = 0
    const sync = await run({
      url: `${host.base}/api/ledger`,
      connections: CONNECTIONS,
      duration: DURATION,
      timeout: TIMEOUT,
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      requests: [{
        setupRequest: (req) => {
          const t = tokens[n++ % tokens.length]
          const pool = templates.get(t.stationId) || []
          const records = Array.from({ length: 5 }, (_, i) => ({ ...pool[(n + i) % pool.length], id: newRecordId() }))
          return { ...req, headers: { ...req.headers, Authorization: `Bearer ${t.token}` }, body: JSON.stringify({ action: 'syncRecords', data: { records } }) }
        }
      }]
    })
    const syncFigures = summary('sync (5 records a request)', sync)
    const staff = host.token('usr_staff')
    const year = Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4))
    const report = await run({
      url: `${host.base}/api/ledger`,
      connections: CONNECTIONS,
      duration: DURATION,
      timeout: TIMEOUT,
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${staff}` },
      body: JSON.stringify({ action: 'districtReport', data: { period: { kind: 'year', year } } })
    })
    const reportFigures = summary(`district report (year, after the sync load stored ~${(syncFigures.requests * 5).toLocaleString()} records)`, report)
    return { connections: CONNECTIONS, seconds: DURATION, sync: syncFigures, report: reportFigures }
  } finally {
    await host.close()
  }
}
