/**
 * `npm start`: builds the H5 app if it is missing, opens the embedded database (data/ledger.db), seeds the demo
 * district on first start (unless --no-demo), and serves the app and the handlers on 127.0.0.1:8080 (PORT to change).
 * Ctrl-C stops it cleanly; a restart keeps the data.
 */
import { spawnSync } from 'child_process'
import fs from 'fs'
import path from 'path'
import { seedDemo, type DemoAccounts } from './demo-seed'
import { createHost } from './http'
import { hostServices } from './host-services'
import { trustedHops } from './client-address'
import { prepareDataDir, sessionSecret, tightenFiles } from './data-dir'
import { SessionSigner } from './session'
import { SqliteStore } from './sqlite-store'

const ROOT = path.resolve(__dirname, '..')
const args = new Set(process.argv.slice(2))
const port = Number(process.env.PORT || 8080)
const host = process.env.HOST || '127.0.0.1'
const dataDir = path.resolve(process.env.DATA_DIR || path.join(ROOT, 'data'))
const distH5 = path.join(ROOT, 'dist-h5')
const publicBaseUrl = (process.env.PUBLIC_BASE_URL || `http://${host}:${port}`).replace(/\/+$/, '')

const logRequests = process.env.LOG_REQUESTS !== '0'

function log (line: string) {
  if (!logRequests && line.startsWith('POST ')) return
  process.stdout.write(`${new Date().toISOString()} ${line}\n`)
}

function ensureH5Build () {
  if (fs.existsSync(path.join(distH5, 'index.html')) || args.has('--no-build')) return
  log('dist-h5/ is missing: building the H5 app (about 30 s)…')
  const r = spawnSync('npx', ['taro', 'build', '--type', 'h5'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } })
  if (r.status !== 0) throw new Error('H5 build failed')
}

function printAccounts (a: DemoAccounts) {
  log(`演示区：${a.district.name}`)
  log(`  区级工作人员登录码：${a.district.code}（${a.district.displayName}）`)
  for (const m of a.mediators.slice(0, 3)) log(`  ${m.stationName} 调解员登录码：${m.code}（${m.displayName}）`)
  log(`  …共 ${a.mediators.length} 个站点，全部登录码和未使用的邀请码见 ${path.join(dataDir, 'demo-accounts.json')}`)
  for (const c of a.complaintUrls.slice(0, 1)) log(`  ${c.stationName} 扫码投诉地址：${c.url}`)
}

async function main () {
  const trustedProxies = trustedHops(process.env.TRUST_PROXY)
  ensureH5Build()
  // Everything the host creates from here on (the database's -wal and -shm files too) is readable by its owner only.
  process.umask(0o077)
  prepareDataDir(dataDir)
  const store = new SqliteStore(path.join(dataDir, 'ledger.db'))
  tightenFiles(dataDir)
  const secret = sessionSecret(dataDir, process.env.SESSION_SECRET, { read: () => store.getMeta('sessionSecret'), forget: () => store.forgetMeta('sessionSecret') })
  const signer = new SessionSigner(secret)
  if (!args.has('--no-demo') && !store.getMeta('demoSeededAt')) {
    const t = Date.now()
    const { records } = await seedDemo(store, signer, { now: new Date(), dataDir, publicBaseUrl })
    log(`seeded the demo district: ${records} records in ${Date.now() - t} ms`)
  }
  const server = createHost({ store, signer, services: hostServices({ publicBaseUrl: () => publicBaseUrl, log }), staticDir: distH5, log, trustedProxies })
  server.listen(port, host, () => {
    log(`站点台账 running at http://${host}:${port}/ (API: POST /api/ledger)`)
    const accountsFile = path.join(dataDir, 'demo-accounts.json')
    if (!args.has('--no-demo') && fs.existsSync(accountsFile)) printAccounts(JSON.parse(fs.readFileSync(accountsFile, 'utf8')))
  })
  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    log(`${signal}: stopping`)
    server.close(() => {
      store.close()
      process.exit(0)
    })
    server.closeAllConnections()
    setTimeout(() => { store.close(); process.exit(0) }, 3000).unref()
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
