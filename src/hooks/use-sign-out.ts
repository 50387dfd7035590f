/**
 * Signing out of a browser with the feedback people need: a confirmation, the reason when records still wait to be
 * synced (a modal, so the whole message can be read), and a fresh start on the home page once signed out.
 */
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { getSession } from '../stores/session-store'

export function useSignOut () {
  const [busy, setBusy] = useState(false)
  const signOut = async (everywhere: boolean): Promise<void> => {
    if (busy) return
    const { confirm } = await Taro.showModal({
      title: everywhere ? '在所有设备上退出' : '退出登录',
      content: everywhere ? '将退出您在所有浏览器和手机上的登录，本机上的记录副本也会清除。' : '退出后，本机上的记录副本将被清除，再次使用需要输入登录码。',
      confirmText: '退出'
    })
    if (!confirm) return
    setBusy(true)
    const result = await getSession().signOut(everywhere)
    setBusy(false)
    if (!result.ok) {
      await Taro.showModal({ title: '暂时不能退出', content: result.message, showCancel: false, confirmText: '知道了' })
      return
    }
    Taro.reLaunch({ url: '/pages/index/index' })
  }
  return { busy, signOut }
}
