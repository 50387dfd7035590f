/**
 * caseDocument: every paper is opened (unzip + parse word/document.xml) and read against the case it came from; the
 * expected words are written here from the fixture, not taken from the code that writes them. Also: the state rules
 * (no 协议书 before 调解成功 …), who may make a paper, the audit of each one, and the A4 official-paper layout.
 */
import { newRecordId, type CaseEvent, type MediationCase } from '@/domain'
import { SqliteStore } from '../../server/sqlite-store'
import type { Answer } from '../../cloudfunctions/ledger/src/respond'
import { readDocx, wAttr, type DocxView } from '../support/docx-reader'
import { casePayload, envelope, ev } from '../support/fixtures'
import { Ledger, PEOPLE, STATION_A, seedOrg } from '../support/ledger-harness'

const MEDIATOR = PEOPLE.mediatorA.identityId
const BLANK_RUN = /_{6,}/

/** Every particular a paper can print, filled in. */
const FULL = casePayload({
  receivedDate: '2026-11-02',
  applicant: { name: '王小二', phone: '13812341234', idNumber: '11010519491231002X', address: '浙江省杭州市西湖区文三路100号' },
  workerCount: 1,
  employer: { name: '青禾建材有限公司', creditCode: '91330100716105852F', address: '工业园区8号', legalRep: '赵大成', contact: '李经理' },
  disputeType: '劳动报酬',
  claimedFen: 1_234_567,
  facts: '2026年8月至10月工资未发放。\n请求支付拖欠工资。'
})

const AGREED: CaseEvent[] = [
  ev('accept', '2026-11-03'),
  ev('recordSession', '2026-11-05', { mode: '面谈' }),
  ev('succeed', '2026-11-10', { agreement: { amountFen: 10_000_500, payDate: '2026-11-30', payMethod: '银行转账', terms: '1. 申请人放弃其他请求\n2、双方对协议内容保密' } })
]

let store: SqliteStore
let ledger: Ledger

beforeEach(async () => {
  store = new SqliteStore(':memory:')
  await seedOrg(store)
  ledger = new Ledger(store)
})
afterEach(() => store.close())

/** Stores a case as the mediator's phone would sync it (timeline and all). */
async function storeCase (payload: MediationCase): Promise<string> {
  const e = envelope('mediationCase', 'st-a', payload)
  await ledger.ok('syncRecords', { records: [e] }, MEDIATOR)
  return e.id
}

async function paper (caseId: string, kind: string, who: string | null = MEDIATOR): Promise<Answer<{ fileName: string, mimeType: string, base64: string }>> {
  return ledger.call('caseDocument', { caseId, kind }, who)
}

async function open (caseId: string, kind: string): Promise<DocxView & { fileName: string, mimeType: string }> {
  const a = await paper(caseId, kind)
  if (!a.ok) throw new Error(`${kind}: ${a.code} ${a.message}`)
  return { ...(await readDocx(Buffer.from(a.data.base64, 'base64'))), fileName: a.data.fileName, mimeType: a.data.mimeType }
}

