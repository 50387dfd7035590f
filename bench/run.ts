/**
 * `npm run bench [-- report sync cloud load]`: printed figures against the targets in the issues (not timed tests).
 * BENCH_RECORDS sets the largest report size (default 1,000,000).
 */
import os from 'os'
import { runReportBench } from './report-bench'
import { runSyncBench } from './sync-bench'

async function main () {
  const which = new Set(process.argv.slice(2))
  const all = which.size === 0
  const max = Number(process.env.BENCH_RECORDS || 1_000_000)
  const results: Record<string, unknown> = { machine: `${os.cpus().length} cores, node ${process.version}` }
  if (all || which.has('sync')) {
    console.log('\n== sync: 10,000 records through the HTTP host')
    results.sync = await runSyncBench(10_000)
  }
  if (all || which.has('report')) {
    console.log(`\n== report: a year over up to ${max.toLocaleString()} records, 22 stations`)
    Object.assign(results, await runReportBench([Math.round(max / 4), Math.round(max / 2), max]))
  }
  if (all || which.has('cloud')) {
    const { runCloudBench } = await import('./cloud-bench')
    console.log('\n== cloud: the handlers through the real wx-server-sdk on the CloudBase simulator')
    results.cloud = await runCloudBench()
  }
  if (which.has('load') || (all && process.env.BENCH_LOAD !== '0')) {
    const { runLoadBench } = await import('./load-bench')
    console.log('\n== load: 100 concurrent clients for 30 s')
    results.load = await runLoadBench()
  }
  console.log('\n' + JSON.stringify(results, null, 2))
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
