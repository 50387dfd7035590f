/**
 * A district for the report-correctness test, written day by day through the handlers as phones and workers would:
 * - 甲 (st-a): a generated year, each record sent when it was made and again when its last step happened (an edit);
 * - 乙 (st-b): nothing at all; 停用站 (st-off): stopped, so not expected to report;
 * - 戊 (st-e1): one kind of event per month, each the month's only activity, and nil reports (one withdrawn later);
 * - 己 (st-e2, with a point): edits that move a session to another month and point, and a case to another month;
 *   offline steps that reach the server a month or two after they happened;
 * - 庚 (st-clk): the 15-day clock at its boundary;
 * - 四一 / 二三 / 五一 (st-r41, st-r23, st-r51): 80 cases closed in March, 41 / 23 / 51 of them mediated successfully.
 * Every write is watched: the days each record was written on are noted from its stored version changing.
 */
import { newRecordId, nilReportId, type Binding, type RecordInput, type Station, type StoredRecord } from '@/domain'
import { generateRecords } from '../../server/demo-data'
import { casePayload, complaintForm, ev, riskPayload, sessionPayload } from './fixtures'
import { Ledger, PEOPLE, STATION_A, seedOrg, type SeedableStore } from './ledger-harness'
import { TODAY, type World } from './report-model'
import type { StoreUnderTest } from './stores'

const station = (id: string, code: string, name: string, points: Station['points'] = []): Station =>
  ({ id, districtId: 'dist-d', code, name: `${name}劳动关系公共服务站`, area: name, active: true, points })

export const EXTRA_STATIONS: Station[] = [
  station('st-e1', 'TE1', '戊街道'),
  station('st-e2', 'TE2', '己镇', [{ id: 'st-e2-p1', stationId: 'st-e2', name: '己村服务点' }]),
  station('st-clk', 'TCLK', '庚镇'),
  station('st-r41', 'TR41', '四一街道'),
  station('st-r23', 'TR23', '二三街道'),
  station('st-r51', 'TR51', '五一街道')
]

/** Every station of district D, in the order the report lists them. */
export const DISTRICT_D_STATIONS = ['st-a', 'st-b', 'st-off', ...EXTRA_STATIONS.map((s) => s.id)]
/** The stations expected to report (active). */
export const ACTIVE_D_STATIONS = DISTRICT_D_STATIONS.filter((id) => id !== 'st-off')

export const mediatorOf = (stationId: string): string => stationId === 'st-a' ? PEOPLE.mediatorA.identityId : `usr_med_${stationId}`

export interface ReportWorld {
  store: SeedableStore
  ledger: Ledger
  world: World
  /** Ids the checks name. */
  ids: { movedSession: string, movedCase: string, nilSeptember: string, nilOctober: string, e1Complaint: string }
  close: () => void
}

const at = (day: string) => new Date(`${day}T04:00:00.000Z`) // 12:00 Beijing

export async function buildReportWorld (make: StoreUnderTest['make']): Promise<ReportWorld> {
  const { store, close } = make()
  await seedOrg(store)
  for (const [i, s] of EXTRA_STATIONS.entries()) {
    await store.putStation(s, 4 + i)
    const b: Binding = { identityId: mediatorOf(s.id), role: 'mediator', districtId: 'dist-d', stationId: s.id, displayName: `${s.area}调解员`, title: '调解员', boundAt: '2025-01-01T00:00:00.000Z' }
    await store.putBinding(b, null)
  }
  const ledger = new Ledger(store)
  const world: World = { records: [], writtenOn: new Map() }
  const known = new Set<string>()

  /** Runs `action` on `day`, then notes every watched record whose stored version changed as written that day. */
  const on = async <T>(day: string, watch: string[], action: () => Promise<T>): Promise<T> => {
    ledger.now = at(day)
    const before = new Map((await store.getRecords(watch)).map((r) => [r.id, r.version]))
    const result = await action()
    const after = await store.getRecords(watch)
    for (const r of after) {
      known.add(r.id)
      if (before.get(r.id) !== r.version) {
        const days = world.writtenOn.get(r.id) || new Set<string>()
        days.add(day)
        world.writtenOn.set(r.id, days)
      }
    }
    return result
  }

  /** A mediator's sync; every record must be stored, updated or a duplicate. */
  const sync = async (day: string, stationId: string, records: Array<Omit<RecordInput, 'baseVersion'> & { baseVersion?: number }>, watch: string[] = []) => {
    const current = new Map((await store.getRecords(records.map((r) => r.id))).map((r) => [r.id, r.version]))
    const envelopes = records.map((r) => ({ ...r, baseVersion: r.baseVersion ?? current.get(r.id) ?? 0 }))
    const answer = await on(day, [...records.map((r) => r.id), ...watch], () =>
      ledger.ok<{ results: Array<{ id: string, result: string, error?: unknown }> }>('syncRecords', { records: envelopes }, mediatorOf(stationId)))
    const refused = answer.results.filter((r) => !['stored', 'updated', 'duplicate'].includes(r.result))
    if (refused.length) throw new Error(`sync on ${day} refused: ${JSON.stringify(refused)}`)
    return answer.results
  }

  await writeGeneratedYear(sync)
  const ids = await writeEventsStation(sync, on, ledger)
  const moved = await writeMovingEdits(sync)
  await writeClockStation(sync)
  for (const [stationId, mediated] of [['st-r41', 41], ['st-r23', 23], ['st-r51', 51]] as const) await writeRoundingStation(sync, stationId, mediated)

  ledger.now = at(TODAY)
  world.records = await store.getRecords([...known])
  return { store, ledger, world, ids: { ...ids, ...moved }, close }
}

