/**
 * Signing out in the browser, on the H5 build against the real host (issue 13), with the page under the host's
 * Content-Security-Policy the whole way: not one policy violation or page error.
 * - Sign-out is refused while a record waits to be synced, saying how many and what to do; nothing is lost.
 * - Once synced, signing out leaves no copy with personal data in local storage, and the old token is refused.
 */
import type { ConsoleMessage, Page } from 'playwright-core'
import { launchBrowser, screenshotPath } from './browser'
import { startHost, type RunningHost } from './host'

let host: RunningHost
let browser: Awaited<ReturnType<typeof launchBrowser>>
let page: Page
const pageErrors: string[] = []
const violations: string[] = []

beforeAll(async () => {
  host = await startHost()
  browser = await launchBrowser()
  page = await browser.context.newPage()
  page.on('pageerror', (e) => pageErrors.push(e.message))
  page.on('console', (m: ConsoleMessage) => {
    if (/Content[ -]Security[ -]Policy|Refused to/i.test(m.text())) violations.push(m.text())
  })
}, 90_000)

afterAll(async () => {
  await browser?.close()
  await host?.stop()
})

async function shot (name: string) {
  await page.waitForTimeout(700)
  await page.screenshot({ path: screenshotPath(`sign-out-${name}`), fullPage: true })
}

/** Every value the app keeps in local storage, unwrapped from Taro's `{ data }` envelope. */
/** Everything the outbox keeps on the phone: its index and its chunks of records. */
const outboxText = (all: Record<string, string>) => Object.entries(all).filter(([k]) => k.startsWith('ledger.outbox')).map(([, v]) => v).join('\n')

const stored = (): Promise<Record<string, string>> => page.evaluate(() => {
  const out: Record<string, string> = {}
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i) as string
    const raw = localStorage.getItem(key) || ''
    try {
      const wrapped = JSON.parse(raw) as { data?: unknown }
      out[key] = typeof wrapped.data === 'string' ? wrapped.data : raw
    } catch {
      out[key] = raw
    }
  }
  return out
})

const modal = () => page.locator('.taro__modal').filter({ has: page.locator('.taro-model__confirm') })

test('the pages load under the Content-Security-Policy', async () => {
  const response = await page.goto(`${host.base}/`)
  const csp = response?.headers()['content-security-policy'] || ''
  expect(csp).toContain("frame-ancestors 'none'")
  expect(csp).toMatch(/script-src 'self' 'sha256-/)
  expect(response?.headers()['referrer-policy']).toBe('no-referrer')
  await page.getByText('站点工作台').first().waitFor()
  await page.goto(`${host.base}/#/pages/complaint/index?s=${host.accounts.mediators[0].stationCode}`)
  await page.getByText(host.accounts.mediators[0].stationName).first().waitFor()
  await shot('01-complaint-page-under-csp')
  // The viewport script Taro writes inline ran: it sets the root font size.
  expect(await page.evaluate(() => document.documentElement.style.fontSize)).toMatch(/px$/)
  expect(violations).toEqual([])
  expect(pageErrors).toEqual([])
}, 60_000)

test('refused while a record waits to be synced; after syncing, signing out leaves no personal data behind', async () => {
  const me = host.accounts.mediators[0]
  await page.goto(`${host.base}/#/pages/bind/index`)
  await page.locator('.bind__input input').fill(me.code)
  await page.locator('.bind__submit').click()
  await page.locator('.bind__enter').click()
  await page.locator('.sync-card').waitFor()
  await page.getByText('本月受理').waitFor()

  // Open a case: its full copy (with the applicant's phone) is kept on the phone.
  await page.locator('.case-row').first().click()
  await page.locator('.case-detail').waitFor()
  await page.waitForFunction(() => Object.keys(localStorage).some((k) => k.startsWith('ledger.outbox') && /1[3-9]\d{9}/.test(localStorage.getItem(k) || '')), null, { timeout: 20_000 })

  // A record made offline waits in the outbox.
  await page.waitForFunction(() => !!navigator.serviceWorker?.controller, null, { timeout: 30_000 })
  await browser.context.setOffline(true)
  await page.goto(`${host.base}/#/pages/session-form/index`)
  await page.locator('.session-form__submit').waitFor()
  await page.locator('.form-input--place input').fill('退出测试社区活动室')
  await page.locator('.chip').first().click()
  await page.locator('.form-input--attendees input').fill('20')
  await page.locator('.form-input--materials input').fill('50')
  await page.locator('.session-form__submit').click()
  // The form goes back once the record is saved on the phone.
  await page.waitForFunction(() => !location.hash.includes('session-form'), null, { timeout: 20_000 })
  await page.goto(`${host.base}/#/pages/workbench/index`)
  await page.locator('.workbench__signout').waitFor()
  expect(await page.locator('.workbench__signout').innerText()).toContain('还有 1 条记录未同步')
  await page.locator('.workbench__signout').click()
  await modal().locator('.taro-model__confirm').click()
  await page.getByText('暂时不能退出').waitFor()
  expect(await modal().innerText()).toContain('还有1条记录未同步。退出登录会清除本机上的记录，请先联网后点“立即同步”')
  await shot('02-refused-unsynced')
  await modal().locator('.taro-model__confirm').click()
  const token = await page.evaluate(() => (JSON.parse(JSON.parse(localStorage.getItem('ledger.session') || '{}').data || '{}') as { token?: string }).token)
  expect(token).toBeTruthy()
  expect(outboxText(await stored())).toContain('退出测试社区活动室')

  // Online: sync, then sign out.
  await browser.context.setOffline(false)
  await page.waitForFunction(() => document.querySelector('.sync-card__count')?.textContent?.includes('全部记录已同步'), null, { timeout: 20_000 })
  await page.locator('.workbench__signout').click()
  await modal().locator('.taro-model__confirm').click()
  await page.waitForFunction(() => location.hash.includes('pages/index/index'), null, { timeout: 20_000 })
  await page.getByText('站点工作台').first().waitFor()
  await shot('03-signed-out-home')

  const after = await stored()
  const everything = JSON.stringify(after)
  expect(everything).not.toMatch(/1[3-9]\d{9}/)
  expect(everything).not.toContain('退出测试社区活动室')
  expect(everything).not.toContain(token as string)
  // The outbox's index lists no chunk of records any more.
  expect(JSON.parse(after['ledger.outbox.index'] || '{"chunks":[]}').chunks).toEqual([])
  expect(JSON.parse(after['ledger.station'] || '{"state":{"cases":[]}}').state.cases).toEqual([])
  expect((await host.api('whoami', {}, token as string)).status).toBe(401)
  expect(violations).toEqual([])
  expect(pageErrors).toEqual([])
}, 180_000)
