/**
 * The CloudBase deployment: `npm run deploy:cloud` refuses to deploy without the setup key (a deploy replaces the
 * function's environment variables, so it would erase it), honours cloudbaserc.json's settings, never prints secrets;
 * the security rules deny clients every collection setup creates, and cloud storage.
 */
import { spawnSync } from 'child_process'
import fs from 'fs'
import path from 'path'
import { COLLECTIONS } from '../../cloudfunctions/ledger/src/setup'

const ROOT = path.resolve(__dirname, '../..')
const deploy = (env: Record<string, string>) => spawnSync(process.execPath, [path.join(ROOT, 'scripts/deploy-cloud.mjs'), '--dry-run'], {
  cwd: ROOT, env: { ...process.env, CLOUD_ENV: '', LEDGER_SETUP_KEY: '', COMPLAINT_TEMPLATE_ID: '', ...env }, encoding: 'utf8'
})

describe('deploy:cloud', () => {
  it('refuses without an environment id or with a missing or short setup key', () => {
    expect(deploy({ LEDGER_SETUP_KEY: 'a-long-enough-secret-key' })).toMatchObject({ status: 1, stderr: expect.stringContaining('CLOUD_ENV') })
    expect(deploy({ CLOUD_ENV: 'prod-1a2b' })).toMatchObject({ status: 1, stderr: expect.stringContaining('LEDGER_SETUP_KEY') })
    expect(deploy({ CLOUD_ENV: 'prod-1a2b', LEDGER_SETUP_KEY: 'short' })).toMatchObject({ status: 1, stderr: expect.stringContaining('erase the key') })
  })

  it('deploys with the timeout, memory and variables of cloudbaserc.json, printing no secret', () => {
    const r = deploy({ CLOUD_ENV: 'prod-1a2b', LEDGER_SETUP_KEY: 'secret-setup-key-0123456789', COMPLAINT_TEMPLATE_ID: 'tmpl-1' })
    expect(r.status).toBe(0)
    expect(r.stdout).toContain('env prod-1a2b, function ledger: timeout 20 s, 256 MB')
    expect(r.stdout).toContain('variables LEDGER_SETUP_KEY, COMPLAINT_TEMPLATE_ID')
    expect(r.stdout + r.stderr).not.toContain('secret-setup-key')
    const rc = JSON.parse(fs.readFileSync(path.join(ROOT, 'cloudbaserc.json'), 'utf8'))
    expect(rc.functions[0]).toMatchObject({ name: 'ledger', timeout: 20, envVariables: { LEDGER_SETUP_KEY: '{{env.LEDGER_SETUP_KEY}}' } })
  }, 60_000)

  it('DevTools uploads carry no settings that could wipe the online ones', () => {
    const config = JSON.parse(fs.readFileSync(path.join(ROOT, 'cloudfunctions/ledger/config.json'), 'utf8'))
    expect(Object.keys(config)).toEqual(['permissions'])
  })
})

describe('security rules', () => {
  it('deny clients every collection setup creates, and cloud storage', () => {
    const rules = JSON.parse(fs.readFileSync(path.join(ROOT, 'cloudfunctions/ledger/security-rules.json'), 'utf8'))
    expect(Object.keys(rules).sort()).toEqual([...COLLECTIONS].sort())
    for (const rule of Object.values(rules)) expect(rule).toEqual({ read: false, write: false })
    expect(JSON.parse(fs.readFileSync(path.join(ROOT, 'cloudfunctions/ledger/storage-rules.json'), 'utf8'))).toEqual({ read: false, write: false })
  })
})
