// Size budgets, printed and enforced (a broken budget fails CI):
// - weapp main package ≤ 1 MB and each subpackage ≤ 2 MB (WeChat's own limit is 2 MB per package);
// - H5 entry JavaScript (the scripts index.html loads) ≤ 150 KB gzipped.
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const KB = 1024
const budgets = { main: 1024 * KB, subpackage: 2048 * KB, h5EntryGzip: 150 * KB }

function dirSize (dir, skip = new Set()) {
  let total = 0
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name)
    if (skip.has(p)) continue
    if (entry.isDirectory()) total += dirSize(p, skip)
    else if (!entry.name.endsWith('.map') && !entry.name.endsWith('.LICENSE.txt')) total += fs.statSync(p).size
  }
  return total
}

const failures = []
const row = (name, size, limit) => {
  const ok = size <= limit
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name.padEnd(36)} ${(size / KB).toFixed(1).padStart(8)} KB / ${(limit / KB).toFixed(0)} KB`)
  if (!ok) failures.push(name)
}

const dist = path.join(root, 'dist')
const appJson = JSON.parse(fs.readFileSync(path.join(dist, 'app.json'), 'utf8'))
const subRoots = (appJson.subPackages || appJson.subpackages || []).map((s) => path.join(dist, s.root))
row('weapp main package', dirSize(dist, new Set(subRoots)), budgets.main)
for (const sub of subRoots) row(`weapp subpackage ${path.relative(dist, sub)}/`, dirSize(sub), budgets.subpackage)

const distH5 = path.join(root, 'dist-h5')
const html = fs.readFileSync(path.join(distH5, 'index.html'), 'utf8')
const scripts = [...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1].replace(/^\//, ''))
const gz = scripts.reduce((sum, s) => sum + zlib.gzipSync(fs.readFileSync(path.join(distH5, s)), { level: 9 }).length, 0)
row(`H5 entry JS gzipped (${scripts.length} files)`, gz, budgets.h5EntryGzip)

if (failures.length) {
  console.error(`budget broken: ${failures.join(', ')}`)
  process.exit(1)
}