type Sync = (day: string, stationId: string, records: Array<Omit<RecordInput, 'baseVersion'> & { baseVersion?: number }>, watch?: string[]) => Promise<unknown>
type On = <T>(day: string, watch: string[], action: () => Promise<T>) => Promise<T>

/** The last day anything happens to a generated record. */
function lastDay (r: RecordInput): string {
  const p = r.payload as { timeline?: Array<{ date: string }>, hazardClosed?: { date: string } }
  const dates = [...(p.timeline || []).map((e) => e.date), p.hazardClosed?.date || ''].filter(Boolean)
  return dates.reduce((a, b) => (a > b ? a : b), firstDay(r))
}

function firstDay (r: RecordInput): string {
  const p = r.payload as { receivedDate?: string, date?: string, checkDate?: string }
  return (p.receivedDate || p.date || p.checkDate) as string
}

/** The record as a phone would first send it: only what had happened on its first day. */
function asFirstSent (r: RecordInput): RecordInput {
  const day = firstDay(r)
  if (r.type === 'mediationCase') return { ...r, payload: { ...r.payload, timeline: r.payload.timeline.filter((e) => e.date <= day) } }
  if (r.type === 'wageComplaint') return { ...r, payload: { ...r.payload, timeline: r.payload.timeline.filter((e) => e.date <= day) } }
  if (r.type === 'riskCheck') {
    const { hazardClosed: _later, ...rest } = r.payload
    return { ...r, payload: rest }
  }
  return r
}

/** Station 甲's year: each record sent on its first day and, when it moved on later, again on its last day. */
async function writeGeneratedYear (sync: Sync) {
  const generated = [...generateRecords({ stations: [STATION_A], today: TODAY, days: 400, mediatorOf: () => PEOPLE.mediatorA.identityId, newId: newRecordId, seed: 99 })].map((g) => g.input)
  // Plus a case accepted in December and closed in January, carried over into January.
  generated.push({
    id: newRecordId(), type: 'mediationCase', stationId: 'st-a', pointId: 'st-a-p1', baseVersion: 0,
    payload: casePayload({
      receivedDate: '2025-12-29', workerCount: 15, representatives: ['甲', '乙', '丙'],
      timeline: [ev('accept', '2025-12-31'), ev('recordSession', '2026-01-01', { mode: '会议' }), ev('succeed', '2026-01-01', { agreement: { amountFen: 900_000, payDate: '2026-01-10', payMethod: '银行转账' } }), ev('recordPayment', '2026-01-10', { paidFen: 900_000, paymentComplete: true }), ev('close', '2026-01-12')]
    })
  })
  const byDay = new Map<string, RecordInput[]>()
  const plan = (day: string, r: RecordInput) => byDay.set(day, [...(byDay.get(day) || []), r])
  for (const r of generated) {
    plan(firstDay(r), asFirstSent(r))
    if (lastDay(r) !== firstDay(r)) plan(lastDay(r), r)
  }
  for (const day of [...byDay.keys()].sort()) {
    // Complaints first: a case that follows its complaint finds it as the complaint's own phone left it.
    const list = (byDay.get(day) || []).sort((a, b) => Number(b.type === 'wageComplaint') - Number(a.type === 'wageComplaint'))
    for (let i = 0; i < list.length; i += 50) {
      const batch = list.slice(i, i + 50)
      const linked = batch.flatMap((r) => r.type === 'mediationCase' && r.payload.complaintId ? [r.payload.complaintId] : [])
      await sync(day, 'st-a', batch.map(({ baseVersion: _v, ...r }) => r), linked)
    }
  }
}

