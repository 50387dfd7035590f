/**
 * The outbox: every record a mediator makes is written to the phone's storage before any network call, and leaves
 * the queue only when the server's answer lists its id as stored, duplicate or updated. Invalid records wait to be
 * fixed; conflicts keep the server's copy for the person to choose. One sync at a time, in batches of at most 50
 * records and 256 KB; a batch refused as too large is split in halves until it passes, and a single record too large
 * is marked failed with the reason. Only network failures and timeouts are retried automatically (exponential
 * backoff with jitter); any other failure is shown and waits for the person or the next sync.
 *
 * Storage: records live in chunks of ≤ 256 KB (services/outbox-storage.ts); a save is refused with a clear message
 * before the phone's storage is full (95 % of WeChat's 10 MB), with a warning from 80 %. A refused or failed write
 * changes nothing, in storage or in memory.
 *
 * The store is vanilla zustand with its platform (storage, API, clock, timers) passed in, so tests drive it
 * through getState() with in-memory fakes; use-outbox-store.ts binds it to Taro.
 */
import { createStore } from 'zustand/vanilla'
import {
  beijingDate, newRecordId, recordStatus, validatePayload,
  type FieldIssue, type PayloadOf, type RecordType, type StoredRecord, type TypedPayload
} from '@/domain'
import type { FailureHandling } from '../services/call-failure'
import { createChunkedStorage, RecordTooLargeError, utf8Bytes, type KeyValueStorage, type WriteProjection } from '../services/outbox-storage'

export type SyncState = 'draft' | 'queued' | 'synced' | 'failed' | 'conflict'

export const SYNC_STATE_LABELS: Record<SyncState, string> = {
  draft: '草稿',
  queued: '待同步',
  synced: '已同步',
  failed: '失败',
  conflict: '有冲突'
}

/** A record as this phone knows it. */
export type LocalRecord = TypedPayload & {
  id: string
  stationId: string
  pointId: string | null
  /** The server version this content was based on (0: the server has never had it). */
  baseVersion: number
  state: SyncState
  /** Bumped by every local change; a sync answer only settles the revision it carried. */
  rev: number
  createdAt: string
  updatedAt: string
  syncedAt?: string
  error?: { code: string, message: string, issues?: FieldIssue[] }
  /** On conflict: the server's current copy. */
  server?: StoredRecord
}

export interface SyncProgress {
  running: boolean
  done: number
  total: number
  lastSyncAt: string | null
  /** Why the last sync stopped, with its diagnostic line (null when it went through). */
  lastError: string | null
  failures: number
  /** When the next automatic attempt is due (only after a network failure or a timeout). */
  nextRetryAt: string | null
}

export interface OutboxState {
  records: Record<string, LocalRecord>
  sync: SyncProgress
  storageWarning: string | null
  /** Saves a draft or submits a record for sync. Submitting validates; nothing is queued that the server must refuse. */
  save: <T extends RecordType>(input: { id?: string, type: T, stationId: string, pointId?: string | null, payload: PayloadOf[T], baseVersion?: number }, mode: 'draft' | 'submit') => SaveResult
  discardDraft: (id: string) => boolean
  /** Sends a failed record again unchanged (for transient or forbidden failures). */
  retry: (id: string) => void
  resolveConflict: (id: string, keep: 'server' | 'mine') => void
  /** Server copies (lists, details) for records this phone has not changed. */
  remember: (records: StoredRecord[]) => void
  syncNow: () => Promise<SyncSummary>
  unsyncedCount: () => number
  /**
   * Sign-out: forgets every record on this phone (the synced copies hold people's names and phone numbers). Refused,
   * with nothing changed, while anything is not safely on the server: queued, failed or conflicting records, drafts.
   */
  forgetAll: () => { ok: true } | { ok: false, unsynced: number, drafts: number, message?: string }
}

export type SaveResult = { ok: true, id: string } | { ok: false, reason: 'invalid', issues: FieldIssue[] } | { ok: false, reason: 'storage', message: string }

