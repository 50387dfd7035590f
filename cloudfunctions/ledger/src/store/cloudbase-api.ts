/**
 * The part of wx-server-sdk's database API the CloudBase adapter uses, typed. The real SDK object satisfies it (tests
 * drive the real SDK against tests/support/cloudbase-simulator.ts). Reference: developers.weixin.qq.com → 云开发 →
 * 服务端 API → 数据库.
 */

export type Doc = Record<string, unknown>

/** `db.command` query and update operators: opaque values passed back into where()/update(). */
export interface CloudCommand {
  eq (v: unknown): unknown
  neq (v: unknown): unknown
  gt (v: unknown): CommandChain
  gte (v: unknown): CommandChain
  lt (v: unknown): CommandChain
  lte (v: unknown): CommandChain
  in (list: unknown[]): unknown
  or (...conditions: unknown[]): unknown
  and (...conditions: unknown[]): unknown
  inc (n: number): unknown
  /** Replaces a field whole. A plain object in update() is merged key by key instead (fields it lacks survive). */
  set (value: unknown): unknown
  push (values: unknown[]): unknown
  /** Aggregation operators (`$` in the docs). */
  aggregate: CloudAggregateOperators
}

/** `_.gte(a).and(_.lte(b))` */
export interface CommandChain {
  and (other: unknown): unknown
}

export interface CloudAggregateOperators {
  sum (expr: unknown): unknown
  last (expr: unknown): unknown
  push (expr: unknown): unknown
  add (args: unknown[]): unknown
  cond (args: unknown[]): unknown
  gt (args: unknown[]): unknown
  gte (args: unknown[]): unknown
  lt (args: unknown[]): unknown
  concat (args: unknown[]): unknown
  concatArrays (args: unknown[]): unknown
}

export interface CloudQuery {
  where (condition: Doc): CloudQuery
  orderBy (field: string, order: 'asc' | 'desc'): CloudQuery
  skip (n: number): CloudQuery
  limit (n: number): CloudQuery
  /** Projection: `{ audit: false }` leaves a field out. */
  field (projection: Record<string, boolean>): CloudQuery
  get (): Promise<{ data: Doc[] }>
  update (options: { data: Doc }): Promise<{ stats: { updated: number } }>
}

export interface CloudDocument {
  get (): Promise<{ data: Doc }>
  set (options: { data: Doc }): Promise<unknown>
  update (options: { data: Doc }): Promise<{ stats: { updated: number } }>
  remove (): Promise<unknown>
}

export interface CloudAggregate {
  match (condition: Doc): CloudAggregate
  project (spec: Doc): CloudAggregate
  unwind (path: string): CloudAggregate
  group (spec: Doc): CloudAggregate
  sort (spec: Record<string, 1 | -1>): CloudAggregate
  skip (n: number): CloudAggregate
  limit (n: number): CloudAggregate
  end (): Promise<{ list: Doc[] }>
}

export interface CloudCollection extends CloudQuery {
  doc (id: string): CloudDocument
  /** Inserts; an `_id` in data is kept, and a taken one is refused by the database (E11000). */
  add (options: { data: Doc }): Promise<{ _id: string | number }>
  aggregate (): CloudAggregate
}

/** Inside `db.runTransaction`: documents addressed by id only. */
export interface CloudTransaction {
  collection (name: string): {
    doc (id: string): Pick<CloudDocument, 'get' | 'set' | 'update' | 'remove'>
    add (options: { data: Doc }): Promise<unknown>
  }
}

export interface CloudDatabase {
  collection (name: string): CloudCollection
  command: CloudCommand
  RegExp (options: { regexp: string, options?: string }): unknown
  /** `retries`: how often the SDK itself retries a conflict it recognises (0: the adapter retries instead). */
  runTransaction<T> (callback: (tx: CloudTransaction) => Promise<T>, retries?: number): Promise<T>
  createCollection (name: string): Promise<unknown>
}
