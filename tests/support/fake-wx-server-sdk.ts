/**
 * A FAKE of wx-server-sdk's database (`cloud.database()`), for tests only: no local CloudBase exists.
 * Queries and aggregations run on mingo, a real Mongo query/aggregation engine, so `where`, `db.command` operators,
 * `orderBy`, `aggregate().match().group().sort()` and `$.sum/$.last` behave as MongoDB (and CloudBase) define them.
 *
 * Emulated as documented: doc().get() rejecting for a missing document; set() refusing `_id` in data; get() returning
 * 100 documents by default and at most 1000; aggregate().end() returning 20 by default; db.RegExp; runTransaction
 * that is all-or-nothing (a thrown error rolls every write back) and addresses documents by id only.
 *
 * NOT emulated: security rules, indexes and query cost, quotas and timeouts, network latency and partial failures,
 * `_openid` stamping, serverDate/geo/watch, and real isolation (transactions here are serialised through one lock, and
 * reads outside a transaction see its uncommitted writes).
 */
import { Aggregator, Query, update as mingoUpdate } from 'mingo'
import type {
  CloudAggregate, CloudCollection, CloudCommand, CloudDatabase, CloudDocument, CloudQuery, CloudTransaction, Doc
} from '../../cloudfunctions/ledger/src/store/cloudbase-api'

type Mongo = Record<string, unknown>

/** A query operator from db.command, e.g. _.gte(1); chains with .and(). */
class FieldCmd {
  constructor (readonly mongo: Mongo) {}
  and (other: unknown): FieldCmd {
    if (!(other instanceof FieldCmd)) throw new Error('fake: .and() takes a command')
    return new FieldCmd({ ...this.mongo, ...other.mongo })
  }
}

/** _.or(...) / _.and(...) over whole conditions. */
class LogicCmd {
  constructor (readonly op: '$or' | '$and', readonly conditions: unknown[]) {}
}

class UpdateCmd {
  constructor (readonly op: '$inc', readonly value: unknown) {}
}

class AggOp {
  constructor (readonly mongo: Mongo) {}
}

function toMongoQuery (condition: unknown): Mongo {
  if (condition instanceof LogicCmd) return { [condition.op]: condition.conditions.map(toMongoQuery) }
  const out: Mongo = {}
  for (const [field, value] of Object.entries((condition || {}) as Mongo)) {
    if (value instanceof FieldCmd) out[field] = value.mongo
    else if (value instanceof LogicCmd) out.$and = [...((out.$and as Mongo[]) || []), toMongoQuery(value)]
    else if (value instanceof RegExp) out[field] = { $regex: value }
    else out[field] = value
  }
  return out
}

function toMongoExpr (value: unknown): unknown {
  if (value instanceof AggOp) return value.mongo
  if (Array.isArray(value)) return value.map(toMongoExpr)
  if (value && typeof value === 'object' && !(value instanceof RegExp)) {
    return Object.fromEntries(Object.entries(value as Mongo).map(([k, v]) => [k, toMongoExpr(v)]))
  }
  return value
}

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v))

export interface FakeStats {
  gets: number
  aggregates: number
  transactions: number
  rollbacks: number
  /** Largest number of documents any single get() or aggregate page returned. */
  largestPage: number
}

