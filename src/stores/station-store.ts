/**
 * What the server says about the mediator's station, cached for offline use: this month's summary, the station's
 * open cases (masked list copies: full copies live in the outbox once opened), complaints waiting.
 */
import { createStore } from 'zustand/vanilla'
import { useStore } from 'zustand'
import { createJSONStorage, persist } from 'zustand/middleware'
import { beijingDate, periodContaining, type ReportRow, type StoredRecord } from '@/domain'
import { callLedger } from '../services/ledger-api'
import { taroStorage } from '../services/storage'

interface StationState {
  summary: ReportRow | null
  cases: StoredRecord[]
  waitingComplaints: number | null
  loadedAt: string | null
  loading: boolean
  error: string | null
  load: () => Promise<void>
  /** Forgets the cached summary and cases (sign-out). */
  reset: () => void
}

const OPEN_CASE_STATUSES = ['pending', 'accepted', 'mediating', 'succeeded', 'performing', 'failed', 'withdrawn', 'toArbitration', 'toInspection', 'performed', 'unperformed']

const stationStore = createStore<StationState>()(persist((set) => ({
  summary: null,
  cases: [],
  waitingComplaints: null,
  loadedAt: null,
  loading: false,
  error: null,
  async load () {
    set({ loading: true, error: null })
    const month = periodContaining('month', beijingDate(new Date()))
    try {
      const [summary, cases, inbox] = await Promise.all([
        callLedger<{ row: ReportRow }>('stationSummary', { period: { kind: 'month', year: Number(month.start.slice(0, 4)), month: Number(month.start.slice(5, 7)) } }),
        callLedger<{ items: StoredRecord[] }>('listRecords', { type: 'mediationCase', limit: 200 }),
        callLedger<{ waiting: number }>('stationComplaints', {})
      ])
      set({
        summary: summary.row,
        cases: cases.items.filter((c) => OPEN_CASE_STATUSES.includes(c.status)),
        waitingComplaints: inbox.waiting,
        loadedAt: new Date().toISOString(),
        loading: false
      })
    } catch (e) {
      set({ loading: false, error: e instanceof Error ? e.message : '加载失败' })
    }
  },
  reset () {
    set({ summary: null, cases: [], waitingComplaints: null, loadedAt: null, loading: false, error: null })
  }
}), {
  name: 'ledger.station',
  version: 1,
  storage: createJSONStorage(() => taroStorage),
  partialize: (s) => ({ summary: s.summary, cases: s.cases, waitingComplaints: s.waitingComplaints, loadedAt: s.loadedAt }) as unknown as StationState
}))

export function useStationStore<T> (selector: (s: StationState) => T): T {
  return useStore(stationStore, selector)
}

export const getStationStore = () => stationStore.getState()