export interface SyncSummary {
  sent: number
  settled: number
  invalid: number
  conflicts: number
  /** Records refused as too large on their own (marked failed). */
  tooLarge: number
  error: string | null
}

/** What the outbox needs from its platform. */
export interface OutboxDeps {
  storage: KeyValueStorage
  /** Sends a batch; resolves with the server's raw answer (checked here), rejects on transport or server errors. */
  sync: (records: Array<{ id: string, type: RecordType, stationId: string, pointId: string | null, baseVersion: number, payload: unknown }>) => Promise<unknown>
  now: () => Date
  random: () => number
  schedule: (fn: () => void, ms: number) => () => void
  /** Storage used and available, in KB, when the platform can tell. */
  usage: () => { usedKb: number, limitKb: number } | null
  /** Network failures and timeouts: 'retry'; a payload too large: 'split'; anything else: 'show'. */
  handlingOf: (error: unknown) => FailureHandling
  /** The message shown where sync status is shown (with its diagnostic line). */
  messageOf: (error: unknown) => string
  /** The storage quota where the platform cannot tell; WeChat's 10 MB by default. */
  quotaBytes?: number
}

export const BATCH_SIZE = 50
/** WeChat's callFunction documentation asks to keep `data` under ~100–256 KB; bigger batches are split first. */
export const BATCH_BYTES = 256 * 1024
/** The prefix of the outbox's storage keys (and the one key of the earlier layout, migrated on load). */
export const STORAGE_KEY = 'ledger.outbox'
const SYNC_KEY = `${STORAGE_KEY}.sync`
/** WeChat gives a mini program 10 MB of storage in all. */
export const QUOTA_BYTES = 10 * 1024 * 1024
/** Warn from this share of the quota; refuse a save that would take storage past REFUSE_RATIO. */
export const STORAGE_WARN_RATIO = 0.8
export const STORAGE_REFUSE_RATIO = 0.95
/** Synced copies kept on the phone (the oldest go first; they are safe on the server). Queued records are never dropped. */
export const MAX_SYNCED_KEPT = 300
const BACKOFF_BASE_MS = 2_000
const BACKOFF_MAX_MS = 5 * 60_000

const SETTLED = new Set(['stored', 'duplicate', 'updated'])

interface ServerResult {
  id: string
  result: string
  version?: number
  error?: { code: string, message: string, issues?: FieldIssue[] }
  current?: StoredRecord
}

function readResults (answer: unknown): ServerResult[] | null {
  const results = answer && typeof answer === 'object' ? (answer as { results?: unknown }).results : undefined
  if (!Array.isArray(results)) return null
  return results.filter((r): r is ServerResult => !!r && typeof r === 'object' && typeof (r as ServerResult).id === 'string' && typeof (r as ServerResult).result === 'string')
}

/** An answer that arrived but carries no per-record results: nothing is settled, and retrying will not change it. */
class NoResultsError extends Error {
  constructor () {
    super('服务器没有返回同步结果')
  }
}

/** A save refused because storage is nearly full. */
class StorageNearlyFullError extends Error {}

const MB = 1024 * 1024
const mb = (bytes: number) => (bytes / MB).toFixed(1)

/** The records of the earlier single-key layout: zustand persist's `{ state: { records }, version }`. */
function readLegacy (raw: string): LocalRecord[] | null {
  try {
    const v = JSON.parse(raw) as { state?: { records?: unknown } }
    const records = v?.state?.records
    if (!records || typeof records !== 'object') return null
    return Object.values(records as Record<string, LocalRecord>).filter((r) => r && typeof r.id === 'string')
  } catch {
    return null
  }
}

type WireRecord = Parameters<OutboxDeps['sync']>[0][number]
const toWire = (r: LocalRecord): WireRecord => ({ id: r.id, type: r.type, stationId: r.stationId, pointId: r.pointId, baseVersion: r.baseVersion, payload: r.payload })

