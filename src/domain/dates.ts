/**
 * Calendar dates in Beijing time. China has used a fixed UTC+8 with no daylight saving since 1991, so a fixed
 * offset is exact; it also avoids Intl time-zone data, which WeChat's JS engine on some phones lacks.
 * A calendar date is a 'YYYY-MM-DD' string; arithmetic runs on it as a UTC date so no host time zone leaks in.
 */
import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'

dayjs.extend(utc)

export const BEIJING_OFFSET_MINUTES = 8 * 60
const OFFSET_MS = BEIJING_OFFSET_MINUTES * 60_000
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/

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

/** True for a real calendar date in 'YYYY-MM-DD' form (rejects 2026-02-30). */
export function isCalendarDate (value: string): boolean {
  const m = DATE.exec(value)
  if (!m) return false
  const d = dayjs.utc(value)
  return d.isValid() && d.format('YYYY-MM-DD') === value
}

export function addDays (date: string, days: number): string {
  return dayjs.utc(date).add(days, 'day').format('YYYY-MM-DD')
}

/** Whole days from a to b (b − a); negative when b is earlier. */
export function daysBetween (a: string, b: string): number {
  return dayjs.utc(b).diff(dayjs.utc(a), 'day')
}

/** 'YYYY-MM' of a date. */
export function monthOf (date: string): string {
  return date.slice(0, 7)
}
