/** The district report for a chosen period (district staff), and one station's summary (its mediators, district staff). */
import { createStore } from 'zustand/vanilla'
import { useStore } from 'zustand'
import { beijingDate, type DistrictReport, type PeriodInput, type ReportRow, type StoredRecord } from '@/domain'
import { callLedger, openDeliveredFile } from '../services/ledger-api'

interface ReportState {
  period: PeriodInput
  report: DistrictReport | null
  loading: boolean
  error: string | null
  exporting: boolean
  setPeriod: (p: PeriodInput) => Promise<void>
  load: () => Promise<void>
  exportAs: (format: 'xlsx' | 'csv') => Promise<void>
}

export function defaultPeriod (): PeriodInput {
  const today = beijingDate(new Date())
  return { kind: 'month', year: Number(today.slice(0, 4)), month: Number(today.slice(5, 7)) }
}

const reportStore = createStore<ReportState>()((set, get) => ({
  period: defaultPeriod(),
  report: null,
  loading: false,
  error: null,
  exporting: false,
  async setPeriod (period) {
    set({ period })
    await get().load()
  },
  async load () {
    set({ loading: true, error: null })
    try {
      const report = await callLedger<DistrictReport>('districtReport', { period: get().period })
      set({ report, loading: false })
    } catch (e) {
      set({ loading: false, error: e instanceof Error ? e.message : '报表加载失败' })
    }
  },
  async exportAs (format) {
    set({ exporting: true, error: null })
    try {
      const file = await callLedger<{ fileName: string, mimeType: string, url?: string, base64?: string }>('exportReport', { period: get().period, format })
      await openDeliveredFile(file)
    } catch (e) {
      set({ error: e instanceof Error ? e.message : '导出失败' })
    }
    set({ exporting: false })
  }
}))

export function useReportStore<T> (selector: (s: ReportState) => T): T {
  return useStore(reportStore, selector)
}

export const getReportStore = () => reportStore.getState()

export async function loadStationSummary (period: PeriodInput, stationId?: string): Promise<{ row: ReportRow, asOf: string }> {
  return callLedger('stationSummary', { period, ...(stationId ? { stationId } : {}) })
}

export async function loadStationRecords (stationId: string | undefined, cursor: string | null): Promise<{ items: StoredRecord[], next: string | null }> {
  return callLedger('listRecords', { ...(stationId ? { stationId } : {}), limit: 30, cursor })
}

/** Forgets the report held in memory (sign-out). */
export function resetReport (): void {
  reportStore.setState({ report: null, error: null, period: defaultPeriod() })
}
