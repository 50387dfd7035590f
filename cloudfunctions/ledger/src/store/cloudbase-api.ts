/**
 * The part of wx-server-sdk's database API the CloudBase adapter uses, typed. The real SDK object and the test fake
 * (tests/support/fake-wx-server-sdk.ts) both satisfy it. Reference: developers.weixin.qq.com → 云开发 → 服务端 API → 数据库.
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
  nin (list: unknown[]): unknown
  exists (v: boolean): unknown
  or (...conditions: unknown[]): unknown
  and (...conditions: unknown[]): unknown
  inc (n: number): unknown
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
  first (expr: unknown): unknown
  max (expr: unknown): unknown
}

export interface CloudQuery {
  where (condition: Doc): CloudQuery
  orderBy (field: string, order: 'asc' | 'desc'): CloudQuery
  skip (n: number): CloudQuery
  limit (n: number): CloudQuery
  get (): Promise<{ data: Doc[] }>
  count (): Promise<{ total: number }>
}

export interface CloudDocument {
  get (): Promise<{ data: Doc }>
  set (options: { data: Doc }): Promise<unknown>
  update (options: { data: Doc }): Promise<{ stats: { updated: number } }>
  remove (): Promise<unknown>
}

export interface CloudAggregate {
  match (condition: Doc): CloudAggregate
  group (spec: Doc): CloudAggregate
  sort (spec: Record<string, 1 | -1>): CloudAggregate
  skip (n: number): CloudAggregate
  limit (n: number): CloudAggregate
  project (spec: Doc): CloudAggregate
  end (): Promise<{ list: Doc[] }>
}

export interface CloudCollection extends CloudQuery {
  doc (id: string): CloudDocument
  add (options: { data: Doc }): Promise<{ _id: string | number }>
  aggregate (): CloudAggregate
}

/** Inside `db.runTransaction`: documents addressed by id only. */
export interface CloudTransaction {
  collection (name: string): { doc (id: string): Omit<CloudDocument, 'remove'> & { delete (): Promise<unknown> } }
}

export interface CloudDatabase {
  collection (name: string): CloudCollection
  command: CloudCommand
  RegExp (options: { regexp: string, options?: string }): unknown
  runTransaction<T> (callback: (tx: CloudTransaction) => Promise<T>, retries?: number): Promise<T>
  createCollection (name: string): Promise<unknown>
}
