/**
 * 站点工作台: the station at a glance — this month's counts, open cases by urgency on the 15-day clock, complaints
 * waiting, records not yet synced (立即同步) — and the way into every form.
 */
import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useMemo } from 'react'
import { NIL_REPORT_TEXT, beijingDate, beijingDateTime, clockOf, isTerminalCaseStatus, caseStatus, type CaseStatus, type MediationCase } from '@/domain'
import { ClockBadge, StatusBadge } from '../../components/badges'
import { CellGroup, Cell } from '../../components/cells'
import { EmptyState } from '../../components/empty-state'
import { statusLabel } from '../../components/record-text'
import { useSignOut } from '../../hooks/use-sign-out'
import { isWeapp } from '../../services/platform'
import { fileNilReport, nilReportState } from '../../stores/nil-report'
import { outboxStore, useOutboxStore } from '../../stores/use-outbox-store'
import { useSessionStore, getSession } from '../../stores/session-store'
import { getStationStore, useStationStore } from '../../stores/station-store'
import './index.scss'

interface OpenCase {
  id: string
  employer: string
  status: CaseStatus
  daysLeft: number
  clock: ReturnType<typeof clockOf>
  local: boolean
}

const SHORTCUTS = [
  { key: 'case', label: '调解案件', mark: '调', url: '/pages/case-form/index' },
  { key: 'session', label: '普法宣传', mark: '宣', url: '/pages/session-form/index' },
  { key: 'risk', label: '风险体检', mark: '检', url: '/pages/risk-form/index' },
  { key: 'records', label: '我的记录', mark: '录', url: '/pages/records/index' },
  { key: 'inbox', label: '投诉处理', mark: '诉', url: '/pages/inbox/index' },
  { key: 'poster', label: '站点二维码', mark: '码', url: '/pages/poster/index' },
  { key: 'stats', label: '本站统计', mark: '统', url: '/report/pages/station/index' }
]