export function createFakeDatabase (): CloudDatabase & { collections: Map<string, Map<string, Doc>>, stats: FakeStats } {
  const collections = new Map<string, Map<string, Doc>>()
  const stats: FakeStats = { gets: 0, aggregates: 0, transactions: 0, rollbacks: 0, largestPage: 0 }
  const coll = (name: string) => {
    let c = collections.get(name)
    if (!c) collections.set(name, c = new Map())
    return c
  }
  const all = (name: string): Doc[] => [...coll(name).entries()].map(([_id, d]) => ({ ...clone(d), _id }))

  /** Inside a transaction: each document's value before its first write, to restore on rollback. */
  type Journal = Map<string, { name: string, id: string, before: Doc | undefined }>
  const remember = (journal: Journal | undefined, name: string, id: string) => {
    const key = `${name}\u0000${id}`
    if (journal && !journal.has(key)) journal.set(key, { name, id, before: coll(name).has(id) ? clone(coll(name).get(id) as Doc) : undefined })
  }

  function docRef (name: string, id: string, journal?: Journal): CloudDocument {
    return {
      async get () {
        const d = coll(name).get(id)
        if (!d) throw new Error(`document.get:fail document with _id ${id} does not exist`)
        return { data: { ...clone(d), _id: id } }
      },
      async set ({ data }) {
        if ('_id' in data) throw new Error('document.set:fail 不能更新_id的值')
        remember(journal, name, id)
        coll(name).set(id, clone(data))
        return { _id: id, stats: { updated: 1 } }
      },
      async update ({ data }) {
        const d = coll(name).get(id)
        if (!d) return { stats: { updated: 0 } }
        remember(journal, name, id)
        const set: Mongo = {}
        const inc: Record<string, number> = {}
        for (const [k, v] of Object.entries(data)) {
          if (v instanceof UpdateCmd) inc[k] = Number(v.value)
          else set[k] = clone(v)
        }
        const updated = { ...d }
        mingoUpdate(updated, { ...(Object.keys(set).length ? { $set: set } : {}), ...(Object.keys(inc).length ? { $inc: inc } : {}) })
        coll(name).set(id, updated)
        return { stats: { updated: 1 } }
      },
      async remove () {
        remember(journal, name, id)
        coll(name).delete(id)
        return { stats: { removed: 1 } }
      }
    }
  }

  function query (name: string, state: { where: Mongo, order: Array<[string, 1 | -1]>, skip: number, limit: number | null }): CloudQuery {
    const next = (patch: Partial<typeof state>) => query(name, { ...state, ...patch })
    const run = () => {
      let cursor = new Query(state.where).find(all(name))
      if (state.order.length) cursor = cursor.sort(Object.fromEntries(state.order))
      return cursor.all() as Doc[]
    }
    return {
      where: (c) => next({ where: toMongoQuery(c) }),
      orderBy: (field, order) => next({ order: [...state.order, [field, order === 'desc' ? -1 : 1]] }),
      skip: (n) => next({ skip: n }),
      limit: (n) => next({ limit: n }),
      async get () {
        stats.gets++
        if (state.limit !== null && (state.limit < 1 || state.limit > 1000)) throw new Error('collection.get:fail limit must be within 1-1000')
        const data = run().slice(state.skip, state.skip + (state.limit ?? 100))
        stats.largestPage = Math.max(stats.largestPage, data.length)
        return { data }
      },
      async count () {
        return { total: run().length }
      }
    }
  }

  function aggregate (name: string, stages: Mongo[]): CloudAggregate {
    const add = (stage: Mongo) => aggregate(name, [...stages, stage])
    return {
      match: (c) => add({ $match: toMongoQuery(c) }),
      group: (spec) => add({ $group: toMongoExpr(spec) as Mongo }),
      sort: (spec) => add({ $sort: spec }),
      skip: (n) => add({ $skip: n }),
      limit: (n) => add({ $limit: n }),
      project: (spec) => add({ $project: toMongoExpr(spec) as Mongo }),
      async end () {
        stats.aggregates++
        const hasLimit = stages.some((s) => '$limit' in s)
        const list = new Aggregator(hasLimit ? stages : [...stages, { $limit: 20 }]).run(all(name)) as Doc[]
        stats.largestPage = Math.max(stats.largestPage, list.length)
        return { list }
      }
    }
  }

  function collection (name: string): CloudCollection {
    const base = query(name, { where: {}, order: [], skip: 0, limit: null })
    return {
      ...base,
      doc: (id) => docRef(name, id),
      async add ({ data }) {
        const id = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`
        coll(name).set(id, clone(data))
        return { _id: id }
      },
      aggregate: () => aggregate(name, [])
    }
  }

  const command: CloudCommand = {
    eq: (v) => new FieldCmd({ $eq: v }),
    neq: (v) => new FieldCmd({ $ne: v }),
    gt: (v) => new FieldCmd({ $gt: v }),
    gte: (v) => new FieldCmd({ $gte: v }),
    lt: (v) => new FieldCmd({ $lt: v }),
    lte: (v) => new FieldCmd({ $lte: v }),
    in: (list) => new FieldCmd({ $in: list }),
    nin: (list) => new FieldCmd({ $nin: list }),
    exists: (v) => new FieldCmd({ $exists: v }),
    or: (...conditions) => new LogicCmd('$or', conditions.flat()),
    and: (...conditions) => new LogicCmd('$and', conditions.flat()),
    inc: (n) => new UpdateCmd('$inc', n),
    aggregate: {
      sum: (e) => new AggOp({ $sum: e }),
      last: (e) => new AggOp({ $last: e }),
      first: (e) => new AggOp({ $first: e }),
      max: (e) => new AggOp({ $max: e })
    }
  }

  let lock: Promise<unknown> = Promise.resolve()

  const db = {
    collections,
    stats,
    command,
    collection,
    RegExp: ({ regexp, options }: { regexp: string, options?: string }) => new RegExp(regexp, options),
    async createCollection (name: string) {
      if (collections.has(name)) throw new Error(`DATABASE_COLLECTION_ALREADY_EXIST: collection ${name} already exists`)
      coll(name)
      return { errMsg: 'createCollection:ok' }
    },
    runTransaction<T> (callback: (tx: CloudTransaction) => Promise<T>): Promise<T> {
      const run = async () => {
        stats.transactions++
        const journal: Journal = new Map()
        const tx: CloudTransaction = {
          collection: (name) => ({
            doc: (id) => {
              const ref = docRef(name, id, journal)
              return { get: ref.get, set: ref.set, update: ref.update, delete: ref.remove }
            }
          })
        }
        try {
          return await callback(tx)
        } catch (e) {
          stats.rollbacks++
          for (const { name, id, before } of [...journal.values()].reverse()) {
            if (before === undefined) coll(name).delete(id)
            else coll(name).set(id, before)
          }
          throw e
        }
      }
      const result = lock.then(run, run)
      lock = result.catch(() => undefined)
      return result
    }
  }
  return db
}
