/**
 * One station's summary for a period, with 同比 under each count and amount, its figures by point (村/社区点) and
 * 站本级, and its records (masked). District staff reach any of their stations; a mediator sees their own.
 */
import { Button, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { useState } from 'react'
import {
  COMPARE_LABELS, REPORT_COLUMNS, RECORD_TYPE_LABELS, SECTION_LABELS, TABLE_DECIMALS, columnChange, isComparable,
  type PeriodInput, type ReportSection, type StoredRecord
} from '@/domain'
import { CellGroup, Cell } from '../../../components/cells'
import { EmptyState } from '../../../components/empty-state'
import { PeriodPicker } from '../../../components/period-picker'
import { recordSubtitle, recordTitle, statusLabel } from '../../../components/record-text'
import { defaultPeriod, loadStationRecords, loadStationSummary, type StationSummary as Summary } from '../../../stores/report-store'
import { ReportTable, cellText } from '../../components/report-table'
import '../district/index.scss'

const SECTIONS: ReportSection[] = ['cases', 'sessions', 'risks', 'complaints']

export default function StationSummary () {
  const { params } = useRouter()
  const stationId = params.stationId
  const [period, setPeriod] = useState<PeriodInput>(defaultPeriod())
  const [summary, setSummary] = useState<Summary | null>(null)
  const [section, setSection] = useState<ReportSection>('cases')
  const [records, setRecords] = useState<StoredRecord[]>([])
  const [next, setNext] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)

  const load = async (p: PeriodInput) => {
    setError(null)
    try {
      const [s, list] = await Promise.all([loadStationSummary(p, stationId), loadStationRecords(stationId, null)])
      setSummary(s)
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
  const row = summary?.row
  const label = summary ? COMPARE_LABELS[summary.comparison.kind] : ''
  return (
    <View className='page station-summary'>
      <View className='page-title'>{row?.stationName || decodeURIComponent(params.name || '')}</View>
      <PeriodPicker value={period} onChange={(p) => { setPeriod(p); void load(p) }} />
      {summary && row
        ? SECTIONS.map((s) => (
          <CellGroup key={s} title={SECTION_LABELS[s]}>
            {REPORT_COLUMNS.filter((c) => c.section === s).map((c) => (
              <Cell
                key={c.key}
                title={c.label}
                value={cellText(c, row)}
                desc={c.rate ? c.rate(row).text : isComparable(c) ? `${label} ${columnChange(c, row, summary.comparison.row, TABLE_DECIMALS)}` : undefined}
              />
            ))}
          </CellGroup>
        ))
        : <EmptyState title='正在加载…' />}
      {summary && row && summary.points.length > 1
        ? (
          <View className='station-points'>
            <View className='chart-head'>按服务点（站本级为站点自身登记的事项）</View>
            <View className='sections'>
              {SECTIONS.map((s) => <View key={s} className={`sections__item sections__item--${s} ${section === s ? 'sections__item--on' : ''}`} onClick={() => setSection(s)}>{SECTION_LABELS[s]}</View>)}
            </View>
            <ReportTable key={section} rows={summary.points} totals={row} columns={REPORT_COLUMNS.filter((c) => c.section === section)} onStation={() => undefined} showFiling={false} />
          </View>
          )
        : null}
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
