/**
 * The papers of a mediation in the H5 app against the real host: a mediator records 调解成功 on a case's detail page,
 * taps 调解协议书, and the browser downloads a .docx that holds the case's parties, the agreed amount in figures and
 * in 大写, the legal effect and the station. Before 调解成功 the page offers no 协议书. Every paper of the mediation is
 * saved with a rendering (PDF pages as PNG where LibreOffice is installed, else a text dump) in
 * artifacts/screenshots/case-documents/.
 */
import fs from 'fs'
import type { Page } from 'playwright-core'
import { addDays, beijingDate, chineseDate, newRecordId, type CaseEvent, type MediationCase } from '@/domain'
import { readDocx } from '../support/docx-reader'
import { launchBrowser, screenshotPath } from './browser'
import { startHost, type RunningHost } from './host'
import { DOCUMENT_ARTIFACTS, saveRendering } from './render-docx'

let host: RunningHost
let browser: Awaited<ReturnType<typeof launchBrowser>>
let page: Page
let token: string
const pageErrors: string[] = []

const today = beijingDate(new Date())
const received = addDays(today, -3)
const ev = (action: CaseEvent['action'], date: string, extra: Partial<CaseEvent> = {}): CaseEvent => ({ action, date, at: new Date().toISOString(), ...extra })

function casePayload (timeline: CaseEvent[]): MediationCase {
  return {
    receivedDate: received,
    applicant: { name: '周文书', phone: '13966667777', idNumber: '11010519491231002X', address: '云溪区文书路8号' },
    workerCount: 1,
    employer: { name: '文书测试建材有限公司', creditCode: '91330100716105852F', address: '云溪区工业园3号', legalRep: '钱总' },
    disputeType: '劳动报酬',
    source: '当事人申请',
    complexity: '一般',
    claimedFen: 1_234_567,
    facts: '2026年8月至10月工资未发放，请求支付。',
    timeline
  }
}

async function storeCase (stationId: string, timeline: CaseEvent[]): Promise<string> {
  const id = newRecordId()
  const r = await host.api<{ results: Array<{ result: string }> }>('syncRecords', { records: [{ id, type: 'mediationCase', stationId, payload: casePayload(timeline) }] }, token)
  expect(r.body.data?.results[0].result).toBe('stored')
  return id
}

async function paperBytes (caseId: string, kind: string): Promise<Uint8Array> {
  const r = await host.api<{ base64: string }>('caseDocument', { caseId, kind }, token)
  if (!r.body.ok || !r.body.data) throw new Error(`${kind}: ${r.body.code} ${r.body.message}`)
  return Buffer.from(r.body.data.base64, 'base64')
}

beforeAll(async () => {
  host = await startHost()
  browser = await launchBrowser()
  page = await browser.context.newPage()
  page.on('pageerror', (e) => pageErrors.push(e.message))
  fs.rmSync(DOCUMENT_ARTIFACTS, { recursive: true, force: true })
}, 90_000)

afterAll(async () => {
  await browser?.close()
  await host?.stop()
})

test('a mediator records 调解成功 and downloads the 调解协议书 of the case', async () => {
  const me = host.accounts.mediators[0]
  token = await host.signIn(me.code)
  const caseId = await storeCase(me.stationId, [ev('accept', addDays(received, 1)), ev('recordSession', addDays(received, 2), { mode: '面谈' })])

  await page.goto(`${host.base}/#/pages/bind/index`)
  await page.locator('.bind__input input').fill(me.code)
  await page.locator('.bind__submit').click()
  await page.locator('.bind__enter').waitFor()

  await page.goto(`${host.base}/#/pages/case-detail/index?id=${caseId}`)
  await page.locator('.case-document--acceptance').waitFor()
  // 调解中: the 申请书 and 受理通知书, no 协议书 yet
  expect(await page.locator('.case-document').allInnerTexts()).toEqual(['调解申请书', '受理通知书'])

  await page.locator('.action--succeed').click()
  await page.locator('.form-input--agreementAmount input').fill('100005')
  await page.locator('.form-input--terms textarea').fill('申请人不再就本争议主张其他权利')
  await page.locator('.action-confirm').click()
  await page.locator('.case-document--agreement').waitFor({ timeout: 20_000 })

  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('.case-document--agreement').click()])
  await page.locator('.case-document--agreement').scrollIntoViewIfNeeded()
  await page.screenshot({ path: screenshotPath('case-documents-01-detail') })
  expect(download.suggestedFilename()).toBe(`调解协议书_文书测试建材有限公司_${today}.docx`)
  const bytes = fs.readFileSync(await download.path())
  const doc = await readDocx(bytes)
  expect(doc.paragraphs[0]).toBe('劳动争议调解协议书')
  expect(doc.paragraphs).toContain('申请人：周文书，公民身份号码：11010519491231002X，住址：云溪区文书路8号，联系电话：13966667777。')
  expect(doc.paragraphs).toContain('被申请人：文书测试建材有限公司，统一社会信用代码：91330100716105852F，住所：云溪区工业园3号，法定代表人（主要负责人）：钱总。')
  expect(doc.paragraphs).toContain(`一、被申请人于${chineseDate(today)}前，以一次性支付的方式向申请人支付劳动报酬共计人民币100,005.00元（大写：人民币壹拾万零伍元整）。`)
  expect(doc.paragraphs).toContain('二、申请人不再就本争议主张其他权利。')
  expect(doc.text).toContain('经调解员签名并加盖调解组织印章后生效，对双方当事人具有约束力')
  expect(doc.paragraphs.slice(-2)).toEqual([`${me.stationName}（盖章）`, chineseDate(today)])
  await saveRendering('agreement', bytes)

  // The making of the paper is on the case's record.
  const record = await host.api<{ audit: Array<{ action: string, detail?: string }> }>('getRecord', { id: caseId }, token)
  expect(record.body.data?.audit.filter((a) => a.action === 'caseDocument').map((a) => a.detail)).toEqual(['agreement v2'])

  await saveRendering('application', await paperBytes(caseId, 'application'))
  await saveRendering('acceptance', await paperBytes(caseId, 'acceptance'))
  const rejected = await storeCase(me.stationId, [ev('reject', addDays(received, 1), { reason: '双方不存在劳动关系，不属于劳动争议' })])
  await saveRendering('rejection', await paperBytes(rejected, 'rejection'))
  const failed = await storeCase(me.stationId, [ev('accept', addDays(received, 1)), ev('recordSession', addDays(received, 2), { mode: '会议' }), ev('fail', today, { note: '单位拒绝支付' })])
  await saveRendering('termination', await paperBytes(failed, 'termination'))
  expect(fs.readdirSync(DOCUMENT_ARTIFACTS).filter((f) => f.endsWith('.docx')).sort()).toEqual(['acceptance.docx', 'agreement.docx', 'application.docx', 'rejection.docx', 'termination.docx'])
  expect(pageErrors).toEqual([])
}, 240_000)
