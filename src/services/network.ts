/** Network status: Taro.onNetworkStatusChange in WeChat and in browsers (H5 maps it to online/offline events). */
import Taro from '@tarojs/taro'

export function onNetworkBack (callback: () => void): () => void {
  const listener = (res: { isConnected: boolean }) => { if (res.isConnected) callback() }
  try {
    Taro.onNetworkStatusChange(listener)
  } catch {
    return () => undefined
  }
  return () => {
    try { Taro.offNetworkStatusChange(listener) } catch { /* not supported on this platform */ }
  }
}
