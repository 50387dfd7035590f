/**
 * A SIMULATOR of the CloudBase database service, for tests and benches only: no CloudBase emulator exists, and the
 * real service cannot run on this machine. The real wx-server-sdk (the version the function pins) runs on top of it:
 * the SDK's request layer (`require('@cloudbase/database').Db.reqClass`) is replaced by a class that answers the
 * service protocol in-process, so the SDK's own argument checks, wire format (EJSON), error wrapping and transaction
 * retry logic are the real ones.
 *
 * What it simulates, as the service is documented (and as wx-server-sdk 3.0.4 was seen to behave):
 * - Row caps: one `get` returns at most `rowCap` rows (the documentation says 100 or 1000; tests use 100); an
 *   aggregate page at most `rowCap` too, 20 without a `$limit` stage.
 * - Unique indexes parsed from cloudfunctions/ledger/database.md, with MongoDB semantics: an explicit null is a value
 *   (two nulls collide even on a sparse index); only a missing field is skipped by a sparse index. `_id` is unique.
 *   A violation answers like MongoDB: `E11000 duplicate key error … index: <name> dup key: …`.
 * - Collections must exist (`addCollection`); others answer DATABASE_COLLECTION_NOT_EXIST (-502005 through the SDK).
 * - Transactions: snapshot reads, documents addressed by `_id` only (a where-query inside one is refused), write-write
 *   conflicts raised as DATABASE_TRANSACTION_CONFLICT on the conflicting write (which wx-server-sdk 3.0.4 surfaces as
 *   -501001 with its code lost) or on commit; a plain write to a document a transaction holds waits for it to end.
 *   Conflicts and arbitrary errors can be injected.
 * - A configurable latency per round trip, and a count of round trips per API.
 *
 * Not simulated: security rules, index-less query cost, quotas, transaction time limits, watch, geo, serverDate.
 */
import path from 'path'
import { Aggregator, Query, update as applyUpdate } from 'mingo'

type Doc = Record<string, unknown>

// The SDK's own copies: the request seam and the EJSON codec it speaks.
const databaseDir = path.dirname(require.resolve('@cloudbase/database'))
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the exact module instance the SDK uses
const { Db } = require('@cloudbase/database') as { Db: { reqClass: unknown } }
// eslint-disable-next-line @typescript-eslint/no-require-imports -- bson as @cloudbase/database resolves it
const { EJSON } = require(require.resolve('bson', { paths: [databaseDir] })) as {
  EJSON: { parse: (text: string, options?: { relaxed?: boolean }) => unknown, stringify: (value: unknown, options?: { relaxed?: boolean }) => string }
}

export interface UniqueIndex {
  collection: string
  name: string
  fields: string[]
  sparse: boolean
}

export interface SimulatorOptions {
  /** Most rows one get() or aggregate page returns. */
  rowCap?: number
  /** Milliseconds each round trip takes. */
  latencyMs?: number
  uniqueIndexes?: UniqueIndex[]
}

export interface SimulatorStats {
  roundTrips: number
  byApi: Record<string, number>
  rollbacks: number
  commits: number
  conflictsRaised: number
  largestPage: number
}

/** An error as the service answers it: the SDK turns `{ code, message }` into its own error. */
class ServiceError extends Error {
  constructor (readonly code: string, message: string, readonly requestId = 'sim') { super(message) }
}

interface Transaction {
  id: string
  snapshot: number
  writes: Map<string, { collection: string, id: string, doc: Doc | null }>
  ended: Promise<void>
  end: () => void
}

interface Version { seq: number, doc: Doc | null }

const key = (collection: string, id: string) => `${collection}\u0000${id}`
const clone = <T>(v: T): T => structuredClone(v)

/** BSON regular expressions (from EJSON) become JS RegExps for mingo; everything else is left as is. */
function fromWire (value: unknown): unknown {
  if (Array.isArray(value)) return value.map(fromWire)
  if (value && typeof value === 'object') {
    if (value instanceof Date) return value
    const v = value as { pattern?: unknown, options?: unknown }
    if (value.constructor?.name === 'BSONRegExp') return new RegExp(String(v.pattern), String(v.options || ''))
    return Object.fromEntries(Object.entries(value).map(([k, x]) => [k, fromWire(x)]))
  }
  return value
}

