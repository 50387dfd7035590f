/**
 * Enterprise labor-risk check (企业劳动关系风险体检): the checklist and the versioned rule that turns it into
 * 低 / 中 / 高 (green / yellow / red, the three-colour warning of district platforms), with its reasons.
 */
import { z } from 'zod/mini'
import { typeError } from './zod-zh'
import { calendarDate, count, creditCode, fen, optionalText, text } from './fields'

export const ITEM_RESULTS = ['compliant', 'noncompliant', 'na'] as const
export type ItemResult = (typeof ITEM_RESULTS)[number]
export const ITEM_RESULT_LABELS: Record<ItemResult, string> = { compliant: '合规', noncompliant: '不合规', na: '不适用' }

/** The checklist, in the order the form shows it. Construction items apply to construction projects only. */
export const CHECK_ITEMS = [
  { key: 'laborContracts', label: '依法签订劳动合同', construction: false },
  { key: 'wagesPaid', label: '按时足额支付工资（不低于最低工资标准）', construction: false },
  { key: 'noWageArrears', label: '无拖欠工资', construction: false },
  { key: 'socialInsurance', label: '依法参加社会保险', construction: false },
  { key: 'workingHours', label: '工时与休息休假合规', construction: false },
  { key: 'realNameRegistration', label: '施工人员实名制管理', construction: true },
  { key: 'wageAccount', label: '农民工工资专用账户', construction: true },
  { key: 'generalContractorPays', label: '总承包单位代发工资', construction: true }
] as const
export type CheckItemKey = (typeof CHECK_ITEMS)[number]['key']

const itemFields = {
  result: z.enum(ITEM_RESULTS, { error: '请选择合规 / 不合规 / 不适用' }),
  note: optionalText('说明', 200)
}
const itemSchema = z.strictObject(itemFields)

export const riskCheckSchema = z.strictObject({
  checkDate: calendarDate('体检日期'),
  enterprise: z.strictObject({
    name: text('企业名称', 100),
    creditCode: z.optional(creditCode),
    industry: optionalText('所属行业', 30),
    headcount: count('职工人数', 1_000_000),
    isConstruction: z.boolean(typeError('请选择是否工程建设项目', '请选择是否工程建设项目'))
  }),
  items: z.strictObject({
    laborContracts: z.strictObject({ ...itemFields, signingRatePercent: z.optional(count('劳动合同签订率', 100)) }),
    wagesPaid: itemSchema,
    noWageArrears: z.strictObject({
      ...itemFields,
      months: z.optional(count('欠薪月数', 120)),
      amountFen: z.optional(fen('欠薪金额')),
      workers: z.optional(count('欠薪人数', 100_000))
    }),
    socialInsurance: itemSchema,
    workingHours: itemSchema,
    realNameRegistration: itemSchema,
    wageAccount: itemSchema,
    generalContractorPays: itemSchema
  }),
  /** 销号: the wage-arrears hidden risk was rectified and closed. */
  hazardClosed: z.optional(z.strictObject({ date: calendarDate('销号日期'), note: text('整改情况', 500) })),
  note: optionalText('备注', 1000)
})

export type RiskCheck = z.infer<typeof riskCheckSchema>
export type RiskLevel = 'low' | 'medium' | 'high'
export const RISK_LEVEL_LABELS: Record<RiskLevel, string> = { low: '低', medium: '中', high: '高' }

/** Bump when the rule changes; every stored check keeps the version that scored it. */
export const RISK_RULE_VERSION = 'risk-2026.1'

/** Arrears owed to this many workers or more is a collective risk. */
export const COLLECTIVE_ARREARS_WORKERS = 10

export interface RiskAssessment {
  level: RiskLevel
  reasons: string[]
  ruleVersion: string
}

const RANK: Record<RiskLevel, number> = { low: 0, medium: 1, high: 2 }