describe('调解协议书', () => {
  it('prints every party particular, the dispute, each term with its amount in figures and 大写, the legal effect, copies, signature and seal places, the station and the date', async () => {
    const id = await storeCase({ ...FULL, timeline: AGREED })
    const doc = await open(id, 'agreement')
    expect(doc.mimeType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
    expect(doc.fileName).toBe('调解协议书_青禾建材有限公司_2026-11-10.docx')
    const p = doc.paragraphs
    expect(p[0]).toBe('劳动争议调解协议书')
    expect(p).toContain('〔2026〕调字第____________号')
    expect(p).toContain('申请人：王小二，公民身份号码：11010519491231002X，住址：浙江省杭州市西湖区文三路100号，联系电话：13812341234。')
    expect(p).toContain('被申请人：青禾建材有限公司，统一社会信用代码：91330100716105852F，住所：工业园区8号，法定代表人（主要负责人）：赵大成，联系人：李经理。')
    expect(p).toContain('申请人与被申请人因劳动报酬发生争议，申请人于2026年11月2日向甲街道劳动关系公共服务站申请调解，本调解组织于2026年11月3日受理。')
    expect(p).toContain('争议事项与请求：劳动报酬，请求金额人民币12,345.67元（大写：人民币壹万贰仟叁佰肆拾伍元陆角柒分）。')
    expect(p).toContain('2026年8月至10月工资未发放。')
    expect(p).toContain('请求支付拖欠工资。')
    // the agreed terms, numbered; the typed numbering gives way to the clause's own
    expect(p).toContain('一、被申请人于2026年11月30日前，以银行转账的方式向申请人支付劳动报酬共计人民币100,005.00元（大写：人民币壹拾万零伍元整）。')
    expect(p).toContain('二、申请人放弃其他请求。')
    expect(p).toContain('三、双方对协议内容保密。')
    // 劳动争议调解仲裁法 第十四条
    expect(p).toContain('四、本协议书由双方当事人签名或者盖章，经调解员签名并加盖调解组织印章后生效，对双方当事人具有约束力，当事人应当履行。')
    expect(p).toContain('五、本协议书一式三份，双方当事人各执一份，调解组织留存一份，具有同等效力。')
    // 第十六条 applies to wages: an unpaid agreement supports a payment order
    expect(doc.text).toContain('劳动者可以持调解协议书依法向人民法院申请支付令')
    // signature and seal places: the workers' side on the left, the employer's at a tab stop, the mediator below
    for (const line of ['申请人（签名）：\t被申请人（盖章）：', '\t法定代表人或委托代理人（签名）：', '调解员（签名）：']) expect(p).toContain(line)
    expect(p.slice(-2)).toEqual(['甲街道劳动关系公共服务站（盖章）', '2026年11月10日'])
    // nothing the case holds is left blank: the only blanks are the paper number and the employer's agent
    expect(p.filter((x) => BLANK_RUN.test(x))).toEqual(['〔2026〕调字第____________号', '被申请人委托代理人：____________。'])
    expect(doc.text).not.toMatch(/undefined|null|NaN/)
  })

  it('is refused before 调解成功, in every earlier state, with the reason in Chinese', async () => {
    const steps: CaseEvent[][] = [[], [ev('accept', '2026-11-03')], [ev('accept', '2026-11-03'), ev('recordSession', '2026-11-05', { mode: '电话' })]]
    for (const timeline of steps) {
      const a = await paper(await storeCase({ ...FULL, timeline }), 'agreement')
      expect(a.ok ? 'made' : [a.code, a.message]).toEqual(['VALIDATION_FAILED', '尚未调解成功，调解成功并填写协议内容后才能制作调解协议书'])
    }
  })

  it('stays available once the agreement is being performed or the case is closed', async () => {
    const paid = [...AGREED, ev('recordPayment', '2026-11-15', { paidFen: 10_000_500, paymentComplete: true }), ev('close', '2026-11-16')]
    const doc = await open(await storeCase({ ...FULL, timeline: paid }), 'agreement')
    expect(doc.paragraphs.slice(-1)).toEqual(['2026年11月10日'])
  })

  it('names the workers of a collective dispute and their representatives, and leaves blanks for what the case lacks', async () => {
    const collective = casePayload({
      applicant: { name: '刘大', phone: '13900001111' },
      workerCount: 12,
      representatives: ['刘大', '陈二', '张三'],
      employer: { name: '恒通劳务有限公司' },
      disputeType: '经济补偿/赔偿金',
      claimedFen: 0,
      timeline: AGREED
    })
    const doc = await open(await storeCase(collective), 'agreement')
    expect(doc.paragraphs).toContain('申请人：刘大，公民身份号码：____________，住址：____________，联系电话：13900001111。')
    expect(doc.paragraphs).toContain('申请人共12人（集体争议），推选代表：刘大、陈二、张三；全体申请人名单附后。')
    expect(doc.paragraphs).toContain('被申请人：恒通劳务有限公司，统一社会信用代码：____________，住所：____________，法定代表人（主要负责人）：____________。')
    expect(doc.paragraphs).toContain('申请人与被申请人因经济补偿、赔偿金发生争议，申请人于2026年11月2日向甲街道劳动关系公共服务站申请调解，本调解组织于2026年11月3日受理。')
    expect(doc.paragraphs).toContain('争议事项与请求：经济补偿/赔偿金。')
    expect(doc.paragraphs).toContain('一、被申请人于2026年11月30日前，以银行转账的方式向申请人支付经济补偿金（赔偿金）共计人民币100,005.00元（大写：人民币壹拾万零伍元整）。')
    expect(doc.text).not.toMatch(/undefined|null|NaN/)
  })

  it('is laid out on A4 as an official paper: 宋体 bold title centred, 仿宋 body on a fixed line, fonts named not embedded, page numbers', async () => {
    const doc = await open(await storeCase({ ...FULL, timeline: AGREED }), 'agreement')
    const size = doc.document.getElementsByTagName('w:pgSz')[0]
    expect([size.getAttribute('w:w'), size.getAttribute('w:h')]).toEqual(['11906', '16838'])
    const margin = doc.document.getElementsByTagName('w:pgMar')[0]
    // 37 / 35 / 28 / 26 mm (GB/T 9704) in twentieths of a point
    expect(['top', 'bottom', 'left', 'right'].map((s) => Math.round(Number(margin.getAttribute(`w:${s}`)) / 56.7))).toEqual([37, 35, 28, 26])
    const title = doc.paragraph('劳动争议调解协议书')
    expect(wAttr(title, 'jc', 'val')).toBe('center')
    expect(wAttr(title, 'rFonts', 'eastAsia')).toBe('宋体')
    expect(title.getElementsByTagName('w:b').length).toBe(1)
    expect(wAttr(title, 'sz', 'val')).toBe('44')
    // the body's font and size come from the document defaults: 仿宋 三号 (16 pt)
    const defaults = doc.styles.getElementsByTagName('w:docDefaults')[0]
    expect(wAttr(defaults, 'rFonts', 'eastAsia')).toBe('仿宋')
    expect(wAttr(defaults, 'sz', 'val')).toBe('32')
    const clause = doc.paragraph('二、申请人放弃其他请求。')
    expect([wAttr(clause, 'spacing', 'line'), wAttr(clause, 'spacing', 'lineRule'), wAttr(clause, 'ind', 'firstLine')]).toEqual(['560', 'exact', '640'])
    const seal = doc.paragraph('甲街道劳动关系公共服务站（盖章）')
    expect(wAttr(seal, 'jc', 'val')).toBe('right')
    // the seal and date never stand alone on a page: the signature lines and the seal line keep with what follows
    for (const line of ['申请人（签名）：\t被申请人（盖章）：', '调解员（签名）：', '甲街道劳动关系公共服务站（盖章）']) {
      expect([line, doc.paragraph(line).getElementsByTagName('w:keepNext').length]).toEqual([line, 1])
    }
    expect(doc.parts.filter((n) => n.startsWith('word/fonts/') || /\.odttf$|\.ttf$/.test(n))).toEqual([])
    // "— 1 —": a PAGE field between two dashes
    expect(doc.partText('word/footer1.xml')).toBe('—  —')
    expect(doc.partXml('word/footer1.xml')).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/)
  })
})

