/** Runs the real host (server/main.ts, as `npm start` does) on a free port with a fresh data folder and the demo district. */
import { spawn, type ChildProcess } from 'child_process'
import fs from 'fs'
import os from 'os'
import path from 'path'
import type { DemoAccounts } from '../../server/demo-seed'
import { assertFreshBuild } from '../support/build-freshness'

const ROOT = path.resolve(__dirname, '../..')

export interface RunningHost {
  base: string
  dataDir: string
  accounts: DemoAccounts
  output: string[]
  child: ChildProcess
  stop: () => Promise<void>
  api: <T = unknown>(action: string, data: unknown, token?: string) => Promise<{ status: number, body: { ok: boolean, data?: T, code?: string, message?: string } }>
  signIn: (code: string) => Promise<string>
}

export async function startHost (opts: { port?: number, dataDir?: string } = {}): Promise<RunningHost> {
  assertFreshBuild('h5')
  const dataDir = opts.dataDir || fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-host-'))
  const port = opts.port || 21000 + Math.floor(Math.random() * 20000)
  const output: string[] = []
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'server/main.ts'), '--no-build'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  child.stdout?.on('data', (d: Buffer) => output.push(...d.toString().split('\n').filter(Boolean)))
  child.stderr?.on('data', (d: Buffer) => output.push(...d.toString().split('\n').filter(Boolean)))
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host did not start: ${output.join('\n')}`)), 60_000)
    const check = setInterval(() => {
      if (output.some((l) => l.includes('running at'))) {
        clearInterval(check)
        clearTimeout(timer)
        resolve()
      }
    }, 50)
    child.once('exit', (code) => { clearInterval(check); clearTimeout(timer); reject(new Error(`host exited ${code}: ${output.join('\n')}`)) })
  })
  const base = `http://127.0.0.1:${port}`
  const accounts = JSON.parse(fs.readFileSync(path.join(dataDir, 'demo-accounts.json'), 'utf8')) as DemoAccounts
  const api: RunningHost['api'] = async (action, data, token) => {
    const res = await fetch(`${base}/api/ledger`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify({ action, data }) })
    return { status: res.status, body: await res.json() }
  }
  return {
    base, dataDir, accounts, output, child, api,
    signIn: async (code) => {
      const r = await api<{ token: string }>('signIn', { code })
      if (!r.body.ok || !r.body.data) throw new Error(`signIn failed: ${JSON.stringify(r.body)}`)
      return r.body.data.token
    },
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGINT')
        await new Promise((resolve) => child.once('exit', resolve))
      }
      if (!opts.dataDir) fs.rmSync(dataDir, { recursive: true, force: true })
    }
  }
}
