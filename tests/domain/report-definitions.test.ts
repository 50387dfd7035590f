/**
 * The report's definitions one by one, with hand-written expectations: half-up rounding from integers, 同比/环比
 * periods, nil reports (one id per station and month), what counts as activity, and the paragraph's wording.
 */
import {
  activityDates, buildDistrictReport, changeText, comparisonAsOf, comparisonPeriod, contributions, customPeriod, districtParagraph,
  emptyEnterpriseStats, emptySums, formatWanYuan, isRecordId, monthPeriod, nilReportId, percentText, quarterPeriod,
  roundedQuotient, validateRecord, yearPeriod, ytdPeriod, type FigureSums
} from '@/domain'
import { casePayload, ev, riskPayload } from '../support/fixtures'

describe('rounding half up from integers', () => {
  it.each([
    [41, 80, 1, '51.3%'], [41, 80, 2, '51.25%'],
    [23, 80, 1, '28.8%'], [23, 80, 2, '28.75%'],
    [51, 80, 1, '63.8%'], [51, 80, 2, '63.75%'],
    [1, 3, 2, '33.33%'], [2, 3, 2, '66.67%'], [1, 8, 1, '12.5%'], [1, 16, 2, '6.25%'], [1, 16, 1, '6.3%'],
    [7, 7, 2, '100.00%'], [0, 5, 1, '0.0%'], [3, 0, 2, '—']
  ])('%i / %i with %i decimals is %s', (n, d, decimals, text) => {
    expect(percentText(n, d, decimals)).toBe(text)
  })

  it('is exact where a double is not: 0.5125 is stored as 0.51249999…', () => {
    expect((41 / 80 * 100).toFixed(1)).toBe('51.2')
    expect(percentText(41, 80, 1)).toBe('51.3%')
    expect(roundedQuotient(1_234_567_890_125, 1_000, 0)).toBe(1_234_567_890)
    expect(roundedQuotient(1_234_567_890_500, 1_000, 0)).toBe(1_234_567_891)
  })

  it('changes carry a sign, round halves away from zero, and are — against a zero base', () => {
    expect(changeText(120, 100, 2)).toBe('+20.00%')
    expect(changeText(80, 100, 2)).toBe('-20.00%')
    expect(changeText(121, 80, 1)).toBe('+51.3%') // 41/80
    expect(changeText(39, 80, 1)).toBe('-51.3%') // −41/80: the half goes away from zero
    expect(changeText(100, 100, 2)).toBe('0.00%')
    expect(changeText(5, 0, 2)).toBe('—')
    expect(changeText(0, 0, 2)).toBe('—')
  })

  it('prints money in 万元 with two decimals', () => {
    expect([formatWanYuan(123_456_789), formatWanYuan(5_000), formatWanYuan(4_999), formatWanYuan(0), formatWanYuan(100_000_000)]).toEqual(['123.46', '0.01', '0.00', '0.00', '100.00'])
  })
})

describe('同比 and 环比 periods', () => {
  it.each([
    [monthPeriod(2026, 1), 'yoy', '2025-01-01', '2025-01-31'],
    [monthPeriod(2026, 1), 'mom', '2025-12-01', '2025-12-31'],
    [monthPeriod(2026, 3), 'mom', '2026-02-01', '2026-02-28'],
    [quarterPeriod(2026, 1), 'mom', '2025-10-01', '2025-12-31'],
    [quarterPeriod(2026, 3), 'mom', '2026-04-01', '2026-06-30'],
    [yearPeriod(2026), 'mom', '2025-01-01', '2025-12-31'],
    [ytdPeriod(2026, 11), 'yoy', '2025-01-01', '2025-11-30'],
    [ytdPeriod(2026, 3), 'mom', '2025-10-01', '2025-12-31'],
    [customPeriod('2024-02-29', '2024-03-10'), 'yoy', '2023-02-28', '2023-03-10'],
    [customPeriod('2026-03-01', '2026-03-10'), 'mom', '2026-02-19', '2026-02-28']
  ] as const)('%j %s is %s to %s', (period, kind, start, end) => {
    expect(comparisonPeriod(period, kind)).toMatchObject({ start, end })
  })

  it('reads the base period as far as the report has run', () => {
    const nov = monthPeriod(2026, 11)
    expect(comparisonAsOf(nov, '2026-11-20', comparisonPeriod(nov, 'yoy'), 'yoy')).toBe('2025-11-20')
    expect(comparisonAsOf(nov, '2026-11-20', comparisonPeriod(nov, 'mom'), 'mom')).toBe('2026-10-20')
    const mar = monthPeriod(2026, 3)
    // 31 March as far as 30 days in: February ends first.
    expect(comparisonAsOf(mar, '2026-03-31', comparisonPeriod(mar, 'mom'), 'mom')).toBe('2026-02-28')
    expect(comparisonAsOf(mar, '2026-03-30', comparisonPeriod(mar, 'mom'), 'mom')).toBe('2026-02-28')
    expect(comparisonAsOf(mar, '2026-03-10', comparisonPeriod(mar, 'mom'), 'mom')).toBe('2026-02-10')
  })
})

