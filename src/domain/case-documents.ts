/**
 * The papers of a mediation, written from the case: 调解申请书, 受理 / 不予受理通知书, 调解协议书, 调解终止书.
 * This module decides which paper a case's state allows and writes each paper's words as a list of blocks; how the
 * blocks look on A4 (fonts, spacing, the seal places) is the layout's business (the cloud function's docx module).
 * A value the case does not hold is left as a blank to fill in by hand, never guessed.
 */
import { mediationDeadline, OUTCOME_ACTIONS } from './case-workflow'
import { LedgerError } from './errors'
import { caseAgreement, caseDates, clockOf, type CaseEvent, type MediationCase } from './mediation-case'
import { fenToCapital, formatFen } from './money'

export const CASE_DOCUMENT_KINDS = ['application', 'acceptance', 'rejection', 'agreement', 'termination'] as const
export type CaseDocumentKind = (typeof CASE_DOCUMENT_KINDS)[number]

/** Short names, for buttons and file names. */
export const CASE_DOCUMENT_LABELS: Record<CaseDocumentKind, string> = {
  application: '调解申请书',
  acceptance: '受理通知书',
  rejection: '不予受理通知书',
  agreement: '调解协议书',
  termination: '调解终止书'
}

/** Titles printed at the top of each paper. */
export const CASE_DOCUMENT_TITLES: Record<CaseDocumentKind, string> = {
  application: '劳动争议调解申请书',
  acceptance: '劳动争议调解受理通知书',
  rejection: '劳动争议调解不予受理通知书',
  agreement: '劳动争议调解协议书',
  termination: '劳动争议调解终止书'
}

/** A place to fill in by hand. */
export const BLANK = '____________'

/** Two parties' copies and one for the mediation organisation's file. */
export const DOCUMENT_COPIES = 3

/** 劳动争议调解仲裁法 第十四条, first part: when an agreement binds. */
export const AGREEMENT_EFFECT =
  '本协议书由双方当事人签名或者盖章，经调解员签名并加盖调解组织印章后生效，对双方当事人具有约束力，当事人应当履行。'

/** 劳动争议调解仲裁法 第十五条. */
export const NON_PERFORMANCE_NOTICE = '达成调解协议后，一方当事人在协议约定期限内不履行调解协议的，另一方当事人可以依法申请仲裁。'

/** 劳动争议调解仲裁法 第十六条: for these disputes an unpaid agreement supports a payment order (支付令). */
export const PAYMENT_ORDER_NOTICE =
  '因支付拖欠劳动报酬、工伤医疗费、经济补偿或者赔偿金事项达成调解协议，用人单位在协议约定期限内不履行的，劳动者可以持调解协议书依法向人民法院申请支付令。'
const PAYMENT_ORDER_DISPUTES: ReadonlyArray<MediationCase['disputeType']> = ['劳动报酬', '工伤', '经济补偿/赔偿金']

/** One block of a paper, in reading order. */
export type DocumentBlock =
  /** The paper's name, centred at the top. */
  | { type: 'title', text: string }
  /** The paper's number (文号) under the title, to be filled in by the organisation. */
  | { type: 'reference', text: string }
  /** Whom a notice is addressed to, flush left: 王小二： */
  | { type: 'addressee', text: string }
  /** A party's particulars, flush left. */
  | { type: 'party', text: string }
  /** Body text, first line indented two characters. */
  | { type: 'paragraph', text: string }
  /** A numbered term of an agreement: 一、… */
  | { type: 'clause', number: string, text: string }
  /** Signature and seal places, two columns a row, room to sign after each ('' leaves a cell empty). */
  | { type: 'signatures', rows: Array<[string, string]> }
  /** Right-aligned at the foot: the issuing organisation with its seal place, then the date. */
  | { type: 'issuer', lines: [string, string] }

export interface CaseDocument {
  kind: CaseDocumentKind
  title: string
  /** The paper's date: when it was made (the workflow step's date, or the day it is issued). */
  date: string
  fileName: string
  blocks: DocumentBlock[]
}

