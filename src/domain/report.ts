/**
 * The district report: per-station figures for a period, rates with their formulas, totals and completeness.
 * Stores supply the sums (see figures.ts) and enterprise counts; this module turns them into the report,
 * so the definitions live in one place for the page, the export and both storage adapters.
 */
import { emptySums, addSums, type FigureKey, type FigureSums } from './figures'
import type { CompareKind, Period } from './period'
import { formatFen } from './money'
import { changeText, percentText, rate, roundedQuotient, scaledText, type Rate } from './rates'

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

/** The same facts for one point (村/社区点) of a station, or for 站本级 (pointId null: the station less its points). */
export interface PointFacts extends StationFacts {
  pointId: string | null
}

/** How a station stands on completeness in a period. */
export type FilingState = 'records' | 'nil' | 'missing'

export const FILING_LABELS: Record<FilingState, string> = { records: '有记录', nil: '零报告', missing: '未报送' }

/** The completeness rule, printed under the completeness line of the page and the export. */
export const COMPLETENESS_DEFINITION = '报送口径：站点任一记录的任一事项（登记、修改、各流程步骤、案件中的每次调解、履行、隐患销号、投诉的受理转办办结等）' +
  '日期在本期内的，为“有记录”；本期没有任何事项、但报送了零报告的，为“零报告”（之后补录了本期记录的，零报告自动撤回）；其余为“未报送”。应报站点为启用中的站点。'

export interface ReportRow {
  stationId: string
  stationName: string
  stationCode: string
  /** Stopped stations are listed but not expected to report. */
  active: boolean
  carriedOver: number
  sums: FigureSums
  enterprises: EnterpriseStats
  successRate: Rate
  closeRate: Rate
  /** Mean days from application to 结案 over cases closed in the period, rounded half up to 0.1; null when none closed. */
  avgCloseDays: number | null
  /** 有记录 when any event of any record is dated in the period; else 零报告 when a nil report covers it; else 未报送. */
  filing: FilingState
  /** filing !== 'missing'. */
  reported: boolean
}

export interface Completeness {
  /** Active stations with records or a nil report. */
  reported: number
  /** Active stations. */
  expected: number
  withRecords: number
  nilReports: number
  /** Nil reports the station's own later records withdrew. */
  nilWithdrawn: number
  missing: Array<{ stationId: string, stationName: string }>
  definition: string
}

export const COMPARE_LABELS: Record<CompareKind, string> = { yoy: '同比', mom: '环比' }
export const COMPARE_BASE_LABELS: Record<CompareKind, string> = { yoy: '上年同期', mom: '上期' }

/** The figures a report is compared with, row for row. */
export interface Comparison {
  kind: CompareKind
  period: Period
  asOf: string
  rows: ReportRow[]
  totals: ReportRow
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
  completeness: Completeness
  comparison?: Comparison
}

export const SUCCESS_RATE_FORMULA = '调解成功率 = 调解成功数 / 结案数'
export const CLOSE_RATE_FORMULA = '结案率 = 结案数 / (上期未结 + 受理数)'
export const AVG_DAYS_FORMULA = '平均结案天数 = 结案案件自申请至结案天数之和 / 结案数'

export function emptyEnterpriseStats (): EnterpriseStats {
  return { checked: 0, low: 0, medium: 0, high: 0 }
}

/** A station as the report names it. */
export interface ReportStation {
  id: string
  name: string
  code: string
  /** Absent means active. */
  active?: boolean
}

export function filingOf (sums: Pick<FigureSums, 'activity' | 'nilReports'>): FilingState {
  if (sums.activity > 0) return 'records'
  return sums.nilReports > 0 ? 'nil' : 'missing'
}

