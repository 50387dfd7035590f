import {
  availableCaseActions, CASE_ACTIONS, CASE_STATUSES, caseClock, isTerminalCaseStatus, nextCaseStatus, type CaseAction, type CaseStatus
} from '@/domain/case-workflow'

/** The whole transition table, written out independently of CASE_TRANSITIONS: [from, action] → to. */
const EXPECTED: Array<[CaseStatus, CaseAction, CaseStatus]> = [
  ['pending', 'accept', 'accepted'],
  ['pending', 'reject', 'rejected'],
  ['accepted', 'recordSession', 'mediating'],
  ['mediating', 'recordSession', 'mediating'],
  ['mediating', 'succeed', 'succeeded'],
  ['mediating', 'fail', 'failed'],
  ['accepted', 'withdraw', 'withdrawn'],
  ['mediating', 'withdraw', 'withdrawn'],
  ['accepted', 'toArbitration', 'toArbitration'],
  ['mediating', 'toArbitration', 'toArbitration'],
  ['failed', 'toArbitration', 'toArbitration'],
  ['accepted', 'toInspection', 'toInspection'],
  ['mediating', 'toInspection', 'toInspection'],
  ['failed', 'toInspection', 'toInspection'],
  ['succeeded', 'recordPayment', 'performing'],
  ['performing', 'recordPayment', 'performing'],
  ['succeeded', 'markUnperformed', 'unperformed'],
  ['performing', 'markUnperformed', 'unperformed'],
  ['succeeded', 'close', 'closed'],
  ['performed', 'close', 'closed'],
  ['unperformed', 'close', 'closed'],
  ['failed', 'close', 'closed'],
  ['withdrawn', 'close', 'closed'],
  ['toArbitration', 'close', 'closed'],
  ['toInspection', 'close', 'closed']
]

describe('mediation workflow', () => {
  it('allows exactly the moves in the table and nothing else', () => {
    for (const from of CASE_STATUSES) {
      for (const action of CASE_ACTIONS) {
        const row = EXPECTED.find(([f, a]) => f === from && a === action)
        expect([from, action, nextCaseStatus(from, action)]).toEqual([from, action, row ? row[2] : null])
      }
    }
  })

  it('a complete payment goes to 已履行', () => {
    expect(nextCaseStatus('performing', 'recordPayment', { paymentComplete: true })).toBe('performed')
    expect(nextCaseStatus('succeeded', 'recordPayment', { paymentComplete: true })).toBe('performed')
  })

  it('terminal states allow no action', () => {
    for (const s of CASE_STATUSES) {
      expect(isTerminalCaseStatus(s)).toBe(s === 'rejected' || s === 'closed')
      if (isTerminalCaseStatus(s)) expect(availableCaseActions(s, 'mediator')).toEqual([])
    }
  })

  it('only mediators take case actions; district staff and workers see none', () => {
    expect(availableCaseActions('pending', 'mediator').map((t) => t.label)).toEqual(['受理', '不予受理'])
    expect(availableCaseActions('mediating', 'mediator').map((t) => t.label)).toEqual(['记录调解', '调解成功', '调解不成', '撤回', '转仲裁', '转监察'])
    for (const s of CASE_STATUSES) {
      expect(availableCaseActions(s, 'district')).toEqual([])
      expect(availableCaseActions(s, 'worker')).toEqual([])
    }
  })
})

describe('the 15-day clock', () => {
  it('counts days left to the deadline and turns overdue after it', () => {
    expect(caseClock('2026-11-01', null, '2026-11-01')).toEqual({ deadline: '2026-11-16', daysLeft: 15, overdue: false, stopped: false })
    expect(caseClock('2026-11-01', null, '2026-11-16').daysLeft).toBe(0)
    expect(caseClock('2026-11-01', null, '2026-11-16').overdue).toBe(false)
    expect(caseClock('2026-11-01', null, '2026-11-17')).toMatchObject({ daysLeft: -1, overdue: true })
  })

  it('stops at the outcome, and an outcome after the deadline stays overdue', () => {
    expect(caseClock('2026-11-01', '2026-11-10', '2026-12-30')).toMatchObject({ daysLeft: 6, overdue: false, stopped: true })
    expect(caseClock('2026-11-01', '2026-11-20', '2026-12-30')).toMatchObject({ daysLeft: -4, overdue: true, stopped: true })
  })

  it('crosses month and year ends', () => {
    expect(caseClock('2026-12-20', null, '2026-12-20').deadline).toBe('2027-01-04')
    expect(caseClock('2028-02-20', null, '2028-02-20').deadline).toBe('2028-03-06')
  })
})
