/** Mediation case (劳动争议调解): fields, the timeline of workflow events, and what follows from it. */
import { z } from 'zod/mini'
import { CASE_ACTIONS, caseClock, nextCaseStatus, OUTCOME_ACTIONS, transitionFor, type CaseAction, type CaseClock, type CaseStatus } from './case-workflow'
import { calendarDate, count, creditCode, fen, isoInstant, mobile, optionalText, recordId, residentId, text } from './fields'

export const DISPUTE_TYPES = ['劳动报酬', '解除/终止劳动合同', '社会保险', '工伤', '工时休假', '确认劳动关系', '经济补偿/赔偿金', '其他'] as const
export const CASE_SOURCES = ['当事人申请', '站点主动调解', '扫码投诉转入', '上级交办'] as const
export const CASE_COMPLEXITIES = ['简易', '一般', '重大'] as const
export const SESSION_MODES = ['面谈', '电话', '会议'] as const
export const PAY_METHODS = ['一次性支付', '分期支付', '银行转账', '现金'] as const

/** Workers sharing one request from this many on make a collective dispute (they elect 3–5 representatives). */
export const COLLECTIVE_THRESHOLD = 10

export const agreementSchema = z.strictObject({
  amountFen: fen('协议金额'),
  payDate: calendarDate('约定支付日期'),
  payMethod: z.enum(PAY_METHODS, { error: '请选择支付方式' }),
  terms: optionalText('协议内容', 1000)
})

/** One workflow event on a case. `by` is stamped by the server from the caller's identity. */
export const caseEventSchema = z.strictObject({
  action: z.enum(CASE_ACTIONS, { error: '不支持的案件操作' }),
  date: calendarDate('日期'),
  at: isoInstant,
  by: z.optional(z.string().check(z.maxLength(80))),
  note: optionalText('备注', 1000),
  reason: optionalText('理由', 500),
  mode: z.optional(z.enum(SESSION_MODES, { error: '请选择调解方式' })),
  agreement: z.optional(agreementSchema),
  paidFen: z.optional(fen('本次履行金额')),
  paymentComplete: z.optional(z.boolean())
}).check(z.superRefine((e, ctx) => {
  const t = transitionFor(e.action)
  if (t.requires === 'reason' && !e.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: '请填写不予受理的理由' })
  if (t.requires === 'session' && !e.mode) ctx.addIssue({ code: 'custom', path: ['mode'], message: '请选择调解方式' })
  if (t.requires === 'agreement' && !e.agreement) ctx.addIssue({ code: 'custom', path: ['agreement'], message: '请填写调解协议' })
  if (t.requires === 'payment' && e.paidFen === undefined) ctx.addIssue({ code: 'custom', path: ['paidFen'], message: '请填写本次履行金额' })
}))
export type CaseEvent = z.infer<typeof caseEventSchema>

export const mediationCaseSchema = z.strictObject({
  receivedDate: calendarDate('申请日期'),
  applicant: z.strictObject({
    name: text('申请人姓名', 30),
    phone: mobile('申请人手机号'),
    idNumber: z.optional(residentId),
    /** 住址, for the papers of the mediation (optional; a blank is left to fill in by hand). */
    address: optionalText('申请人住址', 200)
  }),
  workerCount: count('涉及人数', 100_000, 1, '涉及人数至少为1'),
  representatives: z.optional(z.array(text('代表姓名', 30)).check(z.maxLength(5, '代表最多5人'))),
  employer: z.strictObject({
    name: text('用人单位名称', 100),
    creditCode: z.optional(creditCode),
    address: optionalText('单位地址', 200),
    /** 法定代表人或主要负责人, for the papers of the mediation (optional). */
    legalRep: optionalText('法定代表人', 50),
    contact: optionalText('单位联系人', 50)
  }),
  disputeType: z.enum(DISPUTE_TYPES, { error: '请选择争议类型' }),
  source: z.enum(CASE_SOURCES, { error: '请选择案件来源' }),
  complaintId: z.optional(recordId),
  complexity: z.enum(CASE_COMPLEXITIES, { error: '请选择复杂程度' }),
  claimedFen: fen('请求金额'),
  facts: text('案情与请求', 2000),
  timeline: z.array(caseEventSchema).check(z.maxLength(200, '案件操作记录过多'))
})