export function buildRow (station: ReportStation, facts: Omit<StationFacts, 'stationId'>): ReportRow {
  const { sums, carriedOver, enterprises } = facts
  const filing = filingOf(sums)
  return {
    stationId: station.id,
    stationName: station.name,
    stationCode: station.code,
    active: station.active !== false,
    carriedOver,
    sums,
    enterprises,
    successRate: rate(sums.casesMediated, sums.casesClosed, SUCCESS_RATE_FORMULA),
    closeRate: rate(sums.casesClosed, carriedOver + sums.casesAccepted, CLOSE_RATE_FORMULA),
    avgCloseDays: sums.casesClosed > 0 ? roundedQuotient(sums.caseCloseDays, sums.casesClosed, 1) / 10 : null,
    filing,
    reported: filing !== 'missing'
  }
}

/** The facts of a station (or point) with nothing at all. */
export function emptyFacts (): Omit<StationFacts, 'stationId'> {
  return { sums: emptySums(), carriedOver: 0, enterprises: emptyEnterpriseStats() }
}

/** Station rows and the totals row (enterprises in the totals are distinct across the district). */
export function buildRows (stations: ReportStation[], facts: StationFacts[], districtEnterprises: EnterpriseStats): { rows: ReportRow[], totals: ReportRow } {
  const byStation = new Map(facts.map((f) => [f.stationId, f]))
  const rows = stations.map((s) => buildRow(s, byStation.get(s.id) || emptyFacts()))
  let sums = emptySums()
  let carriedOver = 0
  for (const r of rows) {
    sums = addSums(sums, r.sums)
    carriedOver += r.carriedOver
  }
  return { rows, totals: buildRow({ id: 'total', name: '合计', code: '' }, { sums, carriedOver, enterprises: districtEnterprises }) }
}

export function completenessOf (rows: ReportRow[]): Completeness {
  const expected = rows.filter((r) => r.active)
  const missing = expected.filter((r) => r.filing === 'missing').map((r) => ({ stationId: r.stationId, stationName: r.stationName }))
  return {
    reported: expected.length - missing.length,
    expected: expected.length,
    withRecords: expected.filter((r) => r.filing === 'records').length,
    nilReports: expected.filter((r) => r.filing === 'nil').length,
    nilWithdrawn: expected.filter((r) => r.filing === 'records' && r.sums.nilReports > 0).length,
    missing,
    definition: COMPLETENESS_DEFINITION
  }
}

/**
 * Assembles the report. `districtEnterprises` are distinct across the district (an enterprise checked by two stations
 * counts once in the totals). `comparison` brings the facts of the period compared with (同比 or 环比).
 */
export function buildDistrictReport (input: {
  district: { id: string, name: string }
  stations: ReportStation[]
  facts: StationFacts[]
  districtEnterprises: EnterpriseStats
  period: Period
  asOf: string
  generatedAt: string
  comparison?: { kind: CompareKind, period: Period, asOf: string, facts: StationFacts[], districtEnterprises: EnterpriseStats }
}): DistrictReport {
  const { rows, totals } = buildRows(input.stations, input.facts, input.districtEnterprises)
  const c = input.comparison
  return {
    districtId: input.district.id,
    districtName: input.district.name,
    period: input.period,
    asOf: input.asOf,
    generatedAt: input.generatedAt,
    rows,
    totals,
    completeness: completenessOf(rows),
    ...(c ? { comparison: { kind: c.kind, period: c.period, asOf: c.asOf, ...buildRows(input.stations, c.facts, c.districtEnterprises) } } : {})
  }
}

