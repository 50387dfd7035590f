/**
 * A worker's complaints on this phone. The complaint gets its id when the form opens, so a double tap or a retry
 * makes one complaint; without a network the form waits here (and says so) and is sent when the network is back.
 */
import { createStore } from 'zustand/vanilla'
import { useStore } from 'zustand'
import { createJSONStorage, persist } from 'zustand/middleware'
import { newRecordId, type ComplaintForm, type PublicComplaintView } from '@/domain'
import { ApiError, callLedger } from '../services/ledger-api'
import { taroStorage } from '../services/storage'

export interface SentComplaint {
  id: string
  trackingNo: string
  stationName: string
  heldForReview: boolean
}

interface ComplaintState {
  /** Forms waiting for a network, by id. */
  pending: Record<string, ComplaintForm>
  sent: Record<string, SentComplaint>
  mine: PublicComplaintView[]
  loading: boolean
  error: string | null
  /** A fresh id for a form being opened. */
  newFormId: () => string
  /** Saves the form on the phone first, then sends it. */
  submit: (form: ComplaintForm) => Promise<{ status: 'sent', complaint: SentComplaint } | { status: 'queued', reason: string | null } | { status: 'refused', message: string, issues?: Array<{ path: string, message: string }> }>
  flush: () => Promise<void>
  loadMine: () => Promise<void>
  /** Forgets the list loaded from the server (sign-out); forms not yet sent and the numbers given stay. */
  forgetLoaded: () => void
}

const complaintStore = createStore<ComplaintState>()(persist((set, get) => ({
  pending: {},
  sent: {},
  mine: [],
  loading: false,
  error: null,
  newFormId: () => newRecordId(),
  async submit (form) {
    set({ pending: { ...get().pending, [form.id]: form } })
    try {
      const r = await callLedger<SentComplaint>('submitComplaint', form)
      const { [form.id]: _sent, ...rest } = get().pending
      const complaint = { id: r.id, trackingNo: r.trackingNo, stationName: r.stationName, heldForReview: r.heldForReview }
      set({ pending: rest, sent: { ...get().sent, [form.id]: complaint } })
      return { status: 'sent', complaint }
    } catch (e) {
      if (e instanceof ApiError && e.channel) return { status: 'queued', reason: e.retryable ? null : e.display }
      const { [form.id]: _refused, ...rest } = get().pending
      set({ pending: rest })
      const details = e instanceof ApiError ? e.details as { issues?: Array<{ path: string, message: string }> } | undefined : undefined
      return { status: 'refused', message: e instanceof Error ? e.message : '提交失败', issues: details?.issues }
    }
  },
  async flush () {
    for (const form of Object.values(get().pending)) {
      const r = await get().submit(form)
      if (r.status === 'queued') return
    }
  },
  async loadMine () {
    set({ loading: true, error: null })
    try {
      const { items } = await callLedger<{ items: PublicComplaintView[] }>('myComplaints')
      set({ mine: items, loading: false })
    } catch (e) {
      set({ loading: false, error: e instanceof Error ? e.message : '加载失败' })
    }
  },
  forgetLoaded () {
    set({ mine: [], error: null })
  }
}), {
  name: 'ledger.complaints',
  version: 1,
  storage: createJSONStorage(() => taroStorage),
  partialize: (s) => ({ pending: s.pending, sent: s.sent, mine: s.mine }) as unknown as ComplaintState
}))

export function useComplaintStore<T> (selector: (s: ComplaintState) => T): T {
  return useStore(complaintStore, selector)
}

export const getComplaints = () => complaintStore.getState()

/** Looks a complaint up by tracking number + last 4 phone digits (any phone). */
export async function lookupComplaint (trackingNo: string, phoneLast4: string): Promise<PublicComplaintView> {
  const { complaint } = await callLedger<{ complaint: PublicComplaintView }>('lookupComplaint', { trackingNo, phoneLast4 })
  return complaint
}

/** The public station behind a QR code. */
export async function stationByCode (code: string): Promise<{ code: string, name: string, area: string, districtName: string }> {
  return callLedger('stationByCode', { code })
}
