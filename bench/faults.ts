/**
 * `npm run faults`: nothing lost, nothing doubled, whatever goes wrong.
 * - The host runs as a child process on a file database; it is killed with SIGKILL at random moments (KILLS, default
 *   100 times) and restarted.
 * - Clients reach it through a proxy that, for some requests, lets the host handle the request and then drops the
 *   reply (the phone never learns its records were stored).
 * - Client pairs share a station's records and send the same batches at the same time.
 * Clients keep every record until an answer lists its id as stored, duplicate or updated (as the app's outbox does).
 * At the end every record a client created must be stored exactly once, with the content the client made, and the
 * report's figures must equal the clients' own tally.
 */
import { spawn, type ChildProcess } from 'child_process'
import fs from 'fs'
import http from 'http'
import os from 'os'
import path from 'path'
import { newRecordId, sameContent, type RecordInput } from '@/domain'
import { DEMO_DISTRICT, demoStations } from '../server/demo-data'
import { SessionSigner, newSecret } from '../server/session'
import { SqliteStore } from '../server/sqlite-store'
import { sessionPayload } from '../tests/support/fixtures'

const ROOT = path.resolve(__dirname, '..')
const KILLS = Number(process.env.KILLS || 100)
const PAIRS = Number(process.env.CLIENT_PAIRS || 3)
const DROP_REPLY_RATE = 0.1

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-faults-'))
const dbFile = path.join(dir, 'ledger.db')
const secret = newSecret()
const signer = new SessionSigner(secret)
const hostPort = 30000 + Math.floor(Math.random() * 10000)
const proxyPort = hostPort + 1
let host: ChildProcess | null = null
const figures = { kills: 0, droppedReplies: 0, requests: 0, failedRequests: 0 }

async function prepare () {
  const store = new SqliteStore(dbFile)
  await store.putDistrict(DEMO_DISTRICT)
  const stations = demoStations()
  for (const [i, s] of stations.entries()) {
    await store.putStation(s, i)
    await store.putBinding({ identityId: `usr_${s.id}`, role: 'mediator', districtId: DEMO_DISTRICT.id, stationId: s.id, displayName: '调解员', title: '调解员', boundAt: new Date().toISOString() }, null)
  }
  store.close()
  return stations
}

function startHost (): Promise<void> {
  return new Promise((resolve, reject) => {
    host = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'server/main.ts'), '--no-demo', '--no-build'], {
      cwd: ROOT, env: { ...process.env, PORT: String(hostPort), DATA_DIR: dir, SESSION_SECRET: secret, LOG_REQUESTS: '0' }, stdio: ['ignore', 'pipe', 'inherit']
    })
    const onData = (d: Buffer) => { if (d.toString().includes('running at')) resolve() }
    host.stdout?.on('data', onData)
    host.once('exit', (code, signal) => { if (signal !== 'SIGKILL') reject(new Error(`host exited ${code}`)) })
  })
}

/** Forwards each request to the host; for a few, waits for the host's whole answer and then drops it. */
function startProxy (): http.Server {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const drop = Math.random() < DROP_REPLY_RATE
      const upstream = http.request({ host: '127.0.0.1', port: hostPort, path: req.url, method: req.method, headers: req.headers }, (up) => {
        const body: Buffer[] = []
        up.on('data', (c: Buffer) => body.push(c))
        up.on('end', () => {
          if (drop) {
            figures.droppedReplies++
            req.socket.destroy()
            return
          }
          res.writeHead(up.statusCode || 502, up.headers)
          res.end(Buffer.concat(body))
        })
        up.on('error', () => req.socket.destroy())
      })
      upstream.on('error', () => req.socket.destroy())
      upstream.end(Buffer.concat(chunks))
    })
  })
  server.listen(proxyPort, '127.0.0.1')
  return server
}

function send (token: string, records: RecordInput[]): Promise<Array<{ id: string, result: string }> | null> {
  return new Promise((resolve) => {
    figures.requests++
    const body = JSON.stringify({ action: 'syncRecords', data: { records } })
    const req = http.request({ host: '127.0.0.1', port: proxyPort, path: '/api/ledger', method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, timeout: 10_000 }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => {
        try {
          const json = JSON.parse(Buffer.concat(chunks).toString('utf8'))
          resolve(json.ok ? json.data.results : null)
        } catch {
          resolve(null)
        }
      })
      res.on('error', () => resolve(null))
    })
    req.on('error', () => { figures.failedRequests++; resolve(null) })
    req.on('timeout', () => { req.destroy(); resolve(null) })
    req.end(body)
  })
}

