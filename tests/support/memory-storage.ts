/**
 * Storage like WeChat's, in memory: string values, 1 MB per key and 10 MB in all counted in UTF-8 bytes (key
 * included), writes that throw past either limit, and writes that can be made to fail on chosen keys (a crash or a
 * refusal between two writes of one save).
 */
import type { KeyValueStorage } from '@/services/outbox-storage'
import { STORAGE_KEY, type LocalRecord } from '@/stores/outbox-store'

const bytes = (key: string, value: string) => Buffer.byteLength(key) + Buffer.byteLength(value)

export class MemoryStorage implements KeyValueStorage {
  data = new Map<string, string>()
  keyLimit = 1024 * 1024
  totalLimit = 10 * 1024 * 1024
  /** Keys written, in order. */
  writes: string[] = []
  /** Return true to make the write of that key throw (before it is stored). */
  failOn: ((key: string) => boolean) | null = null
  /** Return true to make removing that key throw (a process killed before its clean-up). */
  failRemoveOn: ((key: string) => boolean) | null = null

  private sizes = new Map<string, number>()

  getItem = (k: string) => this.data.get(k) ?? null
  setItem = (k: string, v: string) => {
    if (this.failOn?.(k)) throw new Error(`setStorage:fail injected failure writing ${k}`)
    const size = bytes(k, v)
    if (size > this.keyLimit) throw new Error('setStorage:fail entry size limit reached')
    if (this.used() - (this.sizes.get(k) ?? 0) + size > this.totalLimit) throw new Error('setStorage:fail exceed storage max size 10MB')
    this.writes.push(k)
    this.data.set(k, v)
    this.sizes.set(k, size)
  }

  removeItem = (k: string) => {
    if (this.failRemoveOn?.(k)) throw new Error(`removeStorage:fail injected failure removing ${k}`)
    this.data.delete(k)
    this.sizes.delete(k)
  }

  /** Puts a value as an earlier version of the app left it (no limits, no failures). */
  seed = (k: string, v: string) => {
    this.data.set(k, v)
    this.sizes.set(k, bytes(k, v))
  }

  keys = () => [...this.data.keys()]
  used = () => [...this.sizes.values()].reduce((sum, n) => sum + n, 0)
  snapshot = () => new Map(this.data)
  /** The outbox's chunk keys and their UTF-8 sizes. */
  chunks = () => this.keys().filter((k) => k.startsWith(`${STORAGE_KEY}.c.`)).map((k) => ({ key: k, bytes: Buffer.byteLength(this.data.get(k) as string), length: (this.data.get(k) as string).length }))
}

/** The outbox's records as stored, read the way a new process would: the index, then each chunk it lists. */
export function storedRecords (storage: MemoryStorage): LocalRecord[] {
  const index = JSON.parse(storage.getItem(`${STORAGE_KEY}.index`) as string) as { chunks: string[] }
  return index.chunks.flatMap((key) => JSON.parse(storage.getItem(key) as string) as LocalRecord[])
}
