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

const ROUNDS = 5

/**
 * Five rounds, each a batched sync of all `n` records into a station of its own followed by a fifth of `n` sent one
 * request per record into another: batched reports the median of its five runs, one-by-one the sum of its five parts
 * (`n` records in all). Interleaving puts both under the same drifts of this shared machine's speed (a third or
 * more, minute to minute), so their ratio compares like with like.
 * The host is a long-running server: a warm-up (2,000 records, and 200 one-by-one) into another station goes first,
 * uncounted, so the JIT has compiled the hot paths before anything is timed.
 */
export async function runSyncBench (n: number) {
  const host = await startBenchHost()
  const send = async (stationId: string, records: RecordInput[], perRequest: number) => {
    const token = host.token(`usr_${stationId}`)
    let stored = 0
    for (let i = 0; i < records.length; i += perRequest) {
      stored += (await post(host.base, token, { action: 'syncRecords', data: { records: records.slice(i, i + perRequest) } })).filter((r) => r.result === 'stored').length
    }
    return stored
  }
  try {
    const warm = host.stations[host.stations.length - 1]
    const warmRecords = validRecords(warm.id, 2200, 99)
    await send(warm.id, warmRecords.slice(0, 2000), 50)
    await send(warm.id, warmRecords.slice(2000), 1)
    const batchedRuns: number[] = []
    const singleParts: number[] = []
    let stored = 0
    let storedSingle = 0
    for (let round = 0; round < ROUNDS; round++) {
      const batchStation = host.stations[round].id
      const records = validRecords(batchStation, n, round + 1)
      let t = Date.now()
      stored += await send(batchStation, records, 50)
      batchedRuns.push(Date.now() - t)
      const singleStation = host.stations[ROUNDS + round].id
      const part = validRecords(singleStation, Math.ceil(n / ROUNDS), 10 + round)
      t = Date.now()
      storedSingle += await send(singleStation, part, 1)
      singleParts.push(Date.now() - t)
    }
    const singleMs = singleParts.reduce((a, b) => a + b, 0)
    const batchedMs = median(batchedRuns)
    console.log(`  batches of 50: ${n.toLocaleString()} records in ${(batchedMs / 1000).toFixed(2)} s median of ${batchedRuns.map((x) => (x / 1000).toFixed(2)).join(' / ')} s (${stored} stored in all; target ≤ 3 s)`)
    console.log(`  one request per record: ${(singleMs / 1000).toFixed(2)} s = ${singleParts.map((x) => (x / 1000).toFixed(2)).join(' + ')} s (${storedSingle} stored) → batches are ${(singleMs / batchedMs).toFixed(1)}× faster (target ≥ 10×)`)
    return { records: n, batchedSeconds: batchedMs / 1000, batchedRunsSeconds: batchedRuns.map((x) => x / 1000), singleSeconds: singleMs / 1000, singlePartsSeconds: singleParts.map((x) => x / 1000), ratio: singleMs / batchedMs, stored, storedSingle, targetSeconds: 3, targetRatio: 10 }
  } finally {
    await host.close()
  }
}
