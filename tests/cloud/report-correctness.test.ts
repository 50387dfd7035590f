/**
 * The district report against an independent computation written here, over a generated year of records plus edge
 * cases: a case accepted in December and closed in January, complaints turned into cases, collective cases, records
 * on the first day of a period at 00:00 Beijing, carried-over cases, and a station that logged nothing.
 * The expected figures are computed from the raw payloads below without calling the code under test.
 */
import { SqliteStore } from '../../server/sqlite-store'
import { generateRecords } from '../../server/demo-data'
import { auditFor, buildStored } from '../../cloudfunctions/ledger/src/handlers/record-builder'
import { assessRisk, newRecordId, type DistrictReport, type RecordInput } from '@/domain'
import { casePayload, complaintForm, ev } from '../support/fixtures'
import { Ledger, PEOPLE, STATION_A, STATION_B, seedOrg } from '../support/ledger-harness'

const TODAY = '2026-11-20'
let store: SqliteStore
let ledger: Ledger
const inputs: RecordInput[] = []

function addDaysStr (d: string, n: number): string {
  const t = new Date(`${d}T00:00:00Z`)
  t.setUTCDate(t.getUTCDate() + n)
  return t.toISOString().slice(0, 10)
}

beforeAll(async () => {
  store = new SqliteStore(':memory:')
  await seedOrg(store)
  ledger = new Ledger(store)
  ledger.now = new Date(`${TODAY}T04:00:00.000Z`)
  // Station A: a generated year. Station B: nothing at all.
  for (const g of generateRecords({ stations: [STATION_A], today: TODAY, days: 400, mediatorOf: () => PEOPLE.mediatorA.identityId, newId: newRecordId, seed: 99 })) inputs.push(g.input)
  // Edge: accepted in December, closed in January (carried over into January).
  inputs.push({
    id: newRecordId(), type: 'mediationCase', stationId: 'st-a', pointId: null, baseVersion: 0,
    payload: casePayload({
      receivedDate: '2025-12-29', workerCount: 15,
      timeline: [ev('accept', '2025-12-31'), ev('recordSession', '2026-01-01', { mode: '会议' }), ev('succeed', '2026-01-01', { agreement: { amountFen: 900_000, payDate: '2026-01-10', payMethod: '银行转账' } }), ev('recordPayment', '2026-01-10', { paidFen: 900_000, paymentComplete: true }), ev('close', '2026-01-12')]
    })
  })
  const now = new Date('2026-01-01T00:00:00Z')
  const changes = inputs.map((input) => {
    const record = buildStored(input, { districtId: 'dist-d', actorId: PEOPLE.mediatorA.identityId, now, previous: null })
    return { writes: [{ record, expectedVersion: 0 }], audit: auditFor(record, null, PEOPLE.mediatorA.identityId, now) }
  })
  const results = await store.commit(changes)
  expect(results.every((r) => r.ok)).toBe(true)
}, 60_000)
afterAll(() => store.close())

