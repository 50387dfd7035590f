/** The outbox bound to Taro: storage, the ledger API, timers and the network. */
import { useStore } from 'zustand'
import { handlingOf } from '../services/call-failure'
import { ApiError, callLedger } from '../services/ledger-api'
import { onNetworkBack } from '../services/network'
import { storageUsage, taroStorage } from '../services/storage'
import { createOutboxStore, type OutboxState, type OutboxStore } from './outbox-store'

let store: OutboxStore | null = null

export function outboxStore (): OutboxStore {
  store ||= createOutboxStore({
    storage: taroStorage,
    sync: (records) => callLedger('syncRecords', { records }),
    now: () => new Date(),
    random: Math.random,
    schedule: (fn, ms) => {
      const t = setTimeout(fn, ms)
      return () => clearTimeout(t)
    },
    usage: storageUsage,
    handlingOf: (e) => (e instanceof ApiError ? handlingOf(e.code) : 'show'),
    messageOf: (e) => (e instanceof ApiError ? e.display : e instanceof Error ? e.message : String(e))
  })
  return store
}

export function useOutboxStore<T> (selector: (s: OutboxState) => T): T {
  return useStore(outboxStore(), selector)
}

let autoSync = false

/** Sync when the network comes back (the app calls syncNow itself when it shows). */
export function startAutoSync (): void {
  if (autoSync) return
  autoSync = true
  onNetworkBack(() => { void outboxStore().getState().syncNow() })
}
