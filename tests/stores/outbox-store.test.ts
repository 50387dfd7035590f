/**
 * The outbox through getState(), against the real ledger handlers on an in-memory SQLite store: nothing typed is
 * lost, nothing is counted twice, whatever the network does.
 */
import { BATCH_SIZE, createOutboxStore, STORAGE_KEY, type LocalRecord, type OutboxDeps } from '@/stores/outbox-store'
import { SqliteStore } from '../../server/sqlite-store'
import { casePayload, sessionPayload } from '../support/fixtures'
import { Ledger, PEOPLE, seedOrg } from '../support/ledger-harness'
import { MemoryStorage, storedRecords } from '../support/memory-storage'

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

/** What callFunction or the host answers when a batch is over its size limit. */
class FakeTooLargeError extends Error {
  code = 'PAYLOAD_TOO_LARGE'
}

function deps (over: Partial<OutboxDeps> = {}): OutboxDeps {
  return {
    storage,
    now: () => ledger.now,
    random: () => 0.5,
    schedule: (fn, ms) => { timers.push({ fn, ms }); return () => { timers = timers.filter((t) => t.fn !== fn) } },
    usage: () => null,
    handlingOf: (e) => (e instanceof FakeNetworkError ? 'retry' : e instanceof FakeTooLargeError ? 'split' : 'show'),
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
    expect(storedRecords(storage)).toMatchObject([{ state: 'queued', type: 'legalSession' }])
  })

  it('refuses to queue an invalid record and keeps drafts as they are, not counted as unsynced', () => {
    const store = createOutboxStore(deps())
    const bad = store.getState().save(session({ attendees: -1 }), 'submit')
    expect(bad).toMatchObject({ ok: false, reason: 'invalid' })
    expect(store.getState().records).toEqual({})
    const draft = store.getState().save(session({ place: '' }), 'draft')
    expect(draft.ok).toBe(true)
    // The store now holds a record: a draft, which is not waiting for sync.
    expect(Object.values(store.getState().records).map((r) => r.state)).toEqual(['draft'])
    expect(store.getState().unsyncedCount()).toBe(0)
    store.getState().save(session(), 'submit')
    expect(store.getState().unsyncedCount()).toBe(1)
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

  it('dequeues nothing when a call resolves without a result list (as Taro H5 stubs do), and shows it without retrying', async () => {
    const store = createOutboxStore(deps())
    store.getState().save(session(), 'submit')
    network = ['garbage']
    const summary = await store.getState().syncNow()
    expect(summary.error).toBe('服务器没有返回同步结果')
    expect(store.getState().sync.lastError).toBe('服务器没有返回同步结果')
    expect(Object.values(store.getState().records)[0].state).toBe('queued')
    expect(timers).toHaveLength(0)
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
    ledger.now = new Date('2026-11-20T04:00:00Z')
    // The phone's clock ran ahead: the server sees a date in the future.
    const ahead = createOutboxStore(deps({ now: () => new Date('2026-11-25T04:00:00Z') }))
    ahead.getState().save(session({ date: '2026-11-24' }), 'submit')
    const id = Object.keys(ahead.getState().records)[0]
    const summary = await ahead.getState().syncNow()
    expect(summary.invalid).toBe(1)
    const failed = ahead.getState().records[id]
    expect(failed.state).toBe('failed')
    expect(ahead.getState().unsyncedCount()).toBe(1)
    expect(failed.error?.issues?.[0]).toEqual({ path: 'payload.date', message: '活动日期不能晚于今天' })
    expect(timers).toHaveLength(0)
    await ahead.getState().syncNow()
    expect(calls).toBe(1)
    // Fix and resend
    ahead.getState().save({ ...session({ date: '2026-11-19' }), id }, 'submit')
    await ahead.getState().syncNow()
    expect(ahead.getState().records[id].state).toBe('synced')
    expect(ahead.getState().unsyncedCount()).toBe(0)
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

  it('when storage refuses a write, says so and keeps every queued record, in memory and on the phone', async () => {
    const store = createOutboxStore(deps())
    for (let i = 0; i < 5; i++) store.getState().save(session({ attendees: i }), 'submit')
    const before = storage.snapshot()
    // The platform's own limit is reached below our 95 % line (another store filled it, or the quota is smaller).
    storage.totalLimit = storage.used() + 100
    const r = store.getState().save(session({ note: '很长的备注'.repeat(100) }), 'submit')
    expect(r).toMatchObject({ ok: false, reason: 'storage' })
    if (!r.ok && r.reason === 'storage') expect(r.message).toContain('手机存储空间已满')
    expect(Object.values(store.getState().records)).toHaveLength(5)
    expect(storage.snapshot()).toEqual(before)
    await store.getState().syncNow()
    expect(serverCount()).toBe(5)
  })

  it('warns before storage is full', () => {
    const store = createOutboxStore(deps({ usage: () => ({ usedKb: 9000, limitKb: 10240 }) }))
    store.getState().save(session(), 'submit')
    expect(store.getState().storageWarning).toContain('已用 88%')
  })
})

describe('outbox: the ack rule', () => {
  it('settles only ids the answer lists and that were sent: the unanswered stay queued, are resent, and are stored once', async () => {
    const sent: string[][] = []
    let answerAll = false
    let draftId = ''
    const store = createOutboxStore(deps({
      sync: async (records) => {
        calls++
        sent.push(records.map((r) => r.id))
        const answer = await ledger.call('syncRecords', { records }, PEOPLE.mediatorA.identityId)
        if (!answer.ok) throw new Error(answer.message)
        const { results } = answer.data as { results: Array<{ id: string, result: string, version?: number }> }
        if (answerAll) return { results }
        // The server stored all five but answers for two only, and lists ids it was not sent: this phone's draft and
        // an id this phone never had.
        return { results: [...results.slice(0, 2), { id: draftId, result: 'stored', version: 1 }, { id: 'rec-never-seen', result: 'stored', version: 1 }] }
      }
    }))
    const draft = store.getState().save(session({ place: '' }), 'draft')
    if (!draft.ok) throw new Error('draft not saved')
    draftId = draft.id
    const ids: string[] = []
    for (let i = 0; i < 5; i++) {
      const r = store.getState().save(session({ attendees: i + 1 }), 'submit')
      if (r.ok) ids.push(r.id)
    }
    const draftBefore = store.getState().records[draftId]

    const first = await store.getState().syncNow()
    expect(sent).toEqual([ids])
    expect(first.settled).toBe(2)
    expect(ids.map((id) => store.getState().records[id].state)).toEqual(['synced', 'synced', 'queued', 'queued', 'queued'])
    expect(store.getState().records[draftId]).toBe(draftBefore)
    expect(store.getState().records['rec-never-seen']).toBeUndefined()
    expect(serverCount()).toBe(5)
    // What is on the phone says the same after a restart.
    expect(createOutboxStore(deps()).getState().unsyncedCount()).toBe(3)

    answerAll = true
    await store.getState().syncNow()
    expect(sent[1]).toEqual(ids.slice(2))
    expect(ids.map((id) => store.getState().records[id].state)).toEqual(['synced', 'synced', 'synced', 'synced', 'synced'])
    expect(store.getState().records[draftId].state).toBe('draft')
    // Stored once: five rows, each still at its first version (a resend is a duplicate, not an update).
    expect(server.db.prepare('SELECT version FROM records ORDER BY id').all()).toEqual(ids.map(() => ({ version: 1 })))
  })
})

/** A session whose note is ~900 Chinese characters: about 2.8 KB in UTF-8 but 0.9 K units of string length. */
const longSession = (i: number) => session({ attendees: i + 1, note: `第${i}次活动备注：${'劳动合同与工资支付法律知识讲解'.repeat(60)}` })

describe('outbox: storage over keys', () => {
  it('spreads records over keys of at most 256 KB counted in UTF-8 bytes, and a new process reads them all back', () => {
    const store = createOutboxStore(deps())
    for (let i = 0; i < 200; i++) expect(store.getState().save(longSession(i), 'submit')).toMatchObject({ ok: true })
    const chunks = storage.chunks()
    expect(chunks.length).toBeGreaterThanOrEqual(3)
    for (const c of chunks) expect(c.bytes).toBeLessThanOrEqual(256 * 1024)
    // Chunks are filled by bytes: nearly full in bytes, and far from full in string length.
    expect(Math.max(...chunks.map((c) => c.bytes))).toBeGreaterThan(240 * 1024)
    for (const c of chunks) expect(c.length).toBeLessThan(c.bytes / 2)
    const reloaded = createOutboxStore(deps())
    expect(reloaded.getState().records).toEqual(store.getState().records)
    expect(reloaded.getState().unsyncedCount()).toBe(200)
  })

  it('a save refused halfway (a chunk, or the index) changes nothing, in memory or on the phone', () => {
    const store = createOutboxStore(deps())
    for (let i = 0; i < 120; i++) store.getState().save(longSession(i), 'submit')
    const records = store.getState().records
    const before = storage.snapshot()
    const firstId = Object.keys(records)[0]

    storage.failOn = (k) => k === `${STORAGE_KEY}.index`
    expect(store.getState().save(longSession(500), 'submit')).toMatchObject({ ok: false, reason: 'storage' })
    storage.failOn = (k) => k.startsWith(`${STORAGE_KEY}.c.`)
    expect(store.getState().save({ ...longSession(501), id: firstId }, 'submit')).toMatchObject({ ok: false, reason: 'storage' })
    storage.failOn = null

    expect(store.getState().records).toBe(records)
    expect(storage.snapshot()).toEqual(before)
    expect(createOutboxStore(deps()).getState().records).toEqual(records)
  })

  it('a process killed between writes leaves the last committed records readable; the next start removes leftovers', () => {
    const store = createOutboxStore(deps())
    for (let i = 0; i < 120; i++) store.getState().save(longSession(i), 'submit')
    const committed = store.getState().records
    // Killed after writing a new chunk and before the index: nothing after the failed write runs (no clean-up).
    storage.failOn = (k) => k === `${STORAGE_KEY}.index`
    storage.failRemoveOn = () => true
    store.getState().save(longSession(600), 'submit')
    storage.failOn = null
    storage.failRemoveOn = null
    const listed = () => (JSON.parse(storage.getItem(`${STORAGE_KEY}.index`) as string) as { chunks: string[] }).chunks
    const leftovers = storage.chunks().map((c) => c.key).filter((k) => !listed().includes(k))
    expect(leftovers).toHaveLength(1)
    const restarted = createOutboxStore(deps())
    expect(restarted.getState().records).toEqual(committed)
    expect(storage.keys()).not.toContain(leftovers[0])

    // Killed after the index (the commit) and before the replaced chunk was removed: the new record is there.
    storage.failRemoveOn = (k) => k.startsWith(`${STORAGE_KEY}.c.`)
    const saved = restarted.getState().save(longSession(601), 'submit')
    storage.failRemoveOn = null
    expect(saved.ok).toBe(true)
    const again = createOutboxStore(deps())
    expect(Object.keys(again.getState().records)).toHaveLength(121)
    expect(again.getState().records).toEqual(restarted.getState().records)
    // Only the chunks the index lists are left.
    expect(storage.chunks().map((c) => c.key).sort()).toEqual([...listed()].sort())
  })

  it('moves the single-key layout of earlier versions into chunks, removing the old key only once the index is written', () => {
    const legacyRecords: Record<string, LocalRecord> = {}
    const old = createOutboxStore(deps({ storage: new MemoryStorage() }))
    for (let i = 0; i < 90; i++) old.getState().save(longSession(i), 'submit')
    Object.assign(legacyRecords, old.getState().records)
    const legacy = JSON.stringify({ state: { records: legacyRecords, sync: { lastSyncAt: null } }, version: 1 })
    storage.seed(STORAGE_KEY, legacy)

    // The migration's index write is refused: the old key stays, the records are all there to work with.
    storage.failOn = (k) => k === `${STORAGE_KEY}.index`
    const first = createOutboxStore(deps())
    storage.failOn = null
    expect(first.getState().records).toEqual(legacyRecords)
    expect(first.getState().storageWarning).toContain('旧的存储格式')
    expect(storage.getItem(STORAGE_KEY)).toBe(legacy)
    expect(storage.chunks()).toHaveLength(0)

    // The next save writes every record in the new layout, then removes the old key.
    expect(first.getState().save(longSession(90), 'submit').ok).toBe(true)
    expect(storage.getItem(STORAGE_KEY)).toBeNull()
    for (const c of storage.chunks()) expect(c.bytes).toBeLessThanOrEqual(256 * 1024)
    const reloaded = createOutboxStore(deps())
    expect(Object.keys(reloaded.getState().records)).toHaveLength(91)
    for (const id of Object.keys(legacyRecords)) expect(reloaded.getState().records[id]).toEqual(legacyRecords[id])

    // A clean migration on load.
    storage = new MemoryStorage()
    storage.seed(STORAGE_KEY, legacy)
    const migrated = createOutboxStore(deps())
    expect(migrated.getState().records).toEqual(legacyRecords)
    expect(migrated.getState().storageWarning).toBeNull()
    expect(storage.getItem(STORAGE_KEY)).toBeNull()
    expect(storedRecords(storage)).toHaveLength(90)
  })

  it('warns from 80 % of the quota and refuses a save before storage is full; what was queued stays', async () => {
    // Small enough to fill quickly, big enough that rewriting a 256 KB chunk beside the old one is not most of it.
    const quota = 2 * 1024 * 1024
    const store = createOutboxStore(deps({ quotaBytes: quota }))
    let warnedAt = -1
    let refused: { ok: false, reason: 'storage', message: string } | null = null
    for (let i = 0; i < 1000 && !refused; i++) {
      const r = store.getState().save(longSession(i), 'submit')
      if (!r.ok && r.reason === 'storage') refused = r
      if (warnedAt < 0 && store.getState().storageWarning) warnedAt = storage.used()
    }
    expect(warnedAt).toBeGreaterThanOrEqual(quota * 0.8)
    expect(warnedAt).toBeLessThan(quota * 0.8 + 4 * 1024)
    expect(store.getState().storageWarning).toMatch(/已用 (8\d|9[0-4])%/)
    expect(refused?.message).toContain('手机存储空间即将用满')
    // Refused before full: the biggest moment of the refused save (new chunk beside the old) would have passed 95 %.
    expect(storage.used()).toBeLessThanOrEqual(quota * 0.95)
    const kept = store.getState().records
    expect(createOutboxStore(deps({ quotaBytes: quota })).getState().records).toEqual(kept)

    // Once synced, the server has them: synced copies make room for the next record.
    await store.getState().syncNow()
    expect(serverCount()).toBe(Object.keys(kept).length)
    expect(store.getState().save(longSession(1000), 'submit').ok).toBe(true)
    expect(store.getState().unsyncedCount()).toBe(1)
  })
})

describe('outbox: failed calls', () => {
  const bytesOf = (x: unknown) => Buffer.byteLength(JSON.stringify(x))
  /** A channel that refuses batches over `limit` bytes, as callFunction or the host does with its own limit. */
  const limitedTo = (limit: number, sizes: number[]): Partial<OutboxDeps> => ({
    sync: async (records) => {
      sizes.push(records.length)
      if (bytesOf({ records }) > limit) throw new FakeTooLargeError('提交的内容过大')
      const answer = await ledger.call('syncRecords', { records }, PEOPLE.mediatorA.identityId)
      if (!answer.ok) throw new Error(answer.message)
      return answer.data
    }
  })

  it('splits a batch refused as too large in halves until it passes; each record is stored once', async () => {
    const sizes: number[] = []
    const store = createOutboxStore(deps(limitedTo(60 * 1024, sizes)))
    for (let i = 0; i < 50; i++) store.getState().save(longSession(i), 'submit')
    const summary = await store.getState().syncNow()
    // 50 records of ~2.8 KB: 140 KB refused, 25 (70 KB) refused, 13 and 12 pass; the second 25 the same.
    expect(sizes).toEqual([50, 25, 13, 12, 25, 13, 12])
    expect(summary).toMatchObject({ sent: 50, settled: 50, tooLarge: 0, error: null })
    expect(store.getState().unsyncedCount()).toBe(0)
    expect(serverCount()).toBe(50)
    expect(timers).toHaveLength(0)
  })

  it('marks a single record refused as too large failed with the reason, keeps it, and sends the others', async () => {
    const sizes: number[] = []
    const store = createOutboxStore(deps(limitedTo(2 * 1024, sizes)))
    const small: string[] = []
    for (let i = 0; i < 4; i++) {
      const r = store.getState().save(session({ attendees: i + 1 }), 'submit')
      if (r.ok) small.push(r.id)
    }
    const big = store.getState().save(longSession(1), 'submit')
    if (!big.ok) throw new Error('not saved')
    const summary = await store.getState().syncNow()
    expect(summary).toMatchObject({ settled: 4, tooLarge: 1, error: null })
    expect(small.map((id) => store.getState().records[id].state)).toEqual(['synced', 'synced', 'synced', 'synced'])
    expect(store.getState().records[big.id]).toMatchObject({ state: 'failed', error: { code: 'PAYLOAD_TOO_LARGE' } })
    expect(store.getState().records[big.id].error?.message).toMatch(/这条记录过大（约 3 KB）/)
    expect(serverCount()).toBe(4)
    expect(timers).toHaveLength(0)
    // Not sent again unchanged; kept through a restart, for the person to shorten and resubmit.
    const callsBefore = sizes.length
    await store.getState().syncNow()
    expect(sizes).toHaveLength(callsBefore)
    const restarted = createOutboxStore(deps(limitedTo(2 * 1024, sizes)))
    expect(restarted.getState().records[big.id].state).toBe('failed')
    expect(restarted.getState().unsyncedCount()).toBe(1)
  })

  it('shows a failure that is not the network (the function is not deployed) and does not retry it by itself', async () => {
    let attempts = 0
    const notDeployed = new Error('云函数未部署（-501000 FunctionName parameter could not be found.）')
    const store = createOutboxStore(deps({ sync: async () => { attempts++; throw notDeployed } }))
    store.getState().save(session(), 'submit')
    const summary = await store.getState().syncNow()
    expect(summary.error).toBe(notDeployed.message)
    expect(store.getState().sync).toMatchObject({ lastError: notDeployed.message, nextRetryAt: null, running: false })
    expect(timers).toHaveLength(0)
    expect(attempts).toBe(1)
    expect(Object.values(store.getState().records)[0].state).toBe('queued')
    // The person (or the next app start) tries again: the record was kept.
    await store.getState().syncNow()
    expect(attempts).toBe(2)
  })

  it('retries a network failure later, with the next attempt\'s time shown', async () => {
    const store = createOutboxStore(deps())
    store.getState().save(session(), 'submit')
    network = ['down']
    await store.getState().syncNow()
    expect(timers).toHaveLength(1)
    expect(store.getState().sync.nextRetryAt).toBe(new Date(ledger.now.getTime() + timers[0].ms).toISOString())
  })
})
