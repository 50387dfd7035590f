/** The chunked storage's byte count against Node's own UTF-8 encoder, and its refusal of a record too big for a key. */
import { CHUNK_BYTES, createChunkedStorage, RecordTooLargeError, utf8Bytes } from '@/services/outbox-storage'
import { MemoryStorage } from '../support/memory-storage'

describe('utf8Bytes', () => {
  it('counts as UTF-8 does: ASCII 1, Latin and Greek 2, Chinese 3, emoji 4, a lone surrogate 3', () => {
    const samples = ['abc', 'café Ω', '劳动关系公共服务站', '欠薪👷‍♂️🏗️', '\ud83d', 'x\udc00y', '']
    for (const s of samples) expect(utf8Bytes(s)).toBe(Buffer.byteLength(s))
  })
})

describe('createChunkedStorage', () => {
  it('refuses a record larger than one key before writing anything', () => {
    const kv = new MemoryStorage()
    const storage = createChunkedStorage<{ id: string, text: string }>(kv, { prefix: 'test', readLegacy: () => null })
    storage.load()
    const small = { id: 'a', text: 'ok' }
    storage.save({ a: small }, [small], [])
    const before = kv.snapshot()
    const huge = { id: 'b', text: '字'.repeat(CHUNK_BYTES / 3) }
    expect(() => storage.save({ a: small, b: huge }, [huge], [])).toThrow(RecordTooLargeError)
    expect(kv.snapshot()).toEqual(before)
  })

  it('keeps a chunk it cannot read, never overwriting or removing it', () => {
    const kv = new MemoryStorage()
    kv.seed('test.index', JSON.stringify({ v: 2, chunks: ['test.c.1', 'test.c.2'], next: 3 }))
    kv.seed('test.c.1', '[{"id":"a"}]')
    kv.seed('test.c.2', '{not json')
    const storage = createChunkedStorage<{ id: string }>(kv, { prefix: 'test', readLegacy: () => null })
    const loaded = storage.load()
    expect(Object.keys(loaded.records)).toEqual(['a'])
    expect(loaded.problems).toEqual(['手机上的一部分记录（test.c.2）未能读出'])
    storage.save({ a: { id: 'a' }, b: { id: 'b' } }, [{ id: 'b' }], [])
    expect(kv.getItem('test.c.2')).toBe('{not json')
    expect(JSON.parse(kv.getItem('test.index') as string).chunks).toContain('test.c.2')
  })
})
