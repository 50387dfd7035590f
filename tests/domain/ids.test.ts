import { isRecordId, newRecordId, newTrackingNumber, normalizeTrackingNumber, recordIdTime, TRACKING_ALPHABET } from '@/domain/ids'

describe('time-ordered record ids', () => {
  it('are UUID v7 strings carrying their creation time', () => {
    const t = Date.UTC(2026, 10, 23, 8, 0, 0)
    const id = newRecordId(t)
    expect(isRecordId(id)).toBe(true)
    expect(id[14]).toBe('7')
    expect(recordIdTime(id)).toBe(t)
  })

  it('sort in creation order, even within one millisecond', () => {
    const ids = Array.from({ length: 5000 }, () => newRecordId(1_800_000_000_000))
    expect(new Set(ids).size).toBe(ids.length)
    expect([...ids].sort()).toEqual(ids)
  })

  it('work without a crypto global (as in WeChat\'s JS engine)', () => {
    const saved = Object.getOwnPropertyDescriptor(globalThis, 'crypto')
    Object.defineProperty(globalThis, 'crypto', { value: undefined, configurable: true })
    try {
      const ids = Array.from({ length: 100 }, () => newRecordId())
      expect(ids.every(isRecordId)).toBe(true)
      expect(new Set(ids).size).toBe(100)
    } finally {
      if (saved) Object.defineProperty(globalThis, 'crypto', saved)
    }
  })

  it('accepts v4 ids from other devices and refuses junk', () => {
    expect(isRecordId('3b241101-e2bb-4255-8caf-4136c566a962')).toBe(true)
    expect(isRecordId('3B241101-E2BB-4255-8CAF-4136C566A962')).toBe(false)
    expect(isRecordId('not-an-id')).toBe(false)
    expect(isRecordId("'; DROP TABLE records; --")).toBe(false)
  })
})

describe('tracking numbers', () => {
  it('avoid characters misread aloud', () => {
    for (let i = 0; i < 500; i++) {
      const n = newTrackingNumber()
      expect(n).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/)
      expect(n).not.toMatch(/[01OIL]/)
      for (const ch of n.replace('-', '')) expect(TRACKING_ALPHABET).toContain(ch)
    }
  })

  it('normalise what a person types', () => {
    expect(normalizeTrackingNumber('k7m4 qx9a')).toBe('K7M4-QX9A')
    expect(normalizeTrackingNumber('K7M4-QX9A')).toBe('K7M4-QX9A')
    expect(normalizeTrackingNumber('K7M4-QX9')).toBeNull()
    expect(normalizeTrackingNumber('K7M0-QX9A')).toBeNull()
  })
})
