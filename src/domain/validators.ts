/**
 * Validators and display masks for Chinese identifiers (phone, resident ID, unified social credit code).
 * Pure functions: safe in WeChat's JS engine, browsers and Node.
 */
import { daysInMonth } from './dates'

const MOBILE = /^1[3-9]\d{9}$/

/** Mainland mobile number: 11 digits starting 13–19. */
export function isMobile (value: string): boolean {
  return MOBILE.test(value)
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const ID_CHECK = '10X98765432'

/** The GB 11643 check character for the first 17 digits of a resident ID. */
export function residentIdCheckChar (first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]
  return ID_CHECK[sum % 11]
}

/** 18-character resident ID (GB 11643): digits, a plausible birth date, and a matching check character. */
export function isResidentId (value: string): boolean {
  const id = value.toUpperCase()
  if (!/^\d{17}[\dX]$/.test(id)) return false
  const y = Number(id.slice(6, 10))
  const m = Number(id.slice(10, 12))
  const d = Number(id.slice(12, 14))
  if (y < 1800 || m < 1 || m > 12 || d < 1) return false
  if (d > daysInMonth(y, m)) return false
  return residentIdCheckChar(id.slice(0, 17)) === id[17]
}

/** GB 32100 alphabet: digits and capitals without I, O, Z, S, V; a character's value is its index (0–30). */
const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

/** The GB 32100 check character for the first 17 characters of a unified social credit code. */
export function creditCodeCheckChar (first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += CREDIT_ALPHABET.indexOf(first17[i]) * CREDIT_WEIGHTS[i]
  const check = 31 - (sum % 31)
  return CREDIT_ALPHABET[check === 31 ? 0 : check]
}

/** 18-character unified social credit code (GB 32100) with a matching check character. */
export function isCreditCode (value: string): boolean {
  const code = value.toUpperCase()
  if (code.length !== 18) return false
  for (const ch of code) if (!CREDIT_ALPHABET.includes(ch)) return false
  return creditCodeCheckChar(code.slice(0, 17)) === code[17]
}

/** 13812341234 → 138****1234. Anything that is not a full mobile number is masked whole. */
export function maskPhone (phone: string): string {
  if (!phone) return ''
  if (phone.length < 7) return '*'.repeat(phone.length)
  return phone.slice(0, 3) + '****' + phone.slice(-4)
}

/** 18-digit ID → first 3 and last 4 kept: 110**********1234 (no birth date shown). */
export function maskResidentId (id: string): string {
  if (!id) return ''
  if (id.length < 8) return '*'.repeat(id.length)
  return id.slice(0, 3) + '*'.repeat(id.length - 7) + id.slice(-4)
}

/** A name shown in lists and to other phones: 张三 → 张*, 欧阳小明 → 欧***. */
export function maskName (name: string): string {
  const chars = Array.from(name || '')
  if (chars.length <= 1) return chars.join('')
  return chars[0] + '*'.repeat(chars.length - 1)
}

/** A home address shown in lists and to other phones: only the first 6 characters (province, city), then ****. */
export function maskAddress (address: string): string {
  const chars = Array.from(address || '')
  if (!chars.length) return ''
  return chars.slice(0, Math.min(6, Math.floor(chars.length / 2))).join('') + '****'
}