/** Batches in queue order, each at most BATCH_SIZE records and BATCH_BYTES of JSON (a bigger record goes alone). */
function packBatches (queue: LocalRecord[]): LocalRecord[][] {
  const batches: LocalRecord[][] = []
  let batch: LocalRecord[] = []
  let bytes = 0
  for (const r of queue) {
    const size = utf8Bytes(JSON.stringify(toWire(r))) + 1
    if (batch.length && (batch.length >= BATCH_SIZE || bytes + size > BATCH_BYTES)) {
      batches.push(batch)
      batch = []
      bytes = 0
    }
    batch.push(r)
    bytes += size
  }
  if (batch.length) batches.push(batch)
  return batches
}

export function createOutboxStore (deps: OutboxDeps) {
  let inflight: Promise<SyncSummary> | null = null
  let cancelRetry: (() => void) | null = null
  const storage = createChunkedStorage<LocalRecord>(deps.storage, { prefix: STORAGE_KEY, readLegacy })

  let loaded: { records: Record<string, LocalRecord>, problems: string[] }
  try {
    loaded = storage.load()
  } catch (e) {
    loaded = { records: {}, problems: [`手机上的记录未能读出：${deps.messageOf(e)}`] }
  }

  /** The quota and what other data (other stores, other keys) takes of it. */
  const measure = () => {
    const usage = deps.usage()
    const quota = usage && usage.limitKb > 0 ? usage.limitKb * 1024 : deps.quotaBytes ?? QUOTA_BYTES
    const other = usage ? Math.max(0, usage.usedKb * 1024 - storage.bytes()) : 0
    return { quota, other }
  }

  /** Refuses a save that grows storage past the refusal line; changes that shrink or keep it always go through. */
  const refuseNearFull = (p: WriteProjection) => {
    const { quota, other } = measure()
    if (p.bytesAfter > p.bytesBefore && other + p.bytesPeak > quota * STORAGE_REFUSE_RATIO) {
      throw new StorageNearlyFullError(`手机存储空间即将用满（已用 ${mb(other + p.bytesBefore)} MB / ${mb(quota)} MB），这条记录未保存。请先联网同步，已同步的记录会腾出空间。`)
    }
  }

  const readSync = (): Partial<SyncProgress> => {
    try {
      const raw = deps.storage.getItem(SYNC_KEY)
      return raw ? JSON.parse(raw) as Partial<SyncProgress> : {}
    } catch {
      return {}
    }
  }

  return createStore<OutboxState>()((set, get) => {
    const persistSync = () => {
      const { lastSyncAt, lastError, failures, nextRetryAt } = get().sync
      try {
        deps.storage.setItem(SYNC_KEY, JSON.stringify({ lastSyncAt, lastError, failures, nextRetryAt }))
      } catch { /* progress only: the records themselves are stored by commit */ }
    }

    const write = (before: Record<string, LocalRecord>, next: Record<string, LocalRecord>, check?: (p: WriteProjection) => void) => {
      const put = Object.values(next).filter((r) => before[r.id] !== r)
      const remove = Object.keys(before).filter((id) => !next[id])
      storage.save(next, put, remove, check)
    }

    /**
     * Applies a change by writing it first; memory changes only after the write succeeded. A user's save is refused
     * near the quota ('checked'); sync answers and pruning are not (the platform's own limit still applies). When
     * storage refuses, synced copies (safe on the server) make room, once.
     */
    const commit = (change: (records: Record<string, LocalRecord>) => Record<string, LocalRecord>, mode: 'checked' | 'unchecked' = 'checked'): { ok: true } | { ok: false, message: string } => {
      const before = get().records
      let next = change(before)
      if (next === before) return { ok: true }
      const check = mode === 'checked' ? refuseNearFull : undefined
      try {
        write(before, next, check)
      } catch (first) {
        if (first instanceof RecordTooLargeError) return { ok: false, message: first.message }
        const kept = withoutSyncedCopies(before, next)
        try {
          if (kept === next) throw first
          write(before, kept, check)
          next = kept
        } catch (e) {
          checkStorage()
          if (e instanceof StorageNearlyFullError) return { ok: false, message: e.message }
          return { ok: false, message: `手机存储空间已满，记录未能保存：${deps.messageOf(e)}。请先同步已有记录或清理微信存储后重试。` }
        }
      }
      set({ records: next })
      checkStorage()
      return { ok: true }
    }

    /** `next` without synced copies this change did not touch (the same object when there are none). */
    const withoutSyncedCopies = (before: Record<string, LocalRecord>, next: Record<string, LocalRecord>) => {
      const drop = Object.values(next).filter((r) => r.state === 'synced' && before[r.id] === r).map((r) => r.id)
      if (!drop.length) return next
      const kept = { ...next }
      for (const id of drop) delete kept[id]
      return kept
    }

    const checkStorage = () => {
      const { quota, other } = measure()
      const used = other + storage.bytes()
      const warning = used >= quota * STORAGE_WARN_RATIO
        ? `手机上本小程序的存储已用 ${Math.round((used / quota) * 100)}%（${mb(used)} MB / ${mb(quota)} MB），请尽快联网同步。`
        : loaded.problems.length ? loaded.problems.join('；') : null
      if (warning !== get().storageWarning) set({ storageWarning: warning })
    }

    /** Drops the oldest synced copies beyond MAX_SYNCED_KEPT (never a draft, a queued, failed or conflicting record). */
    const pruneSynced = () => {
      const synced = Object.values(get().records).filter((r) => r.state === 'synced').sort((a, b) => (b.syncedAt || '').localeCompare(a.syncedAt || ''))
      if (synced.length <= MAX_SYNCED_KEPT) return
      const drop = new Set(synced.slice(MAX_SYNCED_KEPT / 2).map((r) => r.id))
      commit((records) => Object.fromEntries(Object.entries(records).filter(([id]) => !drop.has(id))), 'unchecked')
    }

    const scheduleRetry = () => {
      const failures = get().sync.failures
      const delay = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, failures - 1)) * (0.5 + deps.random() / 2)
      cancelRetry?.()
      cancelRetry = deps.schedule(() => { cancelRetry = null; void get().syncNow() }, delay)
      set({ sync: { ...get().sync, nextRetryAt: new Date(deps.now().getTime() + delay).toISOString() } })
    }

    /** A record refused on its own as too large: kept, marked failed with the reason, never sent again unchanged. */
    const markTooLarge = (r: LocalRecord, sentRev: number) => {
      const kb = Math.ceil(utf8Bytes(JSON.stringify(toWire(r))) / 1024)
      commit((records) => {
        const local = records[r.id]
        if (!local || local.rev !== sentRev) return records
        return { ...records, [r.id]: { ...local, state: 'failed', error: { code: 'PAYLOAD_TOO_LARGE', message: `这条记录过大（约 ${kb} KB），服务器无法接收。请删减说明等文字后重新提交。` } } }
      }, 'unchecked')
    }

    const settle = (results: ServerResult[], sentRev: Map<string, number>, summary: SyncSummary) => {
      const at = deps.now().toISOString()
      commit((records) => {
        const next = { ...records }
        for (const r of results) {
          const local = next[r.id]
          // Only ids this batch sent: an answer about anything else settles nothing.
          if (!local || !sentRev.has(r.id)) continue
          const changedSince = local.rev !== sentRev.get(r.id)
          if (SETTLED.has(r.result)) {
            summary.settled++
            const version = r.version ?? local.baseVersion
            // Edited while the answer was on its way: keep the new content queued, now based on the stored version.
            next[r.id] = changedSince
              ? { ...local, baseVersion: version }
              : { ...local, state: 'synced', baseVersion: version, syncedAt: at, error: undefined, server: undefined }
          } else if (r.result === 'conflict') {
            summary.conflicts++
            if (!changedSince) next[r.id] = { ...local, state: 'conflict', server: r.current, error: r.error || { code: 'CONFLICT', message: '服务器上的记录已被修改' } }
          } else if (!changedSince) {
            if (r.result === 'invalid') summary.invalid++
            next[r.id] = { ...local, state: 'failed', error: r.error || { code: r.result.toUpperCase(), message: '服务器拒绝了这条记录' } }
          }
        }
        return next
      }, 'unchecked')
    }

    async function runSync (): Promise<SyncSummary> {
      const summary: SyncSummary = { sent: 0, settled: 0, invalid: 0, conflicts: 0, tooLarge: 0, error: null }
      const queue = Object.values(get().records).filter((r) => r.state === 'queued').sort((a, b) => a.updatedAt.localeCompare(b.updatedAt))
      if (!queue.length) {
        // Nothing waits any more (fixed, discarded or settled elsewhere): an old failure is no longer news.
        if (get().sync.lastError) {
          set({ sync: { ...get().sync, lastError: null } })
          persistSync()
        }
        return summary
      }
      set({ sync: { ...get().sync, running: true, done: 0, total: queue.length, lastError: null, nextRetryAt: null } })
      const batches = packBatches(queue)
      while (batches.length) {
        const batch = (batches.shift() as LocalRecord[]).map((r) => get().records[r.id]).filter((r) => r && r.state === 'queued')
        if (!batch.length) continue
        const sentRev = new Map(batch.map((r) => [r.id, r.rev]))
        let results: ServerResult[] | null
        try {
          results = readResults(await deps.sync(batch.map(toWire)))
          if (!results) throw new NoResultsError()
        } catch (e) {
          const handling: FailureHandling = e instanceof NoResultsError ? 'show' : deps.handlingOf(e)
          if (handling === 'split' && batch.length > 1) {
            const half = Math.ceil(batch.length / 2)
            batches.unshift(batch.slice(0, half), batch.slice(half))
            continue
          }
          if (handling === 'split') {
            summary.tooLarge++
            markTooLarge(batch[0], sentRev.get(batch[0].id) as number)
            set({ sync: { ...get().sync, done: Math.min(get().sync.total, get().sync.done + 1) } })
            continue
          }
          summary.error = deps.messageOf(e)
          set({ sync: { ...get().sync, running: false, lastError: summary.error, failures: get().sync.failures + 1 } })
          if (handling === 'retry') scheduleRetry()
          persistSync()
          return summary
        }
        summary.sent += batch.length
        settle(results, sentRev, summary)
        set({ sync: { ...get().sync, done: Math.min(get().sync.total, get().sync.done + batch.length) } })
      }
      set({ sync: { ...get().sync, running: false, lastSyncAt: deps.now().toISOString(), failures: 0, nextRetryAt: null } })
      persistSync()
      pruneSynced()
      return summary
    }

    const stored = readSync()
    return {
      records: loaded.records,
      sync: {
        running: false,
        done: 0,
        total: 0,
        lastSyncAt: stored.lastSyncAt ?? null,
        lastError: stored.lastError ?? null,
        failures: stored.failures ?? 0,
        nextRetryAt: null
      },
      storageWarning: loaded.problems.length ? loaded.problems.join('；') : null,

      save (input, mode) {
        if (mode === 'submit') {
          const v = validatePayload(input.type, input.payload, beijingDate(deps.now()))
          if (!v.ok) return { ok: false, reason: 'invalid', issues: v.issues }
        }
        const id = input.id || newRecordId(deps.now().getTime())
        const at = deps.now().toISOString()
        const existing = get().records[id]
        const record = {
          id,
          type: input.type,
          payload: input.payload,
          stationId: input.stationId,
          pointId: input.pointId ?? existing?.pointId ?? null,
          baseVersion: input.baseVersion ?? existing?.baseVersion ?? 0,
          state: mode === 'submit' ? 'queued' : 'draft',
          rev: (existing?.rev ?? 0) + 1,
          createdAt: existing?.createdAt ?? at,
          updatedAt: at,
          syncedAt: existing?.syncedAt
        } as LocalRecord
        const saved = commit((records) => ({ ...records, [id]: record }))
        if (!saved.ok) return { ok: false, reason: 'storage', message: saved.message }
        return { ok: true, id }
      },

      discardDraft (id) {
        const r = get().records[id]
        if (!r || r.state !== 'draft') return false
        return commit((records) => Object.fromEntries(Object.entries(records).filter(([k]) => k !== id)), 'unchecked').ok
      },

      retry (id) {
        const r = get().records[id]
        if (!r || (r.state !== 'failed' && r.state !== 'conflict')) return
        commit((records) => ({ ...records, [id]: { ...r, state: 'queued', error: undefined, rev: r.rev + 1 } }))
      },

      resolveConflict (id, keep) {
        const r = get().records[id]
        if (!r || r.state !== 'conflict' || !r.server) return
        const server = r.server
        const next: LocalRecord = keep === 'server'
          ? { ...r, type: server.type, payload: server.payload, baseVersion: server.version, state: 'synced', server: undefined, error: undefined, rev: r.rev + 1, syncedAt: deps.now().toISOString() } as LocalRecord
          : { ...r, baseVersion: server.version, state: 'queued', server: undefined, error: undefined, rev: r.rev + 1 }
        commit((records) => ({ ...records, [id]: next }))
      },

      remember (serverRecords) {
        if (!serverRecords.length) return
        commit((records) => {
          const next = { ...records }
          for (const s of serverRecords) {
            const local = next[s.id]
            if (local && local.state !== 'synced') continue
            if (local && local.baseVersion > s.version) continue
            next[s.id] = {
              id: s.id, type: s.type, payload: s.payload, stationId: s.stationId, pointId: s.pointId, baseVersion: s.version,
              state: 'synced', rev: local ? local.rev : 0, createdAt: s.createdAt, updatedAt: s.updatedAt, syncedAt: local?.syncedAt || s.updatedAt
            } as LocalRecord
          }
          return next
        })
      },

      syncNow () {
        if (inflight) return inflight
        cancelRetry?.()
        cancelRetry = null
        inflight = runSync().finally(() => { inflight = null })
        return inflight
      },

      unsyncedCount () {
        return Object.values(get().records).filter((r) => r.state === 'queued' || r.state === 'failed' || r.state === 'conflict').length
      },

      forgetAll () {
        const drafts = Object.values(get().records).filter((r) => r.state === 'draft').length
        const unsynced = get().unsyncedCount()
        if (unsynced || drafts) return { ok: false, unsynced, drafts }
        // Written first, like every change: the phone's copies (names, phone numbers) leave storage, not just memory.
        const cleared = commit(() => ({}), 'unchecked')
        if (!cleared.ok) return { ok: false, unsynced: 0, drafts: 0, message: cleared.message }
        cancelRetry?.()
        cancelRetry = null
        set({ storageWarning: null, sync: { running: false, done: 0, total: 0, lastSyncAt: null, lastError: null, failures: 0, nextRetryAt: null } })
        persistSync()
        return { ok: true }
      }
    }
  })
}

export type OutboxStore = ReturnType<typeof createOutboxStore>

/** Why signing out must wait, or null: records not yet on the server would be lost with the phone's copy. */
export function unsyncedMessage (unsynced: number, drafts: number): string | null {
  if (!unsynced && !drafts) return null
  const parts = [unsynced ? `${unsynced}条记录未同步` : '', drafts ? `${drafts}条草稿未提交` : ''].filter(Boolean).join('，')
  const todo = [unsynced ? '联网后点“立即同步”，处理同步失败或有冲突的记录' : '', drafts ? '提交或删除草稿' : ''].filter(Boolean).join('，并')
  return `还有${parts}。退出登录会清除本机上的记录，请先${todo}，再退出登录。`
}

/** The workflow status of a local record as the domain derives it. */
export function localStatus (r: LocalRecord): string {
  return recordStatus(r)
}
