/**
 * The report table: one row per station and a totals row, the columns of one section, sortable by any column;
 * tapping a rate shows its numerator, denominator and formula. Stations that have not reported stand out, nil reports
 * are marked, and with a comparison each count and amount shows its change (同比 or 环比) under it.
 */
import { ScrollView, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useMemo, useState } from 'react'
import { FILING_LABELS, TABLE_DECIMALS, columnChange, columnText, isComparable, type ReportColumn, type ReportRow } from '@/domain'
import './report-table.scss'

/** A cell as the phone shows it: rates with one decimal, money grouped in yuan. */
export function cellText (col: ReportColumn, row: ReportRow): string {
  return columnText(col, row, { decimals: TABLE_DECIMALS, grouped: true })
}

interface Props {
  rows: ReportRow[]
  totals: ReportRow
  columns: ReportColumn[]
  onStation: (row: ReportRow) => void
  /** With a comparison: its label ('同比' / '环比') and the row each row is compared with. */
  comparison?: { label: string, baseOf: (row: ReportRow) => ReportRow | undefined }
  /** Rows are stations that must report (marked 未报送 / 零报告); false for a station's points. */
  showFiling?: boolean
}

/** The mark beside a station's name: 未报送 for an active station with nothing, 零报告 for a nil report. */
function filingMark (row: ReportRow) {
  if (row.filing === 'nil') return <Text className='rt-nil'>{FILING_LABELS.nil}</Text>
  if (row.filing === 'missing' && row.active) return <Text className='rt-silent'>{FILING_LABELS.missing}</Text>
  return null
}

export function ReportTable ({ rows, totals, columns, onStation, comparison, showFiling = true }: Props) {
  const [sort, setSort] = useState<{ key: string, desc: boolean } | null>(null)
  const sorted = useMemo(() => {
    if (!sort) return rows
    const col = columns.find((c) => c.key === sort.key)
    if (!col) return rows
    return [...rows].sort((a, b) => ((col.value(a) ?? -1) - (col.value(b) ?? -1)) * (sort.desc ? -1 : 1))
  }, [rows, sort, columns])

  const showRate = (col: ReportColumn, row: ReportRow) => {
    const r = col.rate?.(row)
    if (!r) return
    Taro.showModal({ title: `${row.stationName} · ${col.label}`, content: `${r.formula}；即 ${r.text}`, showCancel: false, confirmText: '知道了' })
  }

  const change = (col: ReportColumn, row: ReportRow) => comparison && isComparable(col)
    ? <Text className='rt-change'>{comparison.label} {columnChange(col, row, comparison.baseOf(row), TABLE_DECIMALS)}</Text>
    : null

  return (
    <ScrollView className='report-table' scrollX>
      <View className='report-table__inner'>
        <View className='rt-row rt-row--head'>
          <View className='rt-cell rt-cell--station'>站点</View>
          {columns.map((c) => (
            <View key={c.key} className={`rt-cell rt-head rt-head--${c.key}`} onClick={() => setSort(sort?.key === c.key ? { key: c.key, desc: !sort.desc } : { key: c.key, desc: true })}>
              {c.label}{sort?.key === c.key ? (sort.desc ? ' ↓' : ' ↑') : ''}
            </View>
          ))}
        </View>
        {sorted.map((row) => (
          <View key={row.stationId} className={`rt-row ${showFiling && row.filing === 'missing' && row.active ? 'rt-row--silent' : ''}`}>
            <View className='rt-cell rt-cell--station rt-station' onClick={() => onStation(row)}>
              {row.stationName.replace('劳动关系公共服务站', '站')}{showFiling ? filingMark(row) : null}
            </View>
            {columns.map((c) => (
              <View key={c.key} className={`rt-cell ${c.kind === 'rate' ? 'rt-rate' : ''}`} data-col={c.key} onClick={() => showRate(c, row)}>
                <Text className='rt-value'>{cellText(c, row)}</Text>{change(c, row)}
              </View>
            ))}
          </View>
        ))}
        <View className='rt-row rt-row--total'>
          <View className='rt-cell rt-cell--station'>合计</View>
          {columns.map((c) => (
            <View key={c.key} className={`rt-cell rt-total ${c.kind === 'rate' ? 'rt-rate' : ''}`} data-col={c.key} onClick={() => showRate(c, totals)}>
              <Text className='rt-value'>{cellText(c, totals)}</Text>{change(c, totals)}
            </View>
          ))}
        </View>
      </View>
    </ScrollView>
  )
}
