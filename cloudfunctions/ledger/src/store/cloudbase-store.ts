/**
 * The CloudBase storage adapter (wx-server-sdk). Collections: see COLLECTIONS in cloudbase-setup.ts.
 * - Each change runs in one `db.runTransaction`: record documents with a version check, their `daily_figures`
 *   documents (station × Beijing day) updated by the record's contribution delta, and the audit entries. A record
 *   made at a point also updates that point's sums, kept inside the same document (`points: [{ pointId, ...sums }]`,
 *   absent when empty) so a point costs no extra document in the transaction.
 * - The report is an `aggregate()` pipeline over `daily_figures` (match district and date range, group by station);
 *   enterprises are grouped from risk-check records. Nothing fetches all records.
 * - Reads past 1000 documents page with skip/limit (a cloud function's `get()` returns at most 1000).
 */
import {
  FIGURE_KEYS, contributionDelta, contributions, emptySums, enterpriseKey, recordSearchText,
  type Binding, type District, type FigureSums, type PointFacts, type RiskLevel, type Station, type StoredRecord
} from '@/domain'
import { assembleFacts, assemblePointFacts } from './facts'
import type { CloudDatabase, CloudQuery, CloudTransaction, Doc } from './cloudbase-api'
import type { AuditEntry, Change, CommitResult, FactsAnswer, FactsQuery, Invite, LedgerStore, RecordPage, RecordQuery } from './port'

/** The most documents one `get()` may return in a cloud function. */
export const PAGE = 1000

class VersionConflict extends Error {
  constructor (readonly id: string) { super('version conflict') }
}

/** Reads every page of a query, 1000 at a time. */
async function getAll (query: CloudQuery): Promise<Doc[]> {
  const out: Doc[] = []
  for (let skip = 0; ; skip += PAGE) {
    const { data } = await query.skip(skip).limit(PAGE).get()
    out.push(...data)
    if (data.length < PAGE) return out
  }
}

/** A document by id inside a transaction, or null. The SDK rejects for a missing document; some versions answer null. */
async function txGet (tx: CloudTransaction, collection: string, id: string): Promise<Doc | null> {
  try {
    const res = await tx.collection(collection).doc(id).get()
    return res && res.data ? res.data : null
  } catch (e) {
    if (isMissing(e)) return null
    throw e
  }
}

function isMissing (e: unknown): boolean {
  const text = e instanceof Error ? e.message : String((e as { errMsg?: string })?.errMsg || e)
  return /does not exist|not exist|不存在|DOCUMENT_NOT_FOUND|-502001/i.test(text)
}

function withoutId<T> (doc: Doc): T {
  const { _id: _unused, ...rest } = doc
  return rest as T
}

/** Rate-limit keys carry ':' and addresses; document ids keep to a safe alphabet. */
function safeId (key: string): string {
  return key.replace(/[^A-Za-z0-9_-]/g, (c) => `.${c.charCodeAt(0).toString(16)}`)
}

export class CloudBaseStore implements LedgerStore {
  private readonly _: CloudDatabase['command']
  private auditSeq = 0

  constructor (private readonly db: CloudDatabase) {
    this._ = db.command
  }

  // --- organisation (setup and seeding) ---

  async putDistrict (d: District): Promise<void> {
    await this.db.collection('districts').doc(d.id).set({ data: { name: d.name } })
  }

  async putStation (s: Station, sort = 0): Promise<void> {
    const { id, ...rest } = s
    await this.db.collection('stations').doc(id).set({ data: { ...rest, sort } })
  }

  async putBinding (b: Binding, accessKeyHash: string | null): Promise<void> {
    const { identityId, ...rest } = b
    await this.db.collection('bindings').doc(identityId).set({ data: { ...rest, accessKeyHash } })
  }

  async getDistrict (id: string): Promise<District | null> {
    const [d] = (await this.db.collection('districts').where({ _id: id }).limit(1).get()).data
    return d ? { id: d._id as string, name: d.name as string } : null
  }

  async listStations (districtId: string): Promise<Station[]> {
    const docs = await getAll(this.db.collection('stations').where({ districtId }).orderBy('sort', 'asc').orderBy('_id', 'asc'))
    return docs.map(toStation)
  }

  async getStation (id: string): Promise<Station | null> {
    const [s] = (await this.db.collection('stations').where({ _id: id }).limit(1).get()).data
    return s ? toStation(s) : null
  }

  async getStationByCode (code: string): Promise<Station | null> {
    const [s] = (await this.db.collection('stations').where({ code }).limit(1).get()).data
    return s ? toStation(s) : null
  }

  // --- identity ---

