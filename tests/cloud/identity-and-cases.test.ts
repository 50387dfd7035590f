/** Invites and bindings, reading records across stations, and the case workflow action. */
import { SqliteStore } from '../../server/sqlite-store'
import type { StoredRecord } from '@/domain'
import type { SyncResult } from '../../cloudfunctions/ledger/src/handlers/sync'
import { casePayload, envelope, sessionPayload } from '../support/fixtures'
import { Ledger, PEOPLE, seedOrg } from '../support/ledger-harness'

let ledger: Ledger
let store: SqliteStore
const A = PEOPLE.mediatorA.identityId
const STAFF = PEOPLE.staffD.identityId

beforeEach(async () => {
  store = new SqliteStore(':memory:')
  await seedOrg(store)
  ledger = new Ledger(store)
})
afterEach(() => store.close())

describe('invites and roles', () => {
  it('district staff invite a mediator for a station; the invite binds once', async () => {
    const invite = await ledger.ok<{ code: string }>('createInvite', { role: 'mediator', stationId: 'st-b', displayName: '新调解员' }, STAFF)
    expect(invite.code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/)
    const me = await ledger.ok<{ role: string, station: { id: string, name: string } }>('bindRole', { code: invite.code.toLowerCase() }, 'openid_new')
    expect(me.role).toBe('mediator')
    expect(me.station).toMatchObject({ id: 'st-b', name: '乙镇劳动关系公共服务站' })
    expect(await ledger.call('bindRole', { code: invite.code }, 'openid_other')).toMatchObject({ ok: false, code: 'FORBIDDEN', message: '该邀请码已被使用，请向区人社局申请新的邀请码' })
    expect(await ledger.call('bindRole', { code: 'ZZZZ-ZZZZ' }, 'openid_other')).toMatchObject({ ok: false, code: 'NOT_FOUND' })
  })

  it('invites expire after 7 days', async () => {
    const invite = await ledger.ok<{ code: string }>('createInvite', { role: 'district', displayName: '新科员' }, STAFF)
    ledger.now = new Date(ledger.now.getTime() + 8 * 86_400_000)
    expect(await ledger.call('bindRole', { code: invite.code }, 'openid_late')).toMatchObject({ ok: false, code: 'FORBIDDEN', message: '邀请码已过期，请向区人社局申请新的邀请码' })
  })

  it('only district staff invite, and only for their own district', async () => {
    expect(await ledger.call('createInvite', { role: 'mediator', stationId: 'st-a', displayName: 'x' }, A)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await ledger.call('createInvite', { role: 'mediator', stationId: 'st-c', displayName: 'x' }, STAFF)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await ledger.call('createInvite', { role: 'mediator', displayName: 'x' }, STAFF)).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' })
  })

  it('whoami answers for every kind of caller', async () => {
    expect(await ledger.ok('whoami', {}, null)).toMatchObject({ role: 'anonymous', binding: null })
    expect(await ledger.ok('whoami', {}, 'dev_x')).toMatchObject({ role: 'worker', identityId: 'dev_x' })
    expect(await ledger.ok('whoami', {}, A)).toMatchObject({ role: 'mediator', station: { id: 'st-a' }, district: { id: 'dist-d' } })
  })

  it('the public station lookup shows name only for active stations', async () => {
    expect(await ledger.ok('stationByCode', { code: 'TA01' }, null)).toEqual({ code: 'TA01', name: '甲街道劳动关系公共服务站', area: '甲街道', districtName: '测试区' })
    expect(await ledger.call('stationByCode', { code: 'TOFF' }, null)).toMatchObject({ ok: false, code: 'NOT_FOUND' })
  })
})

