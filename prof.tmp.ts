import fs from 'fs'
import { buildDatabase } from './bench/report-bench'
import { SqliteStore } from './server/sqlite-store'
import { yearPeriod } from '@/domain'
async function main () {
  const file = '/tmp/bench-1m.db'
  const store = fs.existsSync(file) ? new SqliteStore(file) : (await buildDatabase(file, 1_000_000)).store
  const period = yearPeriod(2026)
  const q = (sql: string, ...a: unknown[]) => { const t = performance.now(); const r = store.db.prepare(sql).all(...a); return [performance.now() - t, r.length] }
  for (let i = 0; i < 3; i++) {
    const sums = q(`SELECT station_id, SUM(casesAccepted), SUM(sessions), SUM(complaintsReceived) FROM daily_figures WHERE district_id = ? AND day >= ? AND day <= ? GROUP BY station_id`, 'yunxi', period.start, '2026-11-20')
    const carried = q(`SELECT station_id, SUM(casesAccepted) - SUM(casesClosed) FROM daily_figures WHERE district_id = ? AND day < ? GROUP BY station_id`, 'yunxi', period.start)
    const months = q(`SELECT station_id, enterprise_key, last_key, last_level FROM enterprise_months WHERE district_id = ? AND month >= ? AND month <= ?`, 'yunxi', '2026-01', '2026-10')
    const raw = q(`SELECT station_id, enterprise_key, risk_level, MAX(event_date || id) AS k FROM records WHERE type = 'riskCheck' AND district_id = ? AND event_date >= ? AND event_date <= ? GROUP BY station_id, enterprise_key`, 'yunxi', '2026-11-01', '2026-11-20')
    const t = performance.now(); await store.reportFacts({ districtId: 'yunxi', period, through: '2026-11-20' }); const all = performance.now() - t
    console.log(JSON.stringify({ sums, carried, months, raw, all: all.toFixed(1) }))
  }
  console.log(store.db.prepare(`EXPLAIN QUERY PLAN SELECT station_id, enterprise_key, risk_level, MAX(event_date || id) AS k FROM records WHERE type = 'riskCheck' AND district_id = ? AND event_date >= ? AND event_date <= ? GROUP BY station_id, enterprise_key`).all('yunxi', '2026-11-01', '2026-11-20'))
  store.close()
}
main()
