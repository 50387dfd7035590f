/**
 * The outbox: every record a mediator makes is written to the phone's storage before any network call, and leaves
 * the queue only when the server's answer lists its id as stored, duplicate or updated. Invalid records wait to be
 * fixed; conflicts keep the server's copy for the person to choose. One sync at a time, in batches of 50, with
 * exponential backoff and jitter after failures.
 *
 * The store is vanilla zustand with its platform (storage, API, clock, timers) passed in, so tests drive it
 * through getState() with in-memory fakes; use-outbox-store.ts binds it to Taro.
 */
import { createStore } from 'zustand/vanilla'
import { createJSONStorage, persist, type StateStorage } from 'zustand/middleware'
import {
  beijingDate, newRecordId, recordStatus, validatePayload,
  type FieldIssue, type PayloadOf, type RecordType, type StoredRecord, type TypedPayload
} from '@/domain'

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
  lastError: string | null
  failures: number
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
  forgetAll: () => { ok: true } | { ok: false, unsynced: number, drafts: number }
}

export type SaveResult = { ok: true, id: string } | { ok: false, reason: 'invalid', issues: FieldIssue[] } | { ok: false, reason: 'storage', message: string }

export interface SyncSummary {
  sent: number
  settled: number
  invalid: number
  conflicts: number
  error: string | null
}

/** What the outbox needs from its platform. */
export interface OutboxDeps {
  storage: StateStorage
  /** Sends a batch; resolves with the server's raw answer (checked here), rejects on transport or server errors. */
  sync: (records: Array<{ id: string, type: RecordType, stationId: string, pointId: string | null, baseVersion: number, payload: unknown }>) => Promise<unknown>
  now: () => Date
  random: () => number
  schedule: (fn: () => void, ms: number) => () => void
  /** Storage used and available, in KB, when the platform can tell. */
  usage: () => { usedKb: number, limitKb: number } | null
  /** Is a failure worth retrying automatically (network, server down)? */
  isTransient: (error: unknown) => boolean
  messageOf: (error: unknown) => string
}

export const BATCH_SIZE = 50
export const STORAGE_KEY = 'ledger.outbox'
/** Warn when this share of storage is used; WeChat allows 10 MB per mini program and 1 MB per key. */
export const STORAGE_WARN_RATIO = 0.8
export const KEY_LIMIT_BYTES = 1024 * 1024
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

export function createOutboxStore (deps: OutboxDeps) {
  let inflight: Promise<SyncSummary> | null = null
  let cancelRetry: (() => void) | null = null

  return createStore<OutboxState>()(persist((set, get) => {
    /** Applies a change and persists it; on a storage failure the change is undone and reported. */
    const commit = (change: (records: Record<string, LocalRecord>) => Record<string, LocalRecord>): { ok: true } | { ok: false, message: string } => {
      const before = get().records
      try {
        set({ records: change(before) })
      } catch (e) {
        try { set({ records: before }) } catch { /* storage still refuses: memory keeps the previous state */ }
        return { ok: false, message: `手机存储空间已满，记录未能保存：${deps.messageOf(e)}。请先同步已有记录或清理微信存储后重试。` }
      }
      checkStorage()
      return { ok: true }
    }

    const checkStorage = () => {
      const records = get().records
      const bytes = JSON.stringify(records).length * 2
      const usage = deps.usage()
      let warning: string | null = null
      if (bytes > KEY_LIMIT_BYTES * STORAGE_WARN_RATIO) warning = '未同步和已保存的记录接近单项存储上限（1MB），请尽快联网同步。'
      else if (usage && usage.usedKb > usage.limitKb * STORAGE_WARN_RATIO) warning = `手机上本小程序的存储已用 ${Math.round((usage.usedKb / usage.limitKb) * 100)}%，请尽快联网同步。`
      if (warning !== get().storageWarning) set({ storageWarning: warning })
      if (bytes > KEY_LIMIT_BYTES * 0.6) pruneSynced()
    }

    /** Drops the oldest synced copies beyond MAX_SYNCED_KEPT (never a draft, a queued, failed or conflicting record). */
    const pruneSynced = () => {
      const synced = Object.values(get().records).filter((r) => r.state === 'synced').sort((a, b) => (b.syncedAt || '').localeCompare(a.syncedAt || ''))
      if (synced.length <= MAX_SYNCED_KEPT / 2) return
      const drop = new Set(synced.slice(MAX_SYNCED_KEPT / 2).map((r) => r.id))
      set({ records: Object.fromEntries(Object.entries(get().records).filter(([id]) => !drop.has(id))) })
    }

    const scheduleRetry = () => {
      const failures = get().sync.failures
      const delay = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, failures - 1)) * (0.5 + deps.random() / 2)
      cancelRetry?.()
      cancelRetry = deps.schedule(() => { cancelRetry = null; void get().syncNow() }, delay)
      set({ sync: { ...get().sync, nextRetryAt: new Date(deps.now().getTime() + delay).toISOString() } })
    }

    async function runSync (): Promise<SyncSummary> {
      const summary: SyncSummary = { sent: 0, settled: 0, invalid: 0, conflicts: 0, error: null }
      const queue = Object.values(get().records).filter((r) => r.state === 'queued').sort((a, b) => a.updatedAt.localeCompare(b.updatedAt))
      if (!queue.length) return summary
      set({ sync: { ...get().sync, running: true, done: 0, total: queue.length, lastError: null, nextRetryAt: null } })
      for (let i = 0; i < queue.length; i += BATCH_SIZE) {
        const batch = queue.slice(i, i + BATCH_SIZE).map((r) => get().records[r.id]).filter((r) => r && r.state === 'queued')
        if (!batch.length) continue
        const sentRev = new Map(batch.map((r) => [r.id, r.rev]))
        let results: ServerResult[] | null
        try {
          results = readResults(await deps.sync(batch.map((r) => ({ id: r.id, type: r.type, stationId: r.stationId, pointId: r.pointId, baseVersion: r.baseVersion, payload: r.payload }))))
          if (!results) throw new Error('服务器没有返回同步结果')
        } catch (e) {
          summary.error = deps.messageOf(e)
          set({ sync: { ...get().sync, running: false, lastError: summary.error, failures: get().sync.failures + 1 } })
          if (deps.isTransient(e) || !(e instanceof Error && 'code' in e)) scheduleRetry()
          return summary
        }
        summary.sent += batch.length
        const at = deps.now().toISOString()
        commit((records) => {
          const next = { ...records }
          for (const r of results as ServerResult[]) {
            const local = next[r.id]
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
        })
        set({ sync: { ...get().sync, done: Math.min(get().sync.total, get().sync.done + batch.length) } })
      }
      set({ sync: { ...get().sync, running: false, lastSyncAt: deps.now().toISOString(), failures: 0, nextRetryAt: null } })
      return summary
    }

    return {
      records: {},
      sync: { running: false, done: 0, total: 0, lastSyncAt: null, lastError: null, failures: 0, nextRetryAt: null },
      storageWarning: null,

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
        return commit((records) => Object.fromEntries(Object.entries(records).filter(([k]) => k !== id))).ok
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
        cancelRetry?.()
        cancelRetry = null
        set({ records: {}, storageWarning: null, sync: { running: false, done: 0, total: 0, lastSyncAt: null, lastError: null, failures: 0, nextRetryAt: null } })
        return { ok: true }
      }
    }
  }, {
    name: STORAGE_KEY,
    version: 1,
    storage: createJSONStorage(() => deps.storage),
    partialize: (s) => ({ records: s.records, sync: { ...s.sync, running: false, done: 0, total: 0 } }) as unknown as OutboxState
  }))
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
