/**
 * Mediator journey on the H5 build against the real host: bind with a demo code, go offline, create one record of
 * each kind, reload with the server unreachable and see them still queued, come back online, see them sync, and
 * check through the API that each exists exactly once. Screenshots of every page go to artifacts/screenshots/.
 */
import type { Page } from 'playwright-core'
import { launchBrowser, screenshotPath } from './browser'
import { startHost, type RunningHost } from './host'
import { watchApi, type Seen } from './api-watch'
import { findUnmasked, MASKED_ACTIONS } from '../support/pii'

let host: RunningHost
let browser: Awaited<ReturnType<typeof launchBrowser>>
let page: Page
const pageErrors: string[] = []
const answers: Seen[] = []

beforeAll(async () => {
  host = await startHost()
  browser = await launchBrowser()
  page = await browser.context.newPage()
  page.on('pageerror', (e) => pageErrors.push(e.message))
  watchApi(page, answers)
}, 90_000)

afterAll(async () => {
  await browser?.close()
  await host?.stop()
})

async function shot (name: string) {
  await page.waitForTimeout(700)
  await page.screenshot({ path: screenshotPath(`mediator-${name}`), fullPage: true })
}

async function fill (field: string, value: string) {
  const input = page.locator(`.form-input--${field} input, .form-input--${field} textarea, textarea.form-input--${field}, input.form-input--${field}`).first()
  await input.fill(value)
}

/** The outbox as the app persisted it: Taro H5 keeps `{ data }` in localStorage; the index lists the record chunks. */
const outbox = async (): Promise<Record<string, { type: string, state: string }>> => page.evaluate(() => {
  const read = (key: string) => {
    const raw = localStorage.getItem(key)
    return raw ? JSON.parse((JSON.parse(raw) as { data: string }).data) as unknown : null
  }
  const index = read('ledger.outbox.index') as { chunks: string[] } | null
  if (!index) return {}
  const records = index.chunks.flatMap((key) => read(key) as Array<{ id: string, type: string, state: string }>)
  return Object.fromEntries(records.map((r) => [r.id, r]))
})

