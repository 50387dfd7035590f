/** Who this phone's user is: anonymous, a worker, a station's mediator or district staff. Kept for offline starts. */
import { createStore } from 'zustand/vanilla'
import { useStore } from 'zustand'
import { createJSONStorage, persist } from 'zustand/middleware'
import type { Binding, District, Point } from '@/domain'
import { ApiError, callLedger, signInWithCode, signOutOfHost } from '../services/ledger-api'
import { isWeapp } from '../services/platform'
import { clearSession } from '../services/session'
import { taroStorage } from '../services/storage'
import { getComplaints } from './complaint-store'
import { resetReport } from './report-store'
import { getStationStore } from './station-store'
import { unsyncedMessage } from './outbox-store'
import { outboxStore } from './use-outbox-store'

export interface StationInfo {
  id: string
  code: string
  name: string
  area: string
  active: boolean
  districtId: string
  points: Point[]
}

export interface Me {
  identityId: string | null
  role: 'anonymous' | 'worker' | 'mediator' | 'district'
  binding: Binding | null
  station: StationInfo | null
  district: District | null
}

interface SessionState {
  me: Me | null
  loading: boolean
  error: string | null
  /** Shown once after binding in a browser: the personal key to sign in on another device. */
  accessKey: string | null
  refresh: () => Promise<Me | null>
  bind: (code: string) => Promise<boolean>
  /**
   * Signs out of this browser (or, everywhere, of every device) and forgets what the phone keeps about the ledger's
   * people: synced records, the station's cached cases, the report. Refused, with a message saying how many records
   * wait and what to do, while any record is not yet on the server: they are never lost to a sign-out.
   */
  signOut: (everywhere?: boolean) => Promise<{ ok: true } | { ok: false, message: string }>
}

const sessionStore = createStore<SessionState>()(persist((set, get) => ({
  me: null,
  loading: false,
  error: null,
  accessKey: null,
  async refresh () {
    set({ loading: true, error: null })
    try {
      const me = await callLedger<Me>('whoami')
      set({ me, loading: false })
      return me
    } catch (e) {
      // Offline: keep who we were; the pages work from what is on the phone.
      set({ loading: false, error: e instanceof ApiError && !e.retryable ? e.message : null })
      if (e instanceof ApiError && e.code === 'UNAUTHENTICATED') set({ me: null })
      return get().me
    }
  },
  async bind (code) {
    set({ loading: true, error: null, accessKey: null })
    try {
      if (isWeapp) {
        const me = await callLedger<Me>('bindRole', { code })
        set({ me, loading: false })
      } else {
        const { accessKey, whoami } = await signInWithCode(code)
        set({ me: whoami as Me, loading: false, accessKey: accessKey || null })
      }
      return true
    } catch (e) {
      set({ loading: false, error: e instanceof Error ? e.message : '绑定失败，请重试' })
      return false
    }
  },
  async signOut (everywhere = false) {
    const outbox = outboxStore().getState()
    const waiting = unsyncedMessage(outbox.unsyncedCount(), Object.values(outbox.records).filter((r) => r.state === 'draft').length)
    if (waiting) return { ok: false, message: waiting }
    try {
      await signOutOfHost(everywhere)
    } catch (e) {
      return { ok: false, message: e instanceof ApiError && e.code === 'NETWORK' ? '需要联网才能在所有设备上退出，请联网后重试' : e instanceof Error ? e.message : '退出失败，请重试' }
    }
    const forgotten = outbox.forgetAll()
    if (!forgotten.ok) return { ok: false, message: forgotten.message ?? unsyncedMessage(forgotten.unsynced, forgotten.drafts) ?? '退出失败，请重试' }
    getStationStore().reset()
    resetReport()
    getComplaints().forgetLoaded()
    clearSession()
    set({ me: null, accessKey: null, error: null })
    return { ok: true }
  }
}), {
  name: 'ledger.me',
  version: 1,
  storage: createJSONStorage(() => taroStorage),
  partialize: (s) => ({ me: s.me }) as unknown as SessionState
}))

export function useSessionStore<T> (selector: (s: SessionState) => T): T {
  return useStore(sessionStore, selector)
}

export const getSession = () => sessionStore.getState()
