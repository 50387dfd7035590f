/** Sync benchmark: N records through the real HTTP host (file database, fsync on commit), batches of 50 vs one by one. */
import fs from 'fs'
import { spawn } from 'child_process'
import os from 'os'
import path from 'path'
import { newRecordId, type RecordInput } from '@/domain'
import { SessionSigner, newSecret } from '../server/session'
import { SqliteStore } from '../server/sqlite-store'
import { median } from './stats'
import { DEMO_DISTRICT, demoStations, generateRecords } from '../server/demo-data'

const ROOT = path.resolve(__dirname, '..')

/**
 * The host as its own process (as deployed: `server/main.ts`), on a file database prepared here with the demo
 * stations and one mediator per station. The benchmark client runs in this process.
 */
export async function startBenchHost () {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-sync-'))
  const store = new SqliteStore(path.join(dir, 'ledger.db'))
  const stations = demoStations()
  await store.putDistrict(DEMO_DISTRICT)
  for (const [i, s] of stations.entries()) await store.putStation(s, i)
  for (const s of stations) {
    await store.putBinding({ identityId: `usr_${s.id}`, role: 'mediator', districtId: DEMO_DISTRICT.id, stationId: s.id, displayName: '调解员', title: '调解员', boundAt: new Date().toISOString() }, null)
  }
  await store.putBinding({ identityId: 'usr_staff', role: 'district', districtId: DEMO_DISTRICT.id, stationId: null, displayName: '科员', title: '区级工作人员', boundAt: new Date().toISOString() }, null)
  store.close()
  const secret = newSecret()
  const signer = new SessionSigner(secret)
  const port = 20000 + Math.floor(Math.random() * 20000)
  const child = spawn(process.execPath, [...(process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir=/tmp/hostprof'] : []), '--import', 'tsx', path.join(ROOT, 'server/main.ts'), '--no-demo', '--no-build'], {
    cwd: ROOT, env: { ...process.env, PORT: String(port), DATA_DIR: dir, SESSION_SECRET: secret, LOG_REQUESTS: '0' }, stdio: ['ignore', 'pipe', 'inherit']
  })
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => { if (d.toString().includes('running at')) resolve() })
    child.on('exit', (code) => reject(new Error(`host exited ${code}`)))
  })
  const base = `http://127.0.0.1:${port}`
  const token = (sub: string) => signer.sign({ sub, kind: 'staff', exp: Date.now() + 3_600_000 })
  return {
    base, dir, stations, token,
    close: async () => {
      child.kill('SIGINT')
      await new Promise((r) => child.once('exit', r))
      fs.rmSync(dir, { recursive: true, force: true })
    }
  }
}

/**
 * `n` valid records of one station in the demo's mix (about half cases, a third risk checks, the rest sessions):
 * the demo's monthly rates scaled up so that one year holds at least `n`, every record different.
 */
export function validRecords (stationId: string, n: number, seed: number): RecordInput[] {
  const station = demoStations().find((s) => s.id === stationId)
  if (!station) throw new Error('no station')
  // A little more than a year's worth at the scaled rates, so chance never leaves the set short.
  const scale = (n * 1.15 + 50) / (9.3 * 12)
  const rates = { cases: 4.5 * scale, sessions: 1.6 * scale, checks: 3.2 * scale, complaints: 0 }
  const out: RecordInput[] = []
  for (const g of generateRecords({ stations: [station], today: new Date().toISOString().slice(0, 10), days: 365, rates, mediatorOf: () => 'x', newId: newRecordId, seed, validate: false })) {
    out.push(g.input)
  }
  if (out.length < n) throw new Error(`generated ${out.length} of ${n} records`)
  return out.slice(0, n)
}

async function post (base: string, token: string, body: unknown) {
  const res = await fetch(`${base}/api/ledger`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify(body) })
  const json = await res.json() as { ok: boolean, data?: { results: Array<{ result: string }> } }
  if (!json.ok) throw new Error(JSON.stringify(json))
  return json.data?.results || []
}

/**
 * Batched sync runs five times (into five stations) and reports the median, since this shared machine's speed drifts
 * by a third from run to run; one-by-one runs once (it takes half a minute).
 * The host is a long-running server: a warm-up (2,000 records, and 200 one-by-one) into another station goes first,
 * uncounted, so the JIT has compiled the hot paths before anything is timed.
 */
export async function runSyncBench (n: number) {
  const host = await startBenchHost()
  try {
    const warm = host.stations[host.stations.length - 1]
    const warmToken = host.token(`usr_${warm.id}`)
    const warmRecords = validRecords(warm.id, 2200, 99)
    for (let i = 0; i < 2000; i += 50) await post(host.base, warmToken, { action: 'syncRecords', data: { records: warmRecords.slice(i, i + 50) } })
    for (const r of warmRecords.slice(2000)) await post(host.base, warmToken, { action: 'syncRecords', data: { records: [r] } })
    const batchedRuns: number[] = []
    let stored = 0
    for (const station of host.stations.slice(0, 5)) {
      const records = validRecords(station.id, n, batchedRuns.length + 1)
      const token = host.token(`usr_${station.id}`)
      const t = Date.now()
      for (let i = 0; i < records.length; i += 50) {
        stored += (await post(host.base, token, { action: 'syncRecords', data: { records: records.slice(i, i + 50) } })).filter((r) => r.result === 'stored').length
      }
      batchedRuns.push(Date.now() - t)
    }
    const single = validRecords(host.stations[5].id, n, 9)
    const tokenSingle = host.token(`usr_${host.stations[5].id}`)
    const t = Date.now()
    let storedSingle = 0
    for (const r of single) storedSingle += (await post(host.base, tokenSingle, { action: 'syncRecords', data: { records: [r] } })).filter((x) => x.result === 'stored').length
    const singleMs = Date.now() - t
    const batchedMs = median(batchedRuns)
    console.log(`  batches of 50: ${n.toLocaleString()} records in ${(batchedMs / 1000).toFixed(2)} s median of ${batchedRuns.map((x) => (x / 1000).toFixed(2)).join(' / ')} s (${stored} stored in all; target ≤ 3 s)`)
    console.log(`  one request per record: ${(singleMs / 1000).toFixed(2)} s (${storedSingle} stored) → batches are ${(singleMs / batchedMs).toFixed(1)}× faster (target ≥ 10×)`)
    return { records: n, batchedSeconds: batchedMs / 1000, batchedRunsSeconds: batchedRuns.map((x) => x / 1000), singleSeconds: singleMs / 1000, ratio: singleMs / batchedMs, stored, storedSingle, targetSeconds: 3, targetRatio: 10 }
  } finally {
    await host.close()
  }
}
