/** The district report for a chosen period (district staff), and one station's summary (its mediators, district staff). */
import { createStore } from 'zustand/vanilla'
import { useStore } from 'zustand'
import { beijingDate, districtParagraph, type CompareKind, type DistrictReport, type PeriodInput, type ReportRow, type StoredRecord } from '@/domain'
import { EXPORT_FORMATS, canShareFile, openDeliveredFile, shareFile, type DeliveredFile, type ExportFormat, type LocalFile } from '../services/files'
import { callLedger } from '../services/ledger-api'
import { copyText } from '../services/platform'

/** Formats offered for export here: CSV only where it can be opened (a browser). */
export const exportFormats = EXPORT_FORMATS

interface ReportState {
  period: PeriodInput
  /** 同比 (the default) or 环比, for the report and its export. */
  compare: CompareKind
  report: DistrictReport | null
  loading: boolean
  error: string | null
  exporting: boolean
  /** The last export downloaded to this phone (WeChat), to send to a chat. */
  exported: LocalFile | null
  /** What to tell the person after trying to send it (how to do it where WeChat cannot). */
  shareNotice: string | null
  /** The paragraph last made by 生成文字摘要, and whether it reached the clipboard. */
  paragraph: { text: string, copied: boolean } | null
  setPeriod: (p: PeriodInput) => Promise<void>
  setCompare: (c: CompareKind) => Promise<void>
  load: () => Promise<void>
  exportAs: (format: ExportFormat) => Promise<void>
  /** "发送给朋友": call from a tap. */
  shareExport: () => Promise<void>
  /** Writes the paragraph for the report on screen and copies it. */
  makeParagraph: () => Promise<void>
}

const SHARE_FALLBACK = '当前微信版本不能直接发送文件：请在打开的表格右上角“···”菜单中选择“发送给朋友”。'

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
  exported: null,
  shareNotice: null,
  paragraph: null,
  async setPeriod (period) {
    set({ period, exported: null, shareNotice: null, paragraph: null })
    await get().load()
  },
  async setCompare (compare) {
    set({ compare, exported: null, shareNotice: null, paragraph: null })
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
    if (!exportFormats.includes(format)) {
      set({ error: '微信中无法打开 CSV 文件，请导出 Excel 报表' })
      return
    }
    set({ exporting: true, error: null, shareNotice: null })
    try {
      const file = await callLedger<DeliveredFile>('exportReport', { period: get().period, compare: get().compare, format })
      set({ exported: await openDeliveredFile(file) })
    } catch (e) {
      set({ error: e instanceof Error ? e.message : '导出失败' })
    }
    set({ exporting: false })
  },
  async shareExport () {
    const file = get().exported
    if (!file) return
    if (!canShareFile()) {
      set({ shareNotice: SHARE_FALLBACK })
      return
    }
    const r = await shareFile(file)
    set({ shareNotice: r.status === 'failed' && !/cancel/i.test(r.reason) ? `未能发送（${r.reason}）。${SHARE_FALLBACK.replace('当前微信版本不能直接发送文件：', '也可以')}` : null })
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

/** Forgets the report held in memory (sign-out). */
export function resetReport (): void {
  reportStore.setState({ report: null, error: null, period: defaultPeriod() })
}
