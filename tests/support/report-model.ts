/**
 * The district report's definitions, written out from ../shared/DOMAIN.md ("The district report") in this file's own
 * words and applied to records as they are stored. Nothing here calls the code that builds the report: no figure
 * contributions, no workflow helpers, no rounding helpers, no risk rule (a check's level is the one stored with it,
 * scored by the versioned rule that has its own tests; the report's job is to pick the latest check).
 */
import type { StoredRecord } from '@/domain'

/** Beijing date the reports are read on. */
export const TODAY = '2026-11-20'

/** Everything DOMAIN.md says a station's row holds, under the report's field names. */
export interface ExpectedRow {
  figures: Record<string, number>
  carriedOver: number
  enterprises: { checked: number, low: number, medium: number, high: number }
  /** 有记录 / 零报告 / 未报送 */
  filing: 'records' | 'nil' | 'missing'
}

/** The world as the test saw it: records as stored, and the Beijing days on which the test watched each one get written. */
export interface World {
  records: StoredRecord[]
  writtenOn: Map<string, Set<string>>
}

export const plusDays = (date: string, n: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10)
const daysFromTo = (a: string, b: string): number => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000)

/** The outcomes that stop the 15-day clock: 不予受理 and the five ways mediation ends. */
const OUTCOMES = ['reject', 'succeed', 'fail', 'withdraw', 'toArbitration', 'toInspection']

/** Every day something happened to a record: its own date, each step, a hazard's 销号, and each day it was written. */
function eventDays (r: StoredRecord, world: World): string[] {
  const days = [...(world.writtenOn.get(r.id) || [])]
  if (r.type === 'mediationCase') days.push(r.payload.receivedDate, ...r.payload.timeline.map((e) => e.date))
  if (r.type === 'wageComplaint') days.push(r.payload.receivedDate, ...r.payload.timeline.map((e) => e.date))
  if (r.type === 'legalSession') days.push(r.payload.date)
  if (r.type === 'riskCheck') days.push(r.payload.checkDate, ...(r.payload.hazardClosed ? [r.payload.hazardClosed.date] : []))
  if (r.type === 'nilReport') return []
  return days
}

/**
 * One station's row (or one point's, `pointId` given; null for 站本级) for the days start..end, counted up to TODAY.
 */
