/** WeUI-style grouped list: a white group of rows with hairline separators. */
import { View, Text } from '@tarojs/components'
import type { PropsWithChildren, ReactNode } from 'react'
import './cells.scss'

export function CellGroup ({ title, footer, children }: PropsWithChildren<{ title?: ReactNode, footer?: ReactNode }>) {
  return (
    <View className='cell-group'>
      {title ? <View className='cell-group__title'>{title}</View> : null}
      <View className='cell-group__body'>{children}</View>
      {footer ? <View className='cell-group__footer'>{footer}</View> : null}
    </View>
  )
}

interface CellProps {
  title: ReactNode
  /** Smaller grey line under the title. */
  desc?: ReactNode
  /** Right-hand value. */
  value?: ReactNode
  /** Shows a chevron and makes the row tappable. */
  onClick?: () => void
  className?: string
}

export function Cell ({ title, desc, value, onClick, className }: CellProps) {
  return (
    <View className={`cell ${onClick ? 'cell--link' : ''} ${className || ''}`} onClick={onClick} hoverClass={onClick ? 'cell--active' : 'none'}>
      <View className='cell__main'>
        <View className='cell__title'>{title}</View>
        {desc ? <View className='cell__desc'>{desc}</View> : null}
      </View>
      {value !== undefined && value !== null ? <View className='cell__value'>{value}</View> : null}
      {onClick ? <Text className='cell__arrow'>›</Text> : null}
    </View>
  )
}
