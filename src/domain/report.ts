/**
 * The district report: per-station figures for a period, rates with their formulas, totals and completeness.
 * Stores supply the sums (see figures.ts) and enterprise counts; this module turns them into the report,
 * so the definitions live in one place for the page, the export and both storage adapters.
 */
import { emptySums, addSums, type FigureKey, type FigureSums } from './figures'
import type { Period } from './period'
import { rate, type Rate } from './rates'

/** Enterprises checked in the period, distinct by credit code (else name), by the level of their latest check. */
export interface EnterpriseStats {
  checked: number
  low: number
  medium: number
  high: number
}

/** What a store answers for one station and period. */
export interface StationFacts {
  stationId: string
  sums: FigureSums
  /** Cases accepted before the period and not closed before it (上期未结). */
  carriedOver: number
  enterprises: EnterpriseStats
}

export interface ReportRow {
  stationId: string
  stationName: string
  stationCode: string
  carriedOver: number
  sums: FigureSums
  enterprises: EnterpriseStats
  successRate: Rate
  closeRate: Rate
  /** Mean days from application to 结案 over cases closed in the period; null when none closed. */
  avgCloseDays: number | null
  /** The station logged anything dated in the period. */
  reported: boolean
}

export interface DistrictReport {
  districtId: string
  districtName: string
  period: Period
  /** Figures count days up to this Beijing date (today, when the period runs into the future). */
  asOf: string
  generatedAt: string
  rows: ReportRow[]
  totals: ReportRow
  completeness: { reported: number, expected: number, missing: Array<{ stationId: string, stationName: string }> }
}

export const SUCCESS_RATE_FORMULA = '调解成功率 = 调解成功数 / 结案数'
export const CLOSE_RATE_FORMULA = '结案率 = 结案数 / (上期未结 + 受理数)'
export const AVG_DAYS_FORMULA = '平均结案天数 = 结案案件自申请至结案天数之和 / 结案数'

const ACTIVITY: FigureKey[] = ['casesReceived', 'casesAccepted', 'casesClosed', 'sessions', 'riskChecks', 'complaintsReceived', 'complaintsClosed']

export function emptyEnterpriseStats (): EnterpriseStats {
  return { checked: 0, low: 0, medium: 0, high: 0 }
}

export function buildRow (station: { id: string, name: string, code: string }, facts: Omit<StationFacts, 'stationId'>): ReportRow {
  const { sums, carriedOver, enterprises } = facts
  return {
    stationId: station.id,
    stationName: station.name,
    stationCode: station.code,
    carriedOver,
    sums,
    enterprises,
    successRate: rate(sums.casesMediated, sums.casesClosed, SUCCESS_RATE_FORMULA),
    closeRate: rate(sums.casesClosed, carriedOver + sums.casesAccepted, CLOSE_RATE_FORMULA),
    avgCloseDays: sums.casesClosed > 0 ? Math.round((sums.caseCloseDays / sums.casesClosed) * 10) / 10 : null,
    reported: ACTIVITY.some((k) => sums[k] > 0) || enterprises.checked > 0
  }
}

/**
 * Assembles the report. `districtEnterprises` are distinct across the district (an enterprise checked by two stations
 * counts once in the totals).
 */
export function buildDistrictReport (input: {
  district: { id: string, name: string }
  stations: Array<{ id: string, name: string, code: string }>
  facts: StationFacts[]
  districtEnterprises: EnterpriseStats
  period: Period
  asOf: string
  generatedAt: string
}): DistrictReport {
  const byStation = new Map(input.facts.map((f) => [f.stationId, f]))
  const rows = input.stations.map((s) => buildRow(s, byStation.get(s.id) || { sums: emptySums(), carriedOver: 0, enterprises: emptyEnterpriseStats() }))
  let sums = emptySums()
  let carriedOver = 0
  for (const r of rows) {
    sums = addSums(sums, r.sums)
    carriedOver += r.carriedOver
  }
  const totals = buildRow({ id: 'total', name: '合计', code: '' }, { sums, carriedOver, enterprises: input.districtEnterprises })
  const missing = rows.filter((r) => !r.reported).map((r) => ({ stationId: r.stationId, stationName: r.stationName }))
  return {
    districtId: input.district.id,
    districtName: input.district.name,
    period: input.period,
    asOf: input.asOf,
    generatedAt: input.generatedAt,
    rows,
    totals,
    completeness: { reported: rows.length - missing.length, expected: rows.length, missing }
  }
}

export type ColumnKind = 'count' | 'fen' | 'rate' | 'days'
export type ReportSection = 'cases' | 'sessions' | 'risks' | 'complaints'

/** One column of the report table and the export. */
export interface ReportColumn {
  key: string
  label: string
  section: ReportSection
  kind: ColumnKind
  value: (row: ReportRow) => number | null
  rate?: (row: ReportRow) => Rate
}

export const SECTION_LABELS: Record<ReportSection, string> = {
  cases: '劳动争议调解',
  sessions: '普法宣传',
  risks: '企业风险体检',
  complaints: '扫码欠薪投诉'
}