/** Every figure of one station for [start, end], computed straight from the payloads. */
function expected (start: string, end: string) {
  const inP = (d: string | null | undefined) => !!d && d >= start && d <= end
  const before = (d: string | null | undefined) => !!d && d < start
  const e = {
    casesReceived: 0, casesAccepted: 0, casesCollective: 0, caseWorkers: 0, caseClaimedFen: 0, casesClosed: 0, casesMediated: 0,
    caseCloseDays: 0, caseAgreedFen: 0, casePaidFen: 0, casesOverdue: 0, sessions: 0, sessionAttendees: 0, sessionMaterials: 0,
    sessionEnterprises: 0, sessionConsultations: 0, riskChecks: 0, hazardsFound: 0, hazardsClosed: 0, complaintsReceived: 0,
    complaintsAccepted: 0, complaintsClosed: 0, complaintsTransferred: 0, complaintsConverted: 0, complaintWorkers: 0,
    complaintOwedFen: 0, complaintRecoveredFen: 0, carriedOver: 0
  }
  const latest = new Map<string, { date: string, id: string, level: string }>()
  for (const r of inputs) {
    if (r.type === 'mediationCase') {
      const p = r.payload
      const accepted = p.timeline.find((x) => x.action === 'accept')?.date
      const closed = p.timeline.find((x) => x.action === 'close')?.date
      const success = p.timeline.find((x) => x.action === 'succeed')
      const outcome = p.timeline.find((x) => ['reject', 'succeed', 'fail', 'withdraw', 'toArbitration', 'toInspection'].includes(x.action))?.date
      if (inP(p.receivedDate)) e.casesReceived++
      if (inP(accepted)) {
        e.casesAccepted++
        if (p.workerCount >= 10) e.casesCollective++
        e.caseWorkers += p.workerCount
        e.caseClaimedFen += p.claimedFen
      }
      if (accepted && inP(closed)) {
        e.casesClosed++
        if (success) e.casesMediated++
        e.caseCloseDays += Math.round((Date.parse(closed as string) - Date.parse(p.receivedDate)) / 86_400_000)
      }
      if (success && inP(success.date)) e.caseAgreedFen += success.agreement?.amountFen || 0
      for (const x of p.timeline) if (x.action === 'recordPayment' && inP(x.date)) e.casePaidFen += x.paidFen || 0
      const deadline = addDaysStr(p.receivedDate, 15)
      const overdueDay = addDaysStr(deadline, 1)
      if ((!outcome || outcome > deadline) && overdueDay >= start && overdueDay <= end && overdueDay <= TODAY) e.casesOverdue++
      if (before(accepted) && !before(closed)) e.carriedOver++
    } else if (r.type === 'legalSession') {
      const p = r.payload
      if (inP(p.date)) {
        e.sessions++
        e.sessionAttendees += p.attendees
        e.sessionMaterials += p.materials
        e.sessionEnterprises += p.enterprisesCovered
        e.sessionConsultations += p.consultations
      }
    } else if (r.type === 'riskCheck') {
      const p = r.payload
      const arrears = p.items.noWageArrears.result === 'noncompliant'
      if (inP(p.checkDate)) {
        e.riskChecks++
        if (arrears) e.hazardsFound++
        const key = p.enterprise.creditCode || `n:${p.enterprise.name}`
        const prev = latest.get(key)
        // The level itself comes from the risk rule (tested on its own table); the report must pick the latest one.
        const level = assessRisk(p).level
        if (!prev || p.checkDate > prev.date || (p.checkDate === prev.date && r.id > prev.id)) latest.set(key, { date: p.checkDate, id: r.id, level })
      }
      if (arrears && inP(p.hazardClosed?.date)) e.hazardsClosed++
    } else if (r.type === 'wageComplaint') {
      const p = r.payload
      const first = (acts: string[]) => p.timeline.find((x) => acts.includes(x.action))
      const converted = !!first(['convert'])
      if (inP(p.receivedDate)) {
        e.complaintsReceived++
        if (!converted) {
          e.complaintWorkers += p.workerCount
          e.complaintOwedFen += p.amountOwedFen
        }
      }
      if (inP(first(['accept', 'convert', 'transfer', 'close'])?.date)) e.complaintsAccepted++
      const close = first(['close'])
      if (inP(close?.date)) {
        e.complaintsClosed++
        if (!converted) e.complaintRecoveredFen += close?.recoveredFen || 0
      }
      if (inP(first(['transfer'])?.date)) e.complaintsTransferred++
      if (inP(first(['convert'])?.date)) e.complaintsConverted++
    }
  }
  const levels = [...latest.values()].map((x) => x.level)
  return { figures: e, enterprises: latest.size, levels: { low: levels.filter((l) => l === 'low').length, medium: levels.filter((l) => l === 'medium').length, high: levels.filter((l) => l === 'high').length } }
}

async function report (period: unknown): Promise<DistrictReport> {
  return ledger.ok<DistrictReport>('districtReport', { period }, PEOPLE.staffD.identityId)
}

const PERIODS: Array<[unknown, string, string]> = [
  ...Array.from({ length: 11 }, (_, i) => [{ kind: 'month', year: 2026, month: i + 1 }, `2026-${String(i + 1).padStart(2, '0')}-01`, `2026-${String(i + 1).padStart(2, '0')}-${new Date(Date.UTC(2026, i + 1, 0)).getUTCDate()}`] as [unknown, string, string]),
  [{ kind: 'quarter', year: 2026, quarter: 1 }, '2026-01-01', '2026-03-31'],
  [{ kind: 'year', year: 2026 }, '2026-01-01', '2026-12-31'],
  [{ kind: 'ytd', year: 2026, month: 11 }, '2026-01-01', '2026-11-30'],
  [{ kind: 'month', year: 2025, month: 12 }, '2025-12-01', '2025-12-31'],
  [{ kind: 'custom', start: '2026-02-14', end: '2026-06-30' }, '2026-02-14', '2026-06-30']
]

