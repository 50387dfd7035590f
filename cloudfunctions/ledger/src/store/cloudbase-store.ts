/**
 * The CloudBase storage adapter (wx-server-sdk). Collections: COLLECTIONS in ../setup.ts; layout, indexes and the
 * reasons for this design in ../../database.md.
 *
 * A cloud function has a few seconds and every database call is a network round trip, so writes are shaped for
 * CloudBase rather than copied from SQL:
 * - Each record is one document that carries its own figure contributions (`fig`, one entry per Beijing date) and
 *   its audit trail. A new record is one insert with the record id as `_id` (a resend is refused by the database
 *   itself); an edit is one update conditioned on the version it was based on. Nothing shared is updated per record,
 *   so two mediators syncing at once, or a complaint arriving meanwhile, never conflict.
 * - Only changes that write two records together (a case and its complaint) use a transaction; write conflicts are
 *   retried here, bounded and with jitter, because wx-server-sdk 3.0.4 loses their code and never retries them.
 * - Reports aggregate on the server: the figures of the records (`$unwind` of `fig`, grouped by station), and the
 *   enterprises counted by their latest check level in the same round trip.
 * - Reads page until an empty page, whatever the service's row cap (the documentation says 100 or 1000).
 */
import {
  FIGURE_KEYS, LedgerError, contributions, contributionsByDate, enterpriseKey, recordSearchText,
  type Binding, type District, type Period, type PointFacts, type RiskLevel, type Station, type StoredRecord
} from '@/domain'
import { assembleFacts, assemblePointFacts, type EnterpriseCounts } from './facts'
import type { CloudDatabase, CloudQuery, CloudTransaction, Doc } from './cloudbase-api'
import type { AuditEntry, Change, CommitResult, Counter, FactsAnswer, FactsQuery, Invite, LedgerStore, RecordPage, RecordQuery } from './port'

/** What one `get()` may ask for; the service may answer fewer rows (its cap), so paging never trusts a short page. */
export const PAGE = 1000
/** How often a change that met a write conflict is tried in all. */
export const CONFLICT_ATTEMPTS = 5
/** How many changes of a batch are written at once (each is its own round trip). */
const PARALLEL_WRITES = 10

/** Record fields kept for queries and reports, not part of the stored record. */
const DERIVED_FIELDS = ['searchText', 'trackingNo', 'enterpriseKey', 'riskLevel', 'fig', 'figFrom', 'audit', '_openid'] as const
const WITHOUT_DERIVED = { fig: false, audit: false, searchText: false } as const

/** A change refused by its data, not by a failure: a stale version, or a tracking number another record holds. */
class VersionConflict extends Error {
  constructor (readonly id: string, readonly taken?: 'trackingNo') { super(taken ? `${taken} taken` : 'version conflict') }
}

// --- how the SDK reports things (checked against wx-server-sdk 3.0.4; see tests/support/cloudbase-simulator.ts) ---

function errorText (e: unknown): string {
  if (typeof e === 'string') return e
  const x = e as { errMsg?: unknown, message?: unknown } | null
  return String(x?.errMsg || x?.message || e)
}

/** A transaction `get` of a missing document: the SDK's own answer. `-502001` is a generic failure, not this. */
function isNotFound (e: unknown): boolean {
  return /document with _id .* does not exist/.test(errorText(e))
}

/** A write conflict: by its code where the SDK keeps it (commit), by the service's message where it is lost (-501001). */
function isWriteConflict (e: unknown): boolean {
  return (e as { code?: unknown } | null)?.code === 'DATABASE_TRANSACTION_CONFLICT' ||
    /TransactionConflict|WriteConflict|DATABASE_TRANSACTION_CONFLICT/i.test(errorText(e))
}

/** The unique index a refused insert or update collided on (`_id_` for the document id), or null. */
function duplicateIndex (e: unknown): string | null {
  return /E11000 duplicate key error.*?index: (\S+)/.exec(errorText(e))?.[1] ?? null
}

function isMissingCollection (e: unknown): boolean {
  return (e as { errCode?: unknown } | null)?.errCode === -502005 || /DATABASE_COLLECTION_NOT_EXIST|Db or Table not exist/i.test(errorText(e))
}