/** 戊: one kind of event per month, each the only activity of its month. */
async function writeEventsStation (sync: Sync, on: On, ledger: Ledger) {
  const s = 'st-e1'
  const me = mediatorOf(s)
  // 2025-10-30 a session is held; it reaches the server on 2025-11-03: November's only event is the record's creation.
  const session = { id: newRecordId(), type: 'legalSession' as const, stationId: s, pointId: null, payload: sessionPayload({ date: '2025-10-30', attendees: 30 }) }
  await sync('2025-11-03', s, [session])
  // December: a case received and accepted; a risk check finding wage arrears; a worker's complaint.
  const kase = { id: newRecordId(), type: 'mediationCase' as const, stationId: s, pointId: null, payload: casePayload({ receivedDate: '2025-12-20', timeline: [ev('accept', '2025-12-20')] }) }
  await sync('2025-12-20', s, [kase])
  const check = { id: newRecordId(), type: 'riskCheck' as const, stationId: s, pointId: null, payload: riskPayload({ checkDate: '2025-12-22' }, { noWageArrears: { result: 'noncompliant', workers: 4 } }) }
  await sync('2025-12-22', s, [check])
  const form = complaintForm('TE1', { owedFrom: '2025-10', owedTo: '2025-11' })
  await on('2025-12-28', [form.id], () => ledger.ok('submitComplaint', form, 'dev_worker_e1'))
  const version = async (id: string) => (await ledger.ok<{ record: StoredRecord }>('getRecord', { id }, me)).record.version
  const step = async (day: string, action: string, extra: Record<string, unknown> = {}) => {
    const baseVersion = await version(kase.id)
    await on(day, [kase.id], () => ledger.ok('transitionCase', { id: kase.id, action, baseVersion, date: day, ...extra }, me))
  }
  // January: a mediation session inside the case. February: its outcome (调解成功), no 结案. March: a payment.
  await step('2026-01-10', 'recordSession', { mode: '面谈' })
  await step('2026-02-12', 'succeed', { agreement: { amountFen: 300_000, payDate: '2026-03-15', payMethod: '银行转账' } })
  await step('2026-03-15', 'recordPayment', { paidFen: 300_000, paymentComplete: true })
  // April: the hazard found in December is closed (销号).
  await sync('2026-04-08', s, [{ ...check, payload: { ...check.payload, hazardClosed: { date: '2026-04-08', note: '已补发工资' } } }])
  // May: the complaint is accepted; June: transferred.
  const handle = async (day: string, action: string, extra: Record<string, unknown> = {}) => {
    const baseVersion = (await ledger.ok<{ record: StoredRecord }>('getComplaint', { id: form.id }, me)).record.version
    await on(day, [form.id], () => ledger.ok('handleComplaint', { id: form.id, action, baseVersion, ...extra }, me))
  }
  await handle('2026-05-06', 'accept')
  await handle('2026-06-09', 'transfer', { transferTo: '劳动保障监察' })
  // July: nothing happens but an edit (the session's attendance corrected).
  await sync('2026-07-14', s, [{ ...session, payload: { ...session.payload, attendees: 32 } }])
  // August: nothing, no nil report. September: a nil report, sent late on 2 October.
  const nilSeptember = nilReportId(s, '2026-09')
  await sync('2026-10-02', s, [{ id: nilSeptember, type: 'nilReport', stationId: s, pointId: null, payload: { month: '2026-09' } }])
  // October: a nil report on the 5th, then a session held on the 3rd arrives on the 25th and withdraws it.
  const nilOctober = nilReportId(s, '2026-10')
  await sync('2026-10-05', s, [{ id: nilOctober, type: 'nilReport', stationId: s, pointId: null, payload: { month: '2026-10', note: '本月无新增事项' } }])
  await sync('2026-10-25', s, [{ id: newRecordId(), type: 'legalSession', stationId: s, pointId: null, payload: sessionPayload({ date: '2026-10-03' }) }])
  // November: 结案.
  await step('2026-11-02', 'close')
  return { nilSeptember, nilOctober, e1Complaint: form.id }
}