describe('district report figures', () => {
  it.each(PERIODS)('match the independent computation for %j', async (period, start, end) => {
    const r = await report(period)
    const want = expected(start, end)
    const a = r.rows.find((x) => x.stationId === 'st-a')
    expect(a).toBeDefined()
    if (!a) return
    const { carriedOver, ...flows } = want.figures
    expect(a.sums).toEqual(flows)
    expect(a.carriedOver).toBe(carriedOver)
    expect(a.enterprises.checked).toBe(want.enterprises)
    expect(a.enterprises).toEqual({ checked: want.enterprises, ...want.levels })
    expect(a.successRate).toMatchObject({ numerator: flows.casesMediated, denominator: flows.casesClosed, formula: '调解成功率 = 调解成功数 / 结案数' })
    expect(a.closeRate).toMatchObject({ numerator: flows.casesClosed, denominator: carriedOver + flows.casesAccepted, formula: '结案率 = 结案数 / (上期未结 + 受理数)' })
    // Station B logged nothing: all zeros, listed as missing
    const b = r.rows.find((x) => x.stationId === 'st-b')
    expect(Object.values(b?.sums || {}).every((v) => v === 0)).toBe(true)
    expect(r.completeness.missing.map((m) => m.stationId)).toContain('st-b')
    expect(r.totals.sums.casesAccepted).toBe(flows.casesAccepted)
  })

  it('counts the December case as carried over into January and closed there', async () => {
    const jan = await report({ kind: 'month', year: 2026, month: 1 })
    const dec = await report({ kind: 'month', year: 2025, month: 12 })
    const a = (r: DistrictReport) => r.rows.find((x) => x.stationId === 'st-a')
    expect((a(jan)?.carriedOver || 0)).toBeGreaterThanOrEqual(1)
    expect(expected('2026-01-01', '2026-01-31').figures.carriedOver).toBe(a(jan)?.carriedOver)
    // The edge case adds one accepted in December and one closed in January
    expect(a(dec)?.sums.casesAccepted).toBe(expected('2025-12-01', '2025-12-31').figures.casesAccepted)
  })

  it('a period in the future has nothing yet, and does not count cases that are not yet due as overdue', async () => {
    const r = await report({ kind: 'month', year: 2026, month: 12 })
    expect(r.totals.sums.casesOverdue).toBe(0)
    expect(r.asOf).toBe(TODAY)
  })

  it('a complaint sent at 00:00 Beijing on 1 November counts in November, one second earlier in October', async () => {
    const isolated = new SqliteStore(':memory:')
    await seedOrg(isolated)
    const l = new Ledger(isolated)
    l.now = new Date('2026-10-31T15:59:59.000Z')
    await l.ok('submitComplaint', complaintForm('TB02'), 'dev_edge_1')
    l.now = new Date('2026-10-31T16:00:00.000Z')
    await l.ok('submitComplaint', complaintForm('TB02'), 'dev_edge_2')
    l.now = new Date('2026-11-20T04:00:00.000Z')
    const oct = await l.ok<DistrictReport>('districtReport', { period: { kind: 'month', year: 2026, month: 10 } }, PEOPLE.staffD.identityId)
    const nov = await l.ok<DistrictReport>('districtReport', { period: { kind: 'month', year: 2026, month: 11 } }, PEOPLE.staffD.identityId)
    const b = (r: DistrictReport) => r.rows.find((x) => x.stationId === STATION_B.id)?.sums.complaintsReceived
    expect([b(oct), b(nov)]).toEqual([1, 1])
    isolated.close()
  })

  it('is refused to anyone but district staff, and never shows another district', async () => {
    expect(await ledger.call('districtReport', { period: { kind: 'year', year: 2026 } }, PEOPLE.mediatorA.identityId)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    const e = await ledger.ok<DistrictReport>('districtReport', { period: { kind: 'year', year: 2026 } }, PEOPLE.staffE.identityId)
    expect(e.rows.map((r) => r.stationId)).toEqual(['st-c'])
    expect(e.totals.sums.casesAccepted).toBe(0)
  })
})