/** Database failures people can act on become LedgerErrors; anything else stays as it is (logged as INTERNAL). */
function translate (e: unknown): unknown {
  if (e instanceof LedgerError || e instanceof VersionConflict) return e
  if (isMissingCollection(e)) return new LedgerError('SETUP_REQUIRED', '云数据库集合未创建：请管理员在云开发控制台运行一次初始化（setup）')
  if (isWriteConflict(e)) return new LedgerError('BUSY', '数据正被他人同时修改，请稍后重试')
  return e
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Reads every page of a query until an empty one; stops early once `most` rows are in (when that is known). */
async function getAll (query: CloudQuery, most = Infinity): Promise<Doc[]> {
  const out: Doc[] = []
  while (out.length < most) {
    const { data } = await query.skip(out.length).limit(PAGE).get()
    if (!data.length) break
    out.push(...data)
  }
  return out
}

/** Runs `fn` over `items` with at most `width` at a time, answers in order. */
async function inParallel<T, R> (items: T[], width: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length)
  let next = 0
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) out[i] = await fn(items[i])
  }
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker))
  return out
}

/** Rate-limit keys carry ':' and addresses; document ids keep to a safe alphabet. */
function safeId (key: string): string {
  return key.replace(/[^A-Za-z0-9_-]/g, (c) => `.${c.charCodeAt(0).toString(16)}`)
}

export class CloudBaseStore implements LedgerStore {
  private readonly _: CloudDatabase['command']

  constructor (private readonly db: CloudDatabase, private readonly pause: (ms: number) => Promise<unknown> = sleep) {
    this._ = db.command
  }

  /** Every public method goes through here: setup and contention errors become clear answers. */
  private async run<T> (fn: () => Promise<T>): Promise<T> {
    try {
      return await fn()
    } catch (e) {
      throw translate(e)
    }
  }

