/** The district report for a chosen period (district staff), and one station's summary (its mediators, district staff). */
import { createStore } from 'zustand/vanilla'
import { useStore } from 'zustand'
import { beijingDate, districtParagraph, type CompareKind, type DistrictReport, type PeriodInput, type ReportRow, type StoredRecord } from '@/domain'
import { callLedger, openDeliveredFile } from '../services/ledger-api'
import { copyText } from '../services/platform'

interface ReportState {
  period: PeriodInput
  /** 同比 (the default) or 环比, for the report and its export. */
  compare: CompareKind
  report: DistrictReport | null
  loading: boolean
  error: string | null
  exporting: boolean
  /** The paragraph last made by 生成文字摘要, and whether it reached the clipboard. */
  paragraph: { text: string, copied: boolean } | null
  setPeriod: (p: PeriodInput) => Promise<void>
  setCompare: (c: CompareKind) => Promise<void>
  load: () => Promise<void>
  exportAs: (format: 'xlsx' | 'csv') => Promise<void>
  /** Writes the paragraph for the report on screen and copies it. */
  makeParagraph: () => Promise<void>
}

export function defaultPeriod (): PeriodInput {
  const today = beijingDate(new Date())
  return { kind: 'month', year: Number(today.slice(0, 4)), month: Number(today.slice(5, 7)) }
}

const reportStore = createStore<ReportState>()((set, get) => ({
  period: defaultPeriod(),
  compare: 'yoy',
  report: null,
  loading: false,
  error: null,
  exporting: false,
  paragraph: null,
  async setPeriod (period) {
    set({ period, paragraph: null })
    await get().load()
  },
  async setCompare (compare) {
    set({ compare, paragraph: null })
    await get().load()
  },
  async load () {
    set({ loading: true, error: null })
    try {
      const report = await callLedger<DistrictReport>('districtReport', { period: get().period, compare: get().compare })
      set({ report, loading: false })
    } catch (e) {
      set({ loading: false, error: e instanceof Error ? e.message : '报表加载失败' })
    }
  },
  async exportAs (format) {
    set({ exporting: true, error: null })
    try {
      const file = await callLedger<{ fileName: string, mimeType: string, url?: string, base64?: string }>('exportReport', { period: get().period, compare: get().compare, format })
      await openDeliveredFile(file)
    } catch (e) {
      set({ error: e instanceof Error ? e.message : '导出失败' })
    }
    set({ exporting: false })
  },
  async makeParagraph () {
    const report = get().report
    if (!report) return
    const text = districtParagraph(report)
    set({ paragraph: { text, copied: false } })
    try {
      await copyText(text)
      set({ paragraph: { text, copied: true } })
    } catch {
      // The text stays on screen to select and copy by hand.
    }
  }
}))

export function useReportStore<T> (selector: (s: ReportState) => T): T {
  return useStore(reportStore, selector)
}

export const getReportStore = () => reportStore.getState()

/** One station's row, its points (站本级 first) and the row it is compared with. */
export interface StationSummary {
  row: ReportRow
  asOf: string
  points: ReportRow[]
  comparison: { kind: CompareKind, row: ReportRow, period: { start: string, end: string }, asOf: string }
}

export async function loadStationSummary (period: PeriodInput, stationId?: string, compare: CompareKind = 'yoy'): Promise<StationSummary> {
  return callLedger('stationSummary', { period, compare, byPoint: true, ...(stationId ? { stationId } : {}) })
}

export async function loadStationRecords (stationId: string | undefined, cursor: string | null): Promise<{ items: StoredRecord[], next: string | null }> {
  return callLedger('listRecords', { ...(stationId ? { stationId } : {}), limit: 30, cursor })
}
