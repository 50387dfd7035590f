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
