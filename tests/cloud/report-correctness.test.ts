/**
 * The district report against DOMAIN.md's definitions, written out in tests/support/report-model.ts in the test's own
 * words, on both storage adapters. The district (tests/support/report-world.ts) is written day by day through the
 * handlers: a generated year sent and then edited as its cases move on, edits that move a figure to another month and
 * point, one kind of event as each month's only activity, nil reports (one withdrawn by later records), the 15-day
 * clock at its boundary, and stations whose success rates fall exactly half-way (41/80, 23/80, 51/80).
 * Every station's row must exist; a missing row fails, it never passes as zeros.
 */
import ExcelJS from 'exceljs'
import {
  REPORT_COLUMNS, TABLE_DECIMALS, columnText, districtParagraph,
  type DistrictReport, type ReportRow
} from '@/domain'
import { complaintForm } from '../support/fixtures'
import { Ledger, PEOPLE, STATION_B, seedOrg } from '../support/ledger-harness'
import { TODAY, changeOf, expectedRow, expectedTotals, percentOf, wanOf } from '../support/report-model'
import { ACTIVE_D_STATIONS, DISTRICT_D_STATIONS, buildReportWorld, mediatorOf, type ReportWorld } from '../support/report-world'
import { STORES } from '../support/stores'

const STAFF = PEOPLE.staffD.identityId
const pad = (n: number) => String(n).padStart(2, '0')
const monthEnd = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10)

/** [what the client sends, first day, last day] */
const PERIODS: Array<[Record<string, unknown>, string, string]> = [
  ...Array.from({ length: 11 }, (_, i) => [{ kind: 'month', year: 2026, month: i + 1 }, `2026-${pad(i + 1)}-01`, monthEnd(2026, i + 1)] as [Record<string, unknown>, string, string]),
  [{ kind: 'month', year: 2025, month: 11 }, '2025-11-01', '2025-11-30'],
  [{ kind: 'month', year: 2025, month: 12 }, '2025-12-01', '2025-12-31'],
  [{ kind: 'quarter', year: 2026, quarter: 1 }, '2026-01-01', '2026-03-31'],
  [{ kind: 'year', year: 2026 }, '2026-01-01', '2026-12-31'],
  [{ kind: 'ytd', year: 2026, month: 11 }, '2026-01-01', '2026-11-30'],
  [{ kind: 'custom', start: '2026-02-14', end: '2026-06-30' }, '2026-02-14', '2026-06-30']
]

/** The row of a station; throws when the report has none, so no check can pass on a missing row. */
function rowOf (rows: ReportRow[], id: string): ReportRow {
  const row = rows.find((r) => r.stationId === id)
  if (!row) throw new Error(`no row for ${id} among ${rows.map((r) => r.stationId).join(', ')}`)
  return row
}

/** CSV text → rows of cells (the export quotes cells holding commas, quotes or line breaks). */
function parseCsv (bytes: ArrayBuffer): string[][] {
  const text = new TextDecoder().decode(new Uint8Array(bytes)).replace(/^\uFEFF/, '')
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i++ } else if (ch === '"') quoted = false
      else cell += ch
    } else if (ch === '"') quoted = true
    else if (ch === ',') { row.push(cell); cell = '' } else if (ch === '\n') { row.push(cell.replace(/\r$/, '')); rows.push(row); row = []; cell = '' } else cell += ch
  }
  return rows
}

