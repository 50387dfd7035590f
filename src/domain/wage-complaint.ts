/** Wage complaint by QR code (扫码欠薪投诉): the worker's form, the stored complaint and its workflow. */
import { z } from 'zod/mini'
import type { FieldIssue } from './errors'
import type { ValidationResult } from './records'
import { toFieldIssues, typeError, zhErrorMap } from './zod-zh'
import { EARLIEST_DATE, LATEST_DATE } from './dates'
import { calendarDate, count, fen, isoInstant, mobile, optionalText, recordId, text } from './fields'

export const SECTORS = ['工程建设', '非工程建设'] as const
export const COMPLAINT_CHANNELS = ['扫码', '现场'] as const
export const TRANSFER_TARGETS = ['劳动保障监察', '劳动人事争议仲裁'] as const

export const COMPLAINT_STATUSES = ['submitted', 'accepted', 'rejected', 'processing', 'closed'] as const
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number]
export const COMPLAINT_STATUS_LABELS: Record<ComplaintStatus, string> = {
  submitted: '已提交',
  accepted: '已受理',
  rejected: '不予受理',
  processing: '处理中',
  closed: '已办结'
}

export const COMPLAINT_ACTIONS = ['accept', 'reject', 'convert', 'transfer', 'close'] as const
export type ComplaintAction = (typeof COMPLAINT_ACTIONS)[number]

/** The complaint workflow as data: 已提交 → 已受理 (or 不予受理) → 处理中 (mediate, or transfer) → 已办结. */
export const COMPLAINT_TRANSITIONS: ReadonlyArray<{ action: ComplaintAction, label: string, from: readonly ComplaintStatus[], to: ComplaintStatus }> = [
  { action: 'accept', label: '受理', from: ['submitted'], to: 'accepted' },
  { action: 'reject', label: '不予受理', from: ['submitted', 'accepted'], to: 'rejected' },
  { action: 'convert', label: '转为调解案件', from: ['submitted', 'accepted'], to: 'processing' },
  { action: 'transfer', label: '转办', from: ['submitted', 'accepted', 'processing'], to: 'processing' },
  { action: 'close', label: '办结', from: ['accepted', 'processing'], to: 'closed' }
]

const month = (label: string) => z.string(typeError(`请选择${label}`, `请选择${label}`))
  .check(
    z.regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: `${label}格式应为 YYYY-MM`, abort: true }),
    z.refine((v) => v >= EARLIEST_DATE.slice(0, 7) && v <= LATEST_DATE.slice(0, 7), `${label}须在${EARLIEST_DATE.slice(0, 4)}年至${LATEST_DATE.slice(0, 4)}年之间`)
  )

/** How far back an owed period may start, counted from the month the complaint was filed. */
export const OWED_YEARS_BACK = 3

/**
 * The owed period against the filing date: it cannot end after the month of filing (wages not yet due are not owed)
 * nor start more than OWED_YEARS_BACK years before it.
 */
export function owedPeriodIssues (c: { owedFrom: string, owedTo: string }, filedDate: string): FieldIssue[] {
  const filedMonth = filedDate.slice(0, 7)
  const earliest = `${Number(filedMonth.slice(0, 4)) - OWED_YEARS_BACK}${filedMonth.slice(4)}`
  const issues: FieldIssue[] = []
  if (c.owedFrom < earliest) {
    issues.push({ path: 'owedFrom', message: `欠薪开始月份不能早于${earliest.slice(0, 4)}年${Number(earliest.slice(5, 7))}月（提交前${OWED_YEARS_BACK}年以内）；更早的欠薪请直接到站点咨询` })
  }
  if (c.owedTo > filedMonth) issues.push({ path: 'owedTo', message: '欠薪结束月份不能晚于提交投诉的月份' })
  return issues
}

function owedMonthsInOrder () {
  return z.refine<{ owedFrom: string, owedTo: string }>((f) => f.owedFrom <= f.owedTo, { message: '欠薪结束月份不能早于开始月份', path: ['owedTo'] })
}

/** What the worker fills in. Only what the workflow needs (PIPL: minimum collection). */
const complaintFields = {
  name: text('姓名', 30),
  phone: mobile(),
  employerName: text('用人单位名称', 100),
  project: optionalText('项目或工地名称', 100),
  sector: z.enum(SECTORS, { error: '请选择行业类别' }),
  owedFrom: month('欠薪开始月份'),
  owedTo: month('欠薪结束月份'),
  amountOwedFen: fen('欠薪金额', 1, '请填写欠薪金额'),
  workerCount: count('被欠薪人数', 100_000, 1, '被欠薪人数至少为1'),
  description: text('情况说明', 1000)
}

/** The public form as sent by a worker's phone. */
export const complaintFormSchema = z.strictObject({
  id: recordId,
  stationCode: z.string(typeError('缺少站点编码')).check(z.minLength(2, '站点编码不正确'), z.maxLength(32, '站点编码不正确')),
  ...complaintFields,
  consent: z.literal(true, { error: '请阅读并勾选同意《个人信息处理说明》' }),
  /** Wants a subscription message when the status changes (WeChat only). */
  notify: z.optional(z.boolean()),
  /** Honeypot: hidden from people; anything typed here marks a bot. */
  website: z.optional(z.string().check(z.maxLength(200)))
}).check(owedMonthsInOrder())

