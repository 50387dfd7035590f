/**
 * The one place that knows whether the app runs inside WeChat (cloud functions) or in a browser (the host's HTTP API).
 */
import Taro from '@tarojs/taro'

export const isWeapp = process.env.TARO_ENV === 'weapp'

let cloudReady = false

/** Initialises WeChat cloud once at launch; a no-op in the browser, where Taro.cloud is undefined. */
export function initPlatform (): void {
  if (!isWeapp || cloudReady || !Taro.cloud) return
  Taro.cloud.init({ env: CLOUD_ENV || undefined, traceUser: true })
  cloudReady = true
}

/**
 * WeChat's privacy authorization (base library 2.32.3+): asks the user to agree to the mini program's privacy
 * guidelines before personal data is sent. Browsers have no such step: the form's own consent tick covers it.
 */
export async function requirePrivacyAuthorize (): Promise<void> {
  const wxApi = (globalThis as { wx?: { requirePrivacyAuthorize?: (o: { success: () => void, fail: (e: unknown) => void }) => void } }).wx
  if (!isWeapp || !wxApi?.requirePrivacyAuthorize) return
  await new Promise<void>((resolve, reject) => wxApi.requirePrivacyAuthorize?.({ success: resolve, fail: reject }))
}

/** The station code a QR code carried: WeChat hands `scene` URI-encoded (decodeURIComponent(options.scene)), a browser `?s=`. */
export function stationCodeFrom (params: Record<string, string | undefined>): string {
  const raw = params.scene || params.s || ''
  try {
    return decodeURIComponent(raw).trim()
  } catch {
    return raw.trim()
  }
}
