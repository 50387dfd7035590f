/**
 * Reporting periods in Beijing time: month, quarter, year, year-to-date (1–N月) and a custom range.
 * A period is a closed range of Beijing calendar dates; every figure is counted by its own date against it.
 */
import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'
import { z } from 'zod/mini'
import { typeError } from './zod-zh'
import { whole } from './fields'
import { addDays, beijingDate, beijingDayStart, daysInMonth, isCalendarDate } from './dates'

dayjs.extend(utc)

export type PeriodKind = 'month' | 'quarter' | 'year' | 'ytd' | 'custom'

/** A reporting period: start and end are inclusive Beijing calendar dates. */
export interface Period {
  kind: PeriodKind
  start: string
  end: string
  label: string
}

const pad = (n: number) => String(n).padStart(2, '0')

function lastDayOfMonth (year: number, month: number): string {
  return `${year}-${pad(month)}-${pad(daysInMonth(year, month))}`
}

export function monthPeriod (year: number, month: number): Period {
  return { kind: 'month', start: `${year}-${pad(month)}-01`, end: lastDayOfMonth(year, month), label: `${year}年${month}月` }
}

export function quarterPeriod (year: number, quarter: number): Period {
  const first = (quarter - 1) * 3 + 1
  return {
    kind: 'quarter',
    start: `${year}-${pad(first)}-01`,
    end: lastDayOfMonth(year, first + 2),
    label: `${year}年第${'一二三四'[quarter - 1]}季度`
  }
}

export function yearPeriod (year: number): Period {
  return { kind: 'year', start: `${year}-01-01`, end: `${year}-12-31`, label: `${year}年` }
}

/** Year to date as reports name it: 1–N月 of a year (the annual report often runs 1–11月). */
export function ytdPeriod (year: number, throughMonth: number): Period {
  return { kind: 'ytd', start: `${year}-01-01`, end: lastDayOfMonth(year, throughMonth), label: `${year}年1–${throughMonth}月` }
}

export function customPeriod (start: string, end: string): Period {
  return { kind: 'custom', start, end, label: `${start} 至 ${end}` }
}

/** The month, quarter or year that contains a Beijing date (or an instant, converted to Beijing first). */
export function periodContaining (kind: 'month' | 'quarter' | 'year', at: string | Date | number): Period {
  const date = typeof at === 'string' && isCalendarDate(at) ? at : beijingDate(at)
  const year = Number(date.slice(0, 4))
  const month = Number(date.slice(5, 7))
  if (kind === 'month') return monthPeriod(year, month)
  if (kind === 'quarter') return quarterPeriod(year, Math.floor((month - 1) / 3) + 1)
  return yearPeriod(year)
}

export function isInPeriod (date: string, period: Period): boolean {
  return date >= period.start && date <= period.end
}

/** The instants a period covers: [from, to) in UTC. A month starting 02-01 starts at 01-31T16:00Z. */
export function periodInstants (period: Period): { from: Date, to: Date } {
  return { from: beijingDayStart(period.start), to: beijingDayStart(addDays(period.end, 1)) }
}

const yearSchema = z.number(typeError('请选择年份', '年份须为数字'))
  .check(whole('年份须为整数'), z.minimum(2000, '年份不早于2000年'), z.maximum(2100, '年份不晚于2100年'))
const dateSchema = z.string(typeError('请选择日期', '日期格式应为 YYYY-MM-DD'))
  .check(z.refine(isCalendarDate, '日期格式应为 YYYY-MM-DD'))

const monthNumber = z.number(typeError(undefined, '月份须为数字')).check(whole('月份须在1–12之间'), z.minimum(1, '月份须在1–12之间'), z.maximum(12, '月份须在1–12之间'))

