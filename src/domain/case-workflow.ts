/**
 * The mediation workflow (劳动争议调解) as data: states, actions, who may take each, and the 15-day clock.
 * 待受理 → 已受理 (or 不予受理) → 调解中 → one outcome: 调解成功, 调解不成, 撤回, 转仲裁, 转监察
 * → (for 调解成功: 履行中 → 已履行 / 未履行) → 结案.
 */
import { addDays, daysBetween } from './dates'
import type { Role } from './org'

export const CASE_STATUSES = [
  'pending', 'accepted', 'rejected', 'mediating',
  'succeeded', 'failed', 'withdrawn', 'toArbitration', 'toInspection',
  'performing', 'performed', 'unperformed', 'closed'
] as const
export type CaseStatus = (typeof CASE_STATUSES)[number]

export const CASE_STATUS_LABELS: Record<CaseStatus, string> = {
  pending: '待受理',
  accepted: '已受理',
  rejected: '不予受理',
  mediating: '调解中',
  succeeded: '调解成功',
  failed: '调解不成',
  withdrawn: '撤回',
  toArbitration: '转仲裁',
  toInspection: '转监察',
  performing: '履行中',
  performed: '已履行',
  unperformed: '未履行',
  closed: '结案'
}

export const CASE_ACTIONS = [
  'accept', 'reject', 'recordSession', 'succeed', 'fail', 'withdraw',
  'toArbitration', 'toInspection', 'recordPayment', 'markUnperformed', 'close'
] as const
export type CaseAction = (typeof CASE_ACTIONS)[number]

/** One allowed move: the states it starts from, where it goes, who may take it, what it needs. */
export interface CaseTransition {
  action: CaseAction
  label: string
  from: readonly CaseStatus[]
  /** Target state; recordPayment goes to 履行中 or 已履行 depending on whether payment is complete. */
  to: CaseStatus
  roles: readonly Role[]
  /** An outcome stops the 15-day clock. */
  isOutcome?: boolean
  /** Input the action requires beyond a date and note. */
  requires?: 'reason' | 'session' | 'agreement' | 'payment'
}

const MEDIATOR: readonly Role[] = ['mediator']
const OPEN_FOR_TRANSFER: readonly CaseStatus[] = ['accepted', 'mediating', 'failed']

export const CASE_TRANSITIONS: readonly CaseTransition[] = [
  { action: 'accept', label: '受理', from: ['pending'], to: 'accepted', roles: MEDIATOR },
  { action: 'reject', label: '不予受理', from: ['pending'], to: 'rejected', roles: MEDIATOR, isOutcome: true, requires: 'reason' },
  { action: 'recordSession', label: '记录调解', from: ['accepted', 'mediating'], to: 'mediating', roles: MEDIATOR, requires: 'session' },
  { action: 'succeed', label: '调解成功', from: ['mediating'], to: 'succeeded', roles: MEDIATOR, isOutcome: true, requires: 'agreement' },
  { action: 'fail', label: '调解不成', from: ['mediating'], to: 'failed', roles: MEDIATOR, isOutcome: true },
  { action: 'withdraw', label: '撤回', from: ['accepted', 'mediating'], to: 'withdrawn', roles: MEDIATOR, isOutcome: true },
  { action: 'toArbitration', label: '转仲裁', from: OPEN_FOR_TRANSFER, to: 'toArbitration', roles: MEDIATOR, isOutcome: true },
  { action: 'toInspection', label: '转监察', from: OPEN_FOR_TRANSFER, to: 'toInspection', roles: MEDIATOR, isOutcome: true },
  { action: 'recordPayment', label: '履行', from: ['succeeded', 'performing'], to: 'performing', roles: MEDIATOR, requires: 'payment' },
  { action: 'markUnperformed', label: '未履行', from: ['succeeded', 'performing'], to: 'unperformed', roles: MEDIATOR },
  {
    action: 'close',
    label: '结案',
    from: ['succeeded', 'performed', 'unperformed', 'failed', 'withdrawn', 'toArbitration', 'toInspection'],
    to: 'closed',
    roles: MEDIATOR
  }
]

export const TERMINAL_CASE_STATUSES: readonly CaseStatus[] = ['rejected', 'closed']

export const OUTCOME_ACTIONS: readonly CaseAction[] = CASE_TRANSITIONS.filter((t) => t.isOutcome).map((t) => t.action)

export function transitionFor (action: CaseAction): CaseTransition {
  const t = CASE_TRANSITIONS.find((x) => x.action === action)
  if (!t) throw new Error(`unknown case action ${action}`)
  return t
}

/** The actions a role may take from a state, in display order. */
export function availableCaseActions (status: CaseStatus, role: Role): CaseTransition[] {
  return CASE_TRANSITIONS.filter((t) => t.from.includes(status) && t.roles.includes(role))
}

/** Where an action leads from a state, or null when the move is not allowed. */
export function nextCaseStatus (status: CaseStatus, action: CaseAction, opts: { paymentComplete?: boolean } = {}): CaseStatus | null {
  const t = CASE_TRANSITIONS.find((x) => x.action === action)
  if (!t || !t.from.includes(status)) return null
  if (action === 'recordPayment' && opts.paymentComplete) return 'performed'
  return t.to
}

export function isTerminalCaseStatus (status: CaseStatus): boolean {
  return TERMINAL_CASE_STATUSES.includes(status)
}

/** Days a party waits before arbitration may be sought (劳动争议调解仲裁法 第十四条). */
export const MEDIATION_DAYS = 15

/** The last day of the 15-day mediation window. */
export function mediationDeadline (receivedDate: string): string {
  return addDays(receivedDate, MEDIATION_DAYS)
}

/** State of the 15-day clock for a case on a given Beijing date. */
export interface CaseClock {
  deadline: string
  /** Days until the deadline (0 = due today; negative = overdue by that many days). */
  daysLeft: number
  overdue: boolean
  /** The clock stopped: an outcome was reached (or the case was not accepted). */
  stopped: boolean
}

export function caseClock (receivedDate: string, outcomeDate: string | null, today: string): CaseClock {
  const deadline = mediationDeadline(receivedDate)
  if (outcomeDate) {
    const daysLeft = daysBetween(outcomeDate, deadline)
    return { deadline, daysLeft, overdue: daysLeft < 0, stopped: true }
  }
  const daysLeft = daysBetween(today, deadline)
  return { deadline, daysLeft, overdue: daysLeft < 0, stopped: false }
}
