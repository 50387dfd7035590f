/** An honest empty state: says what is not there (yet) and, when useful, what to do. */
import { View } from '@tarojs/components'
import type { ReactNode } from 'react'
import './empty-state.scss'

export function EmptyState ({ title, desc, action }: { title: string, desc?: ReactNode, action?: ReactNode }) {
  return (
    <View className='empty-state'>
      <View className='empty-state__icon'>○</View>
      <View className='empty-state__title'>{title}</View>
      {desc ? <View className='empty-state__desc'>{desc}</View> : null}
      {action ? <View className='empty-state__action'>{action}</View> : null}
    </View>
  )
}