/** What a client sends to choose a period. */
export const periodInputSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('month'), year: yearSchema, month: monthNumber }),
  z.strictObject({ kind: z.literal('quarter'), year: yearSchema, quarter: z.number().check(whole('季度须在1–4之间'), z.minimum(1, '季度须在1–4之间'), z.maximum(4, '季度须在1–4之间')) }),
  z.strictObject({ kind: z.literal('year'), year: yearSchema }),
  z.strictObject({ kind: z.literal('ytd'), year: yearSchema, month: monthNumber }),
  z.strictObject({ kind: z.literal('custom'), start: dateSchema, end: dateSchema })
], { error: '请选择统计周期' }).check(z.superRefine((p, ctx) => {
  if (p.kind !== 'custom') return
  if (p.start > p.end) ctx.addIssue({ code: 'custom', message: '开始日期不能晚于结束日期', path: ['end'] })
  else if (dayjs.utc(p.end).diff(dayjs.utc(p.start), 'day') > 366 * 5) ctx.addIssue({ code: 'custom', message: '时间范围不能超过5年', path: ['end'] })
}))

export type PeriodInput = z.infer<typeof periodInputSchema>

export function periodFromInput (input: PeriodInput): Period {
  switch (input.kind) {
    case 'month': return monthPeriod(input.year, input.month)
    case 'quarter': return quarterPeriod(input.year, input.quarter)
    case 'year': return yearPeriod(input.year)
    case 'ytd': return ytdPeriod(input.year, input.month)
    case 'custom': return customPeriod(input.start, input.end)
  }
}

/** 同比 (yoy): the same period one year earlier; 环比 (mom): the period of the same length just before. */
export type CompareKind = 'yoy' | 'mom'

/** The same calendar date a year earlier (29 February becomes 28 February). */
export function yearEarlier (date: string): string {
  const year = Number(date.slice(0, 4)) - 1
  const month = Number(date.slice(5, 7))
  const day = Math.min(Number(date.slice(8, 10)), daysInMonth(year, month))
  return `${year}-${pad(month)}-${pad(day)}`
}

/** Months from January of year 0, for month arithmetic. */
const monthIndex = (date: string) => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1

function monthsBefore (period: Period, months: number): Period {
  const first = monthIndex(period.start) - months
  const last = first + months - 1
  const start = `${Math.floor(first / 12)}-${pad(first % 12 + 1)}-01`
  const end = lastDayOfMonth(Math.floor(last / 12), last % 12 + 1)
  return { kind: 'custom', start, end, label: `${start} 至 ${end}` }
}

/** The period a report is compared with. */
export function comparisonPeriod (period: Period, kind: CompareKind): Period {
  const year = Number(period.start.slice(0, 4))
  const month = Number(period.start.slice(5, 7))
  if (kind === 'yoy') {
    switch (period.kind) {
      case 'month': return monthPeriod(year - 1, month)
      case 'quarter': return quarterPeriod(year - 1, Math.floor((month - 1) / 3) + 1)
      case 'year': return yearPeriod(year - 1)
      case 'ytd': return ytdPeriod(year - 1, Number(period.end.slice(5, 7)))
      case 'custom': return customPeriod(yearEarlier(period.start), yearEarlier(period.end))
    }
  }
  switch (period.kind) {
    case 'month': return month === 1 ? monthPeriod(year - 1, 12) : monthPeriod(year, month - 1)
    case 'quarter': return month === 1 ? quarterPeriod(year - 1, 4) : quarterPeriod(year, (month - 1) / 3)
    case 'year': return yearPeriod(year - 1)
    case 'ytd': return monthsBefore(period, monthIndex(period.end) - monthIndex(period.start) + 1)
    case 'custom': {
      const length = dayjs.utc(period.end).diff(dayjs.utc(period.start), 'day') + 1
      return customPeriod(addDays(period.start, -length), addDays(period.start, -1))
    }
  }
}

/**
 * How far into the base period figures count: as far as the report's own period has run (a month read on the 20th is
 * compared with the 1st–20th of the base month), and no further than the base period's end.
 */
export function comparisonAsOf (period: Period, asOf: string, base: Period, kind: CompareKind): string {
  if (asOf >= period.end) return base.end
  const through = kind === 'yoy' ? yearEarlier(asOf) : addDays(base.start, dayjs.utc(asOf).diff(dayjs.utc(period.start), 'day'))
  return through < base.end ? through : base.end
}
