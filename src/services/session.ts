/** The browser's host session (token, expiry), kept in Taro storage. WeChat needs none: the OPENID is the identity. */
import Taro from '@tarojs/taro'

export interface HostSession {
  token: string
  expiresAt: string
  kind: 'staff' | 'device'
  /** Half the token's life: from then on it is refreshed (absent in sessions saved by older versions: refresh now). */
  refreshAfter?: string
}

const KEY = 'ledger.session'

export function readSession (): HostSession | null {
  const raw = Taro.getStorageSync(KEY)
  if (!raw) return null
  try {
    const s = typeof raw === 'string' ? JSON.parse(raw) : raw
    return s && typeof s.token === 'string' ? s as HostSession : null
  } catch {
    return null
  }
}

export function saveSession (s: Omit<HostSession, 'refreshAfter'>, nowMs = Date.now()): void {
  const refreshAfter = new Date(nowMs + (Date.parse(s.expiresAt) - nowMs) / 2).toISOString()
  Taro.setStorageSync(KEY, JSON.stringify({ ...s, refreshAfter }))
}

export function clearSession (): void {
  Taro.removeStorageSync(KEY)
}