export type MediationCase = z.infer<typeof mediationCaseSchema>

/** Replays the timeline through the workflow. Returns the status, or the index of the first illegal event. */
export function replayCase (timeline: readonly CaseEvent[]): { status: CaseStatus, invalidAt: number | null } {
  let status: CaseStatus = 'pending'
  for (let i = 0; i < timeline.length; i++) {
    const e = timeline[i]
    const next = nextCaseStatus(status, e.action, { paymentComplete: e.paymentComplete })
    if (!next) return { status, invalidAt: i }
    status = next
  }
  return { status, invalidAt: null }
}

export function caseStatus (c: Pick<MediationCase, 'timeline'>): CaseStatus {
  return replayCase(c.timeline).status
}

export function isCollective (c: Pick<MediationCase, 'workerCount'>): boolean {
  return c.workerCount >= COLLECTIVE_THRESHOLD
}

function firstEvent (c: Pick<MediationCase, 'timeline'>, actions: readonly CaseAction[]): CaseEvent | undefined {
  return c.timeline.find((e) => actions.includes(e.action))
}

/** The dates each report figure is counted by, read from the timeline. */
export interface CaseDates {
  accepted: string | null
  outcome: string | null
  agreement: string | null
  closed: string | null
}

export function caseDates (c: Pick<MediationCase, 'timeline'>): CaseDates {
  return {
    accepted: firstEvent(c, ['accept'])?.date ?? null,
    outcome: firstEvent(c, OUTCOME_ACTIONS)?.date ?? null,
    agreement: firstEvent(c, ['succeed'])?.date ?? null,
    closed: firstEvent(c, ['close'])?.date ?? null
  }
}

export function caseAgreement (c: Pick<MediationCase, 'timeline'>) {
  return firstEvent(c, ['succeed'])?.agreement ?? null
}

/** Total actually paid under the agreement so far. */
export function casePaidFen (c: Pick<MediationCase, 'timeline'>): number {
  return c.timeline.reduce((sum, e) => sum + (e.action === 'recordPayment' ? e.paidFen || 0 : 0), 0)
}

/** The 15-day clock of a case on a Beijing date. */
export function clockOf (c: Pick<MediationCase, 'receivedDate' | 'timeline'>, today: string): CaseClock {
  return caseClock(c.receivedDate, caseDates(c).outcome, today)
}

/** Business rules beyond field formats, checked on every write: dates in order and not in the future, a legal timeline. */
export function caseRuleIssues (c: MediationCase, today: string): Array<{ path: string, message: string }> {
  const issues: Array<{ path: string, message: string }> = []
  if (c.receivedDate > today) issues.push({ path: 'receivedDate', message: '申请日期不能晚于今天' })
  const { invalidAt } = replayCase(c.timeline)
  if (invalidAt !== null) {
    const e = c.timeline[invalidAt]
    issues.push({ path: `timeline.${invalidAt}.action`, message: `当前状态下不能执行“${transitionFor(e.action).label}”` })
  }
  let previous = c.receivedDate
  c.timeline.forEach((e, i) => {
    if (e.date > today) issues.push({ path: `timeline.${i}.date`, message: '日期不能晚于今天' })
    else if (e.date < previous) issues.push({ path: `timeline.${i}.date`, message: '日期不能早于申请日期或上一步' })
    previous = e.date > previous ? e.date : previous
  })
  if (c.source === '扫码投诉转入' && !c.complaintId) issues.push({ path: 'complaintId', message: '扫码投诉转入的案件须关联投诉' })
  return issues
}