test('bind, work offline, reload, sync: every record stored exactly once', async () => {
  const me = host.accounts.mediators[0]
  await page.goto(`${host.base}/#/pages/bind/index`)
  await page.locator('.bind__input input').fill(me.code)
  await page.locator('.bind__submit').click()
  await page.locator('.bind__enter').waitFor()
  expect(await page.locator('body').innerText()).toContain(me.stationName)
  await shot('01-bind')
  await page.locator('.bind__enter').click()
  await page.locator('.sync-card').waitFor()
  await page.getByText('本月受理').waitFor()
  await shot('02-workbench-online')
  // The service worker has kept the app's files: from here the app works with no network at all.
  await page.waitForFunction(() => !!navigator.serviceWorker?.controller, null, { timeout: 30_000 })

  await browser.context.setOffline(true)

  await page.goto(`${host.base}/#/pages/case-form/index`)
  await page.locator('.case-form__submit').waitFor()
  await fill('applicantName', '孙小明')
  await fill('applicantPhone', '13912345678')
  await fill('workerCount', '12')
  await fill('employerName', '离线测试建材有限公司')
  await fill('creditCode', '91330100716105852F')
  await fill('claimedFen', '36000.50')
  await fill('facts', '三个月工资未发，请求支付。')
  expect(await page.locator('body').innerText()).toContain('集体争议')
  await shot('03-case-form')
  await page.locator('.case-form__submit').click()
  await page.locator('.case-detail').waitFor()
  await shot('04-case-detail-queued')
  expect(await page.locator('.case-detail').innerText()).toContain('待同步')

  await page.goto(`${host.base}/#/pages/session-form/index`)
  await page.locator('.session-form__submit').waitFor()
  await fill('place', '离线测试社区活动室')
  await page.locator('.chip').first().click()
  await fill('attendees', '40')
  await fill('materials', '100')
  await shot('05-session-form')
  await page.locator('.session-form__submit').click()
  await page.waitForTimeout(1200)

  await page.goto(`${host.base}/#/pages/risk-form/index`)
  await page.locator('.risk-form__submit').waitFor()
  await fill('enterpriseName', '离线测试纺织有限公司')
  await fill('headcount', '80')
  await page.locator('.segmented__item--noncompliant[data-name="noWageArrears"]').click()
  await fill('arrearsWorkers', '12')
  expect(await page.locator('.risk-live').innerText()).toContain('高风险')
  await shot('06-risk-form-high')
  await page.locator('.risk-form__submit').click()
  await page.waitForTimeout(1200)

  const queued = await outbox()
  const mine = Object.entries(queued).filter(([, r]) => r.state === 'queued')
  expect(mine.map(([, r]) => r.type).sort()).toEqual(['legalSession', 'mediationCase', 'riskCheck'])

  // Still offline: reload the page and see the records still queued.
  await page.goto(`${host.base}/#/pages/records/index`)
  await page.reload()
  await page.locator('.record-item').first().waitFor()
  await shot('07-records-queued-after-offline-reload')
  const afterReload = await page.locator('.record-list').innerText()
  expect(afterReload.match(/待同步/g)?.length).toBe(3)

  // Online again: the app syncs by itself when the network comes back (and 立即同步 does it on demand).
  await page.goto(`${host.base}/#/pages/workbench/index`)
  await page.locator('.sync-card').waitFor()
  expect(await page.locator('.sync-card__count').innerText()).toContain('3 条记录未同步')
  await browser.context.setOffline(false)
  await page.waitForFunction(() => document.querySelector('.sync-card__count')?.textContent?.includes('全部记录已同步'), null, { timeout: 20_000 })
  await shot('08-workbench-synced')
  await page.goto(`${host.base}/#/pages/records/index`)
  await page.locator('.record-item').first().waitFor()
  await shot('09-records-synced')
  expect(Object.values(await outbox()).filter((r) => r.state !== 'synced')).toEqual([])

  // Through the API: each record exists exactly once on the server.
  const token = await host.signIn(me.code)
  for (const [id] of mine) {
    const r = await host.api<{ record: { id: string, version: number } }>('getRecord', { id }, token)
    expect(r.body.ok).toBe(true)
    expect(r.body.data?.record.version).toBe(1)
  }
  const list = await host.api<{ items: Array<{ id: string }> }>('listRecords', { search: '离线测试', limit: 50 }, token)
  expect(list.body.data?.items.map((i) => i.id).sort()).toEqual(mine.map(([id]) => id).sort())
  expect(pageErrors).toEqual([])
}, 180_000)

test('a case moves through its workflow from the detail page', async () => {
  const records = await outbox()
  const caseId = Object.entries(records).find(([, r]) => r.type === 'mediationCase')?.[0]
  await page.goto(`${host.base}/#/pages/case-detail/index?id=${caseId}`)
  await page.locator('.action--accept').click()
  await page.locator('.action-confirm').click()
  await page.locator('.action--recordSession').waitFor()
  await page.locator('.action--recordSession').click()
  await page.locator('.action-confirm').click()
  await page.locator('.action--succeed').waitFor()
  await shot('10-case-detail-mediating')
  await page.waitForFunction(() => !document.body.innerText.includes('待同步'), null, { timeout: 20_000 })
  const token = await host.signIn(host.accounts.mediators[0].code)
  const r = await host.api<{ record: { status: string, version: number } }>('getRecord', { id: caseId }, token)
  expect(r.body.data?.record).toMatchObject({ status: 'mediating' })
}, 120_000)

test('no unmasked phone or ID number in any list answer or log line of this journey', () => {
  const lists = answers.filter((a) => MASKED_ACTIONS.has(a.action))
  expect(lists.length).toBeGreaterThan(3)
  for (const a of lists) expect({ action: a.action, found: findUnmasked(a.body) }).toEqual({ action: a.action, found: [] })
  expect(findUnmasked(host.output.join('\n'))).toEqual([])
  // The scan does catch a number: the full case view of this station's own mediator carries the applicant's phone.
  expect(answers.some((a) => a.action === 'getRecord' && findUnmasked(a.body).includes('13912345678')) || answers.some((a) => a.action === 'syncRecords')).toBe(true)
})
