/**
 * The outbox through getState(), against the real ledger handlers on an in-memory SQLite store: nothing typed is
 * lost, nothing is counted twice, whatever the network does.
 */
import type { StateStorage } from 'zustand/middleware'
import { BATCH_SIZE, createOutboxStore, STORAGE_KEY, type OutboxDeps } from '@/stores/outbox-store'
import { SqliteStore } from '../../server/sqlite-store'
import { casePayload, sessionPayload } from '../support/fixtures'
import { Ledger, PEOPLE, seedOrg } from '../support/ledger-harness'

/** Storage like WeChat's: values are strings; a quota makes writes throw. */
class MemoryStorage implements StateStorage {
  data = new Map<string, string>()
  quotaBytes = Infinity
  writes = 0
  getItem = (k: string) => this.data.get(k) ?? null
  setItem = (k: string, v: string) => {
    if (v.length * 2 > this.quotaBytes) throw new Error('setStorage:fail exceed storage max size 10MB')
    this.writes++
    this.data.set(k, v)
  }

  removeItem = (k: string) => { this.data.delete(k) }
}

let server: SqliteStore
let ledger: Ledger
let storage: MemoryStorage
let timers: Array<{ fn: () => void, ms: number }>
let calls: number
/** What the network does to the next calls: deliver, lose the answer after the server handled it, fail, or hang. */
let network: Array<'ok' | 'lose' | 'down' | 'garbage'>

class FakeNetworkError extends Error {
  code = 'NETWORK'
}

function deps (over: Partial<OutboxDeps> = {}): OutboxDeps {
  return {
    storage,
    now: () => ledger.now,
    random: () => 0.5,
    schedule: (fn, ms) => { timers.push({ fn, ms }); return () => { timers = timers.filter((t) => t.fn !== fn) } },
    usage: () => null,
    isTransient: (e) => e instanceof FakeNetworkError,
    messageOf: (e) => (e instanceof Error ? e.message : String(e)),
    sync: async (records) => {
      calls++
      const mode = network.shift() || 'ok'
      if (mode === 'down') throw new FakeNetworkError('网络不可用')
      if (mode === 'garbage') return { errMsg: 'request:ok' }
      const answer = await ledger.call('syncRecords', { records }, PEOPLE.mediatorA.identityId)
      if (mode === 'lose') throw new FakeNetworkError('网络中断')
      if (!answer.ok) throw Object.assign(new Error(answer.message), { code: answer.code })
      return answer.data
    },
    ...over
  }
}

const serverCount = () => (server.db.prepare('SELECT COUNT(*) AS n FROM records').get() as { n: number }).n

beforeEach(async () => {
  server = new SqliteStore(':memory:')
  await seedOrg(server)
  ledger = new Ledger(server)
  storage = new MemoryStorage()
  timers = []
  calls = 0
  network = []
})
afterEach(() => server.close())

const session = (over = {}) => ({ type: 'legalSession' as const, stationId: 'st-a', payload: sessionPayload(over) })

