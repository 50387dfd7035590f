/**
 * Nil report (零报告): a station's mediator says "本月无新增事项" for a month. It is a record synced like any other;
 * its id is made from the station and the month, so a station has at most one per month whichever phone sends it
 * (a second send is a duplicate of the first). It counts toward completeness only while the station has no activity
 * in the period: records dated in that month, arriving later, withdraw it in the counts (see report.ts).
 */
import { z } from 'zod/mini'
import { typeError } from './zod-zh'
import { optionalText } from './fields'

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/

export const nilReportSchema = z.strictObject({
  /** The month reported on, 'YYYY-MM' (Beijing). */
  month: z.string(typeError('请选择月份', '月份格式应为 YYYY-MM')).check(z.regex(MONTH, '月份格式应为 YYYY-MM')),
  note: optionalText('说明', 200)
})

export type NilReport = z.infer<typeof nilReportSchema>

/** The words on the workbench button and in the record list. */
export const NIL_REPORT_TEXT = '本月无新增事项，报送零报告'

/** The date a nil report counts on: the first day of its month. */
export function nilReportDate (r: Pick<NilReport, 'month'>): string {
  return `${r.month}-01`
}

export function nilReportRuleIssues (r: NilReport, today: string): Array<{ path: string, message: string }> {
  return r.month > today.slice(0, 7) ? [{ path: 'month', message: '不能为以后的月份报送零报告' }] : []
}

/** 32-bit FNV-1a of a string with a starting basis. */
function fnv1a (text: string, basis: number): number {
  let h = basis >>> 0
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h
}

/**
 * The one id of a station's nil report for a month: a UUID (version 8, "custom") from four FNV-1a hashes of the
 * station and month. Made on the phone and checked by the server, so two phones reporting the same month send one id.
 */
export function nilReportId (stationId: string, month: string): string {
  const key = `nilReport|${stationId}|${month}`
  const hex = [0x811c9dc5, 0x01000193, 0x5bd1e995, 0x27d4eb2f].map((basis) => fnv1a(key, basis).toString(16).padStart(8, '0')).join('')
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16)
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}