/** Where and when a paper is made. */
export interface DocumentIssuer {
  /** The mediation organisation: the station. */
  stationName: string
  /** Today in Beijing, for papers dated the day they are issued. */
  today: string
}

type CaseView = Pick<MediationCase, 'receivedDate' | 'timeline'>

const eventOf = (c: CaseView, action: CaseEvent['action']) => c.timeline.find((e) => e.action === action)

/** Why a paper cannot be made from the case in its current state (in Chinese), or null when it can. */
export function caseDocumentRefusal (c: CaseView, kind: CaseDocumentKind, today: string): string | null {
  const accepted = !!eventOf(c, 'accept')
  const rejected = !!eventOf(c, 'reject')
  switch (kind) {
    case 'application':
      return null
    case 'acceptance':
      if (rejected) return '案件已决定不予受理，请出具不予受理通知书'
      return accepted ? null : '案件尚未受理，不能出具受理通知书'
    case 'rejection':
      return rejected ? null : '案件未作不予受理决定，不能出具不予受理通知书'
    case 'agreement':
      return caseAgreement(c) ? null : '尚未调解成功，调解成功并填写协议内容后才能制作调解协议书'
    case 'termination':
      return terminationRefusal(c, accepted, today)
  }
}

/** A 调解终止书 follows 调解不成, 转仲裁, or 15 days from the application without an agreement. */
function terminationRefusal (c: CaseView, accepted: boolean, today: string): string | null {
  if (!accepted) return '案件尚未受理，不能出具调解终止书'
  if (terminationGround(c, today)) return null
  switch (outcomeOf(c)?.action) {
    case 'succeed': return '已达成调解协议，不出具调解终止书'
    case 'withdraw': return '申请人已撤回调解申请，不出具调解终止书'
    case 'toInspection': return '案件已转劳动保障监察处理，不出具调解终止书'
    default: return `调解期限未满（${chineseDate(mediationDeadline(c.receivedDate))}届满），调解不成或期满未达成协议后才能出具调解终止书`
  }
}

const outcomeOf = (c: CaseView) => c.timeline.find((e) => OUTCOME_ACTIONS.includes(e.action))

type TerminationGround = { why: 'failed' | 'toArbitration', event: CaseEvent } | { why: 'expired' }

/** Why the mediation ended without an agreement: 调解不成, 转仲裁, or 15 days passed with no outcome at all. */
function terminationGround (c: CaseView, today: string): TerminationGround | null {
  const outcome = outcomeOf(c)
  if (outcome?.action === 'fail') return { why: 'failed', event: outcome }
  if (outcome?.action === 'toArbitration') return { why: 'toArbitration', event: outcome }
  if (!outcome && clockOf(c, today).overdue) return { why: 'expired' }
  return null
}

/** The papers the case's state allows today, in the order a mediation produces them. */
export function availableCaseDocuments (c: CaseView, today: string): CaseDocumentKind[] {
  return CASE_DOCUMENT_KINDS.filter((k) => caseDocumentRefusal(c, k, today) === null)
}

/** Particulars the papers print that the case does not hold yet: each becomes a blank to fill in by hand. */
export function caseDocumentGaps (c: Pick<MediationCase, 'applicant' | 'employer'>): string[] {
  const gaps: Array<[unknown, string]> = [
    [c.applicant.idNumber, '申请人身份证号'],
    [c.applicant.address, '申请人住址'],
    [c.employer.creditCode, '单位统一社会信用代码'],
    [c.employer.address, '单位地址'],
    [c.employer.legalRep, '法定代表人']
  ]
  return gaps.filter(([v]) => !v).map(([, label]) => label)
}

/** '2026-11-02' → '2026年11月2日', as official papers write dates. */
export function chineseDate (date: string): string {
  const [y, m, d] = date.split('-').map(Number)
  return `${y}年${m}月${d}日`
}

