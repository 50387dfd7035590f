/**
 * Tests that run a build (the native tests on dist/, the browser tests on dist-h5/, the cloud-entry test on the
 * bundled function) refuse one that is missing or older than its sources, so `npx jest` alone cannot pass against an
 * old build. Taro empties its output folder before every build, so the marker file's time is the build's time.
 * CommonJS with a .d.ts beside it: the native tests (plain JS, no transform) and the TypeScript tests share it.
 */
const fs = require('fs')
const path = require('path')

const ROOT = path.resolve(__dirname, '../..')

/** Each build: the file that proves it finished, what it is built from, and the command that makes it. */
const BUILDS = {
  weapp: { marker: 'dist/app.js', sources: ['src', 'config'], command: 'npm run build:weapp' },
  h5: { marker: 'dist-h5/index.html', sources: ['src', 'config', 'public'], command: 'npm run build:h5' },
  cloud: { marker: 'cloudfunctions/ledger/index.js', sources: ['src/domain', 'cloudfunctions/ledger/src', 'scripts/build-cloud.mjs'], command: 'npm run build:cloud' }
}

/** The most recently modified file under `rel` (a file or a folder), relative to `root`. */
function newestSource (root, rel) {
  let newest = { file: '', mtimeMs: 0 }
  const visit = (p) => {
    const stat = fs.statSync(p)
    if (stat.isDirectory()) {
      for (const entry of fs.readdirSync(p)) visit(path.join(p, entry))
    } else if (stat.mtimeMs > newest.mtimeMs) {
      newest = { file: path.relative(root, p), mtimeMs: stat.mtimeMs }
    }
  }
  const abs = path.join(root, rel)
  if (fs.existsSync(abs)) visit(abs)
  return newest
}

const clock = (ms) => new Date(ms).toISOString().replace('T', ' ').slice(0, 19) + ' UTC'

/** Why the build cannot be tested (missing, or older than a source), or null when it is fresh. */
function buildProblem (kind, root = ROOT) {
  const build = BUILDS[kind]
  if (!build) throw new Error(`unknown build ${kind}: one of ${Object.keys(BUILDS).join(', ')}`)
  const marker = path.join(root, build.marker)
  if (!fs.existsSync(marker)) return `${build.marker} is missing: run \`${build.command}\` first.`
  const builtAt = fs.statSync(marker).mtimeMs
  const newest = build.sources.map((rel) => newestSource(root, rel)).reduce((a, b) => (b.mtimeMs > a.mtimeMs ? b : a))
  if (newest.mtimeMs > builtAt) {
    return `${build.marker} (built ${clock(builtAt)}) is older than ${newest.file} (changed ${clock(newest.mtimeMs)}): ` +
      `run \`${build.command}\` first, or these tests would pass or fail on old code.`
  }
  return null
}

/** Throws with a message that says which build to run when the build is missing or stale. */
function assertFreshBuild (kind) {
  const problem = buildProblem(kind)
  if (problem) throw new Error(problem)
}

module.exports = { BUILDS, buildProblem, assertFreshBuild }
