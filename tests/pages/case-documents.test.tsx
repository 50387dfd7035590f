/**
 * The papers section of the case detail page through Taro's H5 runtime: one button per paper the case's state allows,
 * none until the case is synced, the particulars that will be left blank named, and a tap going page → store →
 * service (the ledger call, then the service that opens or downloads the file).
 */
import { act, fireEvent, render } from '@testing-library/react'
import type { CaseEvent, MediationCase } from '@/domain'
import { CaseDocuments } from '@/pages/case-detail/case-documents'

const mockCalls: Array<{ action: string, data: unknown }> = []
const mockOpened: Array<{ fileName: string }> = []
let mockFail: Error | null = null

jest.mock('../../src/services/ledger-api', () => ({
  callLedger: async (action: string, data: unknown) => {
    mockCalls.push({ action, data })
    if (mockFail) throw mockFail
    return { fileName: '调解协议书_青禾建材有限公司_2026-11-10.docx', mimeType: 'application/x', base64: 'UEs=' }
  }
}))
jest.mock('../../src/services/files', () => ({
  openDeliveredFile: async (file: { fileName: string }) => { mockOpened.push(file) }
}))

const ev = (action: CaseEvent['action'], date: string, extra: Partial<CaseEvent> = {}): CaseEvent => ({ action, date, at: `${date}T02:00:00.000Z`, ...extra })

const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)
const base: MediationCase = {
  receivedDate: today,
  applicant: { name: '王小二', phone: '13812341234', idNumber: '11010519491231002X', address: '文三路100号' },
  workerCount: 1,
  employer: { name: '青禾建材有限公司', creditCode: '91330100716105852F', address: '工业园区8号', legalRep: '赵大成' },
  disputeType: '劳动报酬',
  source: '当事人申请',
  complexity: '一般',
  claimedFen: 100,
  facts: '工资未发。',
  timeline: []
}
const succeeded = { ...base, timeline: [ev('accept', today), ev('recordSession', today, { mode: '面谈' }), ev('succeed', today, { agreement: { amountFen: 100, payDate: today, payMethod: '现金' } })] }

const labels = (container: HTMLElement) => Array.from(container.querySelectorAll('.case-document')).map((b) => b.textContent)

beforeEach(() => { mockCalls.length = 0; mockOpened.length = 0; mockFail = null })

test('a registered case offers only the 申请书; a successful one the 申请书, 受理通知书 and 协议书', () => {
  expect(labels(render(<CaseDocuments caseId='c1' payload={base} synced />).container)).toEqual(['调解申请书'])
  expect(labels(render(<CaseDocuments caseId='c2' payload={succeeded} synced />).container)).toEqual(['调解申请书', '受理通知书', '调解协议书'])
})

test('nothing to make until the case is synced', () => {
  const { container } = render(<CaseDocuments caseId='c1' payload={succeeded} synced={false} />)
  expect(labels(container)).toEqual([])
  expect(container.textContent).toContain('同步到服务器后，才能生成文书')
})

test('names what the papers will leave blank', () => {
  const lacking = { ...base, applicant: { name: '王小二', phone: '13812341234' }, employer: { name: '青禾建材有限公司' } }
  const { container } = render(<CaseDocuments caseId='c1' payload={lacking} synced />)
  expect(container.querySelector('.case-documents__gaps')?.textContent).toContain('文书中申请人身份证号、申请人住址、单位统一社会信用代码、单位地址、法定代表人将留空')
  expect(render(<CaseDocuments caseId='c2' payload={base} synced />).container.querySelector('.case-documents__gaps')).toBeNull()
})

test('a tap asks the ledger for that paper of that case and hands the file to the service that opens it; a failure is shown', async () => {
  const { container } = render(<CaseDocuments caseId='case-42' payload={succeeded} synced />)
  await act(async () => { fireEvent.click(container.querySelector('.case-document--agreement') as Element) })
  expect(mockCalls).toEqual([{ action: 'caseDocument', data: { caseId: 'case-42', kind: 'agreement' } }])
  expect(mockOpened.map((f) => f.fileName)).toEqual(['调解协议书_青禾建材有限公司_2026-11-10.docx'])

  mockFail = new Error('只能处理本站点的记录')
  await act(async () => { fireEvent.click(container.querySelector('.case-document--acceptance') as Element) })
  expect(container.querySelector('.case-documents__error')?.textContent).toBe('只能处理本站点的记录')
  expect(mockOpened).toHaveLength(1)
})
