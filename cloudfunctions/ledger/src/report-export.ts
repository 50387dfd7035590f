/**
 * The district report as files: an xlsx workbook (exceljs) with one sheet per section, a totals row, the formulas as
 * footnotes, the period and the time it was made; and a CSV with a UTF-8 BOM so Excel and WPS read the Chinese.
 * Only figures: never a worker's personal data.
 */
import {
  REPORT_COLUMNS, REPORT_FOOTNOTES, SECTION_LABELS, beijingDateTime, type DistrictReport, type ReportColumn, type ReportRow, type ReportSection
} from '@/domain'

const SECTIONS: ReportSection[] = ['cases', 'sessions', 'risks', 'complaints']

/**
 * Text that a spreadsheet would run as a formula (=, +, -, @, or a tab or carriage return before one) is kept as
 * text by a leading apostrophe (OWASP's CSV-injection advice). Only text cells: numbers stay numbers.
 */
export function neutralizeText (value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
}

/** A cell value: money in yuan (2 decimals), rates as fractions formatted as %, counts as numbers, blanks as ''. */
function cellValue (col: ReportColumn, row: ReportRow): number | string {
  const v = col.value(row)
  if (v === null) return ''
  if (col.kind === 'fen') return Math.round(v) / 100
  return v
}

function textValue (col: ReportColumn, row: ReportRow): string {
  const v = col.value(row)
  if (v === null) return ''
  if (col.kind === 'fen') return (v / 100).toFixed(2)
  if (col.kind === 'rate') return `${(v * 100).toFixed(1)}%`
  return String(v)
}

export async function reportToXlsx (report: DistrictReport): Promise<Uint8Array> {
  // Loaded on first export: exceljs takes ~0.4 s to load, which every start-up would otherwise pay.
  const { default: ExcelJS } = await import('exceljs')
  const wb = new ExcelJS.Workbook()
  wb.creator = '站点台账'
  wb.created = new Date(report.generatedAt)
  for (const section of SECTIONS) {
    const cols = REPORT_COLUMNS.filter((c) => c.section === section)
    const ws = wb.addWorksheet(SECTION_LABELS[section])
    ws.addRow([neutralizeText(`${report.districtName} ${SECTION_LABELS[section]}统计表`)]).font = { bold: true, size: 14 }
    ws.addRow([`统计周期：${report.period.label}（${report.period.start} 至 ${report.period.end}，北京时间，数据截至 ${report.asOf}）`])
    ws.addRow([`生成时间：${beijingDateTime(report.generatedAt)}，报送站点：${report.completeness.reported} / ${report.completeness.expected}`])
    const header = ws.addRow(['站点', '站点编码', ...cols.map((c) => c.label)])
    header.font = { bold: true }
    header.eachCell((cell) => { cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEDEDED' } } })
    for (const row of report.rows) ws.addRow([neutralizeText(row.stationName), neutralizeText(row.stationCode), ...cols.map((c) => cellValue(c, row))])
    const totals = ws.addRow(['合计', '', ...cols.map((c) => cellValue(c, report.totals))])
    totals.font = { bold: true }
    cols.forEach((c, i) => {
      const column = ws.getColumn(i + 3)
      column.width = Math.max(10, c.label.length * 2 + 2)
      if (c.kind === 'fen') column.numFmt = '#,##0.00'
      if (c.kind === 'rate') column.numFmt = '0.0%'
    })
    ws.getColumn(1).width = 22
    ws.getColumn(2).width = 10
    ws.addRow([])
    ws.addRow(['说明：'])
    for (const note of REPORT_FOOTNOTES) ws.addRow([note])
  }
  const buffer = await wb.xlsx.writeBuffer()
  return new Uint8Array(buffer as ArrayBuffer)
}

function csvCell (value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value
}

export function reportToCsv (report: DistrictReport): Uint8Array {
  const lines: string[][] = [
    [neutralizeText(`${report.districtName} 劳动关系公共服务站点工作报表`)],
    [`统计周期：${report.period.label}（${report.period.start} 至 ${report.period.end}）`, `生成时间：${beijingDateTime(report.generatedAt)}`],
    ['站点', '站点编码', ...REPORT_COLUMNS.map((c) => `${SECTION_LABELS[c.section]}-${c.label}`)]
  ]
  for (const row of report.rows) lines.push([neutralizeText(row.stationName), neutralizeText(row.stationCode), ...REPORT_COLUMNS.map((c) => textValue(c, row))])
  lines.push(['合计', '', ...REPORT_COLUMNS.map((c) => textValue(c, report.totals))])
  lines.push([])
  for (const note of REPORT_FOOTNOTES) lines.push([note])
  const text = '\uFEFF' + lines.map((l) => l.map(csvCell).join(',')).join('\r\n') + '\r\n'
  return new TextEncoder().encode(text)
}
