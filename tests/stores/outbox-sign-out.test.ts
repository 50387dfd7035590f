/**
 * Signing out forgets the phone's copies of records (names, phone numbers) but never a record the server has not
 * got: the outbox refuses while anything is queued, failed, in conflict or a draft, and says how many and what to do.
 */
import { createOutboxStore, unsyncedMessage, type OutboxDeps } from '@/stores/outbox-store'
import { SqliteStore } from '../../server/sqlite-store'
import { casePayload, sessionPayload } from '../support/fixtures'
import { Ledger, PEOPLE, seedOrg } from '../support/ledger-harness'
import { MemoryStorage } from '../support/memory-storage'

class Offline extends Error {
  code = 'NETWORK'
}

let server: SqliteStore
let ledger: Ledger
let storage: MemoryStorage
let online: boolean

function deps (): OutboxDeps {
  return {
    storage,
    now: () => ledger.now,
    random: () => 0.5,
    schedule: () => () => undefined,
    usage: () => null,
    handlingOf: (e) => (e instanceof Offline ? 'retry' : 'show'),
    messageOf: (e) => (e instanceof Error ? e.message : String(e)),
    sync: async (records) => {
      if (!online) throw new Offline('网络不可用')
      const answer = await ledger.call('syncRecords', { records }, PEOPLE.mediatorA.identityId)
      if (!answer.ok) throw Object.assign(new Error(answer.message), { code: answer.code })
      return answer.data
    }
  }
}

beforeEach(async () => {
  server = new SqliteStore(':memory:')
  await seedOrg(server)
  ledger = new Ledger(server)
  storage = new MemoryStorage()
  online = true
})
afterEach(() => server.close())

const kase = () => ({ type: 'mediationCase' as const, stationId: 'st-a', payload: casePayload() })
/** Everything the phone's storage holds, whatever the keys. */
const persisted = () => [...storage.data.values()].join('\n')

describe('forgetAll (sign-out)', () => {
  it('clears every synced copy from storage: no name or phone number stays', async () => {
    const store = createOutboxStore(deps())
    store.getState().save(kase(), 'submit')
    await store.getState().syncNow()
    expect(persisted()).toContain('13812341234')
    expect(store.getState().forgetAll()).toEqual({ ok: true })
    expect(store.getState().records).toEqual({})
    expect(persisted()).not.toContain('13812341234')
    expect(persisted()).not.toContain('王小二')
  })

  it('is refused while records wait to be synced, and forgets nothing', async () => {
    const store = createOutboxStore(deps())
    online = false
    store.getState().save(kase(), 'submit')
    store.getState().save({ type: 'legalSession', stationId: 'st-a', payload: sessionPayload() }, 'submit')
    store.getState().save({ type: 'legalSession', stationId: 'st-a', payload: sessionPayload({ place: '' }) }, 'draft')
    await store.getState().syncNow()
    expect(store.getState().forgetAll()).toEqual({ ok: false, unsynced: 2, drafts: 1 })
    expect(Object.keys(store.getState().records)).toHaveLength(3)
    expect(persisted()).toContain('13812341234')
    online = true
    await store.getState().syncNow()
    expect(store.getState().forgetAll()).toEqual({ ok: false, unsynced: 0, drafts: 1 })
  })

  it('is refused for records the server will not take now (a revoked mediator’s): they stay queued, never lost', async () => {
    const store = createOutboxStore(deps())
    const saved = store.getState().save(kase(), 'submit')
    if (!saved.ok) throw new Error('not saved')
    await ledger.ok('revokeBinding', { identityId: PEOPLE.mediatorA.identityId }, PEOPLE.staffD.identityId)
    await store.getState().syncNow()
    expect(store.getState().records[saved.id].state).toBe('queued')
    expect(store.getState().forgetAll()).toMatchObject({ ok: false, unsynced: 1 })
  })
})

describe('the message', () => {
  it('says how many records wait and what to do', () => {
    expect(unsyncedMessage(0, 0)).toBeNull()
    expect(unsyncedMessage(3, 0)).toBe('还有3条记录未同步。退出登录会清除本机上的记录，请先联网后点“立即同步”，处理同步失败或有冲突的记录，再退出登录。')
    expect(unsyncedMessage(2, 1)).toBe('还有2条记录未同步，1条草稿未提交。退出登录会清除本机上的记录，请先联网后点“立即同步”，处理同步失败或有冲突的记录，并提交或删除草稿，再退出登录。')
    expect(unsyncedMessage(0, 4)).toBe('还有4条草稿未提交。退出登录会清除本机上的记录，请先提交或删除草稿，再退出登录。')
  })
})
