/**
 * The additive report figures and what each record contributes to them, each on its own date.
 * Stores keep a per-station, per-day sum of these contributions, updated in the same transaction that writes the
 * record (old contributions out, new ones in), so a report is a sum over days and never a scan of records.
 */
import { addDays, beijingDate, daysBetween } from './dates'
import { mediationDeadline } from './case-workflow'
import { caseAgreement, caseDates, isCollective } from './mediation-case'
import { nilReportDate } from './nil-report'
import type { StoredMeta, TypedPayload } from './records'
import { hasWageHazard } from './risk-check'
import { complaintDates, complaintRecoveredFen, linkedCaseId } from './wage-complaint'

export const FIGURE_KEYS = [
  // mediation cases
  'casesReceived', 'casesAccepted', 'casesCollective', 'caseWorkers', 'caseClaimedFen',
  'casesClosed', 'casesMediated', 'caseCloseDays', 'caseAgreedFen', 'casePaidFen', 'casesOverdue',
  // legal-awareness sessions
  'sessions', 'sessionAttendees', 'sessionMaterials', 'sessionEnterprises', 'sessionConsultations',
  // risk checks
  'riskChecks', 'hazardsFound', 'hazardsClosed',
  // wage complaints
  'complaintsReceived', 'complaintsAccepted', 'complaintsClosed', 'complaintsTransferred', 'complaintsConverted',
  'complaintWorkers', 'complaintOwedFen', 'complaintRecoveredFen',
  // complaints as bureaus count them: every complaint received with its own workers and amount, of which converted
  'complaintsReceivedConverted', 'complaintAllWorkers', 'complaintAllOwedFen',
  // completeness: one per record per distinct date it has an event on (see activityDates), and nil reports
  'activity', 'nilReports'
] as const

export type FigureKey = (typeof FIGURE_KEYS)[number]
export type FigureSums = Record<FigureKey, number>

/** One record's share of one figure on one Beijing date. */
export interface Contribution {
  date: string
  key: FigureKey
  value: number
}

export function emptySums (): FigureSums {
  const sums = {} as FigureSums
  for (const k of FIGURE_KEYS) sums[k] = 0
  return sums
}

export function addSums (a: FigureSums, b: Partial<FigureSums>): FigureSums {
  const out = { ...a }
  for (const k of FIGURE_KEYS) out[k] += b[k] || 0
  return out
}

/** When the server wrote a record: what `activityDates` reads besides the payload. Absent for a record not yet stored. */
export type WriteTimes = Partial<Pick<StoredMeta, 'createdAt' | 'updatedAt' | 'writeDates'>>

/**
 * The Beijing dates a record was written on (created, then every edit): `writeDates` when the server kept them, else
 * the dates of `createdAt` and `updatedAt` (records stored before the server kept the list).
 */
export function writeDatesOf (r: WriteTimes): string[] {
  if (r.writeDates) return r.writeDates
  const dates = [r.createdAt, r.updatedAt].filter((t): t is string => !!t).map((t) => beijingDate(t))
  return [...new Set(dates)].sort()
}

/**
 * Every date on which something happened to a record (the completeness rule, COMPLETENESS_DEFINITION in report.ts):
 * its own date (received, held, checked), each workflow step (受理, each mediation session inside a case, the outcome,
 * each payment, 结案; a complaint accepted, transferred, converted, closed), a hazard's 销号, and each day the server
 * wrote it (created or edited). A nil report has none: it says there was nothing.
 */
export function activityDates (r: TypedPayload & WriteTimes): string[] {
  const dates = new Set<string>(writeDatesOf(r))
  switch (r.type) {
    case 'mediationCase':
      dates.add(r.payload.receivedDate)
      for (const e of r.payload.timeline) dates.add(e.date)
      break
    case 'legalSession':
      dates.add(r.payload.date)
      break
    case 'riskCheck':
      dates.add(r.payload.checkDate)
      if (r.payload.hazardClosed) dates.add(r.payload.hazardClosed.date)
      break
    case 'wageComplaint':
      dates.add(r.payload.receivedDate)
      for (const e of r.payload.timeline) dates.add(e.date)
      break
    case 'nilReport':
      return []
  }
  return [...dates].sort()
}

/**
 * What a record adds to each figure, and on which date.
 * - Cases: received on the application date; accepted (with collective, workers, amount claimed) on the 受理 date;
 *   closed, mediated successfully and days-to-close on the 结案 date; amount agreed on the 调解成功 date; each payment on
 *   its date; overdue on the day after the 15-day deadline when no outcome was reached by then (a report only
 *   counts days up to today, so a case not yet due is not overdue).
 * - Carried-over cases are not a flow: a report derives them as accepted − closed over all days before its start.
 * - Complaints converted to a case count their people and money on the case only; the bureau's own complaint figures
 *   (complaintAll…) count every complaint received, with those later converted (complaintsReceivedConverted).
 * - Activity: 1 on each date of `activityDates`; a nil report: 1 on the first day of its month.
 */
