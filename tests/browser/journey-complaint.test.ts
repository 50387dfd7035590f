/**
 * Wage-complaint journey on the H5 build against the real host: a worker opens station A's QR address, files a
 * complaint and gets a tracking number; A's mediator finds it, converts it to a case and mediates it to success; the
 * worker sees 已办结; B's mediator cannot see it; a submission over the daily limit is refused with a clear message;
 * the district report counts the people and money once.
 */
import ExcelJS from 'exceljs'
import type { BrowserContext, Page } from 'playwright-core'
import { launchBrowser, screenshot } from './browser'
import { startHost, type RunningHost } from './host'
import { watchApi, type Seen } from './api-watch'
import { findUnmasked, MASKED_ACTIONS } from '../support/pii'

let host: RunningHost
const browsers: Array<Awaited<ReturnType<typeof launchBrowser>>> = []
let worker: Page
let mediator: Page
const errors: string[] = []
const answers: Seen[] = []

async function newPage (): Promise<Page> {
  const b = await launchBrowser()
  browsers.push(b)
  const p = await (b.context as BrowserContext).newPage()
  p.on('pageerror', (e) => errors.push(e.message))
  watchApi(p, answers)
  return p
}

beforeAll(async () => {
  host = await startHost()
  worker = await newPage()
  mediator = await newPage()
}, 90_000)

afterAll(async () => {
  for (const b of browsers) await b.close()
  await host?.stop()
})

const shot = (page: Page, name: string) => screenshot(page, `complaint-${name}`)
const fill = (page: Page, field: string, value: string) =>
  page.locator(`.form-input--${field} input, .form-input--${field} textarea, textarea.form-input--${field}`).first().fill(value)

let trackingNo = ''

test('a worker files a complaint from station A\'s QR address and gets a tracking number', async () => {
  const station = host.accounts.mediators[0]
  await worker.goto(`${host.base}/#/pages/complaint/index?s=${station.stationCode}`)
  await worker.locator('.complaint__submit').waitFor()
  expect(await worker.locator('.complaint__station-name').innerText()).toBe(station.stationName)
  await fill(worker, 'name', '钱七')
  await fill(worker, 'phone', '13655558888')
  await fill(worker, 'employerName', '旅程测试劳务有限公司')
  await fill(worker, 'project', '江景苑三期')
  await fill(worker, 'amountOwedFen', '15000')
  await fill(worker, 'workerCount', '3')
  await fill(worker, 'description', '工程结束两个月，工资一直没结。')
  await worker.locator('.complaint__submit').click()
  expect(await worker.locator('body').innerText()).toContain('请勾选后提交')
  await worker.locator('.privacy__consent').click()
  await shot(worker, '01-form')
  await worker.locator('.complaint__submit').click()
  await worker.locator('.complaint-done__code').waitFor()
  trackingNo = await worker.locator('.complaint-done__code').innerText()
  expect(trackingNo).toMatch(/^[2-9A-HJKMNP-RT-Y]{4}-[2-9A-HJKMNP-RT-Y]{4}$/)
  await shot(worker, '02-tracking-number')
}, 120_000)

test('an unknown station code gets a clear message and no form', async () => {
  const p = await newPage()
  await p.goto(`${host.base}/#/pages/complaint/index?s=NOPE99`)
  await p.getByText('无法打开投诉表').waitFor()
  expect(await p.locator('.complaint__submit').count()).toBe(0)
  expect(await p.locator('body').innerText()).toContain('没有找到这个站点')
  await screenshot(p, 'complaint-03-unknown-station')
}, 60_000)

test('A\'s mediator converts it to a case and mediates it to success; the worker sees 已办结', async () => {
  const me = host.accounts.mediators[0]
  await mediator.goto(`${host.base}/#/pages/bind/index`)
  await mediator.locator('.bind__input input').fill(me.code)
  await mediator.locator('.bind__submit').click()
  await mediator.locator('.bind__enter').waitFor()
  await mediator.goto(`${host.base}/#/pages/inbox/index`)
  const item = mediator.locator('.inbox-item', { hasText: trackingNo })
  await item.waitFor()
  expect(await item.innerText()).toContain('136****8888')
  await shot(mediator, '04-inbox')
  await item.click()
  await mediator.locator('.handle--convert').waitFor()
  expect(await mediator.locator('body').innerText()).toContain('13655558888')
  await shot(mediator, '05-detail-full-phone')
  await mediator.locator('.handle--convert').click()
  await mediator.locator('.case-detail').waitFor({ timeout: 20_000 })
  await mediator.locator('.action--recordSession').click()
  await mediator.locator('.action-confirm').click()
  await mediator.locator('.action--succeed').waitFor()
  await mediator.locator('.action--succeed').click()
  await mediator.locator('.action-confirm').click()
  await mediator.waitForFunction(() => document.body.innerText.includes('调解成功') && !document.body.innerText.includes('待同步'), null, { timeout: 20_000 })
  await shot(mediator, '06-case-succeeded')

  await worker.goto(`${host.base}/#/pages/my-complaints/index`)
  await worker.locator('.complaint-card').first().waitFor()
  await worker.waitForFunction(() => document.body.innerText.includes('已办结'), null, { timeout: 20_000 })
  const card = await worker.locator('.complaint-card').first().innerText()
  expect(card).toContain(trackingNo)
  expect(card).toContain('已办结')
  expect(card).toContain('追回 ¥15,000.00')
  await shot(worker, '07-worker-sees-closed')
}, 120_000)