export default function Workbench () {
  const me = useSessionStore((s) => s.me)
  const records = useOutboxStore((s) => s.records)
  const sync = useOutboxStore((s) => s.sync)
  const storageWarning = useOutboxStore((s) => s.storageWarning)
  const station = useStationStore((s) => s)
  const { busy: signingOut, signOut } = useSignOut()

  useDidShow(() => {
    const session = getSession()
    void session.refresh().then((who) => {
      if (!who || who.role !== 'mediator') Taro.redirectTo({ url: '/pages/bind/index' })
      else void getStationStore().load()
    })
    void outboxStore().getState().syncNow()
  })

  const unsynced = Object.values(records).filter((r) => r.state === 'queued' || r.state === 'failed' || r.state === 'conflict').length
  const today = beijingDate(new Date())

  const openCases: OpenCase[] = useMemo(() => {
    const byId = new Map<string, OpenCase>()
    const add = (id: string, payload: MediationCase, status: CaseStatus, local: boolean) => {
      if (isTerminalCaseStatus(status) || status === 'closed') return
      const clock = clockOf(payload, today)
      byId.set(id, { id, employer: payload.employer.name, status, daysLeft: clock.daysLeft, clock, local })
    }
    for (const c of station.cases) if (c.type === 'mediationCase') add(c.id, c.payload, c.status as CaseStatus, false)
    for (const r of Object.values(records)) {
      if (r.type === 'mediationCase' && r.state !== 'draft' && r.payload.timeline && r.payload.employer) add(r.id, r.payload, caseStatus(r.payload), true)
    }
    // Running clocks first, most urgent (fewest days left, overdue most negative) first.
    return [...byId.values()].sort((a, b) => Number(a.clock.stopped) - Number(b.clock.stopped) || a.daysLeft - b.daysLeft)
  }, [records, station.cases, today])

  if (!me || me.role !== 'mediator') {
    return <View className='page'><EmptyState title='正在确认身份…' desc='未绑定站点时将转到绑定页面。' /></View>
  }

  const s = station.summary?.sums
  const counts = [
    { label: '本月受理', value: s?.casesAccepted },
    { label: '本月结案', value: s?.casesClosed },
    { label: '宣传场次', value: s?.sessions },
    { label: '体检企业', value: station.summary?.enterprises.checked },
    { label: '收到投诉', value: s?.complaintsReceived }
  ]
  const go = (url: string) => Taro.navigateTo({ url })
  const month = today.slice(0, 7)
  const nil = me.station ? nilReportState(me.station.id, month, station.summary, records) : 'unknown'
  const reportNil = () => {
    if (!me.station) return
    const r = fileNilReport(me.station.id, month)
    if (r.ok) Taro.showToast({ title: '零报告已保存，联网后自动报送', icon: 'none' })
    else Taro.showModal({ title: '未能报送', content: r.reason === 'storage' ? r.message : r.issues[0]?.message || '请稍后再试', showCancel: false })
  }

  return (
    <View className='page workbench'>
      <View className='workbench__head'>
        <View className='workbench__station'>{me.station?.name}</View>
        <View className='workbench__who'>{me.binding?.displayName} · {me.binding?.title}</View>
      </View>

      <View className={`sync-card ${unsynced ? 'sync-card--pending' : ''}`}>
        <View className='sync-card__main'>
          <View className='sync-card__count'>
            {sync.running ? `正在同步 ${sync.done} / ${sync.total}` : unsynced ? <Text><Text className='sync-card__n'>{unsynced}</Text> 条记录未同步</Text> : '全部记录已同步'}
          </View>
          <View className='sync-card__meta'>{sync.lastSyncAt ? `上次同步 ${beijingDateTime(sync.lastSyncAt)}` : '尚未同步过'}</View>
          {sync.lastError && !sync.running
            ? (
              <View className='sync-card__error'>
                同步失败：{sync.lastError}
                {sync.nextRetryAt ? `。将于 ${beijingDateTime(sync.nextRetryAt).slice(11)} 自动重试` : '。请处理后点“立即同步”'}
              </View>
              )
            : null}
        </View>
        <Button className='sync-card__button' size='mini' type='primary' disabled={sync.running} onClick={() => outboxStore().getState().syncNow()}>立即同步</Button>
      </View>
      {storageWarning ? <View className='workbench__warning'>{storageWarning}</View> : null}

      <View className='counts'>
        {counts.map((c) => (
          <View className='counts__item' key={c.label}>
            <View className='counts__value'>{c.value ?? '—'}</View>
            <View className='counts__label'>{c.label}</View>
          </View>
        ))}
      </View>
      {station.loadedAt ? null : <View className='tip'>{station.loading ? '正在加载本月统计…' : '联网后显示本月统计'}</View>}
      {nil === 'needed'
        ? (
          <View className='nil-card'>
            <View className='nil-card__text'>本月还没有登记任何事项。确无新增的，请报送零报告（之后登记了本月事项的，零报告自动撤回）。</View>
            <Button className='nil-card__button' size='mini' onClick={reportNil}>{NIL_REPORT_TEXT}</Button>
          </View>
          )
        : null}
      {nil === 'filed' ? <View className='tip nil-card__filed'>本月已报送零报告。</View> : null}

      <View className='shortcuts'>
        {SHORTCUTS.map((x) => (
          <View key={x.key} className={`shortcut shortcut--${x.key}`} onClick={() => go(x.url)}>
            <View className='shortcut__mark'>{x.mark}</View>
            <View className='shortcut__label'>{x.label}{x.key === 'inbox' && station.waitingComplaints ? <Text className='shortcut__dot'>{station.waitingComplaints}</Text> : null}</View>
          </View>
        ))}
      </View>

      <CellGroup title={`在办案件（${openCases.length}）· 15日调解期限`}>
        {openCases.length === 0
          ? <Cell title='暂无在办案件' desc='新登记的案件会显示在这里' />
          : openCases.slice(0, 30).map((c) => (
            <Cell
              key={c.id}
              className={`case-row ${c.clock.overdue && !c.clock.stopped ? 'case-row--overdue' : ''}`}
              title={c.employer}
              desc={<View><StatusBadge label={statusLabel('mediationCase', c.status)} /> <Text className='muted'>期限 {c.clock.deadline}</Text></View>}
              value={<ClockBadge clock={c.clock} />}
              onClick={() => go(`/pages/case-detail/index?id=${c.id}`)}
            />
          ))}
      </CellGroup>
      {station.waitingComplaints ? <View className='tip'>有 {station.waitingComplaints} 件扫码投诉等待受理，请到“投诉处理”查看。</View> : null}

      {isWeapp
        ? null
        : (
          <CellGroup title='我的'>
            <Cell className='workbench__signout' title='退出登录' desc={unsynced ? `还有 ${unsynced} 条记录未同步，同步后才能退出` : '清除本机上的记录副本'} onClick={() => { if (!signingOut) void signOut(false) }} />
            <Cell className='workbench__signout-all' title='在所有设备上退出' desc='手机丢失或登录码外泄时使用' onClick={() => { if (!signingOut) void signOut(true) }} />
          </CellGroup>
          )}
    </View>
  )
}