  /** A transaction, retried on write conflicts (bounded, with jitter); other errors pass through at once. */
  private async transact<T> (fn: (tx: CloudTransaction) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.db.runTransaction(fn, 0)
      } catch (e) {
        if (!isWriteConflict(e) || attempt >= CONFLICT_ATTEMPTS) throw e
        await this.pause(20 * 2 ** attempt * (0.5 + Math.random()))
      }
    }
  }

  private async txGet (tx: CloudTransaction, collection: string, id: string): Promise<Doc | null> {
    try {
      const res = await tx.collection(collection).doc(id).get()
      return res && res.data ? res.data : null
    } catch (e) {
      if (isNotFound(e)) return null
      throw e
    }
  }

  // --- organisation (setup and seeding) ---

  async putDistrict (d: District): Promise<void> {
    await this.run(() => this.db.collection('districts').doc(d.id).set({ data: { name: d.name } }))
  }

  async putStation (s: Station, sort = 0): Promise<void> {
    const { id, ...rest } = s
    await this.run(() => this.db.collection('stations').doc(id).set({ data: { ...rest, sort } }))
  }

  async putBinding (b: Binding, accessKeyHash: string | null): Promise<void> {
    const { identityId, ...rest } = b
    await this.run(() => this.db.collection('bindings').doc(identityId).set({ data: { ...rest, ...(accessKeyHash ? { accessKeyHash } : {}) } }))
  }

  getDistrict (id: string): Promise<District | null> {
    return this.run(async () => {
      const [d] = (await this.db.collection('districts').where({ _id: id }).limit(1).get()).data
      return d ? { id: d._id as string, name: d.name as string } : null
    })
  }

  listStations (districtId: string): Promise<Station[]> {
    return this.run(async () => (await getAll(this.db.collection('stations').where({ districtId }).orderBy('sort', 'asc').orderBy('_id', 'asc'))).map(toStation))
  }

  getStation (id: string): Promise<Station | null> {
    return this.run(async () => {
      const [s] = (await this.db.collection('stations').where({ _id: id }).limit(1).get()).data
      return s ? toStation(s) : null
    })
  }

  getStationByCode (code: string): Promise<Station | null> {
    return this.run(async () => {
      const [s] = (await this.db.collection('stations').where({ code }).limit(1).get()).data
      return s ? toStation(s) : null
    })
  }

  // --- identity ---

  getBinding (identityId: string): Promise<Binding | null> {
    return this.run(async () => {
      const [b] = (await this.db.collection('bindings').where({ _id: identityId }).limit(1).get()).data
      return b ? toBinding(b) : null
    })
  }

  findBindingByAccessKey (keyHash: string): Promise<Binding | null> {
    return this.run(async () => {
      const [b] = (await this.db.collection('bindings').where({ accessKeyHash: keyHash }).limit(1).get()).data
      return b ? toBinding(b) : null
    })
  }

  async createInvite (i: Invite): Promise<void> {
    const { code, ...rest } = i
    await this.run(() => this.db.collection('invites').doc(code).set({ data: rest }))
  }

  redeemInvite (code: string, identityId: string, now: string, accessKeyHash: string | null) {
    // Two documents (the invite and the binding) change together: one transaction.
    return this.run(() => this.transact(async (tx) => {
      const inv = await this.txGet(tx, 'invites', code)
      if (!inv) return { ok: false as const, reason: 'missing' as const }
      if (inv.usedBy) return { ok: false as const, reason: 'used' as const }
      if ((inv.expiresAt as string) < now) return { ok: false as const, reason: 'expired' as const }
      await tx.collection('invites').doc(code).update({ data: { usedBy: identityId, usedAt: now } })
      const binding: Binding = {
        identityId, role: inv.role as Binding['role'], districtId: inv.districtId as string, stationId: (inv.stationId as string | null) ?? null,
        displayName: inv.displayName as string, title: inv.title as string, boundAt: now
      }
      const { identityId: _id, ...rest } = binding
      await tx.collection('bindings').doc(identityId).set({ data: { ...rest, ...(accessKeyHash ? { accessKeyHash } : {}) } })
      return { ok: true as const, binding }
    }))
  }

  /** Ends a binding and records who ended it, together (the entry is about no record: it goes to `audit`). */
  revokeBinding (identityId: string, audit: AuditEntry): Promise<Binding | null> {
    return this.run(() => this.transact(async (tx) => {
      const doc = await this.txGet(tx, 'bindings', identityId)
      if (!doc) return null
      await tx.collection('bindings').doc(identityId).remove()
      await tx.collection('audit').add({ data: { ...audit } })
      return toBinding({ ...doc, _id: identityId })
    }))
  }

  // --- records ---

  getRecords (ids: string[]): Promise<StoredRecord[]> {
    if (!ids.length) return Promise.resolve([])
    const distinct = [...new Set(ids)]
    return this.run(async () => (await getAll(this.db.collection('records').where({ _id: this._.in(distinct) }).field(WITHOUT_DERIVED), distinct.length)).map(toRecord))
  }

  /** Changes are written side by side; each one is whole or absent, and a stale version refuses that change only. */
  commit (changes: Change[]): Promise<CommitResult[]> {
    return this.run(() => inParallel(changes, PARALLEL_WRITES, async (change): Promise<CommitResult> => {
      try {
        await (change.writes.length === 1 ? this.writeOne(change) : this.writeTogether(change))
        return { ok: true }
      } catch (e) {
        if (!(e instanceof VersionConflict)) throw e
        if (e.taken) return { ok: false, conflictId: e.id, current: null, taken: e.taken }
        const [current] = await this.getRecords([e.id])
        return { ok: false, conflictId: e.id, current: current || null }
      }
    }))
  }

  /** One record, no transaction: an insert (new) or an update conditioned on the version (edit). */
  private async writeOne (change: Change): Promise<void> {
    const { record, expectedVersion } = change.writes[0]
    const audit = auditOf(change, record.id)
    const others = change.audit.filter((a) => a.recordId !== record.id)
    if (expectedVersion === 0) {
      await this.reserveTrackingNo(record)
      try {
        await this.db.collection('records').add({ data: { _id: record.id, ...toRecordDoc(record), audit } })
      } catch (e) {
        if (duplicateIndex(e) === '_id_') throw new VersionConflict(record.id)
        throw e
      }
    } else {
      const { stats } = await this.db.collection('records').where({ _id: record.id, version: expectedVersion })
        .update({ data: this.replacement(toRecordDoc(record), audit) })
      if (!stats.updated) throw new VersionConflict(record.id)
    }
    if (others.length) await this.appendAudit(others)
  }

  /** Update fields for a whole new version: objects replaced whole (`_.set`), the audit trail appended. */
  private replacement (doc: Doc, audit: AuditEntry[]): Doc {
    const out: Doc = {}
    for (const [k, v] of Object.entries(doc)) if (v !== undefined) out[k] = v !== null && typeof v === 'object' ? this._.set(v) : v
    if (audit.length) out.audit = this._.push(audit)
    return out
  }

  /** Several records in one transaction (a case and the complaint it came from). */
  private async writeTogether (change: Change): Promise<void> {
    await this.transact(async (tx) => {
      const current = await Promise.all(change.writes.map((w) => this.txGet(tx, 'records', w.record.id)))
      change.writes.forEach((w, i) => {
        if ((Number(current[i]?.version) || 0) !== w.expectedVersion) throw new VersionConflict(w.record.id)
      })
      for (const [i, w] of change.writes.entries()) {
        const audit = auditOf(change, w.record.id)
        const doc = toRecordDoc(w.record)
        if (!current[i]) {
          if (w.record.type === 'wageComplaint' && doc.trackingNo) await tx.collection('tracking_numbers').add({ data: { _id: doc.trackingNo, recordId: w.record.id } })
          await tx.collection('records').add({ data: { _id: w.record.id, ...doc, audit } })
        } else {
          await tx.collection('records').doc(w.record.id).set({ data: { ...doc, audit: [...((current[i]?.audit as AuditEntry[]) || []), ...audit] } })
        }
      }
    })
  }

  /**
   * Tracking numbers are unique through their own collection keyed by the number: a unique index on the records'
   * `trackingNo` would treat the field of every other record as a value (MongoDB indexes a missing field as null
   * unless sparse, and an explicit null even then). A reservation left by a failed insert only retires one number.
   */
  private async reserveTrackingNo (record: StoredRecord): Promise<void> {
    const no = trackingNoOf(record)
    if (!no) return
    try {
      await this.db.collection('tracking_numbers').add({ data: { _id: no, recordId: record.id } })
    } catch (e) {
      if (duplicateIndex(e) !== '_id_') throw e
      const [holder] = (await this.db.collection('tracking_numbers').where({ _id: no }).limit(1).get()).data
      // A resend of the same complaint finds its own reservation; another record's number refuses this change.
      if (holder?.recordId !== record.id) throw new VersionConflict(record.id, 'trackingNo')
    }
  }

  listRecords (q: RecordQuery): Promise<RecordPage> {
    return this.run(async () => {
      const _ = this._
      const where: Doc = {}
      if (q.stationId) where.stationId = q.stationId
      if (q.districtId) where.districtId = q.districtId
      if (q.type) where.type = q.type
      if (q.status) where.status = q.status
      if (q.createdBy) where.createdBy = q.createdBy
      if (q.search) where.searchText = this.db.RegExp({ regexp: q.search.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), options: 'i' })
      const desc = q.order !== 'oldest'
      const after = (cursor: string) => {
        const [date, id] = cursor.split('|')
        return desc
          ? _.or({ eventDate: _.lt(date) }, { eventDate: date, _id: _.lt(id) })
          : _.or({ eventDate: _.gt(date) }, { eventDate: date, _id: _.gt(id) })
      }
      // One row more than the page tells whether another page follows. The service may cap a page below what was
      // asked, so keep reading after the last row until enough rows are in or a page comes back empty.
      const want = q.limit + 1
      const rows: Doc[] = []
      let cursor = q.cursor || null
      while (rows.length < want) {
        const condition = cursor ? _.and(where, after(cursor)) as Doc : where
        const { data } = await this.db.collection('records').where(condition).field(WITHOUT_DERIVED)
          .orderBy('eventDate', desc ? 'desc' : 'asc').orderBy('_id', desc ? 'desc' : 'asc')
          .limit(Math.min(PAGE, want - rows.length)).get()
        if (!data.length) break
        rows.push(...data)
        const last = data[data.length - 1]
        cursor = `${last.eventDate as string}|${last._id as string}`
      }
      const page = rows.slice(0, q.limit).map(toRecord)
      const last = page[page.length - 1]
      return { items: page, next: rows.length > q.limit && last ? `${last.eventDate}|${last.id}` : null }
    })
  }

  findComplaintByTracking (trackingNo: string): Promise<StoredRecord | null> {
    return this.run(async () => {
      const [d] = (await this.db.collection('records').where({ trackingNo }).field(WITHOUT_DERIVED).limit(1).get()).data
      return d ? toRecord(d) : null
    })
  }

  /** Appends to each record's own trail (one round trip per record); entries about no record go to `audit`. */
  appendAudit (entries: AuditEntry[]): Promise<void> {
    return this.run(async () => {
      const byRecord = new Map<string, AuditEntry[]>()
      for (const a of entries) byRecord.set(a.recordId, [...(byRecord.get(a.recordId) || []), a])
      for (const [recordId, list] of byRecord) {
        const { stats } = await this.db.collection('records').where({ _id: recordId }).update({ data: { audit: this._.push(list) } })
        if (!stats.updated) for (const a of list) await this.db.collection('audit').add({ data: { ...a } })
      }
    })
  }

  listAudit (recordId: string): Promise<AuditEntry[]> {
    return this.run(async () => {
      const [record] = (await this.db.collection('records').where({ _id: recordId }).field({ audit: true }).limit(1).get()).data
      if (record) return ((record.audit as AuditEntry[]) || []).map((a) => ({ ...a }))
      const loose = await getAll(this.db.collection('audit').where({ recordId }).orderBy('at', 'asc').orderBy('_id', 'asc'))
      return loose.map(({ _id, ...a }) => a as unknown as AuditEntry)
    })
  }

  /** One counter document per key and window: an atomic increment, created on the window's first hit. */
  hitRateLimit (key: string, window: string, limit: number) {
    return this.run(async () => {
      const id = safeId(`${key}@${window}`)
      const limits = this.db.collection('rate_limits')
      for (let attempt = 0; attempt < 2; attempt++) {
        const { stats } = await limits.where({ _id: id }).update({ data: { count: this._.inc(1) } })
        if (stats.updated) {
          const [doc] = (await limits.where({ _id: id }).limit(1).get()).data
          const count = Number(doc?.count) || 1
          return { allowed: count <= limit, count }
        }
        try {
          await limits.add({ data: { _id: id, key, window, count: 1 } })
          return { allowed: 1 <= limit, count: 1 }
        } catch (e) {
          if (duplicateIndex(e) !== '_id_') throw e // someone else made it first: count on theirs
        }
      }
      throw new LedgerError('BUSY', '请求过于集中，请稍后重试')
    })
  }

  /** A read-modify-write of one guess counter, in a transaction (retried on conflicts like every other). */
  updateCounter (key: string, change: (current: Counter | null) => Counter): Promise<Counter> {
    // Kept beside the rate limits (no collection of its own); the id prefix keeps the two apart.
    const id = safeId(`counter:${key}`)
    return this.run(() => this.transact(async (tx) => {
      const doc = await this.txGet(tx, 'rate_limits', id)
      const next = change(doc ? { window: String(doc.window), count: Number(doc.count) || 0, lockedUntil: Number(doc.lockedUntil) || 0 } : null)
      await tx.collection('rate_limits').doc(id).set({ data: { window: next.window, count: next.count, lockedUntil: next.lockedUntil } })
      return next
    }))
  }

  // --- reports ---

  /**
   * Two aggregations, each one round trip for a district's year (plus the empty page that ends it): the records'
   * figures grouped by station and by where their date falls, and the risk-check enterprises counted by the level of
   * their latest check, per station and across the district.
   */
  reportFacts (q: FactsQuery): Promise<FactsAnswer> {
    return this.run(async () => (await this.factsOver(q, [{ start: q.period.start, through: q.through }]))[0])
  }

  /** A period and the one it is compared with in the same two aggregations (a report with 同比 in 8 round trips). */
  comparedFacts (q: FactsQuery, base: { period: Period, through: string }): Promise<{ current: FactsAnswer, base: FactsAnswer }> {
    return this.run(async () => {
      const current = { start: q.period.start, through: q.through }
      const earlier = { start: base.period.start, through: base.through }
      // One read needs windows in order, apart, and not empty; anything else (never seen) reads them one by one.
      if (earlier.start <= earlier.through && earlier.through < current.start && current.start <= current.through) {
        const [b, c] = await this.factsOver(q, [earlier, current])
        return { current: c, base: b }
      }
      const [c, b] = await Promise.all([this.factsOver(q, [current]), this.factsOver({ ...q, period: base.period, through: base.through }, [earlier])])
      return { current: c[0], base: b[0] }
    })
  }

  /**
   * Facts for windows in ascending order, apart: each record figure falls in a "slot" counted by how many window
   * bounds its date has passed (before the first window 0, inside window i 2i+1, between windows 2i+2). A window's
   * sums are its slot; its cases carried over are what was accepted and not closed in every slot before it.
   */
  private async factsOver (q: FactsQuery, windows: Array<{ start: string, through: string }>): Promise<FactsAnswer[]> {
    const _ = this._
    const $ = _.aggregate
    const base: Doc = { districtId: q.districtId }
    if (q.stationId) base.stationId = q.stationId
    const last = windows[windows.length - 1].through
    const passed = (field: string) => $.add(windows.flatMap((w) => [
      $.cond([$.gte([field, w.start]), 1, 0]),
      $.cond([$.gt([field, w.through]), 1, 0])
    ]))
    const sumSpec: Doc = { _id: { s: '$stationId', slot: passed('$fig.d') } }
    for (const k of FIGURE_KEYS) sumSpec[k] = $.sum(`$fig.${k}`)
    const records = () => this.db.collection('records').aggregate()
    const inWindows = windows.length === 1
      ? { eventDate: _.gte(windows[0].start).and(_.lte(windows[0].through)) }
      : _.or(windows.map((w) => ({ eventDate: _.gte(w.start).and(_.lte(w.through)) })))
    const [sums, levels] = await Promise.all([
      this.aggregateAll(() => records()
        .match({ ...base, figFrom: _.lte(last) })
        .project({ stationId: 1, fig: 1 })
        .unwind('$fig')
        .match({ 'fig.d': _.lte(last) })
        .group(sumSpec)
        .sort({ _id: 1 })),
      this.aggregateAll(() => records()
        .match(_.and([{ ...base, type: 'riskCheck' }, inWindows]) as Doc)
        .sort({ eventDate: 1, _id: 1 })
        .group({ _id: { w: passed('$eventDate'), s: '$stationId', k: '$enterpriseKey' }, level: $.last('$riskLevel'), at: $.last($.concat(['$eventDate', '|', '$_id'])) })
        .sort({ at: 1 })
        .group({ _id: { w: '$_id.w', k: '$_id.k' }, stations: $.push({ s: '$_id.s', level: '$level' }), level: $.last('$level') })
        // one row per station holding the enterprise, and one for the district (station '') with its latest level
        .project({ rows: $.concatArrays(['$stations', [{ s: '', level: '$level' }]]) })
        .unwind('$rows')
        .group({ _id: { w: '$_id.w', s: '$rows.s', level: '$rows.level' }, count: $.sum(1) })
        .sort({ _id: 1 }))
    ])
    const key = (row: Doc) => row._id as { s: string, slot: number, w: number, level: RiskLevel }
    return windows.map((_w, i) => {
      const inside = 2 * i + 1
      const enterprises: EnterpriseCounts = { stations: [], district: [] }
      for (const row of levels.filter((r) => key(r).w === inside)) {
        const { s, level } = key(row)
        if (s) enterprises.stations.push({ stationId: s, level, count: Number(row.count) })
        else enterprises.district.push({ level, count: Number(row.count) })
      }
      const carried = new Map<string, { stationId: string, accepted: number, closed: number }>()
      for (const row of sums.filter((r) => key(r).slot < inside)) {
        const c = carried.get(key(row).s) || { stationId: key(row).s, accepted: 0, closed: 0 }
        c.accepted += Number(row.casesAccepted) || 0
        c.closed += Number(row.casesClosed) || 0
        carried.set(c.stationId, c)
      }
      return assembleFacts({
        sums: sums.filter((r) => key(r).slot === inside).map((row) => ({ stationId: key(row).s, sums: row })),
        carried: [...carried.values()],
        enterprises
      })
    })
  }

  /**
   * A station's figures by point (村/社区点) and 站本级: the figures of records made at a point, grouped by point and
   * before/within the period, and the latest check of each enterprise at each point. 站本级 is the station less its
   * points (assemblePointFacts). Read for a station's drill-down only, never for the district report.
   */
  pointFacts (q: FactsQuery): Promise<PointFacts[]> {
    return this.run(async () => {
      const _ = this._
      const $ = _.aggregate
      const base: Doc = { districtId: q.districtId }
      if (q.stationId) base.stationId = q.stationId
      const sumSpec: Doc = { _id: { s: '$stationId', p: '$pointId', before: $.lt(['$fig.d', q.period.start]) } }
      for (const k of FIGURE_KEYS) sumSpec[k] = $.sum(`$fig.${k}`)
      const records = () => this.db.collection('records').aggregate()
      const [stations, sums, latest] = await Promise.all([
        this.reportFacts(q),
        // Figures of records made at a point only (站本级 is what remains of the station).
        this.aggregateAll(() => records()
          .match({ ...base, pointId: _.gt(''), figFrom: _.lte(q.through) })
          .project({ stationId: 1, pointId: 1, fig: 1 })
          .unwind('$fig')
          .match({ 'fig.d': _.lte(q.through) })
          .group(sumSpec)
          .sort({ _id: 1 })),
        // The latest check of each enterprise at each point and at 站本级 (no point).
        this.aggregateAll(() => records()
          .match({ ...base, type: 'riskCheck', eventDate: _.gte(q.period.start).and(_.lte(q.through)) })
          .sort({ eventDate: 1, _id: 1 })
          .group({ _id: { s: '$stationId', p: '$pointId', k: '$enterpriseKey' }, level: $.last('$riskLevel'), at: $.last($.concat(['$eventDate', '|', '$_id'])) })
          .sort({ _id: 1 }))
      ])
      const key = (row: Doc) => row._id as { s: string, p?: string | null, k?: string, before?: boolean }
      return assemblePointFacts(stations, {
        sums: sums.filter((row) => !key(row).before).map((row) => ({ stationId: key(row).s, pointId: String(key(row).p), sums: row })),
        carried: sums.filter((row) => key(row).before).map((row) => ({ stationId: key(row).s, pointId: String(key(row).p), accepted: Number(row.casesAccepted), closed: Number(row.casesClosed) })),
        latest: latest.map((row) => ({ stationId: key(row).s, pointId: key(row).p || null, key: String(key(row).k), k: String(row.at), level: row.level as RiskLevel }))
      })
    })
  }

  /** Runs a pipeline page by page until an empty page. */
  private async aggregateAll (pipeline: () => ReturnType<ReturnType<CloudDatabase['collection']>['aggregate']>): Promise<Doc[]> {
    const out: Doc[] = []
    for (;;) {
      const { list } = await pipeline().skip(out.length).limit(PAGE).end()
      if (!list.length) return out
      out.push(...list)
    }
  }
}