interface Shared { records: Map<string, RecordInput>, acked: Set<string> }

/** One phone: makes records into the shared list and syncs what no answer has confirmed yet. */
async function client (stationId: string, shared: Shared, creates: boolean, until: () => boolean) {
  const token = signer.sign({ sub: `usr_${stationId}`, kind: 'staff', exp: Date.now() + 86_400_000 })
  while (!until() || shared.acked.size < shared.records.size) {
    if (creates && !until()) {
      for (let i = 0; i < 1 + Math.floor(Math.random() * 8); i++) {
        const r = { id: newRecordId(), type: 'legalSession', stationId, pointId: null, baseVersion: 0, payload: sessionPayload({ attendees: 1 + Math.floor(Math.random() * 200), date: '2026-11-20' }) } as RecordInput
        shared.records.set(r.id, r)
      }
    }
    const pending = [...shared.records.values()].filter((r) => !shared.acked.has(r.id)).slice(0, 50)
    if (!pending.length) { await sleep(20); continue }
    const results = await send(token, pending)
    if (!results) { await sleep(50 + Math.random() * 150); continue }
    for (const r of results) if (r.result === 'stored' || r.result === 'duplicate' || r.result === 'updated') shared.acked.add(r.id)
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function main () {
  const stations = (await prepare()).slice(0, PAIRS)
  await startHost()
  const proxy = startProxy()
  let stopCreating = false
  const shared = stations.map(() => ({ records: new Map<string, RecordInput>(), acked: new Set<string>() }))
  // Two clients per station share records: both send the same batches at the same time.
  const clients = stations.flatMap((s, i) => [client(s.id, shared[i], true, () => stopCreating), client(s.id, shared[i], false, () => stopCreating)])
  const started = Date.now()
  for (let k = 0; k < KILLS; k++) {
    await sleep(100 + Math.random() * 600)
    host?.kill('SIGKILL')
    await new Promise((r) => host?.once('exit', r))
    figures.kills++
    await startHost()
  }
  stopCreating = true
  await Promise.all(clients)
  host?.kill('SIGTERM')
  await new Promise((r) => host?.once('exit', r))
  proxy.close()

  const store = new SqliteStore(dbFile)
  const rows = store.db.prepare("SELECT id, doc FROM records WHERE type = 'legalSession'").all() as Array<{ id: string, doc: string }>
  const stored = new Map(rows.map((r) => [r.id, JSON.parse(r.doc)]))
  const created = shared.flatMap((s) => [...s.records.values()])
  const lost = created.filter((r) => !stored.has(r.id)).length
  const changed = created.filter((r) => stored.has(r.id) && !sameContent(stored.get(r.id), r)).length
  const unknown = [...stored.keys()].filter((id) => !created.some((r) => r.id === id)).length
  const versions = rows.filter((r) => JSON.parse(r.doc).version !== 1).length
  const tally = { sessions: created.length, attendees: created.reduce((s, r) => s + (r.type === 'legalSession' ? r.payload.attendees : 0), 0) }
  const report = store.db.prepare('SELECT COALESCE(SUM(sessions), 0) AS sessions, COALESCE(SUM(sessionAttendees), 0) AS attendees FROM daily_figures').get() as { sessions: number, attendees: number }
  store.close()
  fs.rmSync(dir, { recursive: true, force: true })

  const result = {
    seconds: Math.round((Date.now() - started) / 1000),
    kills: figures.kills,
    droppedReplies: figures.droppedReplies,
    requests: figures.requests,
    failedRequests: figures.failedRequests,
    created: created.length,
    stored: stored.size,
    lost,
    duplicated: unknown + versions,
    contentChanged: changed,
    clientTally: tally,
    reportTotals: report,
    totalsMatch: report.sessions === tally.sessions && report.attendees === tally.attendees
  }
  console.log(JSON.stringify(result, null, 2))
  if (lost || unknown || versions || changed || !result.totalsMatch) {
    console.error('FAULT RUN FAILED: records lost, doubled or changed, or totals differ')
    process.exit(1)
  }
}

main().catch((e) => {
  console.error(e)
  host?.kill('SIGKILL')
  process.exit(1)
})
