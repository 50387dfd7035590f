/** Station summary, district report, its export, and a station's QR code. */
import { z } from 'zod/mini'
import {
  LedgerError, buildDistrictReport, buildRow, emptyEnterpriseStats, emptySums, periodFromInput, periodInputSchema, type Period
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

const summaryInput = z.strictObject({ stationId: z.optional(z.string().check(z.maxLength(64))), period: periodInputSchema })

/** One station's row of the report, for its mediators and its district's staff. */
export async function stationSummary (input: unknown, ctx: HandlerContext, actor: Actor) {
  const data = parseInput(summaryInput, input)
  const station = await readableStation(ctx, actor, data.stationId)
  const period = periodFromInput(data.period)
  const through = asOf(period, todayOf(ctx.now()))
  const facts = await ctx.store.reportFacts({ districtId: station.districtId, period, through, stationId: station.id })
  const f = facts.stations.find((s) => s.stationId === station.id)
  const row = buildRow(station, f || { sums: emptySums(), carriedOver: 0, enterprises: emptyEnterpriseStats() })
  return { period, asOf: through, row }
}

const reportInput = z.strictObject({ period: periodInputSchema })

export async function districtReport (input: unknown, ctx: HandlerContext, actor: Actor) {
  const staff = requireDistrictStaff(actor)
  const { period: p } = parseInput(reportInput, input)
  return buildReport(ctx, staff.districtId, periodFromInput(p))
}

export async function buildReport (ctx: HandlerContext, districtId: string, period: Period) {
  const now = ctx.now()
  const through = asOf(period, todayOf(now))
  const [district, stations, facts] = await Promise.all([
    ctx.store.getDistrict(districtId),
    ctx.store.listStations(districtId),
    ctx.store.reportFacts({ districtId, period, through })
  ])
  if (!district) throw new LedgerError('NOT_FOUND', '区不存在')
  return buildDistrictReport({
    district,
    stations,
    facts: facts.stations,
    districtEnterprises: facts.enterprises,
    period,
    asOf: through,
    generatedAt: now.toISOString()
  })
}

const exportInput = z.strictObject({
  period: periodInputSchema,
  format: z.enum(['xlsx', 'csv'], { error: '请选择导出格式' })
})

/** The district report as an xlsx workbook or a CSV with a UTF-8 BOM. Figures only: no personal data. */
export async function exportReport (input: unknown, ctx: HandlerContext, actor: Actor) {
  const staff = requireDistrictStaff(actor)
  const data = parseInput(exportInput, input)
  const report = await buildReport(ctx, staff.districtId, periodFromInput(data.period))
  const base = `${report.districtName}劳动关系公共服务站点工作报表_${report.period.label}`
  if (data.format === 'csv') {
    return ctx.services.deliverFile({ fileName: `${base}.csv`, mimeType: 'text/csv; charset=utf-8', bytes: reportToCsv(report) })
  }
  return ctx.services.deliverFile({
    fileName: `${base}.xlsx`,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    bytes: await reportToXlsx(report)
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