const NUMERALS = '零一二三四五六七八九'

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十 (clause numbers; up to 99). */
export function chineseOrdinal (n: number): string {
  if (n < 10) return NUMERALS[n]
  const tens = Math.floor(n / 10)
  const ones = n % 10
  return `${tens === 1 ? '' : NUMERALS[tens]}十${ones ? NUMERALS[ones] : ''}`
}

/** 人民币18,000.00元（大写：人民币壹万捌仟元整） */
export function moneyInWords (fen: number): string {
  return `人民币${formatFen(fen)}元（大写：人民币${fenToCapital(fen)}）`
}

const orBlank = (v: string | undefined) => (v && v.trim() ? v.trim() : BLANK)

function applicantName (c: MediationCase): string {
  return c.workerCount > 1 ? `${c.applicant.name}等${c.workerCount}人` : c.applicant.name
}

function partyBlocks (c: MediationCase, withAgent: boolean): DocumentBlock[] {
  const a = c.applicant
  const e = c.employer
  const blocks: DocumentBlock[] = [
    { type: 'party', text: `申请人：${a.name}，公民身份号码：${orBlank(a.idNumber)}，住址：${orBlank(a.address)}，联系电话：${a.phone}。` }
  ]
  if (c.workerCount > 1) {
    const reps = c.representatives?.length ? `，推选代表：${c.representatives.join('、')}` : ''
    blocks.push({ type: 'party', text: `申请人共${c.workerCount}人${c.workerCount >= 10 ? '（集体争议）' : ''}${reps}；全体申请人名单附后。` })
  }
  blocks.push({
    type: 'party',
    text: `被申请人：${e.name}，统一社会信用代码：${orBlank(e.creditCode)}，住所：${orBlank(e.address)}，法定代表人（主要负责人）：${orBlank(e.legalRep)}${e.contact ? `，联系人：${e.contact}` : ''}。`
  })
  if (withAgent) blocks.push({ type: 'party', text: `被申请人委托代理人：${BLANK}。` })
  return blocks
}

/** 因劳动报酬发生争议 / 发生劳动争议 */
function disputePhrase (c: MediationCase): string {
  return c.disputeType === '其他' ? '发生劳动争议' : `因${c.disputeType.replace('/', '、')}发生争议`
}

/** 因劳动报酬发生的争议 / 的劳动争议 (what a request asks to mediate) */
function disputeObject (c: MediationCase): string {
  return c.disputeType === '其他' ? '的劳动争议' : `因${c.disputeType.replace('/', '、')}发生的争议`
}

function issuerBlock (stationName: string, date: string): DocumentBlock {
  return { type: 'issuer', lines: [`${stationName}（盖章）`, chineseDate(date)] }
}

/** The facts and request as the mediator recorded them, one paragraph per line. */
function factParagraphs (c: MediationCase): DocumentBlock[] {
  return c.facts.split(/\r?\n/).map((t) => t.trim()).filter(Boolean).map((text) => ({ type: 'paragraph', text }))
}

/**
 * Agreement terms typed one per line: numbering the mediator typed (1. / 一、 / （1）) gives way to the clause's own,
 * and a term ends with a full stop.
 */
function termLines (terms: string | undefined): string[] {
  return (terms || '').split(/\r?\n/)
    .map((t) => t.trim().replace(/^(?:[（(]?[0-9一二三四五六七八九十]+[)）]?[、.．:：]?\s*)(?=\S)/, '').trim())
    .filter(Boolean)
    .map((t) => (/[。；！？.;!?]$/.test(t) ? t : `${t}。`))
}

function reference (date: string): DocumentBlock {
  return { type: 'reference', text: `〔${date.slice(0, 4)}〕调字第${BLANK}号` }
}