/** The row a comparison holds for a row of the report (by station id; the totals row by 'total'). */
export function comparedRow (comparison: Comparison | undefined, row: ReportRow): ReportRow | undefined {
  if (!comparison) return undefined
  return row.stationId === 'total' ? comparison.totals : comparison.rows.find((r) => r.stationId === row.stationId)
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
  { key: 'complaintsReceivedConverted', label: '其中转调解', section: 'complaints', kind: 'count', value: sum('complaintsReceivedConverted') },
  { key: 'complaintAllWorkers', label: '投诉涉及人数', section: 'complaints', kind: 'count', value: sum('complaintAllWorkers') },
  { key: 'complaintAllOwedFen', label: '投诉反映金额(元)', section: 'complaints', kind: 'fen', value: sum('complaintAllOwedFen') },
  { key: 'complaintsAccepted', label: '受理', section: 'complaints', kind: 'count', value: sum('complaintsAccepted') },
  { key: 'complaintsClosed', label: '办结', section: 'complaints', kind: 'count', value: sum('complaintsClosed') },
  { key: 'complaintWorkers', label: '未转调解涉及人数', section: 'complaints', kind: 'count', value: sum('complaintWorkers') },
  { key: 'complaintOwedFen', label: '未转调解欠薪金额(元)', section: 'complaints', kind: 'fen', value: sum('complaintOwedFen') },
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
  '投诉涉及人数、投诉反映金额按收到的全部投诉统计（区人社局口径），其中转调解为本期收到、已转为调解案件的投诉；与案件合计时，转调解投诉的人数和金额只在案件中统计一次（见未转调解涉及人数、未转调解欠薪金额）',
  '体检企业数按统一社会信用代码（无代码时按名称）去重，风险等级取期内最近一次体检',
  '比率和增减幅度由整数精确计算后四舍五入；同比为与上年同期相比，环比为与上一个同样长度的期间相比，基数为0时不计（—）'
]

/** Counts and amounts are compared with the base period; rates and average days are not. */
export function isComparable (col: ReportColumn): boolean {
  return col.kind === 'count' || col.kind === 'fen'
}

/** The base period's value of a column for a row, or null when there is no comparison or the column is not compared. */
export function baseValue (col: ReportColumn, base: ReportRow | undefined): number | null {
  return base && isComparable(col) ? col.value(base) : null
}

/**
 * A column's value as text, the same wherever it is printed: counts as they are, money in yuan with two decimals
 * (with thousands separators when `grouped`), rates as a percentage with `decimals` rounded half up, days with one
 * decimal; '—' where there is no value.
 */
export function columnText (col: ReportColumn, row: ReportRow, opts: { decimals: number, grouped: boolean }): string {
  const r = col.rate?.(row)
  if (r) return percentText(r.numerator, r.denominator, opts.decimals)
  const v = col.value(row)
  if (v === null) return '—'
  if (col.kind === 'fen') return opts.grouped ? formatFen(v) : scaledText(v, 2)
  if (col.kind === 'days') return v.toFixed(1)
  return String(v)
}

/** The change of a compared column against its base row in %, rounded half up; '—' when the base is 0 or missing. */
export function columnChange (col: ReportColumn, row: ReportRow, base: ReportRow | undefined, decimals: number): string {
  const b = baseValue(col, base)
  const v = col.value(row)
  return b === null || v === null ? '—' : changeText(v, b, decimals)
}

/** The name 站本级 goes by: what a station does itself, beyond its points. */
export const STATION_OWN_LABEL = '站本级'

/**
 * A station's figures by point: 站本级 first, then each of its points in its own order (zeros where a point has none),
 * then any point no longer listed that still has figures. Each row's id is its point id ('' for 站本级).
 */
export function buildPointRows (station: { id: string, points: Array<{ id: string, name: string }> }, facts: PointFacts[]): ReportRow[] {
  const own = facts.filter((f) => f.stationId === station.id)
  const byPoint = new Map(own.map((f) => [f.pointId ?? '', f]))
  const listed = [{ id: '', name: STATION_OWN_LABEL }, ...station.points]
  const unlisted = own.filter((f) => f.pointId && !station.points.some((p) => p.id === f.pointId)).map((f) => ({ id: f.pointId as string, name: `服务点（${f.pointId}）` }))
  return [...listed, ...unlisted].map((p) => buildRow({ id: p.id, name: p.name, code: '' }, byPoint.get(p.id) || emptyFacts()))
}