  async getBinding (identityId: string): Promise<Binding | null> {
    const [b] = (await this.db.collection('bindings').where({ _id: identityId }).limit(1).get()).data
    return b ? toBinding(b) : null
  }

  async findBindingByAccessKey (keyHash: string): Promise<Binding | null> {
    const [b] = (await this.db.collection('bindings').where({ accessKeyHash: keyHash }).limit(1).get()).data
    return b ? toBinding(b) : null
  }

  async createInvite (i: Invite): Promise<void> {
    const { code, ...rest } = i
    await this.db.collection('invites').doc(code).set({ data: rest })
  }

  async redeemInvite (code: string, identityId: string, now: string, accessKeyHash: string | null) {
    // Two documents (the invite and the binding) change together: one transaction.
    return this.db.runTransaction(async (tx) => {
      const inv = await txGet(tx, 'invites', code)
      if (!inv) return { ok: false as const, reason: 'missing' as const }
      if (inv.usedBy) return { ok: false as const, reason: 'used' as const }
      if ((inv.expiresAt as string) < now) return { ok: false as const, reason: 'expired' as const }
      await tx.collection('invites').doc(code).update({ data: { usedBy: identityId, usedAt: now } })
      const binding: Binding = {
        identityId, role: inv.role as Binding['role'], districtId: inv.districtId as string, stationId: (inv.stationId as string | null) ?? null,
        displayName: inv.displayName as string, title: inv.title as string, boundAt: now
      }
      const { identityId: _id, ...rest } = binding
      await tx.collection('bindings').doc(identityId).set({ data: { ...rest, accessKeyHash } })
      return { ok: true as const, binding }
    })
  }

  // --- records ---

  async getRecords (ids: string[]): Promise<StoredRecord[]> {
    if (!ids.length) return []
    const docs = await getAll(this.db.collection('records').where({ _id: this._.in(ids) }))
    return docs.map(toRecord)
  }

  async commit (changes: Change[]): Promise<CommitResult[]> {
    const results: CommitResult[] = []
    for (const change of changes) {
      try {
        await this.db.runTransaction((tx) => this.applyChange(tx, change))
        results.push({ ok: true })
      } catch (e) {
        if (!(e instanceof VersionConflict)) throw e
        const [current] = await this.getRecords([e.id])
        results.push({ ok: false, conflictId: e.id, current: current || null })
      }
    }
    return results
  }

  private async applyChange (tx: CloudTransaction, change: Change): Promise<void> {
    type Delta = Partial<FigureSums>
    const figureDeltas = new Map<string, { districtId: string, stationId: string, day: string, delta: Delta, points: Map<string, Delta> }>()
    const addTo = (target: Delta, delta: Delta) => {
      for (const k of Object.keys(delta) as Array<keyof FigureSums>) target[k] = (target[k] || 0) + (delta[k] || 0)
    }
    const addDelta = (districtId: string, stationId: string, pointId: string | null, byDay: Map<string, Delta>) => {
      for (const [day, delta] of byDay) {
        const id = `${stationId}_${day}`
        const entry = figureDeltas.get(id) || { districtId, stationId, day, delta: {}, points: new Map() }
        addTo(entry.delta, delta)
        if (pointId) {
          const point = entry.points.get(pointId) || {}
          addTo(point, delta)
          entry.points.set(pointId, point)
        }
        figureDeltas.set(id, entry)
      }
    }
    for (const w of change.writes) {
      const currentDoc = await txGet(tx, 'records', w.record.id)
      const current = currentDoc ? toRecord({ ...currentDoc, _id: w.record.id }) : null
      if ((current?.version ?? 0) !== w.expectedVersion) throw new VersionConflict(w.record.id)
      if (current && (current.stationId !== w.record.stationId || (current.pointId ?? null) !== (w.record.pointId ?? null))) {
        addDelta(current.districtId, current.stationId, current.pointId ?? null, contributionDelta(contributions(current), []))
        addDelta(w.record.districtId, w.record.stationId, w.record.pointId ?? null, contributionDelta([], contributions(w.record)))
      } else {
        addDelta(w.record.districtId, w.record.stationId, w.record.pointId ?? null, contributionDelta(current ? contributions(current) : [], contributions(w.record)))
      }
      await tx.collection('records').doc(w.record.id).set({ data: toRecordDoc(w.record) })
    }
    for (const [id, f] of figureDeltas) {
      const doc = await txGet(tx, 'daily_figures', id)
      const next: Doc = { districtId: f.districtId, stationId: f.stationId, day: f.day }
      for (const k of FIGURE_KEYS) next[k] = (Number(doc?.[k]) || 0) + (f.delta[k] || 0)
      const points = mergePoints(doc?.points, f.points)
      if (points.length) next.points = points
      await tx.collection('daily_figures').doc(id).set({ data: next })
    }
    for (const a of change.audit) await tx.collection('audit').doc(this.auditId(a)).set({ data: { ...a } })
  }

