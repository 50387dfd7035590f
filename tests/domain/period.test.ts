import { execFileSync } from 'child_process'
import { buildSync } from 'esbuild'
import fs from 'fs'
import os from 'os'
import path from 'path'
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

/**
 * Jest's sandbox cannot change the zone of its own process (its process.env is a copy), so the same probes run in
 * fresh Node processes, one per zone, over the domain's date code bundled as the cloud function bundles it.
 * The zones put the machine's calendar day ahead of Beijing's (Kiritimati, UTC+14), equal to it (Shanghai), behind it
 * (UTC, New York with its daylight-saving switch on 8 March and 1 November 2026, Pago Pago, UTC−11).
 */
describe('the same answers in every machine time zone', () => {
  const ZONES = ['UTC', 'Asia/Shanghai', 'America/New_York', 'Pacific/Kiritimati', 'Pacific/Pago_Pago']
  // Instants near Beijing midnight, month, quarter and year ends, and New York's clock changes.
  const INSTANTS = ['2026-01-31T15:59:59.999Z', '2026-01-31T16:00:00.000Z', '2025-12-31T16:00:00.000Z', '2026-03-31T16:30:00.000Z',
    '2026-06-30T23:30:00+08:00', '2026-03-08T06:30:00.000Z', '2026-11-01T05:30:00.000Z']

  const PROBE = `
    const d = require(process.argv[1])
    const instants = ${JSON.stringify(INSTANTS)}
    const iso = (p) => { const r = d.periodInstants(p); return [r.from.toISOString(), r.to.toISOString()] }
    console.log(JSON.stringify({
      localDays: instants.map((i) => new Date(i).getDate()),
      beijingDate: instants.map((i) => d.beijingDate(i)),
      beijingDateOfDate: instants.map((i) => d.beijingDate(new Date(i))),
      beijingDateTime: instants.map((i) => d.beijingDateTime(i)),
      month: instants.map((i) => d.periodContaining('month', new Date(i)).label),
      quarter: instants.map((i) => d.periodContaining('quarter', new Date(i)).label),
      year: instants.map((i) => d.periodContaining('year', new Date(i)).label),
      dayStart: ['2026-02-01', '2026-03-08', '2026-11-01'].map((x) => d.beijingDayStart(x).toISOString()),
      periodInstants: [iso(d.monthPeriod(2026, 3)), iso(d.quarterPeriod(2026, 4)), iso(d.customPeriod('2026-03-07', '2026-03-09'))],
      addDays: [['2026-03-07', 2], ['2026-10-31', 2], ['2026-12-25', 15], ['2026-03-01', -1]].map(([x, n]) => d.addDays(x, n)),
      daysBetween: [['2026-03-07', '2026-03-09'], ['2026-10-31', '2026-11-02'], ['2026-02-20', '2026-03-01']].map(([a, b]) => d.daysBetween(a, b)),
      custom: d.periodFromInput(d.periodInputSchema.parse({ kind: 'custom', start: '2026-03-07', end: '2026-11-01' }))
    }))`

  // Worked out by hand: Beijing is UTC+8 all year, with no daylight saving.
  const EXPECTED = {
    beijingDate: ['2026-01-31', '2026-02-01', '2026-01-01', '2026-04-01', '2026-06-30', '2026-03-08', '2026-11-01'],
    beijingDateOfDate: ['2026-01-31', '2026-02-01', '2026-01-01', '2026-04-01', '2026-06-30', '2026-03-08', '2026-11-01'],
    beijingDateTime: ['2026-01-31 23:59', '2026-02-01 00:00', '2026-01-01 00:00', '2026-04-01 00:30', '2026-06-30 23:30', '2026-03-08 14:30', '2026-11-01 13:30'],
    month: ['2026年1月', '2026年2月', '2026年1月', '2026年4月', '2026年6月', '2026年3月', '2026年11月'],
    quarter: ['2026年第一季度', '2026年第一季度', '2026年第一季度', '2026年第二季度', '2026年第二季度', '2026年第一季度', '2026年第四季度'],
    year: ['2026年', '2026年', '2026年', '2026年', '2026年', '2026年', '2026年'],
    dayStart: ['2026-01-31T16:00:00.000Z', '2026-03-07T16:00:00.000Z', '2026-10-31T16:00:00.000Z'],
    periodInstants: [
      ['2026-02-28T16:00:00.000Z', '2026-03-31T16:00:00.000Z'],
      ['2026-09-30T16:00:00.000Z', '2026-12-31T16:00:00.000Z'],
      ['2026-03-06T16:00:00.000Z', '2026-03-09T16:00:00.000Z']
    ],
    addDays: ['2026-03-09', '2026-11-02', '2027-01-09', '2026-02-28'],
    daysBetween: [2, 2, 9],
    custom: { kind: 'custom', start: '2026-03-07', end: '2026-11-01', label: '2026-03-07 至 2026-11-01' }
  }

  let results: Record<string, typeof EXPECTED & { localDays: number[] }>

  beforeAll(() => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-tz-'))
    const bundle = path.join(dir, 'dates.cjs')
    buildSync({
      stdin: { contents: "export * from './src/domain/dates'; export * from './src/domain/period'", resolveDir: path.resolve(__dirname, '../..'), loader: 'ts' },
      bundle: true, platform: 'node', format: 'cjs', outfile: bundle, logLevel: 'silent'
    })
    try {
      results = Object.fromEntries(ZONES.map((tz) => [tz, JSON.parse(execFileSync(process.execPath, ['-e', PROBE, bundle], { env: { ...process.env, TZ: tz }, encoding: 'utf8' }))]))
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })

  it('the zones really differ: the machine reads a different local day for the same instants', () => {
    const readings = new Set(ZONES.map((tz) => JSON.stringify(results[tz].localDays)))
    expect(readings.size).toBeGreaterThanOrEqual(3)
  })

  it.each(ZONES)('in %s every date, period and instant is the Beijing one', (tz) => {
    const { localDays: _machine, ...answers } = results[tz]
    expect(answers).toEqual(EXPECTED)
  })
})
