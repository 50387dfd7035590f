import { contributionDelta, contributions, emptySums } from '@/domain/figures'
import { ytdPeriod } from '@/domain/period'
import { rate } from '@/domain/rates'
import { buildDistrictReport, emptyEnterpriseStats } from '@/domain/report'
import { casePayload, complaintPayload, ev, riskPayload } from '../support/fixtures'

describe('figure contributions', () => {
  it('counts a case on each figure\'s own date', () => {
    const c = casePayload({
      receivedDate: '2025-12-20',
      workerCount: 12,
      timeline: [
        ev('accept', '2025-12-22'),
        ev('recordSession', '2025-12-28', { mode: '面谈' }),
        ev('succeed', '2026-01-03', { agreement: { amountFen: 500000, payDate: '2026-01-20', payMethod: '银行转账' } }),
        ev('recordPayment', '2026-01-20', { paidFen: 500000, paymentComplete: true }),
        ev('close', '2026-01-21')
      ]
    })
    const got = contributions({ type: 'mediationCase', payload: c })
    const on = (key: string) => got.filter((x) => x.key === key).map((x) => [x.date, x.value])
    expect(on('casesAccepted')).toEqual([['2025-12-22', 1]])
    expect(on('casesCollective')).toEqual([['2025-12-22', 1]])
    expect(on('caseWorkers')).toEqual([['2025-12-22', 12]])
    expect(on('casesClosed')).toEqual([['2026-01-21', 1]])
    expect(on('casesMediated')).toEqual([['2026-01-21', 1]])
    expect(on('caseAgreedFen')).toEqual([['2026-01-03', 500000]])
    expect(on('casePaidFen')).toEqual([['2026-01-20', 500000]])
    expect(on('caseCloseDays')).toEqual([['2026-01-21', 32]])
    // outcome on 01-03 is after the deadline 2026-01-04? no: 12-20 + 15 = 01-04, so not overdue
    expect(on('casesOverdue')).toEqual([])
  })

  it('marks a case overdue the day after its deadline when no outcome came in time', () => {
    const late = contributions({ type: 'mediationCase', payload: casePayload({ receivedDate: '2026-10-01', timeline: [ev('accept', '2026-10-02')] }) })
    expect(late.filter((x) => x.key === 'casesOverdue')).toEqual([{ date: '2026-10-17', key: 'casesOverdue', value: 1 }])
  })

  it('counts a converted complaint\'s people and money on the case only', () => {
    const converted = complaintPayload({ timeline: [{ action: 'convert', date: '2026-11-09', at: '2026-11-09T01:00:00Z', caseId: '0190a0b0-0000-7000-8000-000000000001' }] })
    const keys = contributions({ type: 'wageComplaint', payload: converted }).map((x) => x.key)
    expect(keys).toEqual(expect.arrayContaining(['complaintsReceived', 'complaintsAccepted', 'complaintsConverted']))
    expect(keys).not.toContain('complaintWorkers')
    expect(keys).not.toContain('complaintOwedFen')
    const direct = contributions({ type: 'wageComplaint', payload: complaintPayload() }).map((x) => x.key)
    expect(direct).toEqual(expect.arrayContaining(['complaintWorkers', 'complaintOwedFen']))
  })

  it('a hazard closed later counts on its own date', () => {
    const r = riskPayload({ hazardClosed: { date: '2026-11-20', note: '已补发' } }, { noWageArrears: { result: 'noncompliant', workers: 3 } })
    const got = contributions({ type: 'riskCheck', payload: r })
    expect(got).toEqual(expect.arrayContaining([
      { date: '2026-11-06', key: 'hazardsFound', value: 1 },
      { date: '2026-11-20', key: 'hazardsClosed', value: 1 }
    ]))
  })

  it('the delta of an edit moves contributions and drops zeros', () => {
    const before = contributions({ type: 'mediationCase', payload: casePayload({ timeline: [ev('accept', '2026-11-03')] }) })
    const after = contributions({ type: 'mediationCase', payload: casePayload({ timeline: [ev('accept', '2026-11-04')] }) })
    const delta = contributionDelta(before, after)
    expect(delta.get('2026-11-03')).toMatchObject({ casesAccepted: -1 })
    expect(delta.get('2026-11-04')).toMatchObject({ casesAccepted: 1 })
    expect(delta.has('2026-11-02')).toBe(false)
  })
})

describe('rates and the district report', () => {
  it('rates carry numerator, denominator and formula; 0/0 is not 0%', () => {
    expect(rate(3, 4, 'x / y')).toEqual({ numerator: 3, denominator: 4, value: 0.75, formula: 'x / y', text: '3 / 4 = 75.00%' })
    expect(rate(0, 0, 'x / y').value).toBeNull()
    expect(rate(0, 0, 'x / y').text).toBe('0 / 0 = —')
  })

  it('totals sum stations, rates are recomputed from the totals, and silent stations are listed', () => {
    const a = { ...emptySums(), casesAccepted: 4, casesClosed: 3, casesMediated: 2, caseCloseDays: 30, activity: 9 }
    const b = { ...emptySums(), casesAccepted: 1, casesClosed: 1, casesMediated: 1, caseCloseDays: 5, activity: 2 }
    const report = buildDistrictReport({
      district: { id: 'd', name: '示范区' },
      stations: [{ id: 'a', name: 'A站', code: 'A' }, { id: 'b', name: 'B站', code: 'B' }, { id: 'c', name: 'C站', code: 'C' }],
      facts: [
        { stationId: 'a', sums: a, carriedOver: 2, enterprises: emptyEnterpriseStats() },
        { stationId: 'b', sums: b, carriedOver: 0, enterprises: emptyEnterpriseStats() }
      ],
      districtEnterprises: emptyEnterpriseStats(),
      period: ytdPeriod(2026, 11),
      asOf: '2026-11-23',
      generatedAt: '2026-11-23T01:00:00Z'
    })
    expect(report.rows[0].closeRate.text).toBe('3 / 6 = 50.00%')
    expect(report.totals.sums.casesClosed).toBe(4)
    expect(report.totals.successRate.text).toBe('3 / 4 = 75.00%')
    expect(report.totals.closeRate).toMatchObject({ numerator: 4, denominator: 7 })
    expect(report.totals.avgCloseDays).toBe(8.8)
    expect(report.completeness).toMatchObject({ reported: 2, expected: 3, withRecords: 2, nilReports: 0, missing: [{ stationId: 'c', stationName: 'C站' }] })
  })
})