describe('nil reports', () => {
  const nil = (stationId: string, month: string, id = nilReportId(stationId, month)) =>
    validateRecord({ id, type: 'nilReport', stationId, payload: { month } }, '2026-11-20')

  it('have one id per station and month, a valid UUID', () => {
    const id = nilReportId('st-a', '2026-11')
    expect(isRecordId(id)).toBe(true)
    expect(id[14]).toBe('8')
    expect(nilReportId('st-a', '2026-11')).toBe(id)
    expect(new Set([id, nilReportId('st-a', '2026-10'), nilReportId('st-b', '2026-11')]).size).toBe(3)
  })

  it('are refused under another id, for a month not yet begun, or with a malformed month', () => {
    expect(nil('st-a', '2026-11').ok).toBe(true)
    expect(nil('st-a', '2026-11', nilReportId('st-a', '2026-10'))).toMatchObject({ ok: false, issues: [{ path: 'id' }] })
    expect(nil('st-a', '2026-12')).toMatchObject({ ok: false, issues: [{ path: 'payload.month', message: '不能为以后的月份报送零报告' }] })
    expect(nil('st-a', '2026-13', nilReportId('st-a', '2026-13'))).toMatchObject({ ok: false, issues: [{ path: 'payload.month' }] })
  })

  it('count on the first day of their month and are no activity', () => {
    expect(contributions({ type: 'nilReport', payload: { month: '2026-09' }, createdAt: '2026-10-02T04:00:00.000Z' })).toEqual([{ date: '2026-09-01', key: 'nilReports', value: 1 }])
  })
})

describe('activity', () => {
  it('is every dated event of a record and every day it was written', () => {
    const kase = {
      type: 'mediationCase' as const,
      payload: casePayload({ receivedDate: '2026-03-01', timeline: [ev('accept', '2026-03-02'), ev('recordSession', '2026-03-09', { mode: '面谈' })] }),
      writeDates: ['2026-03-02', '2026-04-01']
    }
    expect(activityDates(kase)).toEqual(['2026-03-01', '2026-03-02', '2026-03-09', '2026-04-01'])
    const check = { type: 'riskCheck' as const, payload: riskPayload({ checkDate: '2026-05-20', hazardClosed: { date: '2026-08-30', note: '已整改' } }, { noWageArrears: { result: 'noncompliant', workers: 2 } }) }
    expect(activityDates(check)).toEqual(['2026-05-20', '2026-08-30'])
    // Before the server kept the list, created and updated times stand for it (Beijing dates).
    expect(activityDates({ ...check, createdAt: '2026-05-20T16:30:00.000Z', updatedAt: '2026-09-01T01:00:00.000Z' })).toEqual(['2026-05-20', '2026-05-21', '2026-08-30', '2026-09-01'])
  })
})

describe('the paragraph', () => {
  const sums = (over: Partial<FigureSums>): FigureSums => ({ ...emptySums(), ...over })
  const build = (current: Partial<FigureSums>, base: Partial<FigureSums> | null) => buildDistrictReport({
    district: { id: 'd', name: '云溪区' },
    stations: [{ id: 'a', name: 'A站', code: 'A' }, { id: 'b', name: 'B站', code: 'B' }, { id: 'off', name: '停用站', code: 'O', active: false }],
    facts: [{ stationId: 'a', sums: sums(current), carriedOver: 3, enterprises: emptyEnterpriseStats() }],
    districtEnterprises: { checked: 12, low: 8, medium: 3, high: 1 },
    period: ytdPeriod(2026, 11),
    asOf: '2026-11-20',
    generatedAt: '2026-11-20T04:00:00.000Z',
    ...(base ? { comparison: { kind: 'yoy' as const, period: ytdPeriod(2025, 11), asOf: '2025-11-20', facts: [{ stationId: 'a', sums: sums(base), carriedOver: 0, enterprises: emptyEnterpriseStats() }], districtEnterprises: emptyEnterpriseStats() } } : {})
  })
  const figures = {
    casesAccepted: 77, casesClosed: 80, casesMediated: 41, caseWorkers: 230, caseAgreedFen: 123_456_789,
    sessions: 12, sessionAttendees: 860, complaintsReceived: 33, complaintsReceivedConverted: 5, complaintAllWorkers: 61, complaintAllOwedFen: 98_765_432
  }

  it('reads as the bureau writes it, money in 万元 and rates with two decimals', () => {
    expect(districtParagraph(build(figures, { complaintsReceived: 22 }))).toBe(
      '2026年1–11月，全区2个劳动关系公共服务站点共受理劳动争议调解案件77件（上期结转3件），结案80件，结案率100.00%，' +
      '其中调解成功41件，调解成功率51.25%，涉及劳动者230人，追讨工资123.46万元；开展普法宣传12场次、860人次；' +
      '开展企业劳动关系风险体检12户，发现高风险企业1户；收到扫码欠薪投诉33件（其中转调解5件），涉及61人、金额98.77万元，同比增长50.00%。')
  })

  it('says 下降, 持平, or that there was nothing a year earlier', () => {
    expect(districtParagraph(build(figures, { complaintsReceived: 40 }))).toMatch(/同比下降17\.50%。$/)
    expect(districtParagraph(build(figures, { complaintsReceived: 33 }))).toMatch(/与上年同期持平。$/)
    expect(districtParagraph(build(figures, {}))).toMatch(/上年同期无投诉。$/)
    expect(districtParagraph(build(figures, null))).toMatch(/金额98\.77万元。$/)
  })

  it('leaves out a rate of nothing rather than print 0%', () => {
    // Three cases carried over, none closed: 结案率 0 of 3 is a rate; 调解成功率 of no closed case is not.
    const text = districtParagraph(build({ sessions: 2, sessionAttendees: 50 }, null))
    expect(text).toContain('结案0件，结案率0.00%，其中调解成功0件，涉及劳动者0人')
    expect(text).not.toContain('调解成功率')
  })
})