const sum = (key: FigureKey) => (r: ReportRow) => r.sums[key]

export const REPORT_COLUMNS: ReportColumn[] = [
  { key: 'carriedOver', label: '上期未结', section: 'cases', kind: 'count', value: (r) => r.carriedOver },
  { key: 'casesAccepted', label: '受理数', section: 'cases', kind: 'count', value: sum('casesAccepted') },
  { key: 'casesCollective', label: '其中集体争议', section: 'cases', kind: 'count', value: sum('casesCollective') },
  { key: 'caseWorkers', label: '涉及人数', section: 'cases', kind: 'count', value: sum('caseWorkers') },
  { key: 'caseClaimedFen', label: '请求金额(元)', section: 'cases', kind: 'fen', value: sum('caseClaimedFen') },
  { key: 'casesClosed', label: '结案数', section: 'cases', kind: 'count', value: sum('casesClosed') },
  { key: 'casesMediated', label: '调解成功数', section: 'cases', kind: 'count', value: sum('casesMediated') },
  { key: 'successRate', label: '调解成功率', section: 'cases', kind: 'rate', value: (r) => r.successRate.value, rate: (r) => r.successRate },
  { key: 'closeRate', label: '结案率', section: 'cases', kind: 'rate', value: (r) => r.closeRate.value, rate: (r) => r.closeRate },
  { key: 'caseAgreedFen', label: '协议金额(元)', section: 'cases', kind: 'fen', value: sum('caseAgreedFen') },
  { key: 'casePaidFen', label: '实际履行金额(元)', section: 'cases', kind: 'fen', value: sum('casePaidFen') },
  { key: 'casesOverdue', label: '超期案件', section: 'cases', kind: 'count', value: sum('casesOverdue') },
  { key: 'avgCloseDays', label: '平均结案天数', section: 'cases', kind: 'days', value: (r) => r.avgCloseDays },
  { key: 'sessions', label: '宣传场次', section: 'sessions', kind: 'count', value: sum('sessions') },
  { key: 'sessionAttendees', label: '参加人次', section: 'sessions', kind: 'count', value: sum('sessionAttendees') },
  { key: 'sessionMaterials', label: '发放资料(份)', section: 'sessions', kind: 'count', value: sum('sessionMaterials') },
  { key: 'sessionEnterprises', label: '覆盖企业', section: 'sessions', kind: 'count', value: sum('sessionEnterprises') },
  { key: 'enterprisesChecked', label: '体检企业数', section: 'risks', kind: 'count', value: (r) => r.enterprises.checked },
  { key: 'enterprisesLow', label: '低风险', section: 'risks', kind: 'count', value: (r) => r.enterprises.low },
  { key: 'enterprisesMedium', label: '中风险', section: 'risks', kind: 'count', value: (r) => r.enterprises.medium },
  { key: 'enterprisesHigh', label: '高风险', section: 'risks', kind: 'count', value: (r) => r.enterprises.high },
  { key: 'hazardsFound', label: '发现欠薪隐患', section: 'risks', kind: 'count', value: sum('hazardsFound') },
  { key: 'hazardsClosed', label: '隐患销号', section: 'risks', kind: 'count', value: sum('hazardsClosed') },
  { key: 'complaintsReceived', label: '收到投诉', section: 'complaints', kind: 'count', value: sum('complaintsReceived') },
  { key: 'complaintsAccepted', label: '受理', section: 'complaints', kind: 'count', value: sum('complaintsAccepted') },
  { key: 'complaintsClosed', label: '办结', section: 'complaints', kind: 'count', value: sum('complaintsClosed') },
  { key: 'complaintWorkers', label: '涉及人数', section: 'complaints', kind: 'count', value: sum('complaintWorkers') },
  { key: 'complaintOwedFen', label: '反映欠薪金额(元)', section: 'complaints', kind: 'fen', value: sum('complaintOwedFen') },
  { key: 'complaintRecoveredFen', label: '追回金额(元)', section: 'complaints', kind: 'fen', value: sum('complaintRecoveredFen') },
  { key: 'complaintsTransferred', label: '转监察/仲裁', section: 'complaints', kind: 'count', value: sum('complaintsTransferred') },
  { key: 'complaintsConverted', label: '转调解案件', section: 'complaints', kind: 'count', value: sum('complaintsConverted') }
]

/** Footnotes printed under the table and in the export. */
export const REPORT_FOOTNOTES = [
  SUCCESS_RATE_FORMULA,
  CLOSE_RATE_FORMULA,
  AVG_DAYS_FORMULA,
  '上期未结 = 统计期开始前已受理且尚未结案的案件数',
  '各项按其自身日期统计：受理数按受理日期，结案数按结案日期，协议金额按调解成功日期，履行金额按履行日期，宣传按活动日期，体检按体检日期，投诉按收到日期',
  '超期案件：自申请之日起15日内未达成调解结果的案件（劳动争议调解仲裁法第十四条），按期满次日统计',
  '扫码投诉转为调解案件的，涉及人数和金额只在案件中统计一次',
  '体检企业数按统一社会信用代码（无代码时按名称）去重，风险等级取期内最近一次体检'
]
