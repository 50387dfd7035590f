/** The stale-build guard the native, browser and cloud-entry tests share: missing, stale and fresh builds. */
import fs from 'fs'
import os from 'os'
import path from 'path'
import { BUILDS, buildProblem } from '../support/build-freshness'

let root: string

/** Writes `rel` under the temporary root with its modification time `minutes` after a fixed start. */
function touch (rel: string, minutes: number) {
  const file = path.join(root, rel)
  fs.mkdirSync(path.dirname(file), { recursive: true })
  fs.writeFileSync(file, rel)
  const at = new Date(Date.UTC(2026, 10, 23, 8, minutes))
  fs.utimesSync(file, at, at)
}

beforeEach(() => { root = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-fresh-')) })
afterEach(() => fs.rmSync(root, { recursive: true, force: true }))

describe('build freshness', () => {
  it('names the build command when the build is missing', () => {
    touch('src/app.ts', 0)
    expect(buildProblem('weapp', root)).toBe('dist/app.js is missing: run `npm run build:weapp` first.')
  })

  it('refuses a build older than any source, naming the newest one', () => {
    touch('src/app.ts', 0)
    touch('dist/app.js', 10)
    touch('src/pages/case-form/index.tsx', 20)
    touch('src/domain/dates.ts', 15)
    expect(buildProblem('weapp', root)).toBe('dist/app.js (built 2026-11-23 08:10:00 UTC) is older than src/pages/case-form/index.tsx ' +
      '(changed 2026-11-23 08:20:00 UTC): run `npm run build:weapp` first, or these tests would pass or fail on old code.')
  })

  it('counts the build config and, for H5, the service worker as sources', () => {
    touch('src/app.ts', 0)
    touch('dist-h5/index.html', 10)
    touch('public/sw.js', 11)
    expect(buildProblem('h5', root)).toMatch(/older than public\/sw\.js/)
    touch('dist-h5/index.html', 12)
    touch('config/index.ts', 13)
    expect(buildProblem('h5', root)).toMatch(/older than config\/index\.ts.*npm run build:h5/)
  })

  it('the cloud bundle is stale when the domain or a handler changes', () => {
    touch('cloudfunctions/ledger/src/router.ts', 0)
    touch('cloudfunctions/ledger/index.js', 10)
    expect(buildProblem('cloud', root)).toBeNull()
    touch('src/domain/period.ts', 11)
    expect(buildProblem('cloud', root)).toMatch(/older than src\/domain\/period\.ts.*npm run build:cloud/)
  })

  it('accepts a build newer than every source', () => {
    touch('src/app.ts', 0)
    touch('config/index.ts', 5)
    touch('dist/app.js', 10)
    expect(buildProblem('weapp', root)).toBeNull()
  })

  it('knows the three builds the tests use', () => {
    expect(Object.keys(BUILDS).sort()).toEqual(['cloud', 'h5', 'weapp'])
  })
})
