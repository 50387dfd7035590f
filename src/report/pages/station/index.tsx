/** One station's summary for a period and its records (masked). District staff reach any of their stations; a mediator sees their own. */
import { Button, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { REPORT_COLUMNS, RECORD_TYPE_LABELS, SECTION_LABELS, type PeriodInput, type ReportRow, type StoredRecord } from '@/domain'
import { CellGroup, Cell } from '../../../components/cells'
import { EmptyState } from '../../../components/empty-state'
import { PeriodPicker } from '../../../components/period-picker'
import { recordSubtitle, recordTitle, statusLabel } from '../../../components/record-text'
import { defaultPeriod, loadStationRecords, loadStationSummary } from '../../../stores/report-store'
import { cellText } from '../../components/report-table'

export default function StationSummary () {
  const { params } = useRouter()
  const stationId = params.stationId
  const [period, setPeriod] = useState<PeriodInput>(defaultPeriod())
  const [row, setRow] = useState<ReportRow | null>(null)
  const [records, setRecords] = useState<StoredRecord[]>([])
  const [next, setNext] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)

  const load = async (p: PeriodInput) => {
    setError(null)
    try {
      const [s, list] = await Promise.all([loadStationSummary(p, stationId), loadStationRecords(stationId, null)])
      setRow(s.row)
      setRecords(list.items)
      setNext(list.next)
    } catch (e) {
      setError(e instanceof Error ? e.message : '加载失败')
    }
  }
  useDidShow(() => { void load(period) })

  const more = async () => {
    const list = await loadStationRecords(stationId, next)
    setRecords([...records, ...list.items])
    setNext(list.next)
  }

  if (error) return <View className='page'><EmptyState title='无法查看' desc={error} /></View>
  return (
    <View className='page station-summary'>
      <View className='page-title'>{row?.stationName || decodeURIComponent(params.name || '')}</View>
      <PeriodPicker value={period} onChange={(p) => { setPeriod(p); void load(p) }} />
      {row
        ? (['cases', 'sessions', 'risks', 'complaints'] as const).map((section) => (
          <CellGroup key={section} title={SECTION_LABELS[section]}>
            {REPORT_COLUMNS.filter((c) => c.section === section).map((c) => (
              <Cell key={c.key} title={c.label} value={cellText(c, row)} desc={c.rate ? c.rate(row).text : undefined} />
            ))}
          </CellGroup>
        ))
        : <EmptyState title='正在加载…' />}
      <CellGroup title='最近记录（个人信息已打码）'>
        {records.length === 0 ? <Cell title='暂无记录' /> : records.map((r) => (
          <Cell key={r.id} title={`${RECORD_TYPE_LABELS[r.type]} · ${recordTitle(r)}`} desc={recordSubtitle(r)} value={statusLabel(r.type, r.status)} />
        ))}
      </CellGroup>
      <View className='button-area'>
        {next ? <Button onClick={more}>加载更多</Button> : null}
        <Button onClick={() => Taro.navigateTo({ url: `/pages/poster/index${stationId ? `?stationId=${stationId}` : ''}` })}>站点二维码海报</Button>
      </View>
    </View>
  )
}
