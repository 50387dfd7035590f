/**
 * Calendar dates in Beijing time. China has used a fixed UTC+8 with no daylight saving since 1991, so a fixed
 * offset is exact; it also avoids Intl time-zone data, which WeChat's JS engine on some phones lacks.
 * A calendar date is a 'YYYY-MM-DD' string; arithmetic runs on it as a UTC date so no host time zone leaks in.
 * (Period math in period.ts uses dayjs; these per-record helpers stay on plain Date.UTC for speed.)
 */
export const BEIJING_OFFSET_MINUTES = 8 * 60
const OFFSET_MS = BEIJING_OFFSET_MINUTES * 60_000
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** The first and last days any record may be dated: reports cover 2000–2100, so earlier or later dates would vanish. */
export const EARLIEST_DATE = '2000-01-01'
export const LATEST_DATE = '2100-12-31'

/** The Beijing calendar date of an instant: 2026-01-31T16:00:00Z → '2026-02-01'. */
export function beijingDate (instant: Date | number | string): string {
  const ms = typeof instant === 'number' ? instant : new Date(instant).getTime()
  return new Date(ms + OFFSET_MS).toISOString().slice(0, 10)
}

/** The instant at which a Beijing calendar date starts: '2026-02-01' → 2026-01-31T16:00:00.000Z. */
export function beijingDayStart (date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) - OFFSET_MS)
}

/** Beijing wall-clock 'YYYY-MM-DD HH:mm' of an instant, for timelines. */
export function beijingDateTime (instant: Date | number | string): string {
  const ms = typeof instant === 'number' ? instant : new Date(instant).getTime()
  return new Date(ms + OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ')
}

// The three helpers below run for every date of every record synced; plain UTC arithmetic keeps them cheap.

/** True for a real calendar date in 'YYYY-MM-DD' form (rejects 2026-02-30). */
export function isCalendarDate (value: string): boolean {
  if (typeof value !== 'string' || value.length !== 10 || !DATE.test(value)) return false
  const y = +value.slice(0, 4)
  const m = +value.slice(5, 7)
  const d = +value.slice(8, 10)
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m)
}

/** The number of days in a month (1–12) of a Gregorian year. */
export function daysInMonth (year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31
}

export function addDays (date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) + days * 86_400_000).toISOString().slice(0, 10)
}

/** Whole days from a to b (b − a); negative when b is earlier. */
export function daysBetween (a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00.000Z`) - Date.parse(`${a}T00:00:00.000Z`)) / 86_400_000)
}
