/**
 * The workbench's nil report (零报告): saved to the outbox like any record, under the one id of its station and month,
 * and sent at once. Whether the month needs one is read from the server's summary and the phone's own records.
 */
import { activityDates, nilReportId, type ReportRow } from '@/domain'
import type { LocalRecord, SaveResult } from './outbox-store'
import { outboxStore } from './use-outbox-store'

export type NilReportState = 'needed' | 'filed' | 'hasRecords' | 'unknown'

/** Where the station stands for `month` ('YYYY-MM'): records already, a nil report filed, or one can be sent. */
export function nilReportState (stationId: string, month: string, summary: ReportRow | null, records: Record<string, LocalRecord>): NilReportState {
  const local = Object.values(records).filter((r) => r.stationId === stationId && r.state !== 'draft')
  if (local.some((r) => r.type === 'nilReport' && r.payload.month === month) || (summary?.sums.nilReports ?? 0) > 0) return 'filed'
  const localActivity = local.some((r) => r.type !== 'nilReport' && activityDates(r).some((d) => d.startsWith(month)))
  if (localActivity || (summary?.sums.activity ?? 0) > 0) return 'hasRecords'
  return summary ? 'needed' : 'unknown'
}

/** Saves this month's nil report and starts a sync. */
export function fileNilReport (stationId: string, month: string): SaveResult {
  const result = outboxStore().getState().save({ id: nilReportId(stationId, month), type: 'nilReport', stationId, payload: { month, note: '本月无新增事项' } }, 'submit')
  if (result.ok) void outboxStore().getState().syncNow()
  return result
}