describe('reading records', () => {
  it('a mediator reads their station only; district staff read their district only; lists are masked', async () => {
    const rec = envelope('mediationCase', 'st-a', casePayload())
    await ledger.ok('syncRecords', { records: [rec, envelope('legalSession', 'st-a', sessionPayload())] }, A)
    const list = await ledger.ok<{ items: StoredRecord[] }>('listRecords', { type: 'mediationCase' }, A)
    expect(list.items).toHaveLength(1)
    expect(JSON.stringify(list)).not.toContain('13812341234')
    expect(JSON.stringify(list)).not.toContain('11010519491231002X')
    expect(await ledger.call('listRecords', { stationId: 'st-a' }, PEOPLE.mediatorB.identityId)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await ledger.call('getRecord', { id: rec.id }, PEOPLE.mediatorB.identityId)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect((await ledger.ok<{ items: StoredRecord[] }>('listRecords', { stationId: 'st-a' }, STAFF)).items).toHaveLength(2)
    expect(await ledger.call('listRecords', { stationId: 'st-a' }, PEOPLE.staffE.identityId)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await ledger.call('listRecords', { stationId: 'st-a' }, 'dev_worker')).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  })

  it('searches by enterprise or worker name and pages with a cursor', async () => {
    const records = Array.from({ length: 7 }, (_, i) => envelope('mediationCase', 'st-a', casePayload({ receivedDate: `2026-11-0${i + 1}`, employer: { name: i % 2 ? '青禾建材有限公司' : '东湖纺织有限公司' } })))
    await ledger.ok('syncRecords', { records }, A)
    const found = await ledger.ok<{ items: StoredRecord[] }>('listRecords', { search: '东湖' }, A)
    expect(found.items).toHaveLength(4)
    const page1 = await ledger.ok<{ items: StoredRecord[], next: string }>('listRecords', { limit: 3 }, A)
    const page2 = await ledger.ok<{ items: StoredRecord[], next: string }>('listRecords', { limit: 3, cursor: page1.next }, A)
    const page3 = await ledger.ok<{ items: StoredRecord[], next: string | null }>('listRecords', { limit: 3, cursor: page2.next }, A)
    expect([...page1.items, ...page2.items, ...page3.items].map((r) => r.eventDate)).toEqual(['2026-11-07', '2026-11-06', '2026-11-05', '2026-11-04', '2026-11-03', '2026-11-02', '2026-11-01'])
    expect(page3.next).toBeNull()
  })
})

describe('transitionCase', () => {
  async function newCase () {
    const rec = envelope('mediationCase', 'st-a', casePayload())
    const { results } = await ledger.ok<{ results: SyncResult[] }>('syncRecords', { records: [rec] }, A)
    expect(results[0].result).toBe('stored')
    return rec.id
  }

  it('walks the workflow, stamps who did it, and audits every change', async () => {
    const id = await newCase()
    let v = 1
    for (const step of [{ action: 'accept' }, { action: 'recordSession', mode: '电话' }, { action: 'fail' }, { action: 'toArbitration' }]) {
      const r = await ledger.ok<{ record: StoredRecord }>('transitionCase', { id, baseVersion: v, ...step }, A)
      v = r.record.version
    }
    expect(v).toBe(5)
    const { record, audit } = await ledger.ok<{ record: StoredRecord, audit: Array<{ action: string, actor: string }> }>('getRecord', { id }, A)
    expect(record.status).toBe('toArbitration')
    if (record.type === 'mediationCase') expect(record.payload.timeline.every((e) => e.by === A)).toBe(true)
    expect(audit.map((a) => a.action)).toEqual(['accept', 'recordSession', 'fail', 'toArbitration', 'viewContact'])
    expect(audit[0].actor).toBe('甲调解员（调解员）')
  })

  it('refuses moves the workflow does not allow, stale versions, and other stations', async () => {
    const id = await newCase()
    expect(await ledger.call('transitionCase', { id, baseVersion: 1, action: 'close' }, A)).toMatchObject({ ok: false, code: 'VALIDATION_FAILED', message: '案件当前状态下不能执行“结案”' })
    expect(await ledger.call('transitionCase', { id, baseVersion: 1, action: 'succeed' }, A)).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' })
    expect(await ledger.call('transitionCase', { id, baseVersion: 1, action: 'accept' }, PEOPLE.mediatorB.identityId)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await ledger.call('transitionCase', { id, baseVersion: 1, action: 'accept' }, STAFF)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    await ledger.ok('transitionCase', { id, baseVersion: 1, action: 'accept' }, A)
    expect(await ledger.call('transitionCase', { id, baseVersion: 1, action: 'recordSession', mode: '面谈' }, A)).toMatchObject({ ok: false, code: 'CONFLICT' })
    expect(await ledger.call('transitionCase', { id, baseVersion: 2, action: 'recordSession', mode: '面谈', date: '2026-12-01' }, A)).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' })
  })

  it('station summary counts the case for its mediator and district staff only', async () => {
    const id = await newCase()
    await ledger.ok('transitionCase', { id, baseVersion: 1, action: 'accept', date: '2026-11-03' }, A)
    const summary = await ledger.ok<{ row: { sums: Record<string, number> } }>('stationSummary', { period: { kind: 'month', year: 2026, month: 11 } }, A)
    expect(summary.row.sums.casesAccepted).toBe(1)
    expect((await ledger.ok<{ row: { sums: Record<string, number> } }>('stationSummary', { stationId: 'st-a', period: { kind: 'year', year: 2026 } }, STAFF)).row.sums.casesAccepted).toBe(1)
    expect(await ledger.call('stationSummary', { stationId: 'st-a', period: { kind: 'year', year: 2026 } }, PEOPLE.staffE.identityId)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  })
})
