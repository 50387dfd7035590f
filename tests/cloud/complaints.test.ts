/** The complaint flow through the handlers: submit, limits, lookup, the inbox, conversion to a case, and follow-up. */
import { SqliteStore } from '../../server/sqlite-store'
import { maskPhone, type StoredRecord } from '@/domain'
import { complaintForm } from '../support/fixtures'
import { Ledger, PEOPLE, seedOrg } from '../support/ledger-harness'

let ledger: Ledger
let store: SqliteStore
const WORKER = 'dev_worker_1'
const OTHER_WORKER = 'dev_worker_2'
const A = PEOPLE.mediatorA.identityId
const B = PEOPLE.mediatorB.identityId

beforeEach(async () => {
  store = new SqliteStore(':memory:')
  await seedOrg(store)
  ledger = new Ledger(store)
})
afterEach(() => store.close())

type Submitted = { id: string, trackingNo: string, status: string, stationName: string, duplicate: boolean }
const submit = (form = complaintForm('TA01'), who = WORKER) => ledger.ok<Submitted>('submitComplaint', form, who)

describe('submitting a complaint', () => {
  it('gives a readable tracking number and the station name', async () => {
    const r = await submit()
    expect(r.trackingNo).toMatch(/^[2-9A-HJKMNP-RT-Y]{4}-[2-9A-HJKMNP-RT-Y]{4}$/)
    expect(r.stationName).toBe('甲街道劳动关系公共服务站')
    expect(r.status).toBe('submitted')
    const [stored] = await store.getRecords([r.id])
    expect(stored).toMatchObject({ stationId: 'st-a', districtId: 'dist-d', createdBy: WORKER, type: 'wageComplaint' })
  })

  it('a double tap or a retry with the same form id makes one complaint', async () => {
    const form = complaintForm('TA01')
    const [a, b] = await Promise.all([submit(form), submit(form)])
    const c = await submit(form)
    expect(new Set([a.trackingNo, b.trackingNo, c.trackingNo]).size).toBe(1)
    expect(c.duplicate).toBe(true)
    const mine = await ledger.ok<{ items: unknown[] }>('myComplaints', {}, WORKER)
    expect(mine.items).toHaveLength(1)
  })

  it('refuses unknown and inactive stations, missing consent and the honeypot', async () => {
    expect(await ledger.call('submitComplaint', complaintForm('NOPE'), WORKER)).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    expect(await ledger.call('submitComplaint', complaintForm('TOFF'), WORKER)).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    const noConsent = await ledger.call('submitComplaint', { ...complaintForm('TA01'), consent: false }, WORKER)
    expect(noConsent).toMatchObject({ ok: false, code: 'VALIDATION_FAILED', message: '请阅读并勾选同意《个人信息处理说明》' })
    expect(await ledger.call('submitComplaint', complaintForm('TA01', { website: 'http://spam' }), WORKER)).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' })
    expect(await ledger.call('submitComplaint', complaintForm('TA01', { description: '长'.repeat(1001) }), WORKER)).toMatchObject({ ok: false, code: 'VALIDATION_FAILED', message: '情况说明不能超过1000个字' })
    expect(await ledger.call('submitComplaint', complaintForm('TA01'), null)).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' })
    expect((store.db.prepare('SELECT COUNT(*) AS n FROM records').get() as { n: number }).n).toBe(0)
  })

  it('allows 5 a day per identity, then refuses in Chinese; the next Beijing day it opens again', async () => {
    for (let i = 0; i < 5; i++) await submit()
    const sixth = await ledger.call('submitComplaint', complaintForm('TA01'), WORKER)
    expect(sixth).toMatchObject({ ok: false, code: 'RATE_LIMITED' })
    if (!sixth.ok) expect(sixth.message).toContain('今天已提交5次投诉')
    expect((await ledger.call('submitComplaint', complaintForm('TA01'), OTHER_WORKER)).ok).toBe(true)
    ledger.now = new Date('2026-11-20T16:00:00.000Z') // 00:00 on 21 November in Beijing
    expect((await ledger.call('submitComplaint', complaintForm('TA01'), WORKER)).ok).toBe(true)
  })

  it('limits per address in the host as well', async () => {
    for (let i = 0; i < 20; i++) expect((await ledger.call('submitComplaint', complaintForm('TA01'), `dev_w${i}`, '10.1.1.1')).ok).toBe(true)
    expect(await ledger.call('submitComplaint', complaintForm('TA01'), 'dev_w99', '10.1.1.1')).toMatchObject({ ok: false, code: 'RATE_LIMITED' })
  })

  it('holds risky text for review and flags it to the station, never dropping it', async () => {
    ledger.services.risky = /违禁/
    const r = await ledger.ok<Submitted & { heldForReview: boolean }>('submitComplaint', complaintForm('TA01', { description: '含有违禁内容的说明' }), WORKER)
    expect(r.heldForReview).toBe(true)
    const inbox = await ledger.ok<{ items: StoredRecord[] }>('stationComplaints', {}, A)
    expect(inbox.items).toHaveLength(1)
    expect(inbox.items[0].type === 'wageComplaint' && inbox.items[0].payload.heldForReview).toBe(true)
  })
})

