import { type PropsWithChildren } from 'react'
import { useDidShow, useLaunch } from '@tarojs/taro'
import { config as zodConfig } from 'zod/mini'
import { initPlatform } from './services/platform'
import { startPrivacyPrompts } from './stores/privacy-store'
import { outboxStore, startAutoSync } from './stores/use-outbox-store'
import './app.scss'

// Neither WeChat's JS engine nor the H5 page (its Content-Security-Policy has no 'unsafe-eval') lets code be generated
// at run time (new Function); zod must not even probe for it, or the browser reports a policy violation.
zodConfig({ jitless: true })

function App ({ children }: PropsWithChildren) {
  useLaunch(() => {
    initPlatform()
    // Before any page can call a privacy API: WeChat's requests for agreement go to the 隐私保护指引 popup.
    startPrivacyPrompts()
    startAutoSync()
  })
  // Every time the app comes to the front, send what is waiting.
  useDidShow(() => {
    if (outboxStore().getState().unsyncedCount() > 0) void outboxStore().getState().syncNow()
  })
  return children
}

export default App