/** 己: a session moved from April to May and from 站本级 to its point; a case moved from June to July. */
async function writeMovingEdits (sync: Sync) {
  const s = 'st-e2'
  const session = { id: newRecordId(), type: 'legalSession' as const, stationId: s, pointId: null, payload: sessionPayload({ date: '2026-04-28', attendees: 40, materials: 100 }) }
  await sync('2026-04-28', s, [session])
  await sync('2026-05-10', s, [{ ...session, pointId: 'st-e2-p1', payload: { ...session.payload, date: '2026-05-03' } }])
  const kase = { id: newRecordId(), type: 'mediationCase' as const, stationId: s, pointId: null, payload: casePayload({ receivedDate: '2026-06-30', timeline: [] }) }
  await sync('2026-06-30', s, [kase])
  const corrected = { ...kase.payload, receivedDate: '2026-07-01', timeline: [ev('accept', '2026-07-02')] }
  await sync('2026-07-02', s, [{ ...kase, payload: corrected }])
  // Offline work that reaches the server in October: a check's hazard closed on 30 August, a mediation session inside
  // the case on 28 September. Each is its month's only event, and neither was written in its month.
  const check = { id: newRecordId(), type: 'riskCheck' as const, stationId: s, pointId: null, payload: riskPayload({ checkDate: '2026-05-20' }, { noWageArrears: { result: 'noncompliant', workers: 2 } }) }
  await sync('2026-05-20', s, [check])
  await sync('2026-10-03', s, [
    { ...check, payload: { ...check.payload, hazardClosed: { date: '2026-08-30', note: '已补发工资' } } },
    { ...kase, payload: { ...corrected, timeline: [...corrected.timeline, ev('recordSession', '2026-09-28', { mode: '电话' })] } }
  ])
  return { movedSession: session.id, movedCase: kase.id }
}

/**
 * 庚: three cases received on 1 March (day 15 is 16 March, day 16 is 17 March) and one on 10 March:
 * an agreement on day 15 (in time), a failure on day 16 (overdue, counted on 17 March), one never decided (overdue on
 * 26 March), and one rejected on day 2 (in time).
 */
async function writeClockStation (sync: Sync) {
  const s = 'st-clk'
  const agreement = { amountFen: 100_000, payDate: '2026-03-30', payMethod: '银行转账' as const }
  const cases = [
    casePayload({ receivedDate: '2026-03-01', timeline: [ev('accept', '2026-03-01'), ev('recordSession', '2026-03-05', { mode: '面谈' }), ev('succeed', '2026-03-16', { agreement })] }),
    casePayload({ receivedDate: '2026-03-01', timeline: [ev('accept', '2026-03-01'), ev('recordSession', '2026-03-05', { mode: '电话' }), ev('fail', '2026-03-17')] }),
    casePayload({ receivedDate: '2026-03-10', timeline: [ev('accept', '2026-03-10')] }),
    casePayload({ receivedDate: '2026-03-01', timeline: [ev('reject', '2026-03-02', { reason: '不属于受理范围' })] })
  ]
  await sync('2026-03-31', s, cases.map((payload) => ({ id: newRecordId(), type: 'mediationCase' as const, stationId: s, pointId: null, payload })))
}

/** 80 cases received, accepted and closed in March; `mediated` of them after an agreement, the rest after a failure. */
async function writeRoundingStation (sync: Sync, s: string, mediated: number) {
  const records = Array.from({ length: 80 }, (_, i) => {
    const outcome = i < mediated
      ? ev('succeed', '2026-03-05', { agreement: { amountFen: 50_000, payDate: '2026-03-20', payMethod: '现金' } })
      : ev('fail', '2026-03-05')
    return { id: newRecordId(), type: 'mediationCase' as const, stationId: s, pointId: null, payload: casePayload({ receivedDate: '2026-03-02', workerCount: 1, timeline: [ev('accept', '2026-03-02'), ev('recordSession', '2026-03-03', { mode: '面谈' }), outcome, ev('close', '2026-03-06')] }) }
  })
  for (let i = 0; i < records.length; i += 50) await sync('2026-03-06', s, records.slice(i, i + 50))
}
