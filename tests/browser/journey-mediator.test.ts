/**
 * Mediator journeys on the H5 build against the real host, each in its own browser as its own demo mediator:
 * 1. bind with a demo code, go offline, create one record of each kind, reload with the server unreachable and see
 *    them still queued, come back online, see them sync, and check through the API that each exists exactly once;
 * 2. a case (made through the API) moves through its workflow from the detail page.
 * Neither leaks an unmasked phone or ID number in a list answer or a log line. Screenshots go to artifacts/screenshots/.
 */
import type { Page } from 'playwright-core'
import { beijingDate, newRecordId } from '@/domain'
import { casePayload } from '../support/fixtures'
import { findUnmasked, MASKED_ACTIONS } from '../support/pii'
import { launchBrowser, screenshot } from './browser'
import { startHost, type RunningHost } from './host'
import { watchApi, type Seen } from './api-watch'

let host: RunningHost

beforeAll(async () => {
  host = await startHost()
}, 90_000)

afterAll(async () => {
  await host?.stop()
})

/** A fresh browser (its own storage, outbox and service worker) with a page that records errors and API answers. */
async function openBrowser () {
  const browser = await launchBrowser()
  const page = await browser.context.newPage()
  const pageErrors: string[] = []
  const answers: Seen[] = []
  page.on('pageerror', (e) => pageErrors.push(e.message))
  watchApi(page, answers)
  return { browser, page, pageErrors, answers }
}

async function fill (page: Page, field: string, value: string) {
  const input = page.locator(`.form-input--${field} input, .form-input--${field} textarea, textarea.form-input--${field}, input.form-input--${field}`).first()
  await input.fill(value)
}

/** Binds the page to a demo mediator through the bind page and enters the workbench. */
async function bind (page: Page, code: string, stationName: string) {
  await page.goto(`${host.base}/#/pages/bind/index`)
  await page.locator('.bind__input input').fill(code)
  await page.locator('.bind__submit').click()
  await page.locator('.bind__enter').waitFor()
  expect(await page.locator('body').innerText()).toContain(stationName)
}

/**
 * The outbox records as the app persisted them: Taro H5 keeps `{ data }` in localStorage; the outbox's index key lists
 * the chunk keys that hold the records. (A function, not a string: the page's CSP allows no eval.)
 */
const outbox = async (page: Page): Promise<Record<string, { type: string, state: string }>> => Object.fromEntries((await page.evaluate(() => {
  const read = (key: string) => {
    const raw = localStorage.getItem(key)
    return raw ? JSON.parse((JSON.parse(raw) as { data: string }).data) as unknown : null
  }
  const index = read('ledger.outbox.index') as { chunks: string[] } | null
  return index ? index.chunks.flatMap((key) => (read(key) as Array<{ id: string, type: string, state: string }>) || []) : []
})).map((r) => [r.id, r]))

async function openFromWorkbench (page: Page, shortcut: 'session' | 'risk') {
  // Going to the URL the page is already on would reload the app, not navigate in it.
  if (!page.url().includes('#/pages/workbench/')) await page.goto(`${host.base}/#/pages/workbench/index`)
  // Taro keeps earlier pages of the stack in the DOM, hidden: click the one on screen.
  await page.locator(`.shortcut--${shortcut}:visible`).click()
}

/** After 提交 a form saves the record to the outbox and goes back to the workbench after its toast: wait for both. */
async function savedAndBack (page: Page, type: string) {
  const deadline = Date.now() + 15_000
  const done = async () => page.url().includes('pages/workbench/') && Object.values(await outbox(page)).some((r) => r.type === type && r.state === 'queued')
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`waited 15 s for the ${type} to be queued and the form to go back to the workbench, in vain`)
    await page.waitForTimeout(100)
  }
}

/** No list answer the page got and no host log line carries a full phone or ID number. */
function expectNothingUnmasked (answers: Seen[]) {
  const lists = answers.filter((a) => MASKED_ACTIONS.has(a.action))
  for (const a of lists) expect({ action: a.action, found: findUnmasked(a.body) }).toEqual({ action: a.action, found: [] })
  expect(findUnmasked(host.output.join('\n'))).toEqual([])
}

