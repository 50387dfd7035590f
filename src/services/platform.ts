/**
 * The one place that knows whether the app runs inside WeChat (cloud functions) or in a browser (the host's HTTP API).
 */
import Taro from '@tarojs/taro'

export const isWeapp = process.env.TARO_ENV === 'weapp'

let cloudReady = false

/**
 * At launch: WeChat cloud once inside WeChat (Taro.cloud is undefined in the browser); in the browser, the service
 * worker that keeps the app's files for offline use (secure origins only: https or 127.0.0.1/localhost).
 */
export function initPlatform (): void {
  if (isWeapp) {
    if (cloudReady || !Taro.cloud) return
    Taro.cloud.init({ env: CLOUD_ENV || undefined, traceUser: true })
    cloudReady = true
    return
  }
  if (typeof navigator !== 'undefined' && 'serviceWorker' in navigator && typeof window !== 'undefined' && window.isSecureContext) {
    navigator.serviceWorker.register('/sw.js').catch(() => undefined)
  }
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

/**
 * Asks the worker (WeChat only) to allow one status notification for their complaint. Resolves true when they agreed;
 * false where there is no template configured, in a browser, or when they declined.
 */
export async function askComplaintNotifications (): Promise<boolean> {
  if (!isWeapp || !COMPLAINT_TEMPLATE_ID) return false
  try {
    const r = await Taro.requestSubscribeMessage({ tmplIds: [COMPLAINT_TEMPLATE_ID], entityIds: [] } as unknown as Taro.requestSubscribeMessage.Option)
    return (r as unknown as Record<string, string>)[COMPLAINT_TEMPLATE_ID] === 'accept'
  } catch {
    return false
  }
}

export const canAskComplaintNotifications = isWeapp && !!COMPLAINT_TEMPLATE_ID

/** Puts text on the clipboard (WeChat's setClipboardData; in a browser Taro copies through a hidden text area). */
export async function copyText (text: string): Promise<void> {
  await Taro.setClipboardData({ data: text })
}
