/**
 * The district report as files: an xlsx workbook (exceljs) with one sheet per section (each count and amount beside
 * its comparison and change), the paragraph for the annual report, and one sheet per station broken down by point;
 * and a CSV with a UTF-8 BOM so Excel and WPS read the Chinese. Rates keep their exact value in the cell with a
 * percentage format; every text shows the report's own rounding (half up, two decimals). Only figures: never a
 * worker's personal data.
 */
import {
  COMPARE_BASE_LABELS, COMPARE_LABELS, DOCUMENT_DECIMALS, FILING_LABELS, REPORT_COLUMNS, REPORT_FOOTNOTES, SECTION_LABELS,
  baseValue, beijingDateTime, columnChange, columnText, comparedRow, districtParagraph, isComparable,
  type DistrictReport, type ReportColumn, type ReportRow, type ReportSection
} from '@/domain'

const SECTIONS: ReportSection[] = ['cases', 'sessions', 'risks', 'complaints']

/**
 * Text that a spreadsheet would run as a formula (=, +, -, @, or a tab or carriage return before one) is kept as
 * text by a leading apostrophe (OWASP's CSV-injection advice). Only text cells: numbers stay numbers.
 */
export function neutralizeText (value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
}

/** The name of the sheet holding the paragraph. */
export const SUMMARY_SHEET = '文字摘要'

/** A station's rows by point (站本级 first), for its own sheet. */
export interface StationPoints {
  stationId: string
  rows: ReportRow[]
}

/** A cell value: money in yuan, rates and changes as exact fractions (formatted as %), counts as numbers, blanks as ''. */
function cellValue (col: ReportColumn, row: ReportRow): number | string {
  const r = col.rate?.(row)
  if (r) return r.denominator > 0 ? r.numerator / r.denominator : ''
  const v = col.value(row)
  if (v === null) return ''
  if (col.kind === 'fen') return v / 100
  return v
}

/** The change as an exact fraction for the cell, or '—' when the base is 0. */
function changeValue (col: ReportColumn, row: ReportRow, base: ReportRow | undefined): number | string {
  const b = baseValue(col, base)
  const v = col.value(row)
  return b === null || b === 0 || v === null ? '—' : (v - b) / b
}

const text = (col: ReportColumn, row: ReportRow) => columnText(col, row, { decimals: DOCUMENT_DECIMALS, grouped: false })

/** The lines above every section's table: title, period, when it was made, completeness and its definition, comparison. */
function headLines (report: DistrictReport, title: string): string[] {
  const c = report.completeness
  const lines = [
    title,
    `统计周期：${report.period.label}（${report.period.start} 至 ${report.period.end}，北京时间，数据截至 ${report.asOf}）`,
    `生成时间：${beijingDateTime(report.generatedAt)}；报送站点：${c.reported} / ${c.expected}（有记录 ${c.withRecords}，零报告 ${c.nilReports}，未报送 ${c.missing.length}）` +
      (c.missing.length ? `；未报送：${c.missing.map((m) => m.stationName).join('、')}` : ''),
    c.definition
  ]
  const cmp = report.comparison
  if (cmp) lines.push(`${COMPARE_LABELS[cmp.kind]}：与${COMPARE_BASE_LABELS[cmp.kind]}（${cmp.period.start} 至 ${cmp.asOf}）相比，增减幅度 = (本期 − ${COMPARE_BASE_LABELS[cmp.kind]}) / ${COMPARE_BASE_LABELS[cmp.kind]}`)
  return lines
}

/** Header labels of a section's columns: each compared column is followed by its base and its change. */
function headerLabels (report: DistrictReport, cols: ReportColumn[]): string[] {
  const cmp = report.comparison
  return cols.flatMap((c) => cmp && isComparable(c) ? [c.label, `${c.label}·${COMPARE_BASE_LABELS[cmp.kind]}`, `${c.label}·${COMPARE_LABELS[cmp.kind]}`] : [c.label])
}

