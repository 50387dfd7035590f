/**
 * The outbox on the phone, spread over storage keys of at most 256 KB each (UTF-8 bytes, as WeChat counts them; a
 * Chinese character is 3 bytes but 1 unit of string length). WeChat allows 1 MB per key and 10 MB in all: one big
 * key stops every save once it is full, and rewriting it on each save costs a megabyte of writing per tap.
 *
 * Layout (prefix `ledger.outbox`):
 * - `ledger.outbox.c.<n>`: a chunk, a JSON array of records, ≤ CHUNK_BYTES;
 * - `ledger.outbox.index`: `{ v: 2, chunks: [keys], next: n }`, the one source of truth for which chunks are live.
 *
 * A save never overwrites a live chunk: changed chunks are written under fresh keys first, then the index (the
 * commit point, one small key), then the replaced keys are removed. A crash or a refused write anywhere before the
 * index leaves the old index pointing at old chunks that are all still there; after it, only unreferenced keys are
 * left, and load() removes them. The single-key layout of earlier versions (`ledger.outbox`, zustand persist JSON)
 * is migrated the same way on load: chunks, index, and only then the old key is removed.
 */

/** Key-value storage as WeChat and browsers give it: string values, writes that throw when full. */
export interface KeyValueStorage {
  getItem: (key: string) => string | null
  setItem: (key: string, value: string) => void
  removeItem: (key: string) => void
  keys: () => string[]
}

export const CHUNK_BYTES = 256 * 1024

/** UTF-8 length of a string without TextEncoder (missing on older WeChat base libraries). */
export function utf8Bytes (s: string): number {
  let bytes = 0
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c < 0x80) bytes += 1
    else if (c < 0x800) bytes += 2
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const next = s.charCodeAt(i + 1)
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4
        i++
      } else bytes += 3
    } else bytes += 3
  }
  return bytes
}

/** A record too large to fit one key: refused before anything is written. */
export class RecordTooLargeError extends Error {
  constructor (readonly id: string, readonly bytes: number) {
    super(`这条记录过大（约 ${Math.ceil(bytes / 1024)} KB，单条上限 ${CHUNK_BYTES / 1024} KB），无法保存在手机上`)
    this.name = 'RecordTooLargeError'
  }
}

/** What a save would occupy, told before anything is written (so the caller can refuse a save that would not fit). */
export interface WriteProjection {
  /** Bytes of this storage's keys now. */
  bytesBefore: number
  /** After the save. */
  bytesAfter: number
  /** The most held at once during the save: new chunks are written before the old ones are removed. */
  bytesPeak: number
}

export interface LoadResult<R> {
  records: Record<string, R>
  /** Chunks that could not be read, migration that could not be written: said to the person, never thrown. */
  problems: string[]
}

interface Chunk {
  key: string
  ids: string[]
  /** A chunk that could not be read: kept as it is, never rewritten or removed (nothing is thrown away unread). */
  unreadable?: true
}

interface Index {
  v: 2
  chunks: string[]
  next: number
}

export interface ChunkedStorageOptions<R> {
  prefix: string
  /** Reads the records out of the earlier single-key value stored under `prefix` (null: not that format). */
  readLegacy: (raw: string) => R[] | null
  chunkBytes?: number
}

