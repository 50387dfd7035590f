import { addDays, beijingDate, beijingDayStart, daysBetween, isCalendarDate } from '@/domain/dates'
import {
  customPeriod, isInPeriod, monthPeriod, periodContaining, periodFromInput, periodInputSchema, periodInstants, quarterPeriod, yearPeriod, ytdPeriod
} from '@/domain/period'

describe('Beijing calendar dates', () => {
  it('00:00 Beijing is 16:00 UTC the day before', () => {
    expect(beijingDate('2026-01-31T15:59:59.999Z')).toBe('2026-01-31')
    expect(beijingDate('2026-01-31T16:00:00.000Z')).toBe('2026-02-01')
    expect(beijingDayStart('2026-02-01').toISOString()).toBe('2026-01-31T16:00:00.000Z')
  })

  it('new year starts at 16:00 UTC on 31 December', () => {
    expect(beijingDate(Date.UTC(2025, 11, 31, 15, 59, 59))).toBe('2025-12-31')
    expect(beijingDate(Date.UTC(2025, 11, 31, 16, 0, 0))).toBe('2026-01-01')
  })

  it('does not depend on the machine time zone', () => {
    // Date#toISOString is UTC; the function never reads local time
    expect(beijingDate(new Date('2026-06-30T23:30:00+08:00'))).toBe('2026-06-30')
  })

  it('validates and shifts calendar dates', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true)
    expect(isCalendarDate('2026-02-29')).toBe(false)
    expect(isCalendarDate('2026-13-01')).toBe(false)
    expect(isCalendarDate('2026-1-1')).toBe(false)
    expect(addDays('2026-12-25', 15)).toBe('2027-01-09')
    expect(daysBetween('2026-02-20', '2026-03-01')).toBe(9)
  })

  it('knows every month length, century leap years included, as the calendar does', () => {
    const pad = (n: number, w: number) => String(n).padStart(w, '0')
    for (const year of [1900, 1999, 2000, 2023, 2024, 2026, 2100, 2400]) {
      for (let month = 0; month <= 13; month++) {
        for (let day = 0; day <= 32; day++) {
          const text = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`
          const real = month >= 1 && month <= 12 && day >= 1 && new Date(Date.UTC(year, month - 1, day)).getUTCDate() === day
          expect([text, isCalendarDate(text)]).toEqual([text, real])
        }
      }
    }
    for (const bad of ['2026-01-1 ', ' 2026-01-01', '2026/01/01', '２０２６-01-01', '2026-01-01T00:00', '', '+2026-01-0']) expect(isCalendarDate(bad)).toBe(false)
  })
})

describe('periods', () => {
  it('month, quarter, year and 1–N月 have the right first and last days', () => {
    expect(monthPeriod(2024, 2)).toMatchObject({ start: '2024-02-01', end: '2024-02-29', label: '2024年2月' })
    expect(monthPeriod(2026, 2).end).toBe('2026-02-28')
    expect(quarterPeriod(2026, 4)).toMatchObject({ start: '2026-10-01', end: '2026-12-31', label: '2026年第四季度' })
    expect(quarterPeriod(2026, 1).end).toBe('2026-03-31')
    expect(yearPeriod(2026)).toMatchObject({ start: '2026-01-01', end: '2026-12-31' })
    expect(ytdPeriod(2026, 11)).toMatchObject({ start: '2026-01-01', end: '2026-11-30', label: '2026年1–11月' })
  })

  it('finds the period an instant falls in, in Beijing time', () => {
    // 2026-03-31T16:30Z is 00:30 on 1 April in Beijing: second quarter, April
    expect(periodContaining('month', new Date('2026-03-31T16:30:00Z')).label).toBe('2026年4月')
    expect(periodContaining('quarter', new Date('2026-03-31T16:30:00Z')).label).toBe('2026年第二季度')
    expect(periodContaining('month', new Date('2026-03-31T15:59:00Z')).label).toBe('2026年3月')
    expect(periodContaining('year', new Date('2026-12-31T16:00:00Z')).label).toBe('2027年')
    expect(periodContaining('quarter', '2026-07-01').start).toBe('2026-07-01')
  })

  it('covers instants from 16:00 UTC before its first day to 16:00 UTC on its last day', () => {
    const { from, to } = periodInstants(monthPeriod(2026, 1))
    expect(from.toISOString()).toBe('2025-12-31T16:00:00.000Z')
    expect(to.toISOString()).toBe('2026-01-31T16:00:00.000Z')
  })

  it('includes both ends', () => {
    const p = customPeriod('2026-03-01', '2026-03-15')
    expect(isInPeriod('2026-03-01', p)).toBe(true)
    expect(isInPeriod('2026-03-15', p)).toBe(true)
    expect(isInPeriod('2026-02-28', p)).toBe(false)
    expect(isInPeriod('2026-03-16', p)).toBe(false)
  })

  it('parses client input and refuses bad periods with Chinese messages', () => {
    expect(periodFromInput(periodInputSchema.parse({ kind: 'ytd', year: 2026, month: 11 })).end).toBe('2026-11-30')
    const reversed = periodInputSchema.safeParse({ kind: 'custom', start: '2026-03-02', end: '2026-03-01' })
    expect(reversed.success).toBe(false)
    if (!reversed.success) expect(reversed.error.issues[0].message).toBe('开始日期不能晚于结束日期')
    expect(periodInputSchema.safeParse({ kind: 'month', year: 2026, month: 13 }).success).toBe(false)
    expect(periodInputSchema.safeParse({ kind: 'custom', start: '2026-02-30', end: '2026-03-01' }).success).toBe(false)
    expect(periodInputSchema.safeParse({ kind: 'week', year: 2026 }).success).toBe(false)
  })
})
