/**
 * Data at rest: the host's data folder is 0700 and its files 0600 (tightened at start for folders an older version
 * made 0755/0644), and the session-signing secret is kept out of the database, in its own 0600 file or only in
 * SESSION_SECRET. Checked on the helpers and on `server/main.ts` itself, started as `npm start` starts it.
 */
import { spawn } from 'child_process'
import fs from 'fs'
import os from 'os'
import path from 'path'
import { SECRET_FILE, prepareDataDir, sessionSecret } from '../../server/data-dir'
import { SqliteStore } from '../../server/sqlite-store'

const ROOT = path.resolve(__dirname, '../..')
const mode = (p: string) => fs.statSync(p).mode & 0o777

let dir: string
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-data-'))
})
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

/** A folder as an older version left it: world-readable, with the secret inside the database. */
function oldFolder (secret: string): void {
  fs.chmodSync(dir, 0o755)
  const store = new SqliteStore(path.join(dir, 'ledger.db'))
  store.setMeta('sessionSecret', secret)
  store.close()
  fs.writeFileSync(path.join(dir, 'demo-accounts.json'), '{}', { mode: 0o644 })
  for (const f of fs.readdirSync(dir)) fs.chmodSync(path.join(dir, f), 0o644)
}

describe('the data folder', () => {
  it('is made 0700 with files 0600, and an old 0755 folder with 0644 files is tightened', () => {
    oldFolder('s'.repeat(64))
    prepareDataDir(dir)
    expect(mode(dir)).toBe(0o700)
    for (const f of fs.readdirSync(dir)) expect([f, mode(path.join(dir, f))]).toEqual([f, 0o600])
    const fresh = path.join(dir, 'nested', 'new')
    prepareDataDir(fresh)
    expect(mode(fresh)).toBe(0o700)
  })
})

describe('the session secret', () => {
  const legacyOf = (store: SqliteStore) => ({ read: () => store.getMeta('sessionSecret'), forget: () => store.forgetMeta('sessionSecret') })

  it('is made once into its own 0600 file, never into the database', () => {
    prepareDataDir(dir)
    const store = new SqliteStore(path.join(dir, 'ledger.db'))
    const secret = sessionSecret(dir, undefined, legacyOf(store))
    expect(secret).toMatch(/^[0-9a-f]{64}$/)
    expect(mode(path.join(dir, SECRET_FILE))).toBe(0o600)
    expect(sessionSecret(dir, undefined, legacyOf(store))).toBe(secret)
    expect(store.getMeta('sessionSecret')).toBeNull()
    store.close()
  })

  it('moves out of an older database, so people stay signed in, and leaves no copy in the file', () => {
    const secret = 'legacy-secret-'.repeat(4)
    oldFolder(secret)
    prepareDataDir(dir)
    const store = new SqliteStore(path.join(dir, 'ledger.db'))
    expect(sessionSecret(dir, undefined, legacyOf(store))).toBe(secret)
    expect(store.getMeta('sessionSecret')).toBeNull()
    store.close()
    expect(fs.readFileSync(path.join(dir, SECRET_FILE), 'utf8')).toBe(secret)
    for (const f of fs.readdirSync(dir).filter((f) => f.startsWith('ledger.db'))) expect(fs.readFileSync(path.join(dir, f)).includes(secret)).toBe(false)
  })

  it('with SESSION_SECRET, is that value and is written nowhere', () => {
    const store = new SqliteStore(path.join(dir, 'ledger.db'))
    expect(sessionSecret(dir, 'from-the-environment-'.repeat(2), legacyOf(store))).toBe('from-the-environment-'.repeat(2))
    expect(fs.existsSync(path.join(dir, SECRET_FILE))).toBe(false)
    store.close()
  })
})

describe('npm start (server/main.ts)', () => {
  it('tightens an old folder, keeps the database and its WAL files 0600, and moves the secret out of the database', async () => {
    const secret = 'legacy-secret-'.repeat(4)
    oldFolder(secret)
    const output: string[] = []
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'server/main.ts'), '--no-build', '--no-demo'], {
      cwd: ROOT,
      env: { ...process.env, PORT: String(23000 + Math.floor(Math.random() * 20000)), HOST: '127.0.0.1', DATA_DIR: dir, SESSION_SECRET: '' },
      stdio: ['ignore', 'pipe', 'pipe']
    })
    child.stdout.on('data', (d: Buffer) => output.push(d.toString()))
    child.stderr.on('data', (d: Buffer) => output.push(d.toString()))
    try {
      await new Promise<void>((resolve, reject) => {
        child.once('exit', (code) => reject(new Error(`host exited ${code}: ${output.join('')}`)))
        child.stdout.on('data', () => { if (output.join('').includes('running at')) resolve() })
      })
      expect(mode(dir)).toBe(0o700)
      const files = fs.readdirSync(dir).sort()
      expect(files).toEqual(expect.arrayContaining(['ledger.db', 'ledger.db-wal', 'ledger.db-shm', SECRET_FILE, 'demo-accounts.json']))
      for (const f of files) expect([f, mode(path.join(dir, f))]).toEqual([f, 0o600])
      expect(fs.readFileSync(path.join(dir, SECRET_FILE), 'utf8')).toBe(secret)
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGTERM')
      await exited
    }
    for (const f of fs.readdirSync(dir).filter((f) => f.startsWith('ledger.db'))) expect(fs.readFileSync(path.join(dir, f)).includes(secret)).toBe(false)
  }, 120_000)
})
