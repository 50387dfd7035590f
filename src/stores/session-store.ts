/** Who this phone's user is: anonymous, a worker, a station's mediator or district staff. Kept for offline starts. */
import { createStore } from 'zustand/vanilla'
import { useStore } from 'zustand'
import { createJSONStorage, persist } from 'zustand/middleware'
import type { Binding, District, Point } from '@/domain'
import { ApiError, callLedger, signInWithCode } from '../services/ledger-api'
import { isWeapp } from '../services/platform'
import { clearSession } from '../services/session'
import { taroStorage } from '../services/storage'

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
  signOut: () => void
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
  signOut () {
    if (!isWeapp) clearSession()
    set({ me: null, accessKey: null, error: null })
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
