/** 本月 / 本季度 / 本年 / 1–N月 / 自定义, in Beijing time. */
import { Picker, View } from '@tarojs/components'
import { beijingDate, type PeriodInput } from '@/domain'
import './period-picker.scss'

const KINDS: Array<{ kind: PeriodInput['kind'], label: string }> = [
  { kind: 'month', label: '本月' },
  { kind: 'quarter', label: '本季度' },
  { kind: 'year', label: '本年' },
  { kind: 'ytd', label: '1–N月' },
  { kind: 'custom', label: '自定义' }
]

export function PeriodPicker ({ value, onChange }: { value: PeriodInput, onChange: (p: PeriodInput) => void }) {
  const today = beijingDate(new Date())
  const year = Number(today.slice(0, 4))
  const month = Number(today.slice(5, 7))
  const pick = (kind: PeriodInput['kind']) => {
    if (kind === 'month') onChange({ kind, year, month })
    else if (kind === 'quarter') onChange({ kind, year, quarter: Math.floor((month - 1) / 3) + 1 })
    else if (kind === 'year') onChange({ kind, year })
    else if (kind === 'ytd') onChange({ kind, year, month: Math.max(1, month - 1) })
    else onChange({ kind, start: `${year}-${String(month).padStart(2, '0')}-01`, end: today })
  }
  const months = Array.from({ length: 12 }, (_, i) => `1–${i + 1}月`)
  return (
    <View className='period-picker'>
      <View className='period-picker__tabs'>
        {KINDS.map((k) => (
          <View key={k.kind} className={`period-picker__tab period-picker__tab--${k.kind} ${value.kind === k.kind ? 'period-picker__tab--on' : ''}`} onClick={() => pick(k.kind)}>{k.label}</View>
        ))}
      </View>
      {value.kind === 'ytd'
        ? (
          <Picker mode='selector' range={months} value={value.month - 1} onChange={(e) => onChange({ ...value, month: Number(e.detail.value) + 1 })}>
            <View className='period-picker__sub'>{value.year}年 1–{value.month}月 ›</View>
          </Picker>
          )
        : null}
      {value.kind === 'custom'
        ? (
          <View className='period-picker__range'>
            <Picker mode='date' value={value.start} end={today} onChange={(e) => onChange({ ...value, start: e.detail.value })}><View className='period-picker__sub'>{value.start}</View></Picker>
            <View className='period-picker__to'>至</View>
            <Picker mode='date' value={value.end} end={today} onChange={(e) => onChange({ ...value, end: e.detail.value })}><View className='period-picker__sub'>{value.end}</View></Picker>
          </View>
          )
        : null}
    </View>
  )
}
