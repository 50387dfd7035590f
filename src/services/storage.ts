/**
 * Taro storage, for zustand's persist and for the outbox's chunked storage. WeChat gives a mini program 10 MB in all
 * and 1 MB per key; writing past that throws, and the stores catch it so nothing already queued is lost. Quirk:
 * getStorageSync returns '' (not null) for a missing key, in WeChat and in H5 alike, so '' is turned into null here.
 */
import Taro from '@tarojs/taro'
import type { KeyValueStorage } from './outbox-storage'

export const taroStorage: KeyValueStorage = {
  getItem: (name) => {
    const value = Taro.getStorageSync(name)
    return value === '' || value === undefined || value === null ? null : String(value)
  },
  setItem: (name, value) => {
    Taro.setStorageSync(name, value)
  },
  removeItem: (name) => {
    Taro.removeStorageSync(name)
  },
  keys: () => Taro.getStorageInfoSync().keys || []
}

/** Used and total storage in KB, or null where the platform cannot tell (H5 answers NaN). */
export function storageUsage (): { usedKb: number, limitKb: number } | null {
  try {
    const info = Taro.getStorageInfoSync()
    if (!info || !info.limitSize) return null
    return { usedKb: info.currentSize, limitKb: info.limitSize }
  } catch {
    return null
  }
}
