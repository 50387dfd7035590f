/** Opens a bench database, builds the year report once, prints its peak memory (VmHWM). Run in a fresh process. */
import fs from 'fs'
import { buildDistrictReport, yearPeriod } from '@/domain'
import { DEMO_DISTRICT } from '../server/demo-data'
import { SqliteStore } from '../server/sqlite-store'

async function main () {
  const store = new SqliteStore(process.argv[2])
  const period = yearPeriod(2026)
  const stations = await store.listStations(DEMO_DISTRICT.id)
  const facts = await store.reportFacts({ districtId: DEMO_DISTRICT.id, period, through: '2026-11-20' })
  const report = buildDistrictReport({ district: DEMO_DISTRICT, stations, facts: facts.stations, districtEnterprises: facts.enterprises, period, asOf: '2026-11-20', generatedAt: new Date().toISOString() })
  const hwm = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'))
  console.log(JSON.stringify({ rows: report.rows.length, peakMb: hwm ? Number(hwm[1]) / 1024 : process.memoryUsage().rss / 1e6 }))
  store.close()
}
main()