describe('调解申请书', () => {
  it('can be made from registration on, with applicant, respondent, request, facts, the station it is addressed to and the date', async () => {
    const doc = await open(await storeCase({ ...FULL, timeline: [] }), 'application')
    expect(doc.paragraphs[0]).toBe('劳动争议调解申请书')
    expect(doc.paragraphs).toContain('申请人：王小二，公民身份号码：11010519491231002X，住址：浙江省杭州市西湖区文三路100号，联系电话：13812341234。')
    expect(doc.paragraphs).toContain('被申请人：青禾建材有限公司，统一社会信用代码：91330100716105852F，住所：工业园区8号，法定代表人（主要负责人）：赵大成，联系人：李经理。')
    expect(doc.paragraphs).toContain('争议类型：劳动报酬。')
    expect(doc.paragraphs).toContain('调解请求：请求调解申请人与被申请人之间因劳动报酬发生的争议，请求金额人民币12,345.67元（大写：人民币壹万贰仟叁佰肆拾伍元陆角柒分）。')
    expect(doc.paragraphs).toContain('2026年8月至10月工资未发放。')
    expect(doc.paragraphs).toContain('此致')
    expect(doc.paragraphs).toContain('甲街道劳动关系公共服务站')
    expect(doc.paragraphs).toContain('登记人（调解员）：\t申请人（签名）：')
    expect(doc.paragraphs).toContain('\t申请日期：2026年11月2日')
    expect(doc.fileName).toBe('调解申请书_青禾建材有限公司_2026-11-02.docx')
  })
})

