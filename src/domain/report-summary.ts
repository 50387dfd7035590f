/**
 * 生成文字摘要: the district's figures for a period as the paragraph a 区人社局 quotes in its annual 法治政府建设 report.
 * Built from the report's totals only, with the report's own rounding: rates with two decimals, money in 万元 with
 * two decimals, the complaint change against the report's comparison (同比 or 环比).
 */
import { formatWanYuan } from './money'
import { changeText, percentText, DOCUMENT_DECIMALS } from './rates'
import { COMPARE_BASE_LABELS, COMPARE_LABELS, type DistrictReport } from './report'

/** '，同比增长12.50%', '，同比下降3.10%', '，与上年同期持平', '，上年同期无投诉' (no % of nothing); '' without a comparison. */
function changePhrase (report: DistrictReport, current: number, base: number | undefined): string {
  const c = report.comparison
  if (!c || base === undefined) return ''
  if (base === 0) return `，${COMPARE_BASE_LABELS[c.kind]}无投诉`
  const label = COMPARE_LABELS[c.kind]
  if (current === base) return `，与${COMPARE_BASE_LABELS[c.kind]}持平`
  const text = changeText(current, base, DOCUMENT_DECIMALS).replace(/^[+-]/, '')
  return `，${label}${current > base ? '增长' : '下降'}${text}`
}

/** A rate clause, or nothing when its denominator is 0 (a rate of nothing is not 0%). */
function rateClause (label: string, numerator: number, denominator: number): string {
  return denominator > 0 ? `，${label}${percentText(numerator, denominator, DOCUMENT_DECIMALS)}` : ''
}

export function districtParagraph (report: DistrictReport): string {
  const t = report.totals
  const s = t.sums
  const base = report.comparison?.totals.sums
  const cases = `全区${report.completeness.expected}个劳动关系公共服务站点共受理劳动争议调解案件${s.casesAccepted}件（上期结转${t.carriedOver}件），` +
    `结案${s.casesClosed}件${rateClause('结案率', t.closeRate.numerator, t.closeRate.denominator)}，` +
    `其中调解成功${s.casesMediated}件${rateClause('调解成功率', t.successRate.numerator, t.successRate.denominator)}，` +
    `涉及劳动者${s.caseWorkers}人，追讨工资${formatWanYuan(s.caseAgreedFen)}万元`
  const sessions = `开展普法宣传${s.sessions}场次、${s.sessionAttendees}人次`
  const risks = `开展企业劳动关系风险体检${t.enterprises.checked}户，发现高风险企业${t.enterprises.high}户`
  const complaints = `收到扫码欠薪投诉${s.complaintsReceived}件（其中转调解${s.complaintsReceivedConverted}件），` +
    `涉及${s.complaintAllWorkers}人、金额${formatWanYuan(s.complaintAllOwedFen)}万元${changePhrase(report, s.complaintsReceived, base?.complaintsReceived)}`
  return `${report.period.label}，${cases}；${sessions}；${risks}；${complaints}。`
}