/**
 * Rule risk-2026.1:
 * 1. 存在欠薪 (无拖欠工资 = 不合规) → at least 中; arrears owed to ≥ 10 workers → 高.
 * 2. A construction project failing any wage-payment rule (实名制 / 专用账户 / 总包代发) → at least 中.
 * 3. 劳动合同签订率 below 50% → at least 中.
 * 4. Three or more non-compliant items → at least 中; otherwise any non-compliant item leaves 低 with a reason.
 */
export function assessRisk (check: Pick<RiskCheck, 'enterprise' | 'items'>): RiskAssessment {
  let level: RiskLevel = 'low'
  const reasons: string[] = []
  const atLeast = (l: RiskLevel, reason: string) => {
    if (RANK[l] > RANK[level]) level = l
    reasons.push(reason)
  }
  const items = check.items
  const failing = CHECK_ITEMS.filter((i) => items[i.key].result === 'noncompliant')

  const arrears = items.noWageArrears
  if (arrears.result === 'noncompliant') {
    if ((arrears.workers || 0) >= COLLECTIVE_ARREARS_WORKERS) {
      atLeast('high', `欠薪涉及${arrears.workers}人（10人及以上，群体性风险）→ 高风险`)
    } else {
      atLeast('medium', '存在欠薪 → 至少中风险')
    }
  }
  if (check.enterprise.isConstruction) {
    const rules = CHECK_ITEMS.filter((i) => i.construction && items[i.key].result === 'noncompliant')
    if (rules.length) atLeast('medium', `工程建设项目${rules.map((r) => r.label).join('、')}不落实 → 至少中风险`)
  }
  const rate = items.laborContracts.signingRatePercent
  if (rate !== undefined && rate < 50) atLeast('medium', `劳动合同签订率${rate}%（低于50%）→ 至少中风险`)
  if (failing.length >= 3) atLeast('medium', `${failing.length}项不合规 → 至少中风险`)
  else if (failing.length && level === 'low') reasons.push(`${failing.map((f) => f.label).join('、')}不合规，需整改`)
  if (!failing.length) reasons.push('各项均合规')
  return { level, reasons, ruleVersion: RISK_RULE_VERSION }
}

/** A wage-arrears hidden risk (欠薪隐患) was found by this check. */
export function hasWageHazard (check: Pick<RiskCheck, 'items'>): boolean {
  return check.items.noWageArrears.result === 'noncompliant'
}

/** Enterprises are counted once per period: by credit code, else by their name without spaces. */
export function enterpriseKey (check: Pick<RiskCheck, 'enterprise'>): string {
  const code = check.enterprise.creditCode
  return code ? `code:${code}` : `name:${check.enterprise.name.replace(/\s+/g, '')}`
}

export function riskCheckRuleIssues (c: RiskCheck, today: string) {
  const issues: Array<{ path: string, message: string }> = []
  if (c.checkDate > today) issues.push({ path: 'checkDate', message: '体检日期不能晚于今天' })
  if (!c.enterprise.isConstruction) {
    for (const item of CHECK_ITEMS) {
      if (item.construction && c.items[item.key].result !== 'na') {
        issues.push({ path: `items.${item.key}.result`, message: `非工程建设项目的“${item.label}”应为不适用` })
      }
    }
  }
  if (c.items.noWageArrears.result === 'noncompliant' && !c.items.noWageArrears.workers) {
    issues.push({ path: 'items.noWageArrears.workers', message: '存在欠薪时请填写欠薪人数' })
  }
  if (c.hazardClosed) {
    if (!hasWageHazard(c)) issues.push({ path: 'hazardClosed', message: '没有欠薪隐患，无需销号' })
    else if (c.hazardClosed.date < c.checkDate) issues.push({ path: 'hazardClosed.date', message: '销号日期不能早于体检日期' })
    else if (c.hazardClosed.date > today) issues.push({ path: 'hazardClosed.date', message: '销号日期不能晚于今天' })
  }
  return issues
}
