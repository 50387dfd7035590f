/**
 * Smoke test of the H5 build: served on 127.0.0.1, opened in Debian's Chromium, the home renders its Chinese text.
 * Needs `npm run build:h5` first (and refuses a build older than its sources).
 */
import fs from 'fs'
import http from 'http'
import type { AddressInfo } from 'net'
import path from 'path'
import { staticFiles } from '../../server/static-files'
import { assertFreshBuild } from '../support/build-freshness'
import { launchBrowser, screenshotPath } from './browser'

const DIST_H5 = path.resolve(__dirname, '../../dist-h5')
let server: http.Server
let base: string

beforeAll(async () => {
  assertFreshBuild('h5')
  const serve = staticFiles(DIST_H5)
  server = http.createServer((req, res) => {
    if (!serve(req, res)) { res.writeHead(404); res.end() }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve))
})

test('the H5 home renders in Chromium', async () => {
  const { context, close } = await launchBrowser()
  try {
    const page = await context.newPage()
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    await page.goto(base + '/', { waitUntil: 'networkidle' })
    await page.getByText('站点工作台').waitFor({ timeout: 15_000 })
    const text = await page.locator('body').innerText()
    for (const words of ['站点台账', '站点工作台', '扫码投诉', '区级报表', '关于与隐私']) expect(text).toContain(words)
    const file = screenshotPath('smoke-home')
    await page.screenshot({ path: file, fullPage: true })
    expect(fs.statSync(file).size).toBeGreaterThan(10_000)
    expect(errors).toEqual([])
  } finally {
    await close()
  }
}, 60_000)