export async function reportToXlsx (report: DistrictReport, stations: StationPoints[] = []): Promise<Uint8Array> {
  // Loaded on first export: exceljs takes ~0.4 s to load, which every start-up would otherwise pay.
  const { default: ExcelJS } = await import('exceljs')
  type Sheet = ReturnType<InstanceType<typeof ExcelJS.Workbook>['addWorksheet']>
  const wb = new ExcelJS.Workbook()
  wb.creator = '站点台账'
  wb.created = new Date(report.generatedAt)
  const cmp = report.comparison

  /** Formats the columns from `first` on: money, rates and changes. */
  const formatColumns = (ws: Sheet, cols: ReportColumn[], first: number, compared: boolean) => {
    let i = first
    for (const c of cols) {
      const column = ws.getColumn(i++)
      column.width = Math.max(10, c.label.length * 2 + 2)
      if (c.kind === 'fen') column.numFmt = '#,##0.00'
      if (c.kind === 'rate') column.numFmt = '0.00%'
      if (c.kind === 'days') column.numFmt = '0.0'
      if (compared && isComparable(c)) {
        const base = ws.getColumn(i++)
        base.width = Math.max(12, c.label.length * 2 + 6)
        if (c.kind === 'fen') base.numFmt = '#,##0.00'
        const change = ws.getColumn(i++)
        change.width = Math.max(12, c.label.length * 2 + 4)
        change.numFmt = '+0.00%;-0.00%;0.00%'
      }
    }
  }
  const boldHeader = (row: ReturnType<Sheet['addRow']>) => {
    row.font = { bold: true }
    row.eachCell((cell) => { cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEDEDED' } } })
  }

  for (const section of SECTIONS) {
    const cols = REPORT_COLUMNS.filter((c) => c.section === section)
    const ws = wb.addWorksheet(SECTION_LABELS[section])
    const [title, ...rest] = headLines(report, neutralizeText(`${report.districtName} ${SECTION_LABELS[section]}统计表`))
    ws.addRow([title]).font = { bold: true, size: 14 }
    for (const line of rest) ws.addRow([line])
    boldHeader(ws.addRow(['站点', '站点编码', '报送情况', ...headerLabels(report, cols)]))
    const values = (row: ReportRow) => cols.flatMap((c) => {
      const base = comparedRow(cmp, row)
      if (!cmp || !isComparable(c)) return [cellValue(c, row)]
      return [cellValue(c, row), base ? cellValue(c, base) : '', changeValue(c, row, base)]
    })
    for (const row of report.rows) ws.addRow([neutralizeText(row.stationName), neutralizeText(row.stationCode), row.active ? FILING_LABELS[row.filing] : '停用', ...values(row)])
    ws.addRow(['合计', '', '', ...values(report.totals)]).font = { bold: true }
    formatColumns(ws, cols, 4, !!cmp)
    ws.getColumn(1).width = 22
    ws.getColumn(2).width = 10
    ws.getColumn(3).width = 10
    ws.addRow([])
    ws.addRow(['说明：'])
    for (const note of REPORT_FOOTNOTES) ws.addRow([note])
  }

  const summary = wb.addWorksheet(SUMMARY_SHEET)
  summary.getColumn(1).width = 100
  summary.addRow([neutralizeText(`${report.districtName} ${report.period.label}劳动关系公共服务站点工作情况`)]).font = { bold: true, size: 14 }
  const paragraph = summary.addRow([districtParagraph(report)])
  paragraph.alignment = { wrapText: true, vertical: 'top' }
  paragraph.height = 150
  summary.addRow([`（据 ${report.period.start} 至 ${report.asOf} 各站点台账数据生成，生成时间 ${beijingDateTime(report.generatedAt)}）`])

  const usedNames = new Set(wb.worksheets.map((w) => w.name))
  for (const s of stations) {
    const station = report.rows.find((r) => r.stationId === s.stationId)
    if (!station) continue
    const ws = wb.addWorksheet(sheetName(station.stationName, usedNames))
    ws.addRow([neutralizeText(`${station.stationName} 分服务点统计表`)]).font = { bold: true, size: 14 }
    ws.addRow([`统计周期：${report.period.label}（${report.period.start} 至 ${report.period.end}，数据截至 ${report.asOf}）；站本级为站点自身登记、未归属服务点的事项`])
    boldHeader(ws.addRow(['服务点', ...REPORT_COLUMNS.map((c) => `${SECTION_LABELS[c.section]}·${c.label}`)]))
    for (const row of s.rows) ws.addRow([neutralizeText(row.stationName), ...REPORT_COLUMNS.map((c) => cellValue(c, row))])
    ws.addRow(['全站合计', ...REPORT_COLUMNS.map((c) => cellValue(c, station))]).font = { bold: true }
    formatColumns(ws, REPORT_COLUMNS, 2, false)
    ws.getColumn(1).width = 22
    ws.addRow([])
    ws.addRow(['说明：体检企业数在各服务点内去重，全站合计按全站去重，故不一定等于各行之和。'])
  }
  const buffer = await wb.xlsx.writeBuffer()
  return new Uint8Array(buffer as ArrayBuffer)
}

/** A worksheet name from a station name: at most 31 characters, none of []:*?/\, unique in the workbook. */
function sheetName (stationName: string, used: Set<string>): string {
  const base = stationName.replace('劳动关系公共服务站', '站').replace(/[[\]:*?/\\]/g, '').slice(0, 28) || '站点'
  let name = base
  for (let i = 2; used.has(name); i++) name = `${base}${i}`
  used.add(name)
  return name
}

function csvCell (value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value
}

export function reportToCsv (report: DistrictReport): Uint8Array {
  const cmp = report.comparison
  const [title, ...head] = headLines(report, neutralizeText(`${report.districtName} 劳动关系公共服务站点工作报表`))
  const labels = REPORT_COLUMNS.flatMap((c) => headerLabels(report, [c]).map((l) => `${SECTION_LABELS[c.section]}-${l}`))
  const values = (row: ReportRow) => REPORT_COLUMNS.flatMap((c) => {
    if (!cmp || !isComparable(c)) return [text(c, row)]
    const base = comparedRow(cmp, row)
    return [text(c, row), base ? text(c, base) : '', columnChange(c, row, base, DOCUMENT_DECIMALS)]
  })
  const lines: string[][] = [[title], ...head.map((l) => [l]), ['站点', '站点编码', '报送情况', ...labels]]
  for (const row of report.rows) lines.push([neutralizeText(row.stationName), neutralizeText(row.stationCode), row.active ? FILING_LABELS[row.filing] : '停用', ...values(row)])
  lines.push(['合计', '', '', ...values(report.totals)])
  lines.push([])
  for (const note of REPORT_FOOTNOTES) lines.push([note])
  lines.push([])
  lines.push([`${SUMMARY_SHEET}：${districtParagraph(report)}`])
  const body = '\uFEFF' + lines.map((l) => l.map(csvCell).join(',')).join('\r\n') + '\r\n'
  return new TextEncoder().encode(body)
}