export function expectedRow (world: World, stationId: string, start: string, end: string, pointId?: string | null): ExpectedRow {
  const last = end < TODAY ? end : TODAY
  const inPeriod = (d: string | null | undefined) => !!d && d >= start && d <= last
  const beforePeriod = (d: string | null | undefined) => !!d && d < start
  const f: Record<string, number> = {
    casesReceived: 0, casesAccepted: 0, casesCollective: 0, caseWorkers: 0, caseClaimedFen: 0, casesClosed: 0, casesMediated: 0,
    caseCloseDays: 0, caseAgreedFen: 0, casePaidFen: 0, casesOverdue: 0,
    sessions: 0, sessionAttendees: 0, sessionMaterials: 0, sessionEnterprises: 0, sessionConsultations: 0,
    riskChecks: 0, hazardsFound: 0, hazardsClosed: 0,
    complaintsReceived: 0, complaintsAccepted: 0, complaintsClosed: 0, complaintsTransferred: 0, complaintsConverted: 0,
    complaintWorkers: 0, complaintOwedFen: 0, complaintRecoveredFen: 0,
    complaintsReceivedConverted: 0, complaintAllWorkers: 0, complaintAllOwedFen: 0
  }
  let carriedOver = 0
  let anyEvent = false
  let nilReport = false
  const latestCheck = new Map<string, { date: string, id: string, level: string }>()

  const mine = world.records.filter((r) => r.stationId === stationId && (pointId === undefined || (r.pointId ?? null) === pointId))
  for (const r of mine) {
    if (eventDays(r, world).some(inPeriod)) anyEvent = true
    if (r.type === 'nilReport') {
      // A nil report is for a month; it covers a period holding the month's first day.
      if (inPeriod(`${r.payload.month}-01`)) nilReport = true
    } else if (r.type === 'mediationCase') {
      const c = r.payload
      const first = (action: string) => c.timeline.find((e) => e.action === action)
      const accepted = first('accept')?.date
      const closed = first('close')?.date
      const success = first('succeed')
      // Received on the application date; the rest on the date of its own step.
      if (inPeriod(c.receivedDate)) f.casesReceived++
      if (inPeriod(accepted)) {
        f.casesAccepted++
        if (c.workerCount >= 10) f.casesCollective++ // 10 or more workers sharing a request: collective
        f.caseWorkers += c.workerCount
        f.caseClaimedFen += c.claimedFen
      }
      if (accepted && inPeriod(closed)) {
        f.casesClosed++
        if (success) f.casesMediated++
        f.caseCloseDays += daysFromTo(c.receivedDate, closed as string)
      }
      if (success && inPeriod(success.date)) f.caseAgreedFen += success.agreement?.amountFen ?? 0
      for (const e of c.timeline) if (e.action === 'recordPayment' && inPeriod(e.date)) f.casePaidFen += e.paidFen ?? 0
      // Overdue: no outcome within 15 days of receipt; it becomes overdue on the 16th day, and counts there.
      const outcome = c.timeline.find((e) => OUTCOMES.includes(e.action))?.date
      const day16 = plusDays(c.receivedDate, 16)
      if ((!outcome || outcome >= day16) && inPeriod(day16)) f.casesOverdue++
      // 上期未结: accepted before the period and not closed before it.
      if (beforePeriod(accepted) && !beforePeriod(closed)) carriedOver++
    } else if (r.type === 'legalSession') {
      const s = r.payload
      if (inPeriod(s.date)) {
        f.sessions++
        f.sessionAttendees += s.attendees
        f.sessionMaterials += s.materials
        f.sessionEnterprises += s.enterprisesCovered
        f.sessionConsultations += s.consultations
      }
    } else if (r.type === 'riskCheck') {
      const k = r.payload
      const arrears = k.items.noWageArrears.result === 'noncompliant'
      if (inPeriod(k.checkDate)) {
        f.riskChecks++
        if (arrears) f.hazardsFound++
        // Distinct enterprises: by credit code, else by name; each at the level of its latest check in the period
        // (checks on one day: the one made last, and record ids here are made in time order).
        const key = k.enterprise.creditCode ? `code ${k.enterprise.creditCode}` : `name ${k.enterprise.name}`
        const seen = latestCheck.get(key)
        if (!seen || k.checkDate > seen.date || (k.checkDate === seen.date && r.id > seen.id)) latestCheck.set(key, { date: k.checkDate, id: r.id, level: r.risk?.level ?? 'unscored' })
      }
      if (arrears && inPeriod(k.hazardClosed?.date)) f.hazardsClosed++
    } else if (r.type === 'wageComplaint') {
      const c = r.payload
      const first = (...actions: string[]) => c.timeline.find((e) => actions.includes(e.action))
      const converted = first('convert')
      // Taken up on the first step that is not a refusal: 受理, or straight to 转调解 / 转办 / 办结.
      if (inPeriod(c.receivedDate)) {
        f.complaintsReceived++
        f.complaintAllWorkers += c.workerCount
        f.complaintAllOwedFen += c.amountOwedFen
        if (converted) f.complaintsReceivedConverted++
        else {
          // A complaint turned into a case has its people and money counted on the case, once.
          f.complaintWorkers += c.workerCount
          f.complaintOwedFen += c.amountOwedFen
        }
      }
      if (inPeriod(first('accept', 'convert', 'transfer', 'close')?.date)) f.complaintsAccepted++
      const close = first('close')
      if (inPeriod(close?.date)) {
        f.complaintsClosed++
        if (!converted) f.complaintRecoveredFen += close?.recoveredFen ?? 0
      }
      if (inPeriod(first('transfer')?.date)) f.complaintsTransferred++
      if (inPeriod(converted?.date)) f.complaintsConverted++
    }
  }
  const levels = [...latestCheck.values()].map((c) => c.level)
  return {
    figures: f,
    carriedOver,
    enterprises: { checked: levels.length, low: levels.filter((l) => l === 'low').length, medium: levels.filter((l) => l === 'medium').length, high: levels.filter((l) => l === 'high').length },
    filing: anyEvent ? 'records' : nilReport ? 'nil' : 'missing'
  }
}

/** The district's figures: each figure summed over stations (enterprises are not summed: they are distinct). */
export function expectedTotals (world: World, stationIds: string[], start: string, end: string): Record<string, number> {
  const total: Record<string, number> = {}
  for (const id of stationIds) {
    const row = expectedRow(world, id, start, end)
    for (const [k, v] of Object.entries(row.figures)) total[k] = (total[k] || 0) + v
    total.carriedOver = (total.carriedOver || 0) + row.carriedOver
  }
  return total
}

/**
 * n / d × 100 rounded half up (away from zero on a tie) to `decimals`, as text with a % sign; '—' for d = 0.
 * Exact with BigInt, a different method from the report's own long division.
 */
export function percentOf (n: number, d: number, decimals: number): string {
  if (d === 0) return '—'
  const negative = (n < 0) !== (d < 0) && n !== 0
  const num = BigInt(Math.abs(n)) * BigInt(10) ** BigInt(decimals + 2)
  const den = BigInt(Math.abs(d))
  let q = num / den
  if (BigInt(2) * (num % den) >= den) q++
  const digits = q.toString().padStart(decimals + 1, '0')
  const text = decimals ? `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}` : digits
  return `${negative && q !== BigInt(0) ? '-' : ''}${text}%`
}

/** The change from base to current, signed, '—' when the base is 0. */
export function changeOf (current: number, base: number, decimals: number): string {
  if (base === 0) return '—'
  const text = percentOf(current - base, base, decimals)
  return current > base && Number(text.slice(0, -1)) !== 0 ? `+${text}` : text
}

/** Fen as 万元 with two decimals, half up. */
export function wanOf (fen: number): string {
  const hundredths = percentOf(fen, 1_000_000, 0).slice(0, -1).padStart(3, '0')
  return `${hundredths.slice(0, -2)}.${hundredths.slice(-2)}`
}