export function contributions (r: TypedPayload & WriteTimes): Contribution[] {
  const out: Contribution[] = []
  const add = (date: string | null | undefined, key: FigureKey, value = 1) => {
    if (date && value) out.push({ date, key, value })
  }
  for (const date of activityDates(r)) add(date, 'activity')
  switch (r.type) {
    case 'mediationCase': {
      const c = r.payload
      const d = caseDates(c)
      add(c.receivedDate, 'casesReceived')
      if (d.accepted) {
        add(d.accepted, 'casesAccepted')
        if (isCollective(c)) add(d.accepted, 'casesCollective')
        add(d.accepted, 'caseWorkers', c.workerCount)
        add(d.accepted, 'caseClaimedFen', c.claimedFen)
      }
      if (d.closed && d.accepted) {
        add(d.closed, 'casesClosed')
        if (d.agreement) add(d.closed, 'casesMediated')
        add(d.closed, 'caseCloseDays', Math.max(0, daysBetween(c.receivedDate, d.closed)))
      }
      const agreement = caseAgreement(c)
      if (d.agreement && agreement) add(d.agreement, 'caseAgreedFen', agreement.amountFen)
      for (const e of c.timeline) if (e.action === 'recordPayment') add(e.date, 'casePaidFen', e.paidFen || 0)
      const deadline = mediationDeadline(c.receivedDate)
      if (!d.outcome || d.outcome > deadline) add(addDays(deadline, 1), 'casesOverdue')
      break
    }
    case 'legalSession': {
      const s = r.payload
      add(s.date, 'sessions')
      add(s.date, 'sessionAttendees', s.attendees)
      add(s.date, 'sessionMaterials', s.materials)
      add(s.date, 'sessionEnterprises', s.enterprisesCovered)
      add(s.date, 'sessionConsultations', s.consultations)
      break
    }
    case 'riskCheck': {
      const k = r.payload
      add(k.checkDate, 'riskChecks')
      if (hasWageHazard(k)) {
        add(k.checkDate, 'hazardsFound')
        add(k.hazardClosed?.date, 'hazardsClosed')
      }
      break
    }
    case 'wageComplaint': {
      const c = r.payload
      const d = complaintDates(c)
      const converted = linkedCaseId(c) !== null
      add(c.receivedDate, 'complaintsReceived')
      add(d.accepted, 'complaintsAccepted')
      add(d.closed, 'complaintsClosed')
      add(d.transferred, 'complaintsTransferred')
      add(d.converted, 'complaintsConverted')
      add(c.receivedDate, 'complaintAllWorkers', c.workerCount)
      add(c.receivedDate, 'complaintAllOwedFen', c.amountOwedFen)
      if (converted) add(c.receivedDate, 'complaintsReceivedConverted')
      else {
        add(c.receivedDate, 'complaintWorkers', c.workerCount)
        add(c.receivedDate, 'complaintOwedFen', c.amountOwedFen)
        add(d.closed, 'complaintRecoveredFen', complaintRecoveredFen(c))
      }
      break
    }
    case 'nilReport':
      add(nilReportDate(r.payload), 'nilReports')
      break
  }
  return out
}

/** Contributions grouped by date: { '2026-03-02': { casesAccepted: 1, ... } }. */
export function contributionsByDate (list: Contribution[], sign = 1): Map<string, Partial<FigureSums>> {
  const byDate = new Map<string, Partial<FigureSums>>()
  for (const c of list) {
    const row = byDate.get(c.date) || {}
    row[c.key] = (row[c.key] || 0) + sign * c.value
    byDate.set(c.date, row)
  }
  return byDate
}

/** The change a record write makes to the daily sums: new contributions minus old ones, zeros dropped. */
export function contributionDelta (before: Contribution[], after: Contribution[]): Map<string, Partial<FigureSums>> {
  const delta = contributionsByDate(after)
  for (const [date, row] of contributionsByDate(before, -1)) {
    const d = delta.get(date) || {}
    for (const k of Object.keys(row) as FigureKey[]) d[k] = (d[k] || 0) + (row[k] || 0)
    delta.set(date, d)
  }
  for (const [date, row] of delta) {
    for (const k of Object.keys(row) as FigureKey[]) if (row[k] === 0) delete row[k]
    if (!Object.keys(row).length) delta.delete(date)
  }
  return delta
}