export type ComplaintForm = z.infer<typeof complaintFormSchema>

/** The public form as the server and the page check it: fields, then the owed period against `today` (Beijing). */
export function checkComplaintForm (input: unknown, today: string): ValidationResult<ComplaintForm> {
  const parsed = complaintFormSchema.safeParse(input ?? {}, { error: zhErrorMap })
  if (!parsed.success) return { ok: false, issues: toFieldIssues(parsed.error) }
  const issues = owedPeriodIssues(parsed.data, today)
  return issues.length ? { ok: false, issues } : { ok: true, value: parsed.data }
}

export const complaintEventSchema = z.strictObject({
  action: z.enum(COMPLAINT_ACTIONS, { error: '不支持的投诉处理操作' }),
  date: calendarDate('日期'),
  at: isoInstant,
  by: z.optional(z.string().check(z.maxLength(80))),
  note: optionalText('说明', 500),
  reason: optionalText('理由', 500),
  caseId: z.optional(recordId),
  transferTo: z.optional(z.enum(TRANSFER_TARGETS)),
  recoveredFen: z.optional(fen('追回金额'))
}).check(z.superRefine((e, ctx) => {
  if (e.action === 'reject' && !e.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: '请填写不予受理的理由（投诉人可见）' })
  if (e.action === 'convert' && !e.caseId) ctx.addIssue({ code: 'custom', path: ['caseId'], message: '缺少关联案件' })
  if (e.action === 'transfer' && !e.transferTo) ctx.addIssue({ code: 'custom', path: ['transferTo'], message: '请选择转办去向' })
  if (e.action === 'close' && e.recoveredFen === undefined) ctx.addIssue({ code: 'custom', path: ['recoveredFen'], message: '请填写追回金额（没有则填0）' })
}))
export type ComplaintEvent = z.infer<typeof complaintEventSchema>

/** A stored complaint: the form's fields plus what the station does with it. */
export const wageComplaintSchema = z.strictObject({
  receivedDate: calendarDate('收到日期'),
  channel: z.enum(COMPLAINT_CHANNELS, { error: '请选择投诉渠道' }),
  ...complaintFields,
  trackingNo: z.optional(z.string().check(z.maxLength(12))),
  timeline: z.array(complaintEventSchema).check(z.maxLength(100, '处理记录过多')),
  /** Held for review by the content check (msgSecCheck): shown to the station flagged, never dropped. */
  heldForReview: z.optional(z.boolean()),
  notify: z.optional(z.boolean())
}).check(owedMonthsInOrder())

export type WageComplaint = z.infer<typeof wageComplaintSchema>

export function replayComplaint (timeline: readonly ComplaintEvent[]): { status: ComplaintStatus, invalidAt: number | null } {
  let status: ComplaintStatus = 'submitted'
  for (let i = 0; i < timeline.length; i++) {
    const t = COMPLAINT_TRANSITIONS.find((x) => x.action === timeline[i].action)
    if (!t || !t.from.includes(status)) return { status, invalidAt: i }
    status = t.to
  }
  return { status, invalidAt: null }
}

export function complaintStatus (c: Pick<WageComplaint, 'timeline'>): ComplaintStatus {
  return replayComplaint(c.timeline).status
}

export function availableComplaintActions (status: ComplaintStatus) {
  return COMPLAINT_TRANSITIONS.filter((t) => t.from.includes(status))
}

/** The case a complaint was turned into, if any: people and money are then counted on the case. */
export function linkedCaseId (c: Pick<WageComplaint, 'timeline'>): string | null {
  return c.timeline.find((e) => e.action === 'convert')?.caseId ?? null
}

export interface ComplaintDates {
  accepted: string | null
  closed: string | null
  transferred: string | null
  converted: string | null
}

export function complaintDates (c: Pick<WageComplaint, 'timeline'>): ComplaintDates {
  const first = (actions: ComplaintAction[]) => c.timeline.find((e) => actions.includes(e.action))?.date ?? null
  return {
    accepted: first(['accept', 'convert', 'transfer', 'close']),
    closed: first(['close']),
    transferred: first(['transfer']),
    converted: first(['convert'])
  }
}

export function complaintRecoveredFen (c: Pick<WageComplaint, 'timeline'>): number {
  return c.timeline.find((e) => e.action === 'close')?.recoveredFen ?? 0
}

export function complaintRuleIssues (c: WageComplaint, today: string) {
  const issues: Array<{ path: string, message: string }> = []
  if (c.receivedDate > today) issues.push({ path: 'receivedDate', message: '收到日期不能晚于今天' })
  issues.push(...owedPeriodIssues(c, c.receivedDate))
  const { invalidAt } = replayComplaint(c.timeline)
  if (invalidAt !== null) issues.push({ path: `timeline.${invalidAt}.action`, message: '当前状态下不能执行该操作' })
  let previous = c.receivedDate
  c.timeline.forEach((e, i) => {
    if (e.date > today) issues.push({ path: `timeline.${i}.date`, message: '日期不能晚于今天' })
    else if (e.date < previous) issues.push({ path: `timeline.${i}.date`, message: '日期不能早于收到日期或上一步' })
    previous = e.date > previous ? e.date : previous
  })
  return issues
}
