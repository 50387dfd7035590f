// Deploys the ledger cloud function with CloudBase CLI, honouring cloudbaserc.json's timeout, memory and environment
// variables. The CLI replaces the function's online environment variables with the ones it is given, so this script
// refuses to deploy without the setup key rather than wipe it. Secrets are written only to a private temporary folder.
//
//   CLOUD_ENV=<env id> LEDGER_SETUP_KEY=<secret, ≥ 16 characters> [COMPLAINT_TEMPLATE_ID=<template id>] \
//     npm run deploy:cloud [-- --dry-run]
//
// Log in once with `npx @cloudbase/cli login`. --dry-run builds and prepares everything and prints the command.
import { execFileSync, spawnSync } from 'node:child_process'
import { chmodSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const dryRun = process.argv.includes('--dry-run')
const MIN_SETUP_KEY = 16

function fail (message) {
  console.error(`deploy:cloud: ${message}`)
  process.exit(1)
}

const vars = {
  CLOUD_ENV: process.env.CLOUD_ENV || '',
  LEDGER_SETUP_KEY: process.env.LEDGER_SETUP_KEY || '',
  COMPLAINT_TEMPLATE_ID: process.env.COMPLAINT_TEMPLATE_ID || ''
}
if (!/^[a-z0-9][a-z0-9-]{2,63}$/i.test(vars.CLOUD_ENV)) fail('set CLOUD_ENV to your CloudBase environment id (云开发控制台 → 环境 ID)')
if (vars.LEDGER_SETUP_KEY.length < MIN_SETUP_KEY) {
  fail(`set LEDGER_SETUP_KEY (at least ${MIN_SETUP_KEY} characters). A deploy replaces the function's online environment variables, so deploying without it would erase the key`)
}
if (!vars.COMPLAINT_TEMPLATE_ID) console.warn('deploy:cloud: COMPLAINT_TEMPLATE_ID is not set: workers will get no status notifications')

const template = readFileSync(path.join(root, 'cloudbaserc.json'), 'utf8')
const rendered = template.replace(/\{\{env\.([A-Z_]+)\}\}/g, (_, name) => {
  if (!(name in vars)) fail(`cloudbaserc.json uses {{env.${name}}}, which this script does not provide`)
  return JSON.stringify(vars[name]).slice(1, -1)
})
const config = JSON.parse(rendered)

execFileSync(process.execPath, [path.join(root, 'scripts/build-cloud.mjs')], { stdio: 'inherit' })

const dir = mkdtempSync(path.join(os.tmpdir(), 'ledger-deploy-'))
chmodSync(dir, 0o700)
try {
  for (const f of ['index.js', 'index.js.map', 'index.js.LEGAL.txt', 'package.json', 'config.json']) {
    cpSync(path.join(root, 'cloudfunctions/ledger', f), path.join(dir, 'cloudfunctions/ledger', f))
  }
  writeFileSync(path.join(dir, 'cloudbaserc.json'), JSON.stringify(config, null, 2), { mode: 0o600 })
  const command = ['--yes', '@cloudbase/cli@2', 'fn', 'deploy', 'ledger', '--force']
  const fn = config.functions[0]
  console.log(`deploy:cloud: env ${config.envId}, function ${fn.name}: timeout ${fn.timeout} s, ${fn.memorySize} MB, runtime ${fn.runtime}, variables ${Object.keys(fn.envVariables).join(', ')}`)
  if (dryRun) {
    console.log(`deploy:cloud: dry run, would run in ${dir}: npx ${command.join(' ')}`)
  } else {
    const r = spawnSync('npx', command, { cwd: dir, stdio: 'inherit' })
    if (r.status !== 0) fail('CloudBase CLI failed (logged in? `npx @cloudbase/cli login`)')
  }
} finally {
  rmSync(dir, { recursive: true, force: true })
}