test('B\'s mediator cannot see it, and the district report counts people and money once', async () => {
  const tokenB = await host.signIn(host.accounts.mediators[1].code)
  const inboxB = await host.api<{ items: Array<{ payload: { trackingNo: string } }> }>('stationComplaints', {}, tokenB)
  expect(inboxB.body.data?.items.some((i) => i.payload.trackingNo === trackingNo)).toBe(false)
  const tokenA = await host.signIn(host.accounts.mediators[0].code)
  const inboxA = await host.api<{ items: Array<{ id: string, payload: { trackingNo: string } }> }>('stationComplaints', {}, tokenA)
  const complaint = inboxA.body.data?.items.find((i) => i.payload.trackingNo === trackingNo)
  expect(complaint).toBeDefined()
  const denied = await host.api('getComplaint', { id: complaint?.id }, tokenB)
  expect([denied.status, denied.body.code]).toEqual([403, 'FORBIDDEN'])

  const staff = await host.signIn(host.accounts.district.code)
  const stationId = host.accounts.mediators[0].stationId
  const before = await host.api<{ rows: Array<{ stationId: string, sums: Record<string, number> }> }>('districtReport', { period: { kind: 'year', year: Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4)) } }, staff)
  const row = before.body.data?.rows.find((r) => r.stationId === stationId)
  // Computed straight from this station's stored complaints: converted ones add no workers or money on the complaint side.
  const list = await host.api<{ items: Array<{ payload: { workerCount: number, amountOwedFen: number, receivedDate: string, timeline: Array<{ action: string }> } }> }>('stationComplaints', {}, tokenA)
  const year = String(new Date(Date.now() + 8 * 3_600_000).getUTCFullYear())
  const direct = list.body.data?.items.filter((c) => c.payload.receivedDate.startsWith(year) && !c.payload.timeline.some((e) => e.action === 'convert')) || []
  expect(row?.sums.complaintWorkers).toBe(direct.reduce((s, c) => s + c.payload.workerCount, 0))
  expect(row?.sums.complaintOwedFen).toBe(direct.reduce((s, c) => s + c.payload.amountOwedFen, 0))
}, 60_000)

test('a submission over the daily limit is refused with a clear message', async () => {
  const session = await worker.evaluate(() => JSON.parse(JSON.parse(localStorage.getItem('ledger.session') || '{"data":"{}"}').data))
  const station = host.accounts.mediators[0].stationCode
  for (let i = 0; i < 4; i++) {
    const r = await host.api('submitComplaint', {
      id: `0190a0b0-0000-7000-8000-00000000000${i}`, stationCode: station, name: '钱七', phone: '13655558888', employerName: '另一家公司',
      sector: '非工程建设', owedFrom: '2026-09', owedTo: '2026-10', amountOwedFen: 100_000, workerCount: 1, description: '测试限额', consent: true
    }, session.token)
    expect(r.status).toBe(200)
  }
  await worker.goto(`${host.base}/#/pages/complaint/index?s=${station}`)
  await worker.locator('.complaint__submit').waitFor()
  await fill(worker, 'name', '钱七')
  await fill(worker, 'phone', '13655558888')
  await fill(worker, 'employerName', '第六次提交有限公司')
  await fill(worker, 'amountOwedFen', '100')
  await fill(worker, 'description', '第六次')
  await worker.locator('.privacy__consent').click()
  await worker.locator('.complaint__submit').click()
  await worker.locator('.notice--error').waitFor()
  expect(await worker.locator('.notice--error').innerText()).toContain('今天已提交5次投诉，已达上限')
  await shot(worker, '08-over-limit')
  expect(errors).toEqual([])
}, 90_000)

test('no unmasked phone or ID number in any list answer, export or log line of this journey', async () => {
  const lists = answers.filter((a) => MASKED_ACTIONS.has(a.action))
  expect(lists.map((a) => a.action)).toEqual(expect.arrayContaining(['stationComplaints', 'myComplaints', 'submitComplaint']))
  for (const a of lists) expect({ action: a.action, found: findUnmasked(a.body) }).toEqual({ action: a.action, found: [] })
  // The mediator's audited full view is where the number legitimately appears: the scan sees it there.
  expect(answers.filter((a) => a.action === 'getComplaint').flatMap((a) => findUnmasked(a.body))).toContain('13655558888')
  const staff = await host.signIn(host.accounts.district.code)
  const period = { kind: 'year', year: Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4)) }
  const csv = await host.api<{ base64: string }>('exportReport', { period, format: 'csv' }, staff)
  const csvText = Buffer.from(csv.body.data?.base64 || '', 'base64').toString('utf8')
  expect(csvText.startsWith('\uFEFF')).toBe(true)
  expect(findUnmasked(csvText)).toEqual([])
  const xlsx = await host.api<{ base64: string }>('exportReport', { period, format: 'xlsx' }, staff)
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(Buffer.from(xlsx.body.data?.base64 || '', 'base64') as unknown as ArrayBuffer)
  const cells = wb.worksheets.flatMap((w) => (w.getSheetValues() as unknown[][]).flat()).filter((v) => typeof v === 'string').join('\n')
  expect(cells).toContain('合计')
  expect(findUnmasked(cells)).toEqual([])
  expect(findUnmasked(host.output.join('\n'))).toEqual([])
})