describe('following a complaint', () => {
  it('the worker sees only their own; anyone with tracking number + last 4 digits can look it up', async () => {
    const mine = await submit()
    await submit(complaintForm('TA01', { name: '别人' }), OTHER_WORKER)
    const list = await ledger.ok<{ items: Array<{ trackingNo: string, phone: string, name: string }> }>('myComplaints', {}, WORKER)
    expect(list.items.map((i) => i.trackingNo)).toEqual([mine.trackingNo])
    expect(list.items[0].phone).toBe('137****2222')
    expect(list.items[0].name).toBe('赵*')
    const found = await ledger.ok<{ complaint: { trackingNo: string, status: string } }>('lookupComplaint', { trackingNo: mine.trackingNo.toLowerCase().replace('-', ' '), phoneLast4: '2222' }, null)
    expect(found.complaint).toMatchObject({ trackingNo: mine.trackingNo, status: 'submitted' })
    expect(await ledger.call('lookupComplaint', { trackingNo: mine.trackingNo, phoneLast4: '0000' }, null)).toMatchObject({ ok: false, code: 'NOT_FOUND' })
  })
})

describe('the station inbox', () => {
  it('shows the station its complaints masked, unhandled oldest first; other stations see nothing', async () => {
    const first = await submit()
    ledger.now = new Date('2026-11-21T04:00:00.000Z')
    const second = await submit(complaintForm('TA01', { phone: '13811112222' }), OTHER_WORKER)
    await ledger.ok('handleComplaint', { id: first.id, action: 'accept', baseVersion: 1 }, A)
    ledger.now = new Date('2026-11-22T04:00:00.000Z')
    const third = await submit(complaintForm('TA01'), 'dev_w3')
    const inbox = await ledger.ok<{ items: StoredRecord[], waiting: number }>('stationComplaints', {}, A)
    expect(inbox.items.map((r) => r.id)).toEqual([second.id, third.id, first.id])
    expect(inbox.waiting).toBe(2)
    expect(JSON.stringify(inbox)).not.toContain('13811112222')
    expect(JSON.stringify(inbox)).toContain(maskPhone('13811112222'))
    expect(await ledger.call('stationComplaints', { stationId: 'st-a' }, B)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await ledger.call('getComplaint', { id: first.id }, B)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await ledger.call('handleComplaint', { id: first.id, action: 'close', baseVersion: 2, recoveredFen: 0 }, B)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  })

  it('opening one shows the full phone to the mediator and writes an audit entry; district staff see it masked', async () => {
    const c = await submit()
    const full = await ledger.ok<{ record: StoredRecord }>('getComplaint', { id: c.id }, A)
    expect(full.record.type === 'wageComplaint' && full.record.payload.phone).toBe('13700002222')
    const audit = await store.listAudit(c.id)
    expect(audit.map((a) => [a.action, a.actor])).toContainEqual(['viewContact', A])
    const staff = await ledger.ok<{ record: StoredRecord }>('getComplaint', { id: c.id }, PEOPLE.staffD.identityId)
    expect(staff.record.type === 'wageComplaint' && staff.record.payload.phone).toBe('137****2222')
    expect(await ledger.call('getComplaint', { id: c.id }, PEOPLE.staffE.identityId)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  })

  it('refusing needs a reason the worker will see', async () => {
    const c = await submit()
    expect(await ledger.call('handleComplaint', { id: c.id, action: 'reject', baseVersion: 1 }, A)).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' })
    await ledger.ok('handleComplaint', { id: c.id, action: 'reject', baseVersion: 1, reason: '用人单位不在本辖区' }, A)
    const view = await ledger.ok<{ items: Array<{ status: string, timeline: Array<{ reason?: string }> }> }>('myComplaints', {}, WORKER)
    expect(view.items[0].status).toBe('rejected')
    expect(view.items[0].timeline[0].reason).toBe('用人单位不在本辖区')
  })

  it('a stale version is a conflict', async () => {
    const c = await submit()
    await ledger.ok('handleComplaint', { id: c.id, action: 'accept', baseVersion: 1 }, A)
    expect(await ledger.call('handleComplaint', { id: c.id, action: 'accept', baseVersion: 1 }, A)).toMatchObject({ ok: false, code: 'CONFLICT' })
  })

  it('转为调解案件 makes one linked case; mediating it to success closes the complaint; people and money count once', async () => {
    const c = await submit(complaintForm('TA01', { workerCount: 12, amountOwedFen: 3_600_000 }))
    const converted = await ledger.ok<{ record: StoredRecord, case: StoredRecord }>('handleComplaint', { id: c.id, action: 'convert', baseVersion: 1 }, A)
    const kase = converted.case
    expect(kase.type).toBe('mediationCase')
    if (kase.type !== 'mediationCase') return
    expect(kase.payload).toMatchObject({ source: '扫码投诉转入', complaintId: c.id, workerCount: 12, claimedFen: 3_600_000, complexity: '重大' })
    expect(kase.status).toBe('accepted')
    expect(converted.record.status).toBe('processing')

    let v = kase.version
    for (const step of [
      { action: 'recordSession', mode: '面谈' },
      { action: 'succeed', agreement: { amountFen: 3_000_000, payDate: '2026-11-30', payMethod: '银行转账' } }
    ]) {
      const r = await ledger.ok<{ record: StoredRecord }>('transitionCase', { id: kase.id, baseVersion: v, ...step }, A)
      v = r.record.version
    }
    const worker = await ledger.ok<{ items: Array<{ status: string, timeline: Array<{ action: string, recoveredFen?: number }> }> }>('myComplaints', {}, WORKER)
    expect(worker.items[0].status).toBe('closed')
    expect(worker.items[0].timeline.map((e) => e.action)).toEqual(['convert', 'close'])
    expect(worker.items[0].timeline[1].recoveredFen).toBe(3_000_000)

    const report = await ledger.ok<{ totals: { sums: Record<string, number> } }>('districtReport', { period: { kind: 'month', year: 2026, month: 11 } }, PEOPLE.staffD.identityId)
    expect(report.totals.sums).toMatchObject({
      complaintsReceived: 1, complaintsConverted: 1, complaintsClosed: 1, complaintWorkers: 0, complaintOwedFen: 0, complaintRecoveredFen: 0,
      casesAccepted: 1, caseWorkers: 12, caseClaimedFen: 3_600_000, caseAgreedFen: 3_000_000, casesCollective: 1
    })
  })

  it('a converted case mediated offline (through sync) closes its complaint too, counted once', async () => {
    const c = await submit(complaintForm('TA01', { workerCount: 2, amountOwedFen: 800_000 }))
    const { case: kase } = await ledger.ok<{ case: StoredRecord }>('handleComplaint', { id: c.id, action: 'convert', baseVersion: 1 }, A)
    if (kase.type !== 'mediationCase') throw new Error('not a case')
    const timeline = [...kase.payload.timeline,
      { action: 'recordSession', date: '2026-11-20', at: '2026-11-20T05:00:00.000Z', mode: '电话' },
      { action: 'succeed', date: '2026-11-20', at: '2026-11-20T06:00:00.000Z', agreement: { amountFen: 700_000, payDate: '2026-11-30', payMethod: '现金' } }]
    const edit = { id: kase.id, type: 'mediationCase', stationId: 'st-a', baseVersion: kase.version, payload: { ...kase.payload, timeline } }
    const { results } = await ledger.ok<{ results: Array<{ result: string }> }>('syncRecords', { records: [edit] }, A)
    expect(results[0].result).toBe('updated')
    const found = await ledger.ok<{ complaint: { status: string, timeline: Array<{ action: string, recoveredFen?: number }> } }>('lookupComplaint', { trackingNo: c.trackingNo, phoneLast4: '2222' }, null)
    expect(found.complaint.status).toBe('closed')
    expect(found.complaint.timeline.at(-1)).toMatchObject({ action: 'close', recoveredFen: 700_000 })
    // Sending the same edit again changes nothing
    expect((await ledger.ok<{ results: Array<{ result: string }> }>('syncRecords', { records: [edit] }, A)).results[0].result).toBe('duplicate')
    const report = await ledger.ok<{ totals: { sums: Record<string, number> } }>('districtReport', { period: { kind: 'month', year: 2026, month: 11 } }, PEOPLE.staffD.identityId)
    expect(report.totals.sums).toMatchObject({ complaintsClosed: 1, complaintWorkers: 0, complaintRecoveredFen: 0, caseWorkers: 2, caseAgreedFen: 700_000 })
  })

  it('notifies the worker who asked for it when the status changes', async () => {
    const c = await submit(complaintForm('TA01', { notify: true }))
    await ledger.ok('handleComplaint', { id: c.id, action: 'accept', baseVersion: 1 }, A)
    expect(ledger.services.notified).toEqual([{ identityId: WORKER, status: 'accepted' }])
  })
})