const parse = (text: unknown): unknown => (typeof text === 'string' && text ? fromWire(EJSON.parse(text, { relaxed: true })) : undefined)
const encode = (doc: Doc): string => EJSON.stringify(doc, { relaxed: false })

function getPath (doc: Doc, dotted: string): unknown {
  let cur: unknown = doc
  for (const part of dotted.split('.')) {
    if (!cur || typeof cur !== 'object' || !(part in (cur as Doc))) return undefined
    cur = (cur as Doc)[part]
  }
  return cur
}

/** The unique indexes `database.md` declares: a column of "a + b (unique[, sparse])" entries per collection row. */
export function uniqueIndexesFromDatabaseMd (markdown: string): UniqueIndex[] {
  const out: UniqueIndex[] = []
  for (const line of markdown.split('\n')) {
    const cells = line.split('|').map((c) => c.trim())
    const collection = /^`([a-z_]+)`$/.exec(cells[1] || '')?.[1]
    if (!collection) continue
    for (const entry of (cells[cells.length - 2] || '').split(';')) {
      const m = /^\s*(.+?)\s*\(([^)]*)\)\s*$/.exec(entry.replace(/`/g, ''))
      if (!m || !/\bunique\b/.test(m[2])) continue
      const fields = m[1].split('+').map((f) => f.trim())
      if (!fields.every((f) => /^[A-Za-z_][A-Za-z0-9_.]*$/.test(f))) continue
      out.push({ collection, name: `${fields.join('_1_')}_1`, fields, sparse: /\bsparse\b/.test(m[2]) })
    }
  }
  return out
}

let nextEnv = 0
const registry = new Map<string, CloudBaseSimulator>()

/** Stands in for the SDK's DBRequest: routes each request to the simulator of its environment. */
class SimulatedRequest {
  constructor (private readonly config: { envName?: string }) {}
  send (api: string, params?: Doc): Promise<unknown> {
    const sim = registry.get(String(this.config.envName))
    if (!sim) return Promise.reject(new ServiceError('INVALID_ENV', `simulator: no environment ${String(this.config.envName)}`))
    return sim.send(api, params || {})
  }
}

export class CloudBaseSimulator {
  readonly env = `sim-${++nextEnv}`
  rowCap: number
  latencyMs: number
  readonly uniqueIndexes: UniqueIndex[]
  readonly stats: SimulatorStats = { roundTrips: 0, byApi: {}, rollbacks: 0, commits: 0, conflictsRaised: 0, largestPage: 0 }

  private readonly collections = new Map<string, Map<string, Doc>>()
  /** Committed versions of documents written while a transaction could still read an older one. */
  private readonly history = new Map<string, Version[]>()
  private readonly lastWrite = new Map<string, number>()
  private readonly locks = new Map<string, Transaction>()
  private readonly transactions = new Map<string, Transaction>()
  private seq = 0
  private txCounter = 0
  private injectedConflicts: Array<'write' | 'commit'> = []
  private injectedErrors: Array<{ api: string, collection?: string, code: string, message: string }> = []

  constructor (options: SimulatorOptions = {}) {
    this.rowCap = options.rowCap ?? 100
    this.latencyMs = options.latencyMs ?? 0
    this.uniqueIndexes = options.uniqueIndexes ?? []
    registry.set(this.env, this)
  }

  /**
   * The real wx-server-sdk's database object, talking to this simulator. A test that mocks 'wx-server-sdk' passes the
   * actual SDK and its @cloudbase/database (from one module registry, so the seam is set where that SDK looks).
   */
  database<T = unknown> (sdk?: unknown, databaseModule?: unknown): T {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the real SDK, as the cloud function loads it
    const cloud = (sdk || require('wx-server-sdk')) as { init: (c: { env: string }) => void, database: (c: { env: string }) => T }
    const seam = (databaseModule as { Db: { reqClass: unknown } } | undefined)?.Db || Db
    cloud.init({ env: this.env })
    const db = cloud.database({ env: this.env })
    // cloud.database() resets the seam to the SDK's HTTP request class; set it after every call.
    seam.reqClass = SimulatedRequest
    return db
  }

  /** The next `count` transactional writes (or commits) fail with a write conflict. */
  injectConflicts (count: number, at: 'write' | 'commit' = 'write'): void {
    for (let i = 0; i < count; i++) this.injectedConflicts.push(at)
  }

  /** The next request to `api` (optionally on one collection) fails with this service error. */
  injectError (api: string, code: string, message: string, collection?: string): void {
    this.injectedErrors.push({ api, collection, code, message })
  }

  /** The stored documents of a collection, for assertions. */
  documents (collection: string): Doc[] {
    return [...(this.collections.get(collection)?.values() || [])].map(clone)
  }

  /** Creates collections directly, as a finished setup would have (setup itself is tested through the SDK). */
  createCollections (names: readonly string[]): void {
    for (const n of names) if (!this.collections.has(n)) this.collections.set(n, new Map())
  }

  hasCollection (name: string): boolean {
    return this.collections.has(name)
  }

  async send (api: string, params: Doc): Promise<unknown> {
    this.stats.roundTrips++
    this.stats.byApi[api] = (this.stats.byApi[api] || 0) + 1
    if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs))
    else await Promise.resolve()
    const injected = this.injectedErrors.findIndex((e) => e.api === api && (!e.collection || e.collection === params.collectionName))
    if (injected >= 0) {
      const [e] = this.injectedErrors.splice(injected, 1)
      throw new ServiceError(e.code, e.message)
    }
    switch (api) {
      case 'database.addCollection': return this.addCollection(String(params.collectionName))
      case 'database.getDocument': return this.getDocument(params)
      case 'database.calculateDocument': return { requestId: 'sim', data: { total: this.find(params).length } }
      case 'database.insertDocument': return this.insertDocument(params)
      case 'database.modifyDocument': return this.modifyDocument(params)
      case 'database.removeDocument': return this.removeDocument(params)
      case 'database.aggregateDocuments': return this.aggregate(params)
      case 'database.startTransaction': return this.startTransaction()
      case 'database.commitTransaction': return this.commit(String(params.transactionId))
      case 'database.abortTransaction': return this.abort(String(params.transactionId))
      default: throw new ServiceError('INVALID_PARAM', `simulator: unsupported api ${api}`)
    }
  }

  // --- collections and reads ---

  private addCollection (name: string) {
    if (this.collections.has(name)) throw new ServiceError('DATABASE_COLLECTION_ALREADY_EXIST', `[ResourceInUse] Table exist. collection ${name} already exists`)
    this.collections.set(name, new Map())
    return { requestId: 'sim' }
  }

  private collection (name: unknown): Map<string, Doc> {
    const c = this.collections.get(String(name))
    if (!c) throw new ServiceError('DATABASE_COLLECTION_NOT_EXIST', `[ResourceNotFound] Db or Table not exist: ${String(name)}`)
    return c
  }

  /** The documents a request sees: committed ones, or a transaction's snapshot plus its own writes. */
  private view (collectionName: string, tx: Transaction | null): Doc[] {
    const c = this.collection(collectionName)
    if (!tx) return [...c.values()]
    const ids = new Set(c.keys())
    for (const k of this.history.keys()) if (k.startsWith(`${collectionName}\u0000`)) ids.add(k.slice(collectionName.length + 1))
    const out: Doc[] = []
    for (const id of ids) {
      const d = this.readAt(collectionName, id, tx)
      if (d) out.push(d)
    }
    return out
  }

  private readAt (collection: string, id: string, tx: Transaction): Doc | null {
    const k = key(collection, id)
    const own = tx.writes.get(k)
    if (own) return own.doc
    const current = this.collections.get(collection)?.get(id) || null
    if ((this.lastWrite.get(k) || 0) <= tx.snapshot) return current
    const older = (this.history.get(k) || []).filter((v) => v.seq <= tx.snapshot)
    return older.length ? older[older.length - 1].doc : null
  }

  private transaction (params: Doc): Transaction | null {
    if (!params.transactionId) return null
    const tx = this.transactions.get(String(params.transactionId))
    if (!tx) throw new ServiceError('DATABASE_TRANSACTION_FAIL', `[FailedOperation.Transaction] transaction ${String(params.transactionId)} does not exist or has ended`)
    if (params.queryType !== 'DOC') throw new ServiceError('DATABASE_REQUEST_FAILED', '[InvalidParameter] transactions support single documents by _id only')
    return tx
  }

  private find (params: Doc, tx: Transaction | null = null): Doc[] {
    const docs = this.view(String(params.collectionName), tx)
    const condition = (parse(params.query) || {}) as Doc
    let cursor = new Query(condition).find(docs, (parse(params.projection) as Doc) || undefined)
    const order = parse(params.order) as Record<string, 1 | -1> | undefined
    if (order && Object.keys(order).length) cursor = cursor.sort(order)
    return clone(cursor.all() as Doc[])
  }

  private getDocument (params: Doc) {
    const tx = this.transaction(params)
    const offset = Number(params.offset) || 0
    const limit = Math.min(Number(params.limit) || 100, this.rowCap)
    const list = this.find(params, tx).slice(offset, offset + limit)
    this.stats.largestPage = Math.max(this.stats.largestPage, list.length)
    return { requestId: 'sim', data: { list: list.map(encode), offset, limit } }
  }

  private aggregate (params: Doc) {
    const stages = (params.stages as Array<{ stageKey: string, stageValue: string }>).map((s) => ({ [s.stageKey]: parse(s.stageValue) }))
    const pipeline = stages.some((s) => '$limit' in s) ? stages : [...stages, { $limit: 20 }]
    const list = (new Aggregator(pipeline).run(clone(this.view(String(params.collectionName), null))) as Doc[]).slice(0, this.rowCap)
    this.stats.largestPage = Math.max(this.stats.largestPage, list.length)
    return { requestId: 'sim', data: { list: list.map(encode) } }
  }

  // --- writes ---

  private async insertDocument (params: Doc) {
    const tx = this.transaction({ ...params, queryType: 'DOC' })
    const collection = String(params.collectionName)
    this.collection(collection)
    if (!tx) await this.settled(collection)
    const ids: string[] = []
    for (const text of params.data as string[]) {
      const doc = parse(text) as Doc
      const id = doc._id === undefined ? randomId() : String(doc._id)
      doc._id = id
      if (this.visible(collection, id, tx)) throw duplicate(collection, '_id_', { _id: id })
      await this.write(collection, id, doc, tx)
      ids.push(id)
    }
    return { requestId: 'sim', data: { insertedIds: ids } }
  }

  private async modifyDocument (params: Doc) {
    const tx = this.transaction(params)
    const collection = String(params.collectionName)
    const data = parse(params.data) as Doc
    if (!tx) await this.settled(collection)
    const matches = this.find({ collectionName: collection, query: params.query }, tx)
    const targets = params.multi ? matches : matches.slice(0, 1)
    if (!params.merge) {
      // set(): replace the whole document, or insert it when absent (upsert)
      const id = String((parse(params.query) as Doc)._id)
      const existed = targets.length > 0
      if (!existed && !params.upsert) return { requestId: 'sim', data: { updated: 0 } }
      await this.write(collection, id, { ...data, _id: id }, tx)
      return { requestId: 'sim', data: existed ? { updated: 1 } : { updated: 0, upsert_id: id } }
    }
    let updated = 0
    for (const doc of targets) {
      const next = clone(doc)
      applyUpdate(next, data as Parameters<typeof applyUpdate>[1])
      await this.write(collection, String(doc._id), next, tx)
      updated++
    }
    return { requestId: 'sim', data: { updated } }
  }

  private async removeDocument (params: Doc) {
    const tx = this.transaction(params)
    const collection = String(params.collectionName)
    if (!tx) await this.settled(collection)
    const matches = this.find({ collectionName: collection, query: params.query }, tx)
    const targets = params.multi ? matches : matches.slice(0, 1)
    for (const doc of targets) await this.write(collection, String(doc._id), null, tx)
    return { requestId: 'sim', data: { deleted: targets.length } }
  }

  private visible (collection: string, id: string, tx: Transaction | null): boolean {
    if (tx) return !!this.readAt(collection, id, tx) || this.collections.get(collection)?.has(id) === true
    return this.collections.get(collection)?.has(id) === true
  }

  /** One document write: buffered in a transaction (with conflict checks), or applied at once. */
  private async write (collection: string, id: string, doc: Doc | null, tx: Transaction | null): Promise<void> {
    const k = key(collection, id)
    if (tx) {
      const holder = this.locks.get(k)
      const injected = this.injectedConflicts[0] === 'write' ? this.injectedConflicts.shift() : undefined
      if (injected || (holder && holder !== tx) || (this.lastWrite.get(k) || 0) > tx.snapshot) throw this.conflict()
      if (doc) this.checkUnique(collection, id, doc, tx)
      this.locks.set(k, tx)
      tx.writes.set(k, { collection, id, doc: doc && clone(doc) })
      return
    }
    if (doc) this.checkUnique(collection, id, doc, null)
    this.apply(collection, id, doc)
  }

  /**
   * A plain write waits while a transaction holds documents of its collection (MongoDB makes a plain write to a
   * document a transaction holds wait for it; waiting on the collection is coarser, and only ever slower).
   * After this, a plain write reads, checks and writes without yielding, so it is atomic.
   */
  private async settled (collection: string): Promise<void> {
    for (;;) {
      const holder = [...this.locks.entries()].find(([k]) => k.startsWith(`${collection}\u0000`))?.[1]
      if (!holder) return
      await holder.ended
    }
  }

  private apply (collection: string, id: string, doc: Doc | null): void {
    const k = key(collection, id)
    const c = this.collection(collection)
    if (this.transactions.size) {
      const versions = this.history.get(k) || [{ seq: this.lastWrite.get(k) || 0, doc: c.has(id) ? clone(c.get(id) as Doc) : null }]
      this.history.set(k, versions)
    }
    this.seq++
    if (doc) c.set(id, clone(doc))
    else c.delete(id)
    this.lastWrite.set(k, this.seq)
    if (this.transactions.size) this.history.get(k)?.push({ seq: this.seq, doc: doc && clone(doc) })
  }

  private checkUnique (collection: string, id: string, doc: Doc, tx: Transaction | null): void {
    for (const index of this.uniqueIndexes.filter((i) => i.collection === collection)) {
      const values = index.fields.map((f) => getPath(doc, f))
      if (index.sparse && values.every((v) => v === undefined)) continue
      const keyOf = (d: Doc) => JSON.stringify(index.fields.map((f) => getPath(d, f) ?? null))
      const mine = keyOf(doc)
      const others = this.view(collection, tx).filter((d) => String(d._id) !== id)
      for (const other of others) {
        const theirs = index.fields.map((f) => getPath(other, f))
        if (index.sparse && theirs.every((v) => v === undefined)) continue
        if (keyOf(other) === mine) throw duplicate(collection, index.name, Object.fromEntries(index.fields.map((f, i) => [f, values[i] ?? null])))
      }
    }
  }

  private conflict (): ServiceError {
    this.stats.conflictsRaised++
    return new ServiceError('DATABASE_TRANSACTION_CONFLICT', '[ResourceUnavailable.TransactionConflict] Transaction is conflicted, please retry. WriteConflict')
  }

  // --- transactions ---

  private startTransaction () {
    let end = () => undefined as void
    const ended = new Promise<void>((resolve) => { end = resolve })
    const tx: Transaction = { id: `tx-${++this.txCounter}`, snapshot: this.seq, writes: new Map(), ended, end }
    this.transactions.set(tx.id, tx)
    return { requestId: 'sim', transactionId: tx.id }
  }

  private finish (tx: Transaction): void {
    for (const k of tx.writes.keys()) if (this.locks.get(k) === tx) this.locks.delete(k)
    this.transactions.delete(tx.id)
    if (!this.transactions.size) this.history.clear()
    tx.end()
  }

  private commit (id: string) {
    const tx = this.transactions.get(id)
    if (!tx) throw new ServiceError('DATABASE_TRANSACTION_FAIL', `[FailedOperation.Transaction] transaction ${id} does not exist or has ended`)
    if (this.injectedConflicts[0] === 'commit') {
      this.injectedConflicts.shift()
      this.stats.rollbacks++
      this.finish(tx)
      throw this.conflict()
    }
    const writes = [...tx.writes.values()]
    this.finish(tx)
    for (const w of writes) this.apply(w.collection, w.id, w.doc)
    this.stats.commits++
    return { requestId: 'sim' }
  }

  private abort (id: string) {
    const tx = this.transactions.get(id)
    if (tx) {
      this.stats.rollbacks++
      this.finish(tx)
    }
    return { requestId: 'sim' }
  }
}

function duplicate (collection: string, index: string, keyValue: Doc): ServiceError {
  return new ServiceError('DATABASE_REQUEST_FAILED', `E11000 duplicate key error collection: ${collection} index: ${index} dup key: ${JSON.stringify(keyValue)}`)
}

function randomId (): string {
  return Array.from({ length: 32 }, () => Math.floor(Math.random() * 16).toString(16)).join('')
}