function auditOf (change: Change, recordId: string): AuditEntry[] {
  return change.audit.filter((a) => a.recordId === recordId).map((a) => ({ ...a }))
}

function trackingNoOf (r: StoredRecord): string | null {
  return r.type === 'wageComplaint' && r.payload.trackingNo ? r.payload.trackingNo : null
}

function toStation (d: Doc): Station {
  return { id: d._id as string, districtId: d.districtId as string, code: d.code as string, name: d.name as string, area: d.area as string, active: !!d.active, points: (d.points as Station['points']) || [] }
}

function toBinding (d: Doc): Binding {
  return {
    identityId: d._id as string, role: d.role as Binding['role'], districtId: d.districtId as string, stationId: (d.stationId as string | null) ?? null,
    displayName: d.displayName as string, title: d.title as string, boundAt: d.boundAt as string
  }
}

/**
 * Stored form: the record, the fields queries need (search text; tracking number and enterprise only on the records
 * they belong to, never as null), and its figure contributions by date (`fig`, with the earliest date in `figFrom`).
 */
function toRecordDoc (r: StoredRecord): Doc {
  const { id: _id, ...rest } = r
  const fig = [...contributionsByDate(contributions(r))].sort(([a], [b]) => a.localeCompare(b)).map(([d, sums]) => ({ d, ...sums }))
  const doc: Doc = { ...rest, searchText: recordSearchText(r), fig, figFrom: fig[0]?.d ?? '9999-12-31' }
  const trackingNo = trackingNoOf(r)
  if (trackingNo) doc.trackingNo = trackingNo
  if (r.type === 'riskCheck') {
    doc.enterpriseKey = enterpriseKey(r.payload)
    if (r.risk?.level) doc.riskLevel = r.risk.level
  }
  return doc
}

function toRecord (d: Doc): StoredRecord {
  const rest: Doc = { ...d }
  for (const k of DERIVED_FIELDS) delete rest[k]
  delete rest._id
  return { id: d._id as string, ...rest } as unknown as StoredRecord
}
