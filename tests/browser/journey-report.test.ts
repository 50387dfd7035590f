/**
 * District report journey on the H5 build against the real host: district staff sign in, choose 本年, see all 22 demo
 * stations, the totals match the API, a rate shows its formula, and the downloaded xlsx reads back with the right
 * sheets, headers and totals.
 */
import ExcelJS from 'exceljs'
import fs from 'fs'
import os from 'os'
import path from 'path'
import type { Page } from 'playwright-core'
import { COMPARE_BASE_LABELS, REPORT_COLUMNS, SECTION_LABELS, TABLE_DECIMALS, columnText, isComparable, type DistrictReport } from '@/domain'
import { launchBrowser, screenshot } from './browser'
import { startHost, type RunningHost } from './host'

let host: RunningHost
let browser: Awaited<ReturnType<typeof launchBrowser>>
let page: Page
const errors: string[] = []

beforeAll(async () => {
  host = await startHost()
  browser = await launchBrowser()
  page = await browser.context.newPage()
  page.on('pageerror', (e) => errors.push(e.message))
}, 90_000)

afterAll(async () => {
  await browser?.close()
  await host?.stop()
})

const shot = (name: string) => screenshot(page, `report-${name}`)

test('district staff read the year, check a formula, and export an xlsx that matches the page', async () => {
  await page.goto(`${host.base}/#/pages/bind/index`)
  await page.locator('.bind__input input').fill(host.accounts.district.code)
  await page.locator('.bind__submit').click()
  await page.locator('.bind__enter').click()
  await page.locator('.report-table').waitFor({ timeout: 20_000 })
  await page.locator('.period-picker__tab--year').click()
  await page.waitForFunction(() => document.querySelector('.report-head__period')?.textContent?.includes('年（'), null, { timeout: 20_000 })
  await shot('01-year')

  const rows = page.locator('.report-table .rt-row:not(.rt-row--head):not(.rt-row--total)')
  expect(await rows.count()).toBe(22)

  const staff = await host.signIn(host.accounts.district.code)
  const year = Number((await page.locator('.report-head__period').innerText()).slice(0, 4))
  const api = (await host.api<DistrictReport>('districtReport', { period: { kind: 'year', year } }, staff)).body.data as DistrictReport
  expect(api.rows).toHaveLength(22)
  const caseColumns = REPORT_COLUMNS.filter((c) => c.section === 'cases')
  const shownTotals = await page.locator('.rt-row--total .rt-value').allInnerTexts()
  const expectedTotals = caseColumns.map((c) => columnText(c, api.totals, { decimals: TABLE_DECIMALS, grouped: true }))
  expect(shownTotals).toEqual(expectedTotals)

  // Tap the district 调解成功率 to see numerator, denominator and formula.
  await page.locator('.rt-row--total .rt-cell[data-col="successRate"]').click()
  // The modal is appended to the page after the footnotes, which carry the same formula.
  await page.getByText('调解成功率 = 调解成功数 / 结案数').last().waitFor()
  expect(await page.locator('body').innerText()).toContain(api.totals.successRate.text)
  await shot('02-rate-formula')
  await page.getByText('知道了').click()

  await page.locator('.sections__item--complaints').click()
  await page.locator('.rt-head--complaintsReceived').waitFor()
  await shot('03-complaints-section')

  const download = page.waitForEvent('download')
  await page.locator('.export-xlsx').click()
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'xlsx-')), 'report.xlsx')
  const d = await download
  expect(d.suggestedFilename()).toMatch(/\.xlsx$/)
  await d.saveAs(file)

  const wb = new ExcelJS.Workbook()
  await wb.xlsx.readFile(file)
  // The four sections, the paragraph, then one sheet per station with its points.
  expect(wb.worksheets.map((w) => w.name).slice(0, 5)).toEqual([...['cases', 'sessions', 'risks', 'complaints'].map((s) => SECTION_LABELS[s as keyof typeof SECTION_LABELS]), '文字摘要'])
  expect(wb.worksheets).toHaveLength(5 + 22)
  const ws = wb.getWorksheet(SECTION_LABELS.cases)
  if (!ws) throw new Error('no cases sheet')
  const header = (ws.getRow(6).values as unknown[]).slice(1)
  const base = COMPARE_BASE_LABELS.yoy
  expect(header).toEqual(['站点', '站点编码', '报送情况', ...caseColumns.flatMap((c) => isComparable(c) ? [c.label, `${c.label}·${base}`, `${c.label}·同比`] : [c.label])])
  const totalRow = ws.getRow(7 + 22)
  expect(totalRow.getCell(1).value).toBe('合计')
  for (const c of caseColumns) {
    const cell = totalRow.getCell(header.indexOf(c.label) + 1).value
    const r = c.rate?.(api.totals)
    const v = r ? (r.denominator ? r.numerator / r.denominator : null) : c.value(api.totals)
    if (v === null) expect(cell).toBe('')
    else expect(cell).toBeCloseTo(c.kind === 'fen' ? v / 100 : v, 9)
  }
  const text = JSON.stringify(wb.worksheets.map((w) => w.getSheetValues()))
  // Phone numbers would be text cells; money and counts are numbers.
  expect(text).not.toMatch(/"[^"]*(?<!\d)1[3-9]\d{9}(?!\d)[^"]*"/)
  expect(text).toContain('调解成功率 = 调解成功数 / 结案数')

  // Drill down into one station
  await page.locator('.sections__item--cases').click()
  await page.locator('.rt-station').first().click()
  await page.locator('.station-summary .cell').first().waitFor()
  // By point: 站本级 first, then each of the station's points (the demo gives every station 2–4).
  await page.locator('.station-points .rt-station').first().waitFor()
  const pointNames = await page.locator('.station-points .rt-station').allInnerTexts()
  expect(pointNames[0]).toBe('站本级')
  expect(pointNames.length).toBeGreaterThanOrEqual(3)
  expect(pointNames.slice(1).every((n) => n.endsWith('劳动关系服务点'))).toBe(true)
  await shot('04-station-drill-down')
  expect(errors).toEqual([])
}, 180_000)
