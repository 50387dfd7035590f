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
