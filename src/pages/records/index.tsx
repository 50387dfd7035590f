/**
 * 我的记录: everything on this phone by type and sync state, searchable by enterprise or worker name, with retry,
 * conflict choices, and fix-and-resend for records the server refused as invalid.
 */
import { Button, Input, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useMemo, useState } from 'react'
import { RECORD_TYPE_LABELS, beijingDateTime, recordSearchText, type RecordType } from '@/domain'
import { StatusBadge, SyncBadge } from '../../components/badges'
import { EmptyState } from '../../components/empty-state'
import { recordSubtitle, recordTitle, statusLabel } from '../../components/record-text'
import { localStatus, SYNC_STATE_LABELS, type LocalRecord, type SyncState } from '../../stores/outbox-store'
import { outboxStore, useOutboxStore } from '../../stores/use-outbox-store'
import './index.scss'

const TYPES: Array<RecordType | 'all'> = ['all', 'mediationCase', 'legalSession', 'riskCheck', 'wageComplaint']
const STATES: Array<SyncState | 'all'> = ['all', 'draft', 'queued', 'synced', 'failed', 'conflict']
/** Where a record opens; a nil report has no form (it is one tap on the workbench), so it opens nothing. */
const FORM_OF: Record<RecordType, string | null> = {
  mediationCase: '/pages/case-form/index',
  legalSession: '/pages/session-form/index',
  riskCheck: '/pages/risk-form/index',
  wageComplaint: '/pages/complaint-detail/index',
  nilReport: null
}

export default function Records () {
  const records = useOutboxStore((s) => s.records)
  const sync = useOutboxStore((s) => s.sync)
  const [type, setType] = useState<RecordType | 'all'>('all')
  const [state, setState] = useState<SyncState | 'all'>('all')
  const [search, setSearch] = useState('')

  useDidShow(() => { void outboxStore().getState().syncNow() })

  const list = useMemo(() => Object.values(records)
    .filter((r) => type === 'all' || r.type === type)
    .filter((r) => state === 'all' || r.state === state)
    .filter((r) => !search.trim() || safeSearchText(r).includes(search.trim()))
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)), [records, type, state, search])

  const open = (r: LocalRecord) => {
    if (r.type === 'mediationCase' && r.state !== 'draft' && r.state !== 'failed') Taro.navigateTo({ url: `/pages/case-detail/index?id=${r.id}` })
    else if (FORM_OF[r.type]) Taro.navigateTo({ url: `${FORM_OF[r.type]}?id=${r.id}` })
  }

  return (
    <View className='page records'>
      <View className='records__search'>
        <Input className='records__search-input' value={search} placeholder='搜索企业或人员名称' onInput={(e) => setSearch(e.detail.value)} />
      </View>
      <View className='tabs'>
        {TYPES.map((t) => <View key={t} className={`tabs__item ${type === t ? 'tabs__item--on' : ''}`} onClick={() => setType(t)}>{t === 'all' ? '全部' : RECORD_TYPE_LABELS[t]}</View>)}
      </View>
      <View className='filters'>
        {STATES.map((s) => (
          <View key={s} className={`filters__chip filters__chip--${s} ${state === s ? 'filters__chip--on' : ''}`} onClick={() => setState(s)}>
            {s === 'all' ? '全部' : SYNC_STATE_LABELS[s]}
          </View>
        ))}
      </View>
      {sync.running ? <View className='tip'>正在同步 {sync.done} / {sync.total}</View> : null}
      {!sync.running && sync.lastError ? <View className='tip error-text records__sync-error'>同步失败：{sync.lastError}</View> : null}

      {list.length === 0
        ? <EmptyState title='没有符合条件的记录' desc='新登记的案件、宣传和体检都会出现在这里。' />
        : (
          <View className='record-list'>
            {list.map((r) => (
              <View key={r.id} className={`record-item record-item--${r.state}`} onClick={() => open(r)}>
                <View className='record-item__top'>
                  <Text className='record-item__type'>{RECORD_TYPE_LABELS[r.type]}</Text>
                  <SyncBadge state={r.state} />
                </View>
                <View className='record-item__title'>{recordTitle(r)}</View>
                <View className='record-item__desc'>{recordSubtitle(r)}</View>
                <View className='record-item__foot'>
                  <StatusBadge label={statusLabel(r.type, safeStatus(r))} />
                  <Text className='muted record-item__time'>{r.syncedAt && r.state === 'synced' ? `同步于 ${beijingDateTime(r.syncedAt)}` : `修改于 ${beijingDateTime(r.updatedAt)}`}</Text>
                </View>
                {r.error ? <View className='record-item__error'>失败原因：{r.error.message}{r.error.issues?.length ? `（${r.error.issues.map((i) => i.message).slice(0, 2).join('；')}）` : ''}</View> : null}
                {r.state === 'failed' || r.state === 'conflict'
                  ? (
                    <View className='record-item__actions' onClick={(e) => e.stopPropagation()}>
                      {r.error?.code === 'VALIDATION_FAILED' || r.error?.code === 'PAYLOAD_TOO_LARGE'
                        ? <Button size='mini' type='primary' onClick={() => Taro.navigateTo({ url: `${FORM_OF[r.type]}?id=${r.id}` })}>修改后重新提交</Button>
                        : r.state === 'conflict'
                          ? <Button size='mini' type='primary' onClick={() => open(r)}>查看冲突</Button>
                          : <Button size='mini' type='primary' onClick={() => { outboxStore().getState().retry(r.id); void outboxStore().getState().syncNow() }}>重试</Button>}
                    </View>
                    )
                  : null}
              </View>
            ))}
          </View>
          )}
    </View>
  )
}

/** Drafts may be incomplete: derive what can be derived, never crash a list on a half-filled form. */
function safeStatus (r: LocalRecord): string {
  try {
    return r.state === 'draft' ? 'draft' : localStatus(r)
  } catch {
    return 'draft'
  }
}

function safeSearchText (r: LocalRecord): string {
  try {
    return recordSearchText(r)
  } catch {
    return recordTitle(r)
  }
}