describe.each(STORES)('district report on $name', ({ make }) => {
  let w: ReportWorld
  const report = (period: Record<string, unknown>, compare: 'yoy' | 'mom' = 'yoy') => w.ledger.ok<DistrictReport>('districtReport', { period, compare }, STAFF)
  const exported = async (period: Record<string, unknown>, format: 'csv' | 'xlsx', compare: 'yoy' | 'mom' = 'yoy') => {
    const file = await w.ledger.ok<{ base64: string }>('exportReport', { period, format, compare }, STAFF)
    const bytes = Buffer.from(file.base64, 'base64')
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)
  }

  beforeAll(async () => { w = await buildReportWorld(make) }, 240_000)
  afterAll(() => w?.close())

  it.each(PERIODS)('every station and every figure for %j follow DOMAIN.md', async (period, start, end) => {
    const r = await report(period)
    expect(r.rows.map((x) => x.stationId)).toEqual(DISTRICT_D_STATIONS)
    for (const id of DISTRICT_D_STATIONS) {
      const row = rowOf(r.rows, id)
      const want = expectedRow(w.world, id, start, end)
      expect({ id, ...row.sums }).toMatchObject({ id, ...want.figures })
      expect({ id, carriedOver: row.carriedOver, enterprises: row.enterprises, filing: row.filing })
        .toEqual({ id, carriedOver: want.carriedOver, enterprises: want.enterprises, filing: want.filing })
      expect(row.successRate).toMatchObject({ numerator: want.figures.casesMediated, denominator: want.figures.casesClosed, text: `${want.figures.casesMediated} / ${want.figures.casesClosed} = ${percentOf(want.figures.casesMediated, want.figures.casesClosed, 2)}` })
      expect(row.closeRate).toMatchObject({ numerator: want.figures.casesClosed, denominator: want.carriedOver + want.figures.casesAccepted })
    }
    const totals = expectedTotals(w.world, DISTRICT_D_STATIONS, start, end)
    const { carriedOver, ...flows } = totals
    expect(r.totals.sums).toMatchObject(flows)
    expect(r.totals.carriedOver).toBe(carriedOver)
    // Completeness over the active stations: which ones have records, a nil report, or nothing.
    const states = ACTIVE_D_STATIONS.map((id) => [id, expectedRow(w.world, id, start, end).filing] as const)
    expect(r.completeness).toMatchObject({
      expected: ACTIVE_D_STATIONS.length,
      reported: states.filter(([, s]) => s !== 'missing').length,
      withRecords: states.filter(([, s]) => s === 'records').length,
      nilReports: states.filter(([, s]) => s === 'nil').length
    })
    expect(r.completeness.missing.map((m) => m.stationId)).toEqual(states.filter(([, s]) => s === 'missing').map(([id]) => id))
  })

  it('pins the 15-day clock by hand: an outcome on day 15 is in time, on day 16 overdue', async () => {
    const march = rowOf((await report({ kind: 'month', year: 2026, month: 3 })).rows, 'st-clk')
    // Day-16 failure (counted 17 March) and the undecided case (counted 26 March); not the day-15 agreement, not the rejection.
    expect(march.sums.casesOverdue).toBe(2)
    expect(march.sums.casesReceived).toBe(4)
    expect(march.sums.casesAccepted).toBe(3)
    const year = rowOf((await report({ kind: 'year', year: 2026 })).rows, 'st-clk')
    expect(year.sums.casesOverdue).toBe(2)
    const byDay = await report({ kind: 'custom', start: '2026-03-17', end: '2026-03-17' })
    expect(rowOf(byDay.rows, 'st-clk').sums.casesOverdue).toBe(1)
    const dayBefore = await report({ kind: 'custom', start: '2026-03-01', end: '2026-03-16' })
    expect(rowOf(dayBefore.rows, 'st-clk').sums.casesOverdue).toBe(0)
  })

  it('counts any event as activity: each month of 戊 has one kind only and is 有记录, August is 未报送, September 零报告', async () => {
    const filing: Record<string, string> = {}
    const oldActivity: Record<string, number> = {}
    for (const [y, m] of [[2025, 11], [2025, 12], [2026, 1], [2026, 2], [2026, 3], [2026, 4], [2026, 5], [2026, 6], [2026, 7], [2026, 8], [2026, 9], [2026, 10], [2026, 11]]) {
      const row = rowOf((await report({ kind: 'month', year: y, month: m })).rows, 'st-e1')
      filing[`${y}-${pad(m)}`] = row.filing
      const s = row.sums
      // What "reported" used to look at: received, accepted or closed a case, a session, a check, a complaint received or closed.
      oldActivity[`${y}-${pad(m)}`] = s.casesReceived + s.casesAccepted + s.casesClosed + s.sessions + s.riskChecks + s.complaintsReceived + s.complaintsClosed
    }
    expect(filing).toEqual({
      '2025-11': 'records', // the session of 30 October reached the server on 3 November: its creation
      '2025-12': 'records',
      '2026-01': 'records', // a mediation session inside the case
      '2026-02': 'records', // 调解成功 without 结案
      '2026-03': 'records', // a payment
      '2026-04': 'records', // a hazard closed (销号)
      '2026-05': 'records', // a complaint accepted
      '2026-06': 'records', // a complaint transferred
      '2026-07': 'records', // an edit and nothing else
      '2026-08': 'missing',
      '2026-09': 'nil',
      '2026-10': 'records', // a nil report, withdrawn by a session of 3 October that arrived on the 25th
      '2026-11': 'records'
    })
    for (const month of ['2025-11', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07']) expect([month, oldActivity[month]]).toEqual([month, 0])
  })

  it('shows nil reports in completeness, withdraws one when records for its month arrive, and keeps one per station and month', async () => {
    const sep = await report({ kind: 'month', year: 2026, month: 9 })
    expect(rowOf(sep.rows, 'st-e1')).toMatchObject({ filing: 'nil', reported: true })
    expect(sep.completeness.missing.map((m) => m.stationId)).not.toContain('st-e1')
    expect(sep.completeness.missing.map((m) => m.stationId)).toContain('st-b')
    const oct = await report({ kind: 'month', year: 2026, month: 10 })
    expect(rowOf(oct.rows, 'st-e1').filing).toBe('records')
    expect(oct.completeness.nilWithdrawn).toBe(1)
    expect(oct.completeness.definition).toContain('零报告自动撤回')
    // The quarter holding both months: the station has records.
    expect(rowOf((await report({ kind: 'quarter', year: 2026, quarter: 3 })).rows, 'st-e1').filing).toBe('records')

    const me = mediatorOf('st-e1')
    const send = (record: Record<string, unknown>) => w.ledger.ok<{ results: Array<{ result: string, error?: { code: string } }> }>('syncRecords', { records: [record] }, me)
    // Sent again (another phone): a duplicate, still one.
    expect((await send({ id: w.ids.nilSeptember, type: 'nilReport', stationId: 'st-e1', payload: { month: '2026-09' } })).results[0].result).toBe('duplicate')
    // A second nil report for the month under another id, one for a month not yet begun, one for another station: refused.
    const other = await send({ id: '0190a0b0-0000-7000-8000-00000000abcd', type: 'nilReport', stationId: 'st-e1', payload: { month: '2026-09' } })
    expect(other.results[0]).toMatchObject({ result: 'invalid', error: { code: 'VALIDATION_FAILED' } })
    const future = await send({ id: w.ids.nilOctober.replace(/.$/, '0'), type: 'nilReport', stationId: 'st-e1', payload: { month: '2026-12' } })
    expect(future.results[0].result).toBe('invalid')
    const foreign = await w.ledger.ok<{ results: Array<{ result: string }> }>('syncRecords', { records: [{ id: w.ids.nilSeptember, type: 'nilReport', stationId: 'st-e1', payload: { month: '2026-09' } }] }, mediatorOf('st-clk'))
    expect(foreign.results[0].result).toBe('forbidden')
    expect(rowOf((await report({ kind: 'month', year: 2026, month: 9 })).rows, 'st-e1').sums.nilReports).toBe(1)
  })

  it('moves a figure with the edit that moves its date or point, and keeps the day of the first write as an event', async () => {
    const month = async (m: number) => w.ledger.ok<{ row: ReportRow, points: ReportRow[] }>('stationSummary', { stationId: 'st-e2', period: { kind: 'month', year: 2026, month: m }, byPoint: true }, STAFF)
    const [apr, may, jun, jul] = [await month(4), await month(5), await month(6), await month(7)]
    expect([apr.row.sums.sessions, may.row.sums.sessions, may.row.sums.sessionMaterials]).toEqual([0, 1, 100])
    expect(apr.row.filing).toBe('records') // written on 28 April, before the edit moved its date
    expect(may.points.map((p) => [p.stationName, p.sums.sessions])).toEqual([['站本级', 0], ['己村服务点', 1]])
    expect(apr.points.map((p) => p.sums.sessions)).toEqual([0, 0])
    expect([jun.row.sums.casesReceived, jul.row.sums.casesReceived, jul.row.sums.casesAccepted]).toEqual([0, 1, 1])
    expect(jun.row.filing).toBe('records')
    // Received 1 July after the correction, no outcome: overdue on the 16th day, 17 July.
    expect([jun.row.sums.casesOverdue, jul.row.sums.casesOverdue]).toEqual([0, 1])
    // Steps made offline count in the month they happened, not the month they were sent: a 销号 in August, a session
    // inside a case in September, both sent on 3 October, each its month's only event.
    const [aug, sep] = [await month(8), await month(9)]
    expect([aug.row.filing, aug.row.sums.hazardsClosed, sep.row.filing]).toEqual(['records', 1, 'records'])
    const { sessions, casesReceived, casesAccepted, casesClosed, riskChecks } = sep.row.sums
    expect([sessions, casesReceived, casesAccepted, casesClosed, riskChecks]).toEqual([0, 0, 0, 0, 0])
  })

  it('breaks a station down by point and 站本级, adding up to the station', async () => {
    const summary = await w.ledger.ok<{ row: ReportRow, points: ReportRow[] }>('stationSummary', { stationId: 'st-a', period: { kind: 'year', year: 2026 }, byPoint: true }, STAFF)
    expect(summary.points.map((p) => p.stationName)).toEqual(['站本级', '甲社区服务点'])
    const [own, point] = summary.points
    const wantOwn = expectedRow(w.world, 'st-a', '2026-01-01', '2026-12-31', null)
    const wantPoint = expectedRow(w.world, 'st-a', '2026-01-01', '2026-12-31', 'st-a-p1')
    expect(own.sums).toMatchObject(wantOwn.figures)
    expect(point.sums).toMatchObject(wantPoint.figures)
    expect([own.carriedOver, point.carriedOver]).toEqual([wantOwn.carriedOver, wantPoint.carriedOver])
    expect([own.enterprises, point.enterprises]).toEqual([wantOwn.enterprises, wantPoint.enterprises])
    expect(point.sums.casesAccepted).toBeGreaterThan(0)
    for (const key of Object.keys(wantOwn.figures) as Array<keyof ReportRow['sums']>) expect([key, own.sums[key] + point.sums[key]]).toEqual([key, summary.row.sums[key]])
    // The export has a sheet per station with its points.
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(await exported({ kind: 'year', year: 2026 }, 'xlsx'))
    const sheet = wb.getWorksheet('甲街道站')
    if (!sheet) throw new Error(`no sheet for station 甲 among ${wb.worksheets.map((s) => s.name).join(', ')}`)
    const names = sheet.getColumn(1).values.slice(1)
    expect(names).toEqual(expect.arrayContaining(['站本级', '甲社区服务点', '全站合计']))
    const accepted = REPORT_COLUMNS.findIndex((c) => c.key === 'casesAccepted') + 2
    const rowNamed = (name: string) => sheet.getRow(names.indexOf(name) + 1)
    expect([rowNamed('站本级').getCell(accepted).value, rowNamed('甲社区服务点').getCell(accepted).value, rowNamed('全站合计').getCell(accepted).value])
      .toEqual([wantOwn.figures.casesAccepted, wantPoint.figures.casesAccepted, summary.row.sums.casesAccepted])
  })

  it('rounds half up from integers the same way in the table, the formula, the CSV, the xlsx and the station summary', async () => {
    const period = { kind: 'month', year: 2026, month: 3 }
    const r = await report(period)
    const success = REPORT_COLUMNS.find((c) => c.key === 'successRate')
    if (!success) throw new Error('no success-rate column')
    const cases: Array<[string, number, string, string]> = [['st-r41', 41, '51.25%', '51.3%'], ['st-r23', 23, '28.75%', '28.8%'], ['st-r51', 51, '63.75%', '63.8%']]
    const csv = parseCsv(await exported(period, 'csv'))
    const header = csv.find((l) => l[0] === '站点') || []
    const csvColumn = header.indexOf('劳动争议调解-调解成功率')
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(await exported(period, 'xlsx'))
    const sheet = wb.getWorksheet('劳动争议调解')
    if (!sheet) throw new Error('no cases sheet')
    const xlsxHeader = (sheet.getRow(6).values as unknown[]).slice(1)
    const xlsxColumn = xlsxHeader.indexOf('调解成功率') + 1
    for (const [id, mediated, two, one] of cases) {
      const row = rowOf(r.rows, id)
      expect(row.successRate.text).toBe(`${mediated} / 80 = ${two}`)
      expect(columnText(success, row, { decimals: TABLE_DECIMALS, grouped: true })).toBe(one)
      expect(csv.find((l) => l[0] === row.stationName)?.[csvColumn]).toBe(two)
      const xlsxRow = sheet.getColumn(1).values.indexOf(row.stationName)
      const cell = sheet.getRow(xlsxRow).getCell(xlsxColumn)
      expect(cell.value).toBe(mediated / 80)
      expect(cell.numFmt).toBe('0.00%')
      const summary = await w.ledger.ok<{ row: ReportRow }>('stationSummary', { stationId: id, period }, mediatorOf(id))
      expect(summary.row.successRate.text).toBe(row.successRate.text)
    }
  })

  it('compares with the same period a year earlier, across a year boundary, and prints — against a zero', async () => {
    // November 2026 read on the 20th: compared with 1–20 November 2025.
    const nov = await report({ kind: 'month', year: 2026, month: 11 })
    expect(nov.comparison).toMatchObject({ kind: 'yoy', period: { start: '2025-11-01', end: '2025-11-30' }, asOf: '2025-11-20' })
    const a = rowOf(nov.comparison?.rows || [], 'st-a')
    expect(a.sums).toMatchObject(expectedRow(w.world, 'st-a', '2025-11-01', '2025-11-20').figures)
    // 环比 of January 2026 is December 2025.
    const jan = await report({ kind: 'month', year: 2026, month: 1 }, 'mom')
    expect(jan.comparison).toMatchObject({ kind: 'mom', period: { start: '2025-12-01', end: '2025-12-31' } })
    expect(rowOf(jan.comparison?.rows || [], 'st-e1').sums.casesAccepted).toBe(1)
    // The CSV's change columns, against this test's own rounding.
    const csv = parseCsv(await exported({ kind: 'month', year: 2026, month: 11 }, 'csv'))
    const header = csv.find((l) => l[0] === '站点') || []
    const line = csv.find((l) => l[0] === rowOf(nov.rows, 'st-a').stationName) || []
    const nowA = expectedRow(w.world, 'st-a', '2026-11-01', '2026-11-20').figures
    const baseA = expectedRow(w.world, 'st-a', '2025-11-01', '2025-11-20').figures
    for (const key of ['casesAccepted', 'sessionAttendees', 'caseClaimedFen', 'complaintsReceived']) {
      const col = REPORT_COLUMNS.find((c) => c.key === key)
      if (!col) throw new Error(key)
      const at = header.indexOf(`${({ cases: '劳动争议调解', sessions: '普法宣传', risks: '企业风险体检', complaints: '扫码欠薪投诉' })[col.section]}-${col.label}·同比`)
      expect([key, line[at]]).toEqual([key, changeOf(nowA[key], baseA[key], 2)])
    }
    const janMom = parseCsv(await exported({ kind: 'month', year: 2026, month: 1 }, 'csv', 'mom'))
    const e1 = janMom.find((l) => l[0] === rowOf(jan.rows, 'st-e1').stationName) || []
    const momHeader = janMom.find((l) => l[0] === '站点') || []
    expect(e1[momHeader.indexOf('劳动争议调解-受理数·环比')]).toBe('-100.00%')
    // January 2025 had nothing: every change is —.
    const janYoy = parseCsv(await exported({ kind: 'month', year: 2026, month: 1 }, 'csv'))
    const yoyHeader = janYoy.find((l) => l[0] === '站点') || []
    const totals = janYoy.find((l) => l[0] === '合计') || []
    const changes = yoyHeader.map((h, i) => [h, totals[i]]).filter(([h]) => h.endsWith('·同比'))
    expect(changes.length).toBeGreaterThan(20)
    expect(changes.filter(([, v]) => v !== '—')).toEqual([])
  })

  it('writes the paragraph from the table: every figure parsed back matches the report and DOMAIN.md', async () => {
    const r = await report({ kind: 'ytd', year: 2026, month: 11 })
    const text = districtParagraph(r)
    const m = /^2026年1–11月，全区(\d+)个劳动关系公共服务站点共受理劳动争议调解案件(\d+)件（上期结转(\d+)件），结案(\d+)件，结案率([\d.]+%)，其中调解成功(\d+)件，调解成功率([\d.]+%)，涉及劳动者(\d+)人，追讨工资([\d.]+)万元；开展普法宣传(\d+)场次、(\d+)人次；开展企业劳动关系风险体检(\d+)户，发现高风险企业(\d+)户；收到扫码欠薪投诉(\d+)件（其中转调解(\d+)件），涉及(\d+)人、金额([\d.]+)万元，同比(增长|下降)([\d.]+%)。$/.exec(text)
    if (!m) throw new Error(`paragraph not in the bureau's form: ${text}`)
    const [, stations, accepted, carried, closed, closeRate, mediated, successRate, workers, agreedWan, sessions, attendees, checked, high, complaints, converted, complaintWorkers, owedWan, direction, change] = m
    const t = r.totals
    // Against the table.
    expect([stations, accepted, carried, closed, mediated, workers, sessions, attendees, checked, high, complaints, converted, complaintWorkers].map(Number)).toEqual([
      r.completeness.expected, t.sums.casesAccepted, t.carriedOver, t.sums.casesClosed, t.sums.casesMediated, t.sums.caseWorkers, t.sums.sessions,
      t.sums.sessionAttendees, t.enterprises.checked, t.enterprises.high, t.sums.complaintsReceived, t.sums.complaintsReceivedConverted, t.sums.complaintAllWorkers
    ])
    // Against DOMAIN.md, computed here.
    const want = expectedTotals(w.world, DISTRICT_D_STATIONS, '2026-01-01', '2026-11-30')
    const before = expectedTotals(w.world, DISTRICT_D_STATIONS, '2025-01-01', '2025-11-20')
    expect(Number(stations)).toBe(ACTIVE_D_STATIONS.length)
    expect([Number(accepted), Number(carried), Number(closed), Number(complaints), Number(converted)]).toEqual([want.casesAccepted, want.carriedOver, want.casesClosed, want.complaintsReceived, want.complaintsReceivedConverted])
    expect(closeRate).toBe(percentOf(want.casesClosed, want.carriedOver + want.casesAccepted, 2))
    expect(successRate).toBe(percentOf(want.casesMediated, want.casesClosed, 2))
    expect([agreedWan, owedWan]).toEqual([wanOf(want.caseAgreedFen), wanOf(want.complaintAllOwedFen)])
    expect(`${direction === '增长' ? '+' : '-'}${change}`).toBe(changeOf(want.complaintsReceived, before.complaintsReceived, 2))
    // The same paragraph is the xlsx's 文字摘要 sheet.
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(await exported({ kind: 'ytd', year: 2026, month: 11 }, 'xlsx'))
    expect(wb.getWorksheet('文字摘要')?.getCell('A2').value).toBe(text)
  })

  it('is refused to anyone but district staff, and never shows another district', async () => {
    expect(await w.ledger.call('districtReport', { period: { kind: 'year', year: 2026 } }, PEOPLE.mediatorA.identityId)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    const e = await w.ledger.ok<DistrictReport>('districtReport', { period: { kind: 'year', year: 2026 } }, PEOPLE.staffE.identityId)
    expect(e.rows.map((r) => r.stationId)).toEqual(['st-c'])
    expect(e.totals.sums.casesAccepted).toBe(0)
  })

  it('a complaint sent at 00:00 Beijing on 1 November counts in November, one second earlier in October', async () => {
    const { store, close } = make()
    await seedOrg(store)
    const l = new Ledger(store)
    l.now = new Date('2026-10-31T15:59:59.000Z')
    await l.ok('submitComplaint', complaintForm('TB02'), 'dev_edge_1')
    l.now = new Date('2026-10-31T16:00:00.000Z')
    await l.ok('submitComplaint', complaintForm('TB02'), 'dev_edge_2')
    l.now = new Date(`${TODAY}T04:00:00.000Z`)
    const oct = await l.ok<DistrictReport>('districtReport', { period: { kind: 'month', year: 2026, month: 10 } }, STAFF)
    const nov = await l.ok<DistrictReport>('districtReport', { period: { kind: 'month', year: 2026, month: 11 } }, STAFF)
    expect([rowOf(oct.rows, STATION_B.id).sums.complaintsReceived, rowOf(nov.rows, STATION_B.id).sums.complaintsReceived]).toEqual([1, 1])
    close()
  })
})
