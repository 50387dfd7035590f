/** The browser's host session (token, expiry), kept in Taro storage. WeChat needs none: the OPENID is the identity. */
import Taro from '@tarojs/taro'

export interface HostSession {
  token: string
  expiresAt: string
  kind: 'staff' | 'device'
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

export function saveSession (s: HostSession): void {
  Taro.setStorageSync(KEY, JSON.stringify(s))
}

export function clearSession (): void {
  Taro.removeStorageSync(KEY)
}
