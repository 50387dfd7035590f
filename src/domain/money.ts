/**
 * Money is stored and summed as integer fen (分) so no float error ever reaches a report.
 * Users type yuan with at most two decimals.
 */
import { roundedQuotient, scaledText } from './rates'

/** Largest amount accepted anywhere: 100 million yuan, far above any wage dispute. */
export const MAX_FEN = 100_000_000_00

const YUAN = /^(\d{1,9})(?:\.(\d{1,2}))?$/

/** '1,234.5' → 123450; returns null for anything that is not a non-negative amount with ≤ 2 decimals. */
export function parseYuan (input: string): number | null {
  const text = String(input ?? '').trim().replace(/[,，\s]/g, '').replace(/^¥/, '').replace(/元$/, '')
  const m = YUAN.exec(text)
  if (!m) return null
  const fen = Number(m[1]) * 100 + Number((m[2] || '').padEnd(2, '0'))
  return fen <= MAX_FEN ? fen : null
}

/** 123450 → '1,234.50' (no currency sign; pages add 元 or ¥ as the layout needs). */
export function formatFen (fen: number): string {
  const sign = fen < 0 ? '-' : ''
  const abs = Math.abs(Math.round(fen))
  const yuan = Math.floor(abs / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  const cents = (abs % 100).toString().padStart(2, '0')
  return `${sign}${yuan}.${cents}`
}

/** 123450 → '1234.50', for inputs being edited (no grouping separators). */
export function fenToYuanInput (fen: number | undefined | null): string {
  if (fen === undefined || fen === null) return ''
  return (fen / 100).toFixed(2)
}

/** Fen as 万元 with two decimals, rounded half up: 123_456_789 → '123.46' (1 万元 = 1,000,000 fen). */
export function formatWanYuan (fen: number): string {
  return scaledText(roundedQuotient(fen, 10_000, 0), 2)
}