describe('受理通知书 and 不予受理通知书', () => {
  it('a 受理通知书 after 受理, with the receipt date, the acceptance date and the end of the 15 days', async () => {
    const id = await storeCase({ ...FULL, workerCount: 3, timeline: [ev('accept', '2026-11-03')] })
    const doc = await open(id, 'acceptance')
    expect(doc.paragraphs[0]).toBe('劳动争议调解受理通知书')
    expect(doc.paragraphs).toContain('王小二等3人：')
    expect(doc.paragraphs).toContain('你们于2026年11月2日向本调解组织提出申请，请求调解与青禾建材有限公司之间因劳动报酬发生的争议。经审查，该申请符合受理条件，本调解组织决定予以受理，受理日期为2026年11月3日。')
    // 15 days from receipt on 2 November end on 17 November
    expect(doc.text).toContain('自收到调解申请之日起十五日内（至2026年11月17日）组织调解')
    expect(doc.paragraphs.slice(-2)).toEqual(['甲街道劳动关系公共服务站（盖章）', '2026年11月3日'])
    const refused = await paper(id, 'rejection')
    expect(refused.ok ? 'made' : refused.code).toBe('VALIDATION_FAILED')
  })

  it('a 不予受理通知书 after 不予受理, with its reason; no 受理通知书 then, and none before either decision', async () => {
    const pending = await storeCase({ ...FULL, timeline: [] })
    for (const kind of ['acceptance', 'rejection', 'termination']) {
      const a = await paper(pending, kind)
      expect([kind, a.ok ? 'made' : a.code]).toEqual([kind, 'VALIDATION_FAILED'])
    }
    const id = await storeCase({ ...FULL, timeline: [ev('reject', '2026-11-04', { reason: '双方不存在劳动关系，不属于劳动争议' })] })
    const doc = await open(id, 'rejection')
    expect(doc.paragraphs[0]).toBe('劳动争议调解不予受理通知书')
    expect(doc.paragraphs).toContain('王小二：')
    expect(doc.paragraphs).toContain('理由：双方不存在劳动关系，不属于劳动争议')
    expect(doc.text).toContain('你可以依法向劳动人事争议仲裁委员会申请仲裁')
    expect(doc.paragraphs.slice(-1)).toEqual(['2026年11月4日'])
    const a = await paper(id, 'acceptance')
    expect(a.ok ? 'made' : a.message).toBe('案件已决定不予受理，请出具不予受理通知书')
  })
})

describe('调解终止书', () => {
  it('after 调解不成: the start date of the mediation, the reason, the way to arbitration, dated the day it failed', async () => {
    const id = await storeCase({ ...FULL, timeline: [ev('accept', '2026-11-03'), ev('recordSession', '2026-11-05', { mode: '面谈' }), ev('fail', '2026-11-12', { note: '单位拒绝支付' })] })
    const doc = await open(id, 'termination')
    expect(doc.paragraphs[0]).toBe('劳动争议调解终止书')
    expect(doc.paragraphs).toContain('申请人与被申请人因劳动报酬发生争议，申请人于2026年11月2日向本调解组织申请调解，本调解组织于2026年11月3日受理并开始调解。')
    expect(doc.paragraphs).toContain('经调解，双方当事人未能达成调解协议（单位拒绝支付）。根据《中华人民共和国劳动争议调解仲裁法》第十四条的规定，本调解组织决定终止调解。')
    expect(doc.text).toContain('可以依法向有管辖权的劳动人事争议仲裁委员会申请仲裁')
    expect(doc.paragraphs).toContain('调解员（签名）：')
    expect(doc.paragraphs.slice(-2)).toEqual(['甲街道劳动关系公共服务站（盖章）', '2026年11月12日'])
    const agreement = await paper(id, 'agreement')
    expect(agreement.ok ? 'made' : agreement.code).toBe('VALIDATION_FAILED')
  })

  it('when the 15 days ran out without an outcome: refused on the last day, made the day after, dated the day it is issued', async () => {
    const id = await storeCase({ ...FULL, receivedDate: '2026-11-15', timeline: [ev('accept', '2026-11-16')] })
    ledger.now = new Date('2026-11-30T04:00:00.000Z') // the 15th day after receipt
    const early = await paper(id, 'termination')
    expect(early.ok ? 'made' : early.message).toBe('调解期限未满（2026年11月30日届满），调解不成或期满未达成协议后才能出具调解终止书')
    ledger.now = new Date('2026-12-01T04:00:00.000Z')
    const doc = await open(id, 'termination')
    expect(doc.paragraphs).toContain('自本调解组织收到调解申请之日起十五日内（至2026年11月30日），双方当事人未能达成调解协议。根据《中华人民共和国劳动争议调解仲裁法》第十四条的规定，本调解组织决定终止调解。')
    expect(doc.paragraphs.slice(-1)).toEqual(['2026年12月1日'])
  })

  it('after 转仲裁 too; never after 调解成功, 撤回 or 转监察', async () => {
    const toArbitration = await storeCase({ ...FULL, timeline: [ev('accept', '2026-11-03'), ev('toArbitration', '2026-11-08')] })
    expect((await open(toArbitration, 'termination')).text).toContain('双方当事人未能达成调解协议，当事人要求通过仲裁解决。')
    const refusals: Array<[CaseEvent[], string]> = [
      [AGREED, '已达成调解协议，不出具调解终止书'],
      [[ev('accept', '2026-11-03'), ev('withdraw', '2026-11-06')], '申请人已撤回调解申请，不出具调解终止书'],
      [[ev('accept', '2026-11-03'), ev('toInspection', '2026-11-06')], '案件已转劳动保障监察处理，不出具调解终止书']
    ]
    for (const [timeline, message] of refusals) {
      const a = await paper(await storeCase({ ...FULL, timeline }), 'termination')
      expect(a.ok ? 'made' : a.message).toBe(message)
    }
  })
})

