/**
 * 本月 / 本季度 / 本年 / 1–N月 / 自定义, and in two taps 上月 / 上季度 / 去年 or any year (the year selector keeps the
 * chosen month or quarter), in Beijing time.
 */
import { Picker, View } from '@tarojs/components'
import { beijingDate, type PeriodInput } from '@/domain'
import './period-picker.scss'

type Shortcut = 'month' | 'quarter' | 'year' | 'ytd' | 'custom' | 'lastMonth' | 'lastQuarter' | 'lastYear'

const CURRENT: Array<{ key: Shortcut, label: string }> = [
  { key: 'month', label: '本月' },
  { key: 'quarter', label: '本季度' },
  { key: 'year', label: '本年' },
  { key: 'ytd', label: '1–N月' },
  { key: 'custom', label: '自定义' }
]
const PREVIOUS: Array<{ key: Shortcut, label: string }> = [
  { key: 'lastMonth', label: '上月' },
  { key: 'lastQuarter', label: '上季度' },
  { key: 'lastYear', label: '去年' }
]

/** Years offered by the selector: from 2020 to this year. */
const FIRST_YEAR = 2020

/** The period a shortcut stands for on a Beijing date. */
export function shortcutPeriod (key: Shortcut, today: string): PeriodInput {
  const year = Number(today.slice(0, 4))
  const month = Number(today.slice(5, 7))
  const quarter = Math.floor((month - 1) / 3) + 1
  switch (key) {
    case 'month': return { kind: 'month', year, month }
    case 'quarter': return { kind: 'quarter', year, quarter }
    case 'year': return { kind: 'year', year }
    case 'ytd': return { kind: 'ytd', year, month: Math.max(1, month - 1) }
    case 'custom': return { kind: 'custom', start: `${today.slice(0, 7)}-01`, end: today }
    case 'lastMonth': return month === 1 ? { kind: 'month', year: year - 1, month: 12 } : { kind: 'month', year, month: month - 1 }
    case 'lastQuarter': return quarter === 1 ? { kind: 'quarter', year: year - 1, quarter: 4 } : { kind: 'quarter', year, quarter: quarter - 1 }
    case 'lastYear': return { kind: 'year', year: year - 1 }
  }
}

const same = (a: PeriodInput, b: PeriodInput) => JSON.stringify(a) === JSON.stringify(b)

export function PeriodPicker ({ value, onChange }: { value: PeriodInput, onChange: (p: PeriodInput) => void }) {
  const today = beijingDate(new Date())
  const thisYear = Number(today.slice(0, 4))
  // A shortcut is lit when it names the chosen period; 1–N月 and 自定义 whenever that kind is chosen.
  const isOn = (key: Shortcut) => key === 'ytd' || key === 'custom' ? value.kind === key : same(value, shortcutPeriod(key, today))
  const years = Array.from({ length: thisYear - FIRST_YEAR + 1 }, (_, i) => thisYear - i)
  const months = Array.from({ length: 12 }, (_, i) => `${i + 1}月`)
  const quarters = ['第一季度', '第二季度', '第三季度', '第四季度']
  const ytdMonths = Array.from({ length: 12 }, (_, i) => `1–${i + 1}月`)
  const tab = (k: { key: Shortcut, label: string }) => (
    <View key={k.key} className={`period-picker__tab period-picker__tab--${k.key} ${isOn(k.key) ? 'period-picker__tab--on' : ''}`} onClick={() => onChange(shortcutPeriod(k.key, today))}>{k.label}</View>
  )
  return (
    <View className='period-picker'>
      <View className='period-picker__tabs'>{CURRENT.map(tab)}</View>
      <View className='period-picker__tabs period-picker__tabs--previous'>{PREVIOUS.map(tab)}</View>
      {value.kind !== 'custom'
        ? (
          <View className='period-picker__selects'>
            <Picker mode='selector' range={years.map((y) => `${y}年`)} value={Math.max(0, years.indexOf(value.year))} onChange={(e) => onChange({ ...value, year: years[Number(e.detail.value)] })}>
              <View className='period-picker__sub period-picker__year'>{value.year}年 ›</View>
            </Picker>
            {value.kind === 'month'
              ? <Picker mode='selector' range={months} value={value.month - 1} onChange={(e) => onChange({ ...value, month: Number(e.detail.value) + 1 })}><View className='period-picker__sub'>{value.month}月 ›</View></Picker>
              : null}
            {value.kind === 'quarter'
              ? <Picker mode='selector' range={quarters} value={value.quarter - 1} onChange={(e) => onChange({ ...value, quarter: Number(e.detail.value) + 1 })}><View className='period-picker__sub'>{quarters[value.quarter - 1]} ›</View></Picker>
              : null}
            {value.kind === 'ytd'
              ? <Picker mode='selector' range={ytdMonths} value={value.month - 1} onChange={(e) => onChange({ ...value, month: Number(e.detail.value) + 1 })}><View className='period-picker__sub'>1–{value.month}月 ›</View></Picker>
              : null}
          </View>
          )
        : (
          <View className='period-picker__range'>
            <Picker mode='date' value={value.start} end={today} onChange={(e) => onChange({ ...value, start: e.detail.value })}><View className='period-picker__sub'>{value.start}</View></Picker>
            <View className='period-picker__to'>至</View>
            <Picker mode='date' value={value.end} end={today} onChange={(e) => onChange({ ...value, end: e.detail.value })}><View className='period-picker__sub'>{value.end}</View></Picker>
          </View>
          )}
    </View>
  )
}
