/** A light horizontal bar chart of one figure by station: plain views, no chart library. */
import { Text, View } from '@tarojs/components'
import type { ReportColumn, ReportRow } from '@/domain'
import { cellText } from './report-table'
import './bar-chart.scss'

export function BarChart ({ rows, column }: { rows: ReportRow[], column: ReportColumn }) {
  const values = rows.map((r) => column.value(r) ?? 0)
  const max = Math.max(1e-9, ...values)
  const ordered = rows.map((r, i) => ({ r, v: values[i] })).sort((a, b) => b.v - a.v)
  return (
    <View className='bar-chart'>
      {ordered.map(({ r, v }) => (
        <View key={r.stationId} className='bar-chart__row'>
          <Text className='bar-chart__label'>{r.stationName.replace('劳动关系公共服务站', '')}</Text>
          <View className='bar-chart__track'>
            <View className='bar-chart__bar' style={{ width: `${Math.max(v > 0 ? 1 : 0, (v / max) * 100)}%` }} />
          </View>
          <Text className='bar-chart__value'>{cellText(column, r)}</Text>
        </View>
      ))}
    </View>
  )
}