describe('who may make a paper, and the record of it', () => {
  it('only the case station\'s mediators; every paper made is audited with who, when and which paper, refusals are not', async () => {
    const id = await storeCase({ ...FULL, timeline: AGREED })
    const callers: Array<[string | null, string]> = [
      [PEOPLE.mediatorB.identityId, 'FORBIDDEN'],
      [PEOPLE.mediatorC.identityId, 'FORBIDDEN'],
      [PEOPLE.staffD.identityId, 'FORBIDDEN'],
      [PEOPLE.staffE.identityId, 'FORBIDDEN'],
      ['dev_worker', 'FORBIDDEN'],
      [null, 'UNAUTHENTICATED']
    ]
    for (const [who, code] of callers) {
      const a = await paper(id, 'agreement', who)
      expect([who, a.ok ? 'made' : a.code]).toEqual([who, code])
    }
    await paper(id, 'termination') // refused by state
    expect((await store.listAudit(id)).filter((e) => e.action === 'caseDocument')).toEqual([])

    ledger.now = new Date('2026-11-20T05:06:07.000Z')
    await open(id, 'agreement')
    await open(id, 'application')
    const audit = (await store.listAudit(id)).filter((e) => e.action === 'caseDocument')
    expect(audit.map((e) => [e.actor, e.at, e.detail, e.stationId]).sort()).toEqual([
      [MEDIATOR, '2026-11-20T05:06:07.000Z', 'agreement v1', STATION_A.id],
      [MEDIATOR, '2026-11-20T05:06:07.000Z', 'application v1', STATION_A.id]
    ])
    // the audit holds no personal data
    expect(JSON.stringify(audit)).not.toMatch(/王小二|13812341234|11010519491231002X|文三路/)
  })

  it('refuses unknown papers and cases clearly', async () => {
    const id = await storeCase({ ...FULL, timeline: AGREED })
    const unknownKind = await ledger.call('caseDocument', { caseId: id, kind: 'receipt' }, MEDIATOR)
    expect(unknownKind.ok ? 'made' : [unknownKind.code, unknownKind.message]).toEqual(['VALIDATION_FAILED', '请选择要生成的文书'])
    const missing = await ledger.call('caseDocument', { caseId: newRecordId(), kind: 'agreement' }, MEDIATOR)
    expect(missing.ok ? 'made' : missing.code).toBe('NOT_FOUND')
  })

  it('the report export carries figures only, never a paper\'s particulars', async () => {
    const id = await storeCase({ ...FULL, timeline: AGREED })
    await open(id, 'agreement')
    const csv = await ledger.ok<{ base64: string }>('exportReport', { period: { kind: 'year', year: 2026 }, format: 'csv' }, PEOPLE.staffD.identityId)
    const text = Buffer.from(csv.base64, 'base64').toString('utf8')
    expect(text).toContain('甲街道劳动关系公共服务站')
    expect(text).not.toMatch(/王小二|13812341234|11010519491231002X|文三路|调解协议书|\.docx/)
  })
})
