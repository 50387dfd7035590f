/**
 * Nil report and paragraph journey on the H5 build against the real host: the demo's newest station (nothing this
 * month) files a nil report with one tap on its workbench; district staff see it as 零报告 in this month's
 * completeness; then 生成文字摘要 puts the paragraph on the clipboard, and its figures are the table's.
 */
import type { Page } from 'playwright-core'
import { TABLE_DECIMALS, beijingDate, columnText, REPORT_COLUMNS, type DistrictReport } from '@/domain'
import { launchBrowser, screenshotPath } from './browser'
import { startHost, type RunningHost } from './host'

let host: RunningHost
let browser: Awaited<ReturnType<typeof launchBrowser>>
let page: Page
const errors: string[] = []

beforeAll(async () => {
  host = await startHost()
  browser = await launchBrowser()
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host.base })
  page = await browser.context.newPage()
  page.on('pageerror', (e) => errors.push(e.message))
}, 90_000)

afterAll(async () => {
  await browser?.close()
  await host?.stop()
})

const shot = async (name: string) => page.screenshot({ path: screenshotPath(`nil-${name}`), fullPage: true })

async function signIn (code: string, then: string) {
  await page.goto(`${host.base}/#/pages/bind/index`)
  await page.locator('.bind__input input').fill(code)
  await page.locator('.bind__submit').click()
  await page.locator('.bind__enter').click()
  await page.locator(then).waitFor({ timeout: 20_000 })
}

test('a station with nothing this month files a nil report; the district sees 零报告, then copies the paragraph', async () => {
  const quiet = host.accounts.mediators[host.accounts.mediators.length - 1]
  const staff = await host.signIn(host.accounts.district.code)
  const today = beijingDate(new Date())
  const thisMonth = { kind: 'month', year: Number(today.slice(0, 4)), month: Number(today.slice(5, 7)) }
  const before = (await host.api<DistrictReport>('districtReport', { period: thisMonth }, staff)).body.data as DistrictReport
  expect(before.completeness.missing.map((m) => m.stationId)).toContain(quiet.stationId)

  await signIn(quiet.code, '.sync-card')
  await page.locator('.nil-card__button').waitFor({ timeout: 20_000 })
  expect(await page.locator('.nil-card__button').innerText()).toBe('本月无新增事项，报送零报告')
  await shot('01-workbench')
  await page.locator('.nil-card__button').click()
  await page.locator('.nil-card__filed').waitFor()
  await page.getByText('全部记录已同步').waitFor({ timeout: 20_000 })
  await shot('02-filed')

  const after = (await host.api<DistrictReport>('districtReport', { period: thisMonth }, staff)).body.data as DistrictReport
  expect(after.rows.find((r) => r.stationId === quiet.stationId)?.filing).toBe('nil')

  // District staff: this month's completeness names the station under 零报告, not under 未报送.
  await page.evaluate(() => localStorage.clear())
  await signIn(host.accounts.district.code, '.report-table')
  await page.locator('.completeness__nil').waitFor()
  const short = quiet.stationName.replace('劳动关系公共服务站', '')
  expect(await page.locator('.completeness__nil').innerText()).toContain(short)
  expect(await page.locator('.completeness__states').innerText()).toContain(`零报告 ${after.completeness.nilReports}`)
  expect(await page.locator('.completeness').innerText()).not.toContain(`未报送：${short}`)
  const quietRow = page.locator('.rt-row', { hasText: short.replace('劳动关系公共服务站', '') }).first()
  expect(await quietRow.locator('.rt-nil').innerText()).toBe('零报告')
  await shot('03-district-completeness')

  // 生成文字摘要 for the year: the copied text is the paragraph, and its 受理 count is the table's total.
  await page.locator('.period-picker__tab--year').click()
  await page.waitForFunction(() => document.querySelector('.report-head__period')?.textContent?.includes('年（'), null, { timeout: 20_000 })
  await page.locator('.make-paragraph').click()
  await page.locator('.paragraph__text').waitFor()
  await page.getByText('已复制到剪贴板').waitFor()
  const shown = await page.locator('.paragraph__text').innerText()
  const copied = await page.evaluate(() => navigator.clipboard.readText())
  expect(copied).toBe(shown)
  const year = Number(today.slice(0, 4))
  const api = (await host.api<DistrictReport>('districtReport', { period: { kind: 'year', year } }, staff)).body.data as DistrictReport
  const accepted = /共受理劳动争议调解案件(\d+)件/.exec(copied)
  expect(Number(accepted?.[1])).toBe(api.totals.sums.casesAccepted)
  const successRate = /调解成功率([\d.]+%)/.exec(copied)?.[1]
  const tableRate = columnText(REPORT_COLUMNS.find((c) => c.key === 'successRate') as (typeof REPORT_COLUMNS)[number], api.totals, { decimals: 2, grouped: false })
  expect(successRate).toBe(tableRate)
  expect(copied).toMatch(new RegExp(`^${year}年，全区22个劳动关系公共服务站点`))
  expect(copied).toMatch(/万元/)
  // The table shows the same rate with one decimal.
  const shownRate = await page.locator('.rt-row--total .rt-cell[data-col="successRate"] .rt-value').innerText()
  expect(shownRate).toBe(columnText(REPORT_COLUMNS.find((c) => c.key === 'successRate') as (typeof REPORT_COLUMNS)[number], api.totals, { decimals: TABLE_DECIMALS, grouped: true }))
  await shot('04-paragraph')
  expect(errors).toEqual([])
}, 180_000)
