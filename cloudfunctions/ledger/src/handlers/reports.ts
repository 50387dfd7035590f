/** Station summary, district report, its export, and a station's QR code. */
import { z } from 'zod/mini'
import {
  LedgerError, buildDistrictReport, buildPointRows, buildRow, comparisonAsOf, comparisonPeriod, emptyFacts,
  periodFromInput, periodInputSchema, type CompareKind, type DistrictReport, type Period
} from '@/domain'
import { readableStation, requireDistrictStaff, type Actor } from '../access'
import type { HandlerContext } from '../context'
import { reportToCsv, reportToXlsx } from '../report-export'
import { parseInput } from '../validate'
import { todayOf } from './record-builder'

/** Figures count days up to today: a period running into the future is read as of today. */
function asOf (period: Period, today: string): string {
  return period.end < today ? period.end : today
}

/** 同比 (yoy, the default) or 环比 (mom). */
const compareSchema = z.optional(z.enum(['yoy', 'mom'], { error: '请选择同比或环比' }))

const summaryInput = z.strictObject({
  stationId: z.optional(z.string().check(z.maxLength(64))),
  period: periodInputSchema,
  compare: compareSchema,
  /** Also break the station down by point (the summary page does; the workbench's counts do not need it). */
  byPoint: z.optional(z.boolean())
})

/**
 * One station's row of the report, the same row for the period compared with, and on request its breakdown by point
 * (站本级 first): for its mediators and its district's staff.
 */
export async function stationSummary (input: unknown, ctx: HandlerContext, actor: Actor) {
  const data = parseInput(summaryInput, input)
  const station = await readableStation(ctx, actor, data.stationId)
  const period = periodFromInput(data.period)
  const through = asOf(period, todayOf(ctx.now()))
  const kind: CompareKind = data.compare ?? 'yoy'
  const basePeriod = comparisonPeriod(period, kind)
  const baseThrough = comparisonAsOf(period, through, basePeriod, kind)
  const query = { districtId: station.districtId, stationId: station.id }
  const [{ current: facts, base }, points] = await Promise.all([
    ctx.store.comparedFacts({ ...query, period, through }, { period: basePeriod, through: baseThrough }),
    data.byPoint ? ctx.store.pointFacts({ ...query, period, through }) : Promise.resolve([])
  ])
  const row = buildRow(station, facts.stations.find((s) => s.stationId === station.id) || emptyFacts())
  const baseRow = buildRow(station, base.stations.find((s) => s.stationId === station.id) || emptyFacts())
  return {
    period,
    asOf: through,
    row,
    points: data.byPoint ? buildPointRows(station, points) : [],
    comparison: { kind, period: basePeriod, asOf: baseThrough, row: baseRow }
  }
}

const reportInput = z.strictObject({ period: periodInputSchema, compare: compareSchema })

export async function districtReport (input: unknown, ctx: HandlerContext, actor: Actor) {
  const staff = requireDistrictStaff(actor)
  const { period: p, compare } = parseInput(reportInput, input)
  return buildReport(ctx, staff.districtId, periodFromInput(p), compare ?? 'yoy')
}

export async function buildReport (ctx: HandlerContext, districtId: string, period: Period, compare: CompareKind = 'yoy'): Promise<DistrictReport> {
  const now = ctx.now()
  const through = asOf(period, todayOf(now))
  const basePeriod = comparisonPeriod(period, compare)
  const baseThrough = comparisonAsOf(period, through, basePeriod, compare)
  const [district, stations, { current: facts, base }] = await Promise.all([
    ctx.store.getDistrict(districtId),
    ctx.store.listStations(districtId),
    ctx.store.comparedFacts({ districtId, period, through }, { period: basePeriod, through: baseThrough })
  ])
  if (!district) throw new LedgerError('NOT_FOUND', '区不存在')
  return buildDistrictReport({
    district,
    stations,
    facts: facts.stations,
    districtEnterprises: facts.enterprises,
    period,
    asOf: through,
    generatedAt: now.toISOString(),
    comparison: { kind: compare, period: basePeriod, asOf: baseThrough, facts: base.stations, districtEnterprises: base.enterprises }
  })
}

const exportInput = z.strictObject({
  period: periodInputSchema,
  compare: compareSchema,
  format: z.enum(['xlsx', 'csv'], { error: '请选择导出格式' })
})

/**
 * The district report as an xlsx workbook (with a sheet per station by point, and the paragraph) or a CSV with a UTF-8
 * BOM. Figures only: no personal data.
 */
export async function exportReport (input: unknown, ctx: HandlerContext, actor: Actor) {
  const staff = requireDistrictStaff(actor)
  const data = parseInput(exportInput, input)
  const report = await buildReport(ctx, staff.districtId, periodFromInput(data.period), data.compare ?? 'yoy')
  const base = `${report.districtName}劳动关系公共服务站点工作报表_${report.period.label}`
  if (data.format === 'csv') {
    return ctx.services.deliverFile({ fileName: `${base}.csv`, mimeType: 'text/csv; charset=utf-8', bytes: reportToCsv(report) })
  }
  const [stations, points] = await Promise.all([
    ctx.store.listStations(staff.districtId),
    ctx.store.pointFacts({ districtId: staff.districtId, period: report.period, through: report.asOf })
  ])
  const byStation = stations.map((s) => ({ stationId: s.id, rows: buildPointRows(s, points) }))
  return ctx.services.deliverFile({
    fileName: `${base}.xlsx`,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    bytes: await reportToXlsx(report, byStation)
  })
}

const qrInput = z.strictObject({ stationId: z.optional(z.string().check(z.maxLength(64))) })

/** A station's QR code for its poster: mediators get their own station's, district staff any of their district's. */
export async function stationQr (input: unknown, ctx: HandlerContext, actor: Actor) {
  const data = parseInput(qrInput, input)
  const station = await readableStation(ctx, actor, data.stationId)
  const qr = await ctx.services.stationQr(station.code)
  return { stationId: station.id, stationName: station.name, stationCode: station.code, active: station.active, ...qr }
}