function fileNameOf (kind: CaseDocumentKind, c: MediationCase, date: string): string {
  const employer = c.employer.name.replace(/[\\/:*?"<>|\s]+/g, '').slice(0, 30)
  return `${CASE_DOCUMENT_LABELS[kind]}_${employer}_${date}.docx`
}

/** Writes one paper from the case. Throws VALIDATION_FAILED when the case's state does not allow it. */
export function buildCaseDocument (c: MediationCase, kind: CaseDocumentKind, issuer: DocumentIssuer): CaseDocument {
  const refusal = caseDocumentRefusal(c, kind, issuer.today)
  if (refusal) throw new LedgerError('VALIDATION_FAILED', refusal, { issues: [{ path: 'kind', message: refusal }] })
  const { date, blocks } = WRITERS[kind](c, issuer)
  return { kind, title: CASE_DOCUMENT_TITLES[kind], date, fileName: fileNameOf(kind, c, date), blocks: [{ type: 'title', text: CASE_DOCUMENT_TITLES[kind] }, ...blocks] }
}

type Writer = (c: MediationCase, issuer: DocumentIssuer) => { date: string, blocks: DocumentBlock[] }

const WRITERS: Record<CaseDocumentKind, Writer> = {
  application (c, { stationName }) {
    const date = c.receivedDate
    return {
      date,
      blocks: [
        ...partyBlocks(c, false),
        { type: 'paragraph', text: `争议类型：${c.disputeType}。` },
        { type: 'paragraph', text: `调解请求：请求调解申请人与被申请人之间${disputeObject(c)}${c.claimedFen > 0 ? `，请求金额${moneyInWords(c.claimedFen)}` : ''}。` },
        { type: 'paragraph', text: '事实与理由：' },
        ...factParagraphs(c),
        { type: 'paragraph', text: '此致' },
        { type: 'addressee', text: stationName },
        // An oral application is written down by the mediator and signed by the applicant once read back.
        { type: 'signatures', rows: [['登记人（调解员）：', '申请人（签名）：'], ['', `申请日期：${chineseDate(date)}`]] }
      ]
    }
  },

  acceptance (c, { stationName }) {
    const date = caseDates(c).accepted as string
    const you = c.workerCount > 1 ? '你们' : '你'
    return {
      date,
      blocks: [
        reference(date),
        { type: 'addressee', text: `${applicantName(c)}：` },
        { type: 'paragraph', text: `${you}于${chineseDate(c.receivedDate)}向本调解组织提出申请，请求调解与${c.employer.name}之间${disputeObject(c)}。经审查，该申请符合受理条件，本调解组织决定予以受理，受理日期为${chineseDate(date)}。` },
        { type: 'paragraph', text: `本调解组织将自收到调解申请之日起十五日内（至${chineseDate(mediationDeadline(c.receivedDate))}）组织调解，请${you}按时参加，如实陈述事实并提供相关证据材料。自收到调解申请之日起十五日内未达成调解协议的，当事人可以依法向劳动人事争议仲裁委员会申请仲裁。` },
        { type: 'paragraph', text: '特此通知。' },
        issuerBlock(stationName, date)
      ]
    }
  },

  rejection (c, { stationName }) {
    const event = eventOf(c, 'reject') as CaseEvent
    const you = c.workerCount > 1 ? '你们' : '你'
    return {
      date: event.date,
      blocks: [
        reference(event.date),
        { type: 'addressee', text: `${applicantName(c)}：` },
        { type: 'paragraph', text: `${you}于${chineseDate(c.receivedDate)}向本调解组织提出申请，请求调解与${c.employer.name}之间${disputeObject(c)}。经审查，本调解组织决定不予受理。` },
        { type: 'paragraph', text: `理由：${orBlank(event.reason)}` },
        { type: 'paragraph', text: `对上述争议，${you}可以依法向劳动人事争议仲裁委员会申请仲裁。` },
        { type: 'paragraph', text: '特此通知。' },
        issuerBlock(stationName, event.date)
      ]
    }
  },

  agreement (c, { stationName }) {
    const success = eventOf(c, 'succeed') as CaseEvent
    const agreement = success.agreement as NonNullable<CaseEvent['agreement']>
    const accepted = caseDates(c).accepted as string
    // An agreement without money (e.g. on working hours) has only its typed terms; with neither, a blank to write in.
    const agreed = [
      ...(agreement.amountFen > 0 ? [`被申请人于${chineseDate(agreement.payDate)}前，以${agreement.payMethod}的方式向申请人支付${moneyWordOf(c)}共计${moneyInWords(agreement.amountFen)}。`] : []),
      ...termLines(agreement.terms)
    ]
    const terms = [
      ...(agreed.length ? agreed : [BLANK]),
      AGREEMENT_EFFECT,
      `本协议书一式${NUMERALS[DOCUMENT_COPIES]}份，双方当事人各执一份，调解组织留存一份，具有同等效力。`
    ]
    const notices = [NON_PERFORMANCE_NOTICE, ...(PAYMENT_ORDER_DISPUTES.includes(c.disputeType) ? [PAYMENT_ORDER_NOTICE] : [])]
    return {
      date: success.date,
      blocks: [
        reference(success.date),
        ...partyBlocks(c, true),
        { type: 'paragraph', text: `申请人与被申请人${disputePhrase(c)}，申请人于${chineseDate(c.receivedDate)}向${stationName}申请调解，本调解组织于${chineseDate(accepted)}受理。` },
        { type: 'paragraph', text: `争议事项与请求：${c.disputeType}${c.claimedFen > 0 ? `，请求金额${moneyInWords(c.claimedFen)}` : ''}。` },
        ...factParagraphs(c),
        { type: 'paragraph', text: '经本调解组织主持调解，双方当事人在平等自愿的基础上达成如下协议：' },
        ...terms.map((text, i): DocumentBlock => ({ type: 'clause', number: `${chineseOrdinal(i + 1)}、`, text })),
        ...notices.map((text): DocumentBlock => ({ type: 'paragraph', text })),
        {
          type: 'signatures',
          rows: [
            ['申请人（签名）：', '被申请人（盖章）：'],
            ['', '法定代表人或委托代理人（签名）：'],
            ['调解员（签名）：', '']
          ]
        },
        issuerBlock(stationName, success.date)
      ]
    }
  },

  termination (c, { stationName, today }) {
    const ground = terminationGround(c, today) as TerminationGround
    const accepted = caseDates(c).accepted as string
    const date = ground.why === 'expired' ? today : ground.event.date
    const said = ground.why === 'expired' ? '' : [ground.event.reason, ground.event.note].filter(Boolean).join('；')
    const why = {
      failed: '经调解，双方当事人未能达成调解协议',
      toArbitration: '双方当事人未能达成调解协议，当事人要求通过仲裁解决',
      expired: `自本调解组织收到调解申请之日起十五日内（至${chineseDate(mediationDeadline(c.receivedDate))}），双方当事人未能达成调解协议`
    }[ground.why]
    return {
      date,
      blocks: [
        reference(date),
        ...partyBlocks(c, false),
        { type: 'paragraph', text: `申请人与被申请人${disputePhrase(c)}，申请人于${chineseDate(c.receivedDate)}向本调解组织申请调解，本调解组织于${chineseDate(accepted)}受理并开始调解。` },
        { type: 'paragraph', text: `${why}${said ? `（${said}）` : ''}。根据《中华人民共和国劳动争议调解仲裁法》第十四条的规定，本调解组织决定终止调解。` },
        { type: 'paragraph', text: '当事人可以依法向有管辖权的劳动人事争议仲裁委员会申请仲裁。劳动争议申请仲裁的时效期间为一年，从当事人知道或者应当知道其权利被侵害之日起计算。' },
        { type: 'paragraph', text: `本终止书一式${NUMERALS[DOCUMENT_COPIES]}份，双方当事人各执一份，调解组织留存一份。` },
        { type: 'signatures', rows: [['调解员（签名）：', '']] },
        issuerBlock(stationName, date)
      ]
    }
  }
}

/** What the agreed money is, named by the dispute (a payment order needs it named). */
function moneyWordOf (c: MediationCase): string {
  switch (c.disputeType) {
    case '劳动报酬': return '劳动报酬'
    case '经济补偿/赔偿金': return '经济补偿金（赔偿金）'
    case '工伤': return '工伤待遇'
    default: return '款项'
  }
}