describe('outbox', () => {
  it('writes a record to storage before any network call', () => {
    const store = createOutboxStore(deps())
    const r = store.getState().save(session(), 'submit')
    expect(r.ok).toBe(true)
    expect(calls).toBe(0)
    const persisted = JSON.parse(storage.getItem(STORAGE_KEY) as string)
    expect(Object.values(persisted.state.records)).toMatchObject([{ state: 'queued', type: 'legalSession' }])
  })

  it('refuses to queue an invalid record and keeps drafts as they are', () => {
    const store = createOutboxStore(deps())
    const bad = store.getState().save(session({ attendees: -1 }), 'submit')
    expect(bad).toMatchObject({ ok: false, reason: 'invalid' })
    const draft = store.getState().save(session({ place: '' }), 'draft')
    expect(draft.ok).toBe(true)
    expect(store.getState().unsyncedCount()).toBe(0)
  })

  it('syncs and marks each record synced only when the answer lists its id', async () => {
    const store = createOutboxStore(deps())
    store.getState().save(session(), 'submit')
    store.getState().save(session({ attendees: 3 }), 'submit')
    const summary = await store.getState().syncNow()
    expect(summary).toMatchObject({ sent: 2, settled: 2 })
    expect(Object.values(store.getState().records).map((r) => [r.state, r.baseVersion])).toEqual([['synced', 1], ['synced', 1]])
    expect(serverCount()).toBe(2)
  })

  it('dequeues nothing when a call resolves without a result list (as Taro H5 stubs do)', async () => {
    const store = createOutboxStore(deps())
    store.getState().save(session(), 'submit')
    network = ['garbage']
    const summary = await store.getState().syncNow()
    expect(summary.error).toBeTruthy()
    expect(Object.values(store.getState().records)[0].state).toBe('queued')
    expect(timers).toHaveLength(1)
  })

  it('a lost answer leaves the record queued; the retry is a duplicate, stored once', async () => {
    const store = createOutboxStore(deps())
    store.getState().save(session(), 'submit')
    network = ['lose']
    await store.getState().syncNow()
    expect(serverCount()).toBe(1)
    expect(Object.values(store.getState().records)[0].state).toBe('queued')
    timers.shift()?.fn()
    await store.getState().syncNow()
    expect(Object.values(store.getState().records)[0].state).toBe('synced')
    expect(serverCount()).toBe(1)
  })

  it('runs one sync at a time: a second call joins the first', async () => {
    const store = createOutboxStore(deps())
    store.getState().save(session(), 'submit')
    const [a, b] = await Promise.all([store.getState().syncNow(), store.getState().syncNow()])
    expect(a).toBe(b)
    expect(calls).toBe(1)
  })

  it('survives a restart in the middle of a sync: the answer never arrives, the new process resends, stored once', async () => {
    let release: () => void = () => undefined
    const hanging = createOutboxStore(deps({
      sync: async (records) => {
        await ledger.call('syncRecords', { records }, PEOPLE.mediatorA.identityId)
        await new Promise<void>((resolve) => { release = resolve })
        throw new FakeNetworkError('process killed')
      }
    }))
    hanging.getState().save(session(), 'submit')
    hanging.getState().save(session({ attendees: 7 }), 'submit')
    void hanging.getState().syncNow()
    await new Promise((r) => setTimeout(r, 20))
    expect(serverCount()).toBe(2)
    // The app restarts: a new store reads the same storage.
    const restarted = createOutboxStore(deps())
    expect(Object.values(restarted.getState().records).map((r) => r.state)).toEqual(['queued', 'queued'])
    const summary = await restarted.getState().syncNow()
    expect(summary.settled).toBe(2)
    expect(serverCount()).toBe(2)
    release()
  })

  it('backs off exponentially with jitter while the server is down, then delivers', async () => {
    const store = createOutboxStore(deps({ random: () => 1 }))
    store.getState().save(session(), 'submit')
    network = ['down', 'down', 'down']
    for (let i = 0; i < 3; i++) {
      await store.getState().syncNow()
    }
    expect(timers.map((t) => t.ms)).toEqual([8000])
    expect(store.getState().sync.failures).toBe(3)
    // Each failure replaced the pending retry with a longer one: 2 s, 4 s, 8 s (× jitter 0.5–1).
    const delays: number[] = []
    storage = new MemoryStorage()
    const s2 = createOutboxStore(deps({ random: () => 0, schedule: (_fn, ms) => { delays.push(ms); return () => undefined } }))
    s2.getState().save(session(), 'submit')
    network = ['down', 'down', 'down', 'ok']
    for (let i = 0; i < 3; i++) await s2.getState().syncNow()
    expect(delays).toEqual([2000, 4000, 8000].map((d) => d * 0.5))
    await s2.getState().syncNow()
    expect(Object.values(s2.getState().records)[0].state).toBe('synced')
  })

  it('keeps records the server refuses as invalid for fixing, without retrying them forever', async () => {
    const store = createOutboxStore(deps())
    ledger.now = new Date('2026-11-20T04:00:00Z')
    // The phone's clock ran ahead: the server sees a date in the future.
    const ahead = createOutboxStore(deps({ now: () => new Date('2026-11-25T04:00:00Z') }))
    ahead.getState().save(session({ date: '2026-11-24' }), 'submit')
    const id = Object.keys(ahead.getState().records)[0]
    const summary = await ahead.getState().syncNow()
    expect(summary.invalid).toBe(1)
    const failed = ahead.getState().records[id]
    expect(failed.state).toBe('failed')
    expect(failed.error?.issues?.[0]).toEqual({ path: 'payload.date', message: '活动日期不能晚于今天' })
    expect(timers).toHaveLength(0)
    await ahead.getState().syncNow()
    expect(calls).toBe(1)
    // Fix and resend
    ahead.getState().save({ ...session({ date: '2026-11-19' }), id }, 'submit')
    await ahead.getState().syncNow()
    expect(ahead.getState().records[id].state).toBe('synced')
    expect(store.getState().unsyncedCount()).toBe(0)
  })

  it('shows a conflict with the server\'s copy and lets the person choose', async () => {
    const store = createOutboxStore(deps())
    store.getState().save({ type: 'mediationCase', stationId: 'st-a', payload: casePayload() }, 'submit')
    const id = Object.keys(store.getState().records)[0]
    await store.getState().syncNow()
    // Another device accepts the case on the server
    await ledger.ok('transitionCase', { id, baseVersion: 1, action: 'accept' }, PEOPLE.mediatorA.identityId)
    store.getState().save({ id, type: 'mediationCase', stationId: 'st-a', payload: casePayload({ claimedFen: 1 }) }, 'submit')
    await store.getState().syncNow()
    const conflicted = store.getState().records[id]
    expect(conflicted.state).toBe('conflict')
    expect(conflicted.server?.status).toBe('accepted')
    store.getState().resolveConflict(id, 'server')
    expect(store.getState().records[id]).toMatchObject({ state: 'synced', baseVersion: 2 })
    expect(store.getState().records[id].type === 'mediationCase' && store.getState().records[id].payload).toMatchObject({ claimedFen: 1_800_000 })
  })

  it('sends at most 50 records a batch and shows progress', async () => {
    const sizes: number[] = []
    const store = createOutboxStore(deps({
      sync: async (records) => {
        sizes.push(records.length)
        const answer = await ledger.call('syncRecords', { records }, PEOPLE.mediatorA.identityId)
        return answer.ok ? answer.data : null
      }
    }))
    for (let i = 0; i < 120; i++) store.getState().save(session({ attendees: i }), 'submit')
    const seen: Array<[number, number]> = []
    const unsub = store.subscribe((s) => { if (s.sync.running) seen.push([s.sync.done, s.sync.total]) })
    await store.getState().syncNow()
    unsub()
    expect(sizes).toEqual([BATCH_SIZE, BATCH_SIZE, 20])
    expect(seen).toEqual(expect.arrayContaining([[0, 120], [50, 120], [100, 120]]))
    expect(store.getState().sync).toMatchObject({ running: false, done: 120, total: 120 })
    expect(serverCount()).toBe(120)
  })

  it('keeps an edit made while its first version was on the way queued, based on the stored version', async () => {
    const holder: { store?: ReturnType<typeof createOutboxStore> } = {}
    const store = holder.store = createOutboxStore(deps({
      sync: async (records) => {
        const answer = await ledger.call('syncRecords', { records }, PEOPLE.mediatorA.identityId)
        const id = records[0].id
        holder.store?.getState().save({ id, ...session({ attendees: 99 }) }, 'submit')
        return (answer as { data: unknown }).data
      }
    }))
    store.getState().save(session({ attendees: 1 }), 'submit')
    const id = Object.keys(store.getState().records)[0]
    await store.getState().syncNow()
    expect(store.getState().records[id]).toMatchObject({ state: 'queued', baseVersion: 1 })
  })

  it('when storage is full, says so and keeps every queued record', async () => {
    const store = createOutboxStore(deps())
    for (let i = 0; i < 5; i++) store.getState().save(session({ attendees: i }), 'submit')
    const before = storage.getItem(STORAGE_KEY) as string
    storage.quotaBytes = before.length * 2 + 100
    const r = store.getState().save(session({ note: '很长的备注'.repeat(100) }), 'submit')
    expect(r).toMatchObject({ ok: false, reason: 'storage' })
    if (!r.ok && r.reason === 'storage') expect(r.message).toContain('手机存储空间已满')
    expect(Object.values(store.getState().records)).toHaveLength(5)
    expect(storage.getItem(STORAGE_KEY)).toBe(before)
    await store.getState().syncNow()
    expect(serverCount()).toBe(5)
  })

  it('warns before storage is full', () => {
    const store = createOutboxStore(deps({ usage: () => ({ usedKb: 9000, limitKb: 10240 }) }))
    store.getState().save(session(), 'submit')
    expect(store.getState().storageWarning).toContain('已用 88%')
  })
})