  private auditId (a: AuditEntry): string {
    this.auditSeq = (this.auditSeq + 1) % 1_000_000
    return `${a.recordId}_${a.at.replace(/[^0-9]/g, '')}_${String(this.auditSeq).padStart(6, '0')}_${Math.random().toString(36).slice(2, 8)}`
  }

  async listRecords (q: RecordQuery): Promise<RecordPage> {
    const _ = this._
    const where: Doc = {}
    if (q.stationId) where.stationId = q.stationId
    if (q.districtId) where.districtId = q.districtId
    if (q.type) where.type = q.type
    if (q.status) where.status = q.status
    if (q.createdBy) where.createdBy = q.createdBy
    if (q.search) where.searchText = this.db.RegExp({ regexp: q.search.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), options: 'i' })
    const desc = q.order !== 'oldest'
    const conditions: unknown[] = [where]
    if (q.cursor) {
      const [date, id] = q.cursor.split('|')
      conditions.push(desc
        ? _.or({ eventDate: _.lt(date) }, { eventDate: date, _id: _.lt(id) })
        : _.or({ eventDate: _.gt(date) }, { eventDate: date, _id: _.gt(id) }))
    }
    const query = this.db.collection('records').where(conditions.length > 1 ? _.and(...conditions) as Doc : where)
      .orderBy('eventDate', desc ? 'desc' : 'asc').orderBy('_id', desc ? 'desc' : 'asc')
    const limit = Math.min(q.limit, PAGE - 1)
    const { data } = await query.limit(limit + 1).get()
    const page = data.slice(0, limit).map(toRecord)
    const last = page[page.length - 1]
    return { items: page, next: data.length > limit && last ? `${last.eventDate}|${last.id}` : null }
  }

  async findComplaintByTracking (trackingNo: string): Promise<StoredRecord | null> {
    const [d] = (await this.db.collection('records').where({ trackingNo }).limit(1).get()).data
    return d ? toRecord(d) : null
  }

  async appendAudit (entries: AuditEntry[]): Promise<void> {
    for (const a of entries) await this.db.collection('audit').doc(this.auditId(a)).set({ data: { ...a } })
  }

  async listAudit (recordId: string): Promise<AuditEntry[]> {
    const docs = await getAll(this.db.collection('audit').where({ recordId }).orderBy('at', 'asc').orderBy('_id', 'asc'))
    return docs.map((d) => withoutId<AuditEntry>(d))
  }

  async hitRateLimit (key: string, window: string, limit: number) {
    const id = safeId(key)
    const count = await this.db.runTransaction(async (tx) => {
      const doc = await txGet(tx, 'rate_limits', id)
      const next = doc && doc.window === window ? Number(doc.count) + 1 : 1
      await tx.collection('rate_limits').doc(id).set({ data: { window, count: next } })
      return next
    })
    return { allowed: count <= limit, count }
  }

  // --- reports ---

  async reportFacts (q: FactsQuery): Promise<FactsAnswer> {
    const _ = this._
    const $ = _.aggregate
    const base: Doc = { districtId: q.districtId }
    if (q.stationId) base.stationId = q.stationId
    const sumSpec: Doc = { _id: '$stationId' }
    for (const k of FIGURE_KEYS) sumSpec[k] = $.sum(`$${k}`)
    const [sums, carried, latest] = await Promise.all([
      this.aggregateAll(() => this.db.collection('daily_figures').aggregate()
        .match({ ...base, day: _.gte(q.period.start).and(_.lte(q.through)) })
        .group(sumSpec)
        .sort({ _id: 1 })),
      this.aggregateAll(() => this.db.collection('daily_figures').aggregate()
        .match({ ...base, day: _.lt(q.period.start) })
        .group({ _id: '$stationId', accepted: $.sum('$casesAccepted'), closed: $.sum('$casesClosed') })
        .sort({ _id: 1 })),
      // Latest check per enterprise and station in the period: sort by date and id, keep the last of each group.
      this.aggregateAll(() => this.db.collection('records').aggregate()
        .match({ ...base, type: 'riskCheck', eventDate: _.gte(q.period.start).and(_.lte(q.through)) })
        .sort({ eventDate: 1, _id: 1 })
        .group({ _id: { stationId: '$stationId', key: '$enterpriseKey' }, level: $.last('$riskLevel'), date: $.last('$eventDate'), id: $.last('$_id') })
        .sort({ _id: 1 }))
    ])
    return assembleFacts({
      sums: sums.map((row) => ({ stationId: row._id as string, sums: row })),
      carried: carried.map((row) => ({ stationId: row._id as string, accepted: Number(row.accepted), closed: Number(row.closed) })),
      latest: latest.map((row) => {
        const { stationId, key } = row._id as { stationId: string, key: string }
        return { stationId, key, k: `${row.date}${row.id}`, level: row.level as RiskLevel }
      })
    })
  }

  async pointFacts (q: FactsQuery): Promise<PointFacts[]> {
    const _ = this._
    const $ = _.aggregate
    const base: Doc = { districtId: q.districtId }
    if (q.stationId) base.stationId = q.stationId
    const [stations, days, latest] = await Promise.all([
      this.reportFacts(q),
      // Day documents holding point sums, up to `through` (those before the start give the points' carried-over cases).
      getAll(this.db.collection('daily_figures').where({ ...base, day: _.lte(q.through), points: _.exists(true) }).orderBy('_id', 'asc')),
      this.aggregateAll(() => this.db.collection('records').aggregate()
        .match({ ...base, type: 'riskCheck', eventDate: _.gte(q.period.start).and(_.lte(q.through)) })
        .sort({ eventDate: 1, _id: 1 })
        .group({ _id: { stationId: '$stationId', pointId: '$pointId', key: '$enterpriseKey' }, level: $.last('$riskLevel'), date: $.last('$eventDate'), id: $.last('$_id') })
        .sort({ _id: 1 }))
    ])
    const sums = new Map<string, { stationId: string, pointId: string, sums: FigureSums }>()
    const carried = new Map<string, { stationId: string, pointId: string, accepted: number, closed: number }>()
    for (const d of days) {
      for (const p of (d.points as Doc[]) || []) {
        const stationId = d.stationId as string
        const pointId = p.pointId as string
        const key = `${stationId}_${pointId}`
        if ((d.day as string) >= q.period.start) {
          const row = sums.get(key) || { stationId, pointId, sums: emptySums() }
          for (const k of FIGURE_KEYS) row.sums[k] += Number(p[k]) || 0
          sums.set(key, row)
        } else {
          const row = carried.get(key) || { stationId, pointId, accepted: 0, closed: 0 }
          row.accepted += Number(p.casesAccepted) || 0
          row.closed += Number(p.casesClosed) || 0
          carried.set(key, row)
        }
      }
    }
    return assemblePointFacts(stations, {
      sums: [...sums.values()],
      carried: [...carried.values()],
      latest: latest.map((row) => {
        const { stationId, pointId, key } = row._id as { stationId: string, pointId?: string | null, key: string }
        return { stationId, pointId: pointId ?? null, key, k: `${row.date}${row.id}`, level: row.level as RiskLevel }
      })
    })
  }

  /** Runs a pipeline page by page (skip/limit 1000) until a short page. */
  private async aggregateAll (pipeline: () => ReturnType<ReturnType<CloudDatabase['collection']>['aggregate']>): Promise<Doc[]> {
    const out: Doc[] = []
    for (let skip = 0; ; skip += PAGE) {
      const { list } = await pipeline().skip(skip).limit(PAGE).end()
      out.push(...list)
      if (list.length < PAGE) return out
    }
  }
}