test('bind, work offline, reload, sync: every record stored exactly once', async () => {
  const me = host.accounts.mediators[0]
  const { browser, page, pageErrors, answers } = await openBrowser()
  try {
    await bind(page, me.code, me.stationName)
    await screenshot(page, 'mediator-01-bind')
    await page.locator('.bind__enter').click()
    await page.locator('.sync-card').waitFor()
    await page.getByText('本月受理').waitFor()
    await screenshot(page, 'mediator-02-workbench-online')
    // The service worker has kept the app's files: from here the app works with no network at all.
    await page.waitForFunction(() => !!navigator.serviceWorker?.controller, null, { timeout: 30_000 })

    await browser.context.setOffline(true)

    await page.goto(`${host.base}/#/pages/case-form/index`)
    await page.locator('.case-form__submit').waitFor()
    await fill(page, 'applicantName', '孙小明')
    await fill(page, 'applicantPhone', '13912345678')
    await fill(page, 'workerCount', '12')
    await fill(page, 'employerName', '离线测试建材有限公司')
    await fill(page, 'creditCode', '91330100716105852F')
    await fill(page, 'claimedFen', '36000.50')
    await fill(page, 'facts', '三个月工资未发，请求支付。')
    expect(await page.locator('body').innerText()).toContain('集体争议')
    await screenshot(page, 'mediator-03-case-form')
    await page.locator('.case-form__submit').click()
    await page.locator('.case-detail').waitFor()
    await screenshot(page, 'mediator-04-case-detail-queued')
    expect(await page.locator('.case-detail').innerText()).toContain('待同步')

    // The session and the risk check are opened from the workbench as a person would: 提交 goes back there.
    await openFromWorkbench(page, 'session')
    await page.locator('.session-form__submit').waitFor()
    await fill(page, 'place', '离线测试社区活动室')
    await page.locator('.chip').first().click()
    await fill(page, 'attendees', '40')
    await fill(page, 'materials', '100')
    await screenshot(page, 'mediator-05-session-form')
    await page.locator('.session-form__submit').click()
    await savedAndBack(page, 'legalSession')

    await openFromWorkbench(page, 'risk')
    await page.locator('.risk-form__submit').waitFor()
    await fill(page, 'enterpriseName', '离线测试纺织有限公司')
    await fill(page, 'headcount', '80')
    await page.locator('.segmented__item--noncompliant[data-name="noWageArrears"]').click()
    await fill(page, 'arrearsWorkers', '12')
    expect(await page.locator('.risk-live').innerText()).toContain('高风险')
    await screenshot(page, 'mediator-06-risk-form-high')
    await page.locator('.risk-form__submit').click()
    await savedAndBack(page, 'riskCheck')

    const mine = Object.entries(await outbox(page)).filter(([, r]) => r.state === 'queued')
    expect(mine.map(([, r]) => r.type).sort()).toEqual(['legalSession', 'mediationCase', 'riskCheck'])

    // Still offline: reload the page and see the records still queued.
    await page.goto(`${host.base}/#/pages/records/index`)
    await page.reload()
    await page.locator('.record-item').first().waitFor()
    await screenshot(page, 'mediator-07-records-queued-after-offline-reload')
    const afterReload = await page.locator('.record-list').innerText()
    expect(afterReload.match(/待同步/g)?.length).toBe(3)

    // Online again: the app syncs by itself when the network comes back (and 立即同步 does it on demand).
    await page.goto(`${host.base}/#/pages/workbench/index`)
    await page.locator('.sync-card').waitFor()
    expect(await page.locator('.sync-card__count').innerText()).toContain('3 条记录未同步')
    await browser.context.setOffline(false)
    await page.waitForFunction(() => document.querySelector('.sync-card__count')?.textContent?.includes('全部记录已同步'), null, { timeout: 20_000 })
    await screenshot(page, 'mediator-08-workbench-synced')
    await page.goto(`${host.base}/#/pages/records/index`)
    await page.locator('.record-item').first().waitFor()
    await screenshot(page, 'mediator-09-records-synced')
    expect(Object.values(await outbox(page)).filter((r) => r.state !== 'synced')).toEqual([])

    // Through the API: each record exists exactly once on the server.
    const token = await host.signIn(me.code)
    for (const [id] of mine) {
      const r = await host.api<{ record: { id: string, version: number } }>('getRecord', { id }, token)
      expect(r.body.ok).toBe(true)
      expect(r.body.data?.record.version).toBe(1)
    }
    const list = await host.api<{ items: Array<{ id: string }> }>('listRecords', { search: '离线测试', limit: 50 }, token)
    expect(list.body.data?.items.map((i) => i.id).sort()).toEqual(mine.map(([id]) => id).sort())
    expect(answers.filter((a) => MASKED_ACTIONS.has(a.action)).length).toBeGreaterThan(3)
    expectNothingUnmasked(answers)
    expect(pageErrors).toEqual([])
  } finally {
    await browser.close()
  }
}, 180_000)

test('a case moves through its workflow from the detail page', async () => {
  // Its own mediator, case and browser: nothing here depends on the journey above.
  const me = host.accounts.mediators[1]
  const token = await host.signIn(me.code)
  const caseId = newRecordId()
  const phone = '13987654321'
  const payload = casePayload({ receivedDate: beijingDate(new Date()), applicant: { name: '吴小工', phone }, employer: { name: '流程测试机械有限公司' } })
  const synced = await host.api<{ results: Array<{ result: string }> }>('syncRecords', { records: [{ id: caseId, type: 'mediationCase', stationId: me.stationId, payload }] }, token)
  expect(synced.body.data?.results).toEqual([expect.objectContaining({ result: 'stored' })])

  const { browser, page, pageErrors, answers } = await openBrowser()
  try {
    await bind(page, me.code, me.stationName)
    await page.goto(`${host.base}/#/pages/case-detail/index?id=${caseId}`)
    await page.locator('.action--accept').click()
    await page.locator('.action-confirm').click()
    await page.locator('.action--recordSession').click()
    await page.locator('.action-confirm').click()
    await page.locator('.action--succeed').waitFor()
    await screenshot(page, 'mediator-10-case-detail-mediating')
    await page.waitForFunction(() => !document.body.innerText.includes('待同步'), null, { timeout: 20_000 })
    const r = await host.api<{ record: { status: string, version: number } }>('getRecord', { id: caseId }, token)
    expect(r.body.data?.record).toMatchObject({ status: 'mediating', version: 3 })
    // The workbench lists the station's open cases, this one among them, with the phone masked.
    const listed = page.waitForResponse((res) => res.url().endsWith('/api/ledger') && (res.request().postData() || '').includes('"listRecords"'))
    await page.goto(`${host.base}/#/pages/workbench/index`)
    const list = await (await listed).text()
    expect(list).toContain(caseId)
    expect(findUnmasked(list)).toEqual([])
    expectNothingUnmasked(answers)
    // The scan does catch a number: the station's own mediator opening the case gets the applicant's full phone.
    expect(answers.filter((a) => a.action === 'getRecord').flatMap((a) => findUnmasked(a.body))).toContain(phone)
    expect(pageErrors).toEqual([])
  } finally {
    await browser.close()
  }
}, 120_000)
