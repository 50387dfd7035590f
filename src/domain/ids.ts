/**
 * Time-ordered record ids (UUID v7 layout) and readable tracking numbers.
 * Works in WeChat's JS engine (no crypto global), browsers and Node: uses crypto.getRandomValues when present,
 * and otherwise Math.random mixed with a per-process counter; uniqueness then rests on the timestamp + 74 random bits.
 */

interface CryptoLike { getRandomValues: (a: Uint8Array) => Uint8Array }

function cryptoSource (): CryptoLike | null {
  const g = (typeof globalThis !== 'undefined' ? globalThis : {}) as { crypto?: CryptoLike }
  return g.crypto && typeof g.crypto.getRandomValues === 'function' ? g.crypto : null
}

/** n random bytes from the best source this engine has. */
export function randomBytes (n: number): Uint8Array {
  const bytes = new Uint8Array(n)
  const c = cryptoSource()
  if (c) return c.getRandomValues(bytes)
  for (let i = 0; i < n; i++) bytes[i] = Math.floor(Math.random() * 256)
  return bytes
}

let lastMs = 0
let sequence = 0

/**
 * A UUID v7 string: 48-bit Unix ms, version 7, a 12-bit sequence that keeps ids made in the same ms ordered,
 * variant bits, 62 random bits. Sorting ids as strings sorts them by creation time on this device.
 */
export function newRecordId (nowMs: number = Date.now()): string {
  if (nowMs <= lastMs) {
    sequence++
    if (sequence > 0xfff) { lastMs++; sequence = 0 }
    nowMs = lastMs
  } else {
    lastMs = nowMs
    sequence = 0
  }
  const r = randomBytes(8)
  const hex = (n: number, width: number) => n.toString(16).padStart(width, '0')
  const ms = hex(nowMs, 12)
  const seq = hex(0x7000 | sequence, 4)
  const variant = hex(0x80 | (r[0] & 0x3f), 2) + hex(r[1], 2)
  let tail = ''
  for (let i = 2; i < 8; i++) tail += hex(r[i], 2)
  return `${ms.slice(0, 8)}-${ms.slice(8)}-${seq}-${variant}-${tail}`
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

/** Any RFC 4122 UUID (v1–v8), lower case. Devices may send v4 or v7. */
export function isRecordId (value: string): boolean {
  return UUID.test(value)
}

/** The ms timestamp inside a v7 id, or null for other versions. */
export function recordIdTime (id: string): number | null {
  if (!isRecordId(id) || id[14] !== '7') return null
  return parseInt(id.slice(0, 8) + id.slice(9, 13), 16)
}

/** Letters and digits that cannot be misread aloud: no 0/O, 1/I, and no L, Z, S, V for good measure. */
export const TRACKING_ALPHABET = '23456789ABCDEFGHJKMNPQRTUWXY'

/** A code people can read aloud and type: `length` characters of TRACKING_ALPHABET in dash-separated groups of 4. */
export function readableCode (length: number): string {
  const r = randomBytes(length)
  let s = ''
  for (let i = 0; i < length; i++) s += TRACKING_ALPHABET[r[i] % TRACKING_ALPHABET.length]
  return (s.match(/.{1,4}/g) || []).join('-')
}

/** A tracking number like 'K7M4-QX9A' (8 characters, ~3.8e11 combinations) for a person to read aloud. */
export function newTrackingNumber (): string {
  return readableCode(8)
}

/** Accepts what a person types: lower case, spaces, missing dash. Returns the canonical form or null. */
export function normalizeTrackingNumber (input: string): string | null {
  const s = String(input || '').toUpperCase().replace(/[\s-]/g, '')
  if (s.length !== 8) return null
  for (const ch of s) if (!TRACKING_ALPHABET.includes(ch)) return null
  return `${s.slice(0, 4)}-${s.slice(4)}`
}