/** A day document's point sums plus this change's point deltas; zero sums are left out, and points left empty dropped. */
function mergePoints (stored: unknown, deltas: Map<string, Partial<FigureSums>>): Doc[] {
  const byPoint = new Map<string, Doc>()
  for (const p of (Array.isArray(stored) ? stored : []) as Doc[]) byPoint.set(p.pointId as string, { ...p })
  for (const [pointId, delta] of deltas) {
    const p = byPoint.get(pointId) || { pointId }
    for (const k of FIGURE_KEYS) {
      const v = (Number(p[k]) || 0) + (delta[k] || 0)
      if (v) p[k] = v
      else delete p[k]
    }
    byPoint.set(pointId, p)
  }
  return [...byPoint.values()].filter((p) => Object.keys(p).length > 1)
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

/** Stored form: the record plus the fields queries and pipelines need (search text, tracking number, enterprise). */
function toRecordDoc (r: StoredRecord): Doc {
  const { id: _id, ...rest } = r
  return {
    ...rest,
    searchText: recordSearchText(r),
    trackingNo: r.type === 'wageComplaint' ? r.payload.trackingNo || null : null,
    enterpriseKey: r.type === 'riskCheck' ? enterpriseKey(r.payload) : null,
    riskLevel: r.type === 'riskCheck' ? r.risk?.level || null : null
  }
}

function toRecord (d: Doc): StoredRecord {
  const { _id, searchText: _s, trackingNo: _t, enterpriseKey: _e, riskLevel: _r, _openid: _o, ...rest } = d
  return { id: _id as string, ...rest } as unknown as StoredRecord
}
