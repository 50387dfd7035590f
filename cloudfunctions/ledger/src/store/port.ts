/**
 * The storage port: the operations the handlers need, in the domain's words. Two adapters implement it:
 * CloudBase (wx-server-sdk) in the cloud and SQLite (better-sqlite3) in the host. One contract suite tests both.
 */
import type { Binding, District, Period, PointFacts, RecordType, Station, StationFacts, StoredRecord, EnterpriseStats } from '@/domain'

/** A one-time code that binds whoever redeems it to a role. */
export interface Invite {
  code: string
  role: Binding['role']
  districtId: string
  stationId: string | null
  displayName: string
  title: string
  createdBy: string
  createdAt: string
  expiresAt: string
  usedBy: string | null
  usedAt: string | null
}

/** Who did what to which record, and when. Never holds a phone or ID number. */
export interface AuditEntry {
  recordId: string
  stationId: string
  districtId: string
  actor: string
  action: string
  at: string
  detail?: string
}

/** One record write inside a change: the full new record and the version it must replace (0 = must be new). */
export interface RecordWrite {
  record: StoredRecord
  expectedVersion: number
}

/** An atomic change: all its writes and audit entries land together or not at all. */
export interface Change {
  writes: RecordWrite[]
  audit: AuditEntry[]
}

/** A refused change: a stale version (`current` is the stored record), or a tracking number another record holds. */
export type CommitResult =
  | { ok: true }
  | { ok: false, conflictId: string, current: StoredRecord | null, taken?: 'trackingNo' }

export interface RecordQuery {
  stationId?: string
  districtId?: string
  type?: RecordType
  status?: string
  createdBy?: string
  /** Matches enterprise or worker names. */
  search?: string
  /** Opaque cursor from the previous page. */
  cursor?: string | null
  limit: number
  order?: 'newest' | 'oldest'
}

export interface RecordPage {
  items: StoredRecord[]
  next: string | null
}

/** Facts for a report: days from period.start to `through` (inclusive) count; carried-over counts days before start. */
export interface FactsQuery {
  districtId: string
  period: Period
  through: string
  stationId?: string
}

export interface FactsAnswer {
  stations: StationFacts[]
  /** Enterprises distinct across the whole query (not the sum of stations). */
  enterprises: EnterpriseStats
}

/** A counter kept under a key: the window it counts in (a Beijing day), its count, and until when it refuses (ms). */
export interface Counter {
  window: string
  count: number
  /** Epoch ms before which the counter refuses further attempts; 0 when it does not. */
  lockedUntil: number
}

export interface LedgerStore {
  getDistrict (id: string): Promise<District | null>
  listStations (districtId: string): Promise<Station[]>
  getStation (id: string): Promise<Station | null>
  getStationByCode (code: string): Promise<Station | null>

  getBinding (identityId: string): Promise<Binding | null>
  /** Host only: the binding whose personal access key hashes to this value. */
  findBindingByAccessKey (keyHash: string): Promise<Binding | null>
  createInvite (invite: Invite): Promise<void>
  /**
   * Atomically marks an unused, unexpired invite used and binds the identity. Answers why not otherwise.
   * `accessKeyHash` (host only) lets the same person sign in again on another browser.
   */
  redeemInvite (code: string, identityId: string, now: string, accessKeyHash: string | null): Promise<{ ok: true, binding: Binding } | { ok: false, reason: 'missing' | 'used' | 'expired' }>

  /**
   * Ends a binding: removes it (and its access key) and writes the audit entry, in one atomic step. Answers the binding
   * removed, or null when the identity had none (nothing is written then). The identity's next request has no role.
   */
  revokeBinding (identityId: string, audit: AuditEntry): Promise<Binding | null>

  getRecords (ids: string[]): Promise<StoredRecord[]>
  /** Each change is atomic and durable when the promise resolves; a version mismatch refuses that change only. */
  commit (changes: Change[]): Promise<CommitResult[]>
  listRecords (query: RecordQuery): Promise<RecordPage>
  findComplaintByTracking (trackingNo: string): Promise<StoredRecord | null>

  appendAudit (entries: AuditEntry[]): Promise<void>
  listAudit (recordId: string): Promise<AuditEntry[]>

  /** Counts one hit against `key` and answers whether it stayed within `limit`. Counters reset per `window`. */
  hitRateLimit (key: string, window: string, limit: number): Promise<{ allowed: boolean, count: number }>
  /**
   * Atomically reads the counter under `key` (null when there is none), stores what `change` makes of it, and answers
   * the stored counter. `change` must be pure: an adapter may run it again when a concurrent write intervenes.
   */
  updateCounter (key: string, change: (current: Counter | null) => Counter): Promise<Counter>

  reportFacts (query: FactsQuery): Promise<FactsAnswer>
  /** The facts of a period and of the earlier one it is compared with (同比/环比), read together where a store can. */
  comparedFacts (query: FactsQuery, base: { period: Period, through: string }): Promise<{ current: FactsAnswer, base: FactsAnswer }>
  /**
   * The same facts broken down by point for each station the query covers: one entry per point that has any figure,
   * and one for 站本级 (pointId null) holding what the station has beyond its points. Entries of a station add up to
   * its reportFacts entry (enterprises aside: they are distinct per point).
   */
  pointFacts (query: FactsQuery): Promise<PointFacts[]>
}
