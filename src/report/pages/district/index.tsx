/**
 * 区级报表: every station's figures for a period with 同比 or 环比, a totals row, completeness (有记录 / 零报告 / 未报送),
 * a bar chart of any figure, drill-down to a station, the paragraph for the annual report (生成文字摘要), and the
 * export: xlsx (opened with openDocument in WeChat, then "发送给朋友"), or CSV with a BOM in a browser (WeChat cannot
 * open CSV). District staff only.
 */
import { Button, Picker, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import { COMPARE_LABELS, REPORT_COLUMNS, REPORT_FOOTNOTES, SECTION_LABELS, beijingDateTime, comparedRow, type CompareKind, type ReportSection } from '@/domain'
import { EmptyState } from '../../../components/empty-state'
import { PeriodPicker } from '../../../components/period-picker'
import { isWeapp } from '../../../services/platform'
import { exportFormats, getReportStore, useReportStore } from '../../../stores/report-store'
import { getSession, useSessionStore } from '../../../stores/session-store'
import { BarChart } from '../../components/bar-chart'
import { ReportTable } from '../../components/report-table'
import './index.scss'

const SECTIONS: ReportSection[] = ['cases', 'sessions', 'risks', 'complaints']
const shortName = (name: string) => name.replace('劳动关系公共服务站', '')

export default function DistrictReport () {
  const me = useSessionStore((s) => s.me)
  const { period, compare, report, loading, error, exporting, exported, shareNotice, paragraph } = useReportStore((s) => s)
  const [section, setSection] = useState<ReportSection>('cases')
  const [chartKey, setChartKey] = useState('casesAccepted')
  const [checked, setChecked] = useState(false)

  useDidShow(() => {
    void getSession().refresh().then((who) => {
      setChecked(true)
      if (who?.role === 'district') void getReportStore().load()
    })
  })

  if (!checked && !me) return <View className='page'><EmptyState title='正在确认身份…' /></View>
  if (!me || me.role !== 'district') {
    return (
      <View className='page'>
        <EmptyState title='区级报表仅供区级工作人员使用' desc='请用区人社局发放的邀请码或登录码登录。' action={<Button size='mini' type='primary' onClick={() => Taro.navigateTo({ url: '/pages/bind/index' })}>去登录</Button>} />
      </View>
    )
  }

  const columns = REPORT_COLUMNS.filter((c) => c.section === section)
  const chartColumns = REPORT_COLUMNS
  const chartColumn = chartColumns.find((c) => c.key === chartKey) || chartColumns[1]

  return (
    <View className='page district-report'>
      <View className='report-head'>
        <View className='report-head__title'>{report?.districtName || me.district?.name} 工作报表</View>
        <View className='report-head__period'>{report ? `${report.period.label}（${report.period.start} 至 ${report.period.end}，数据截至 ${report.asOf}）` : ''}</View>
      </View>
      <PeriodPicker value={period} onChange={(p) => getReportStore().setPeriod(p)} />

      {error ? <View className='tip error-text'>{error}</View> : null}
      {loading && !report ? <EmptyState title='正在汇总各站点数据…' /> : null}
      {report
        ? (
          <View>
            <View className={`completeness ${report.completeness.missing.length ? 'completeness--missing' : ''}`}>
              <View>已报送 <Text className='completeness__n'>{report.completeness.reported}</Text> / {report.completeness.expected} 个站点</View>
              <View className='completeness__states'>
                有记录 {report.completeness.withRecords} · 零报告 {report.completeness.nilReports} · 未报送 {report.completeness.missing.length}
              </View>
              {report.completeness.missing.length
                ? <View className='completeness__list'>未报送：{report.completeness.missing.map((m) => shortName(m.stationName)).join('、')}</View>
                : null}
              {report.completeness.nilReports
                ? <View className='completeness__nil'>零报告：{report.rows.filter((r) => r.active && r.filing === 'nil').map((r) => shortName(r.stationName)).join('、')}</View>
                : null}
              <View className='completeness__definition'>{report.completeness.definition}</View>
            </View>

            <View className='compare-switch'>
              <Text className='compare-switch__label'>对比</Text>
              {(['yoy', 'mom'] as CompareKind[]).map((k) => (
                <View key={k} className={`compare-switch__item compare-switch__item--${k} ${compare === k ? 'compare-switch__item--on' : ''}`} onClick={() => getReportStore().setCompare(k)}>{COMPARE_LABELS[k]}</View>
              ))}
              {report.comparison ? <Text className='compare-switch__base'>{report.comparison.period.start} 至 {report.comparison.asOf}</Text> : null}
            </View>

            <View className='sections'>
              {SECTIONS.map((s) => <View key={s} className={`sections__item sections__item--${s} ${section === s ? 'sections__item--on' : ''}`} onClick={() => setSection(s)}>{SECTION_LABELS[s]}</View>)}
            </View>
            <ReportTable
              key={section}
              rows={report.rows}
              totals={report.totals}
              columns={columns}
              comparison={report.comparison ? { label: COMPARE_LABELS[report.comparison.kind], baseOf: (row) => comparedRow(report.comparison, row) } : undefined}
              onStation={(row) => Taro.navigateTo({ url: `/report/pages/station/index?stationId=${row.stationId}&name=${encodeURIComponent(row.stationName)}` })}
            />
            <View className='tip'>点表头排序；点比率查看分子、分母和公式；点站点名查看明细。</View>

            <View className='chart-head'>
              <Text>按站点对比</Text>
              <Picker mode='selector' range={chartColumns.map((c) => `${SECTION_LABELS[c.section]}·${c.label}`)} value={Math.max(0, chartColumns.indexOf(chartColumn))} onChange={(e) => setChartKey(chartColumns[Number(e.detail.value)].key)}>
                <View className='chart-head__pick'>{chartColumn.label} ›</View>
              </Picker>
            </View>
            <BarChart rows={report.rows} column={chartColumn} />

            <View className='button-area'>
              <Button className='make-paragraph' onClick={() => getReportStore().makeParagraph()}>生成文字摘要</Button>
              {paragraph
                ? (
                  <View className='paragraph'>
                    <Text className='paragraph__text' userSelect>{paragraph.text}</Text>
                    <View className='paragraph__note'>{paragraph.copied ? '已复制到剪贴板，可直接粘贴到报告中。' : '请长按文字复制。'}</View>
                  </View>
                  )
                : null}
              <Button className='export-xlsx' type='primary' loading={exporting} disabled={exporting} onClick={() => getReportStore().exportAs('xlsx')}>导出 Excel 报表</Button>
              {exportFormats.includes('csv') ? <Button className='export-csv' disabled={exporting} onClick={() => getReportStore().exportAs('csv')}>导出 CSV</Button> : null}
              {exported ? <Button className='export-share' disabled={exporting} onClick={() => getReportStore().shareExport()}>发送给朋友</Button> : null}
            </View>
            {shareNotice ? <View className='tip export-notice'>{shareNotice}</View> : null}
            <View className='footnotes'>
              {REPORT_FOOTNOTES.map((f) => <View key={f}>· {f}</View>)}
              <View>· 生成于 {beijingDateTime(report.generatedAt)}</View>
            </View>
            {isWeapp ? null : <View className='tip report-account' onClick={() => Taro.navigateTo({ url: '/pages/bind/index' })}>我的账号 · 退出登录 ›</View>}
          </View>
          )
        : null}
    </View>
  )
}
