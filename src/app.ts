import { type PropsWithChildren } from 'react'
import { useLaunch } from '@tarojs/taro'
import { initPlatform } from './services/platform'
import './app.scss'

function App ({ children }: PropsWithChildren) {
  useLaunch(() => {
    initPlatform()
  })
  return children
}

export default App