export function createChunkedStorage<R extends { id: string }> (kv: KeyValueStorage, options: ChunkedStorageOptions<R>) {
  const chunkBytes = options.chunkBytes ?? CHUNK_BYTES
  const indexKey = `${options.prefix}.index`
  const chunkPrefix = `${options.prefix}.c.`
  const legacyKey = options.prefix

  /** Live state: what the stored index says, and the bytes each live key holds. */
  let chunks: Chunk[] = []
  let next = 1
  const keyBytes = new Map<string, number>()
  /** Records' JSON and its UTF-8 size, by object identity (records are immutable in the store). */
  const jsonOf = new WeakMap<object, { text: string, bytes: number }>()
  /** The legacy key still holds the records: the next save writes every chunk and then removes it. */
  let legacyPending = false

  const json = (r: R) => {
    let s = jsonOf.get(r)
    if (s === undefined) {
      const text = JSON.stringify(r)
      s = { text, bytes: utf8Bytes(text) }
      jsonOf.set(r, s)
    }
    return s
  }
  const sizeOfEntry = (key: string, value: string) => utf8Bytes(key) + utf8Bytes(value)
  const totalBytes = () => [...keyBytes.values()].reduce((a, b) => a + b, 0)

  function load (): LoadResult<R> {
    const problems: string[] = []
    const records: Record<string, R> = {}
    chunks = []
    next = 1
    keyBytes.clear()
    legacyPending = false
    const rawIndex = kv.getItem(indexKey)
    const index = rawIndex ? parseIndex(rawIndex) : null
    if (index) {
      keyBytes.set(indexKey, sizeOfEntry(indexKey, rawIndex as string))
      next = index.next
      for (const key of index.chunks) {
        const raw = kv.getItem(key)
        const list = raw ? parseList<R>(raw) : null
        if (!list) {
          problems.push(`手机上的一部分记录（${key}）未能读出`)
          if (raw) {
            keyBytes.set(key, sizeOfEntry(key, raw))
            chunks.push({ key, ids: [], unreadable: true })
          }
          continue
        }
        keyBytes.set(key, sizeOfEntry(key, raw as string))
        chunks.push({ key, ids: list.map((r) => r.id) })
        for (const r of list) records[r.id] = r
      }
      // Committed: an old single key still there is a migration interrupted after its index was written.
      if (kv.getItem(legacyKey) !== null) tryRemove(legacyKey)
    } else {
      const raw = kv.getItem(legacyKey)
      const legacy = raw ? options.readLegacy(raw) : null
      if (legacy && legacy.length) {
        for (const r of legacy) records[r.id] = r
        legacyPending = true
        try {
          write(records, Object.values(records), [])
        } catch {
          problems.push('记录仍保存在旧的存储格式中，未能转换（手机存储空间不足），请尽快联网同步')
        }
      } else if (raw !== null && legacy) {
        tryRemove(legacyKey)
      }
    }
    removeOrphans()
    return { records, problems }
  }

  /** Chunk keys no index refers to: left by a save that failed or crashed before or after its commit. */
  function removeOrphans () {
    const live = new Set(chunks.map((c) => c.key))
    for (const key of safeKeys()) {
      if (key.startsWith(chunkPrefix) && !live.has(key)) tryRemove(key)
    }
  }

  /** Removing what is no longer referenced may fail without harm: the next load tries again. */
  function tryRemove (key: string) {
    try {
      kv.removeItem(key)
    } catch { /* left for the next load */ }
  }

  function safeKeys (): string[] {
    try {
      return kv.keys()
    } catch {
      return []
    }
  }

  interface Plan {
    chunks: Chunk[]
    writes: Array<{ key: string, value: string }>
    replaced: string[]
    index: string
    next: number
    projection: WriteProjection
  }

  /** The chunks after putting and removing records, and what must be written; nothing is written here. */
  function planFor (records: Record<string, R>, put: R[], remove: string[]): Plan {
    const chunkOf = new Map<string, number>()
    const planned: Array<Chunk & { dirty: boolean }> = chunks.map((c, i) => {
      for (const id of c.ids) chunkOf.set(id, i)
      return { ...c, ids: [...c.ids], dirty: false }
    })
    for (const id of remove) {
      const i = chunkOf.get(id)
      if (i === undefined) continue
      planned[i].ids = planned[i].ids.filter((x) => x !== id)
      planned[i].dirty = true
      chunkOf.delete(id)
    }
    const fresh: string[] = []
    for (const r of put) {
      const bytes = json(r).bytes + 2
      if (bytes > chunkBytes) throw new RecordTooLargeError(r.id, bytes)
      const i = chunkOf.get(r.id)
      if (i === undefined) {
        if (!fresh.includes(r.id)) fresh.push(r.id)
      } else planned[i].dirty = true
    }
    // New records go to the end: into the last chunk, which is repacked below if it overflows.
    if (fresh.length) {
      const last = planned[planned.length - 1]
      if (last && !last.unreadable) {
        last.ids.push(...fresh)
        last.dirty = true
      } else planned.push({ key: '', ids: fresh, dirty: true })
    }

    let n = next
    const out: Chunk[] = []
    const writes: Plan['writes'] = []
    const replaced: string[] = []
    for (const c of planned) {
      if (!c.dirty) {
        out.push(c.unreadable ? { key: c.key, ids: [], unreadable: true } : { key: c.key, ids: c.ids })
        continue
      }
      if (c.key) replaced.push(c.key)
      // Greedy packing in order: '[' + items joined by ',' + ']' stays within chunkBytes.
      let ids: string[] = []
      let parts: string[] = []
      let bytes = 2
      const flush = () => {
        if (!ids.length) return
        const key = `${chunkPrefix}${n++}`
        out.push({ key, ids })
        writes.push({ key, value: `[${parts.join(',')}]` })
        ids = []
        parts = []
        bytes = 2
      }
      for (const id of c.ids) {
        const s = json(records[id])
        if (ids.length && bytes + 1 + s.bytes > chunkBytes) flush()
        bytes += s.bytes + (ids.length ? 1 : 0)
        ids.push(id)
        parts.push(s.text)
      }
      flush()
    }
    const index = JSON.stringify({ v: 2, chunks: out.map((c) => c.key), next: n } satisfies Index)
    const bytesBefore = totalBytes()
    const written = writes.reduce((sum, w) => sum + sizeOfEntry(w.key, w.value), 0)
    const removedBytes = replaced.reduce((sum, k) => sum + (keyBytes.get(k) ?? 0), 0)
    const indexBefore = keyBytes.get(indexKey) ?? 0
    const indexAfter = sizeOfEntry(indexKey, index)
    const legacyBytes = legacyPending ? sizeOfEntry(legacyKey, kv.getItem(legacyKey) ?? '') : 0
    const bytesAfter = bytesBefore - removedBytes - indexBefore + indexAfter + written
    return {
      chunks: out,
      writes,
      replaced,
      index,
      next: n,
      projection: { bytesBefore, bytesAfter, bytesPeak: bytesBefore + written + Math.max(0, indexAfter - indexBefore) + legacyBytes }
    }
  }

  /** Writes in the order that survives a crash; on a refused write removes what it added and rethrows. */
  function write (records: Record<string, R>, put: R[], remove: string[], check?: (p: WriteProjection) => void): WriteProjection {
    // Until a migration has been written, every record lives only in the old key: write them all.
    const plan = planFor(records, legacyPending ? Object.values(records) : put, remove)
    check?.(plan.projection)
    const added: string[] = []
    try {
      for (const w of plan.writes) {
        kv.setItem(w.key, w.value)
        added.push(w.key)
      }
      kv.setItem(indexKey, plan.index)
    } catch (e) {
      for (const key of added) tryRemove(key)
      throw e
    }
    // Committed. From here on a failure only leaves unreferenced keys behind.
    for (const w of plan.writes) keyBytes.set(w.key, sizeOfEntry(w.key, w.value))
    keyBytes.set(indexKey, sizeOfEntry(indexKey, plan.index))
    chunks = plan.chunks
    next = plan.next
    for (const key of plan.replaced) {
      keyBytes.delete(key)
      tryRemove(key)
    }
    if (legacyPending) {
      legacyPending = false
      tryRemove(legacyKey)
    }
    return plan.projection
  }

  return {
    load,
    /**
     * Stores `put` (new or changed records, as they are in `records`) and forgets `remove`. `check` sees the bytes
     * before anything is written and may throw to refuse. Throws RecordTooLargeError, the check's error or the
     * storage's own; then the stored state is what it was.
     */
    save: (records: Record<string, R>, put: R[], remove: string[], check?: (p: WriteProjection) => void) => write(records, put, remove, check),
    /** Bytes this storage's keys hold now (UTF-8, keys included). */
    bytes: totalBytes,
    /** Live chunk keys, in order (for tests and diagnostics). */
    chunkKeys: () => chunks.map((c) => c.key)
  }
}

export type ChunkedStorage<R extends { id: string }> = ReturnType<typeof createChunkedStorage<R>>

function parseIndex (raw: string): Index | null {
  try {
    const v = JSON.parse(raw) as Partial<Index>
    if (v && v.v === 2 && Array.isArray(v.chunks) && v.chunks.every((k) => typeof k === 'string') && typeof v.next === 'number') return v as Index
  } catch { /* not an index */ }
  return null
}

function parseList<R extends { id: string }> (raw: string): R[] | null {
  try {
    const v = JSON.parse(raw) as unknown
    if (Array.isArray(v) && v.every((r) => r && typeof r === 'object' && typeof (r as { id?: unknown }).id === 'string')) return v as R[]
  } catch { /* unreadable */ }
  return null
}
