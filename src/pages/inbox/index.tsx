/** The station's complaint inbox: unhandled ones first (oldest first), phones masked; held-for-review ones flagged. */
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { useState } from 'react'
import { COMPLAINT_STATUS_LABELS, formatFen, type ComplaintStatus, type StoredRecord } from '@/domain'
import { StatusBadge } from '../../components/badges'
import { EmptyState } from '../../components/empty-state'
import { loadInbox } from '../../stores/inbox-store'
import './index.scss'

export default function Inbox () {
  const [items, setItems] = useState<StoredRecord[] | null>(null)
  const [waiting, setWaiting] = useState(0)
  const [error, setError] = useState<string | null>(null)

  const load = async () => {
    try {
      const r = await loadInbox()
      setItems(r.items)
      setWaiting(r.waiting)
      setError(null)
    } catch (e) {
      setError(e instanceof Error ? e.message : '加载失败')
    }
    Taro.stopPullDownRefresh()
  }
  useDidShow(() => { void load() })
  usePullDownRefresh(() => { void load() })

  if (error && !items) return <View className='page'><EmptyState title='无法加载投诉' desc={`${error}。投诉处理需要联网。`} /></View>
  if (!items) return <View className='page'><EmptyState title='正在加载…' /></View>

  return (
    <View className='page inbox'>
      <View className='inbox__head'>待受理 <Text className='inbox__n'>{waiting}</Text> 件 · 共 {items.length} 件</View>
      {items.length === 0
        ? <EmptyState title='还没有扫码投诉' desc='把站点二维码张贴出去，劳动者扫码即可反映欠薪问题。' />
        : items.map((r) => r.type === 'wageComplaint'
          ? (
            <View key={r.id} className={`inbox-item ${r.status === 'submitted' ? 'inbox-item--new' : ''}`} onClick={() => Taro.navigateTo({ url: `/pages/complaint-detail/index?id=${r.id}` })}>
              <View className='inbox-item__top'>
                <Text className='inbox-item__employer'>{r.payload.employerName}</Text>
                <StatusBadge label={COMPLAINT_STATUS_LABELS[r.status as ComplaintStatus]} tone={r.status === 'submitted' ? 'orange' : r.status === 'closed' ? 'green' : 'grey'} />
              </View>
              <View className='inbox-item__desc'>{r.payload.name} {r.payload.phone} · {r.payload.workerCount}人 · ¥{formatFen(r.payload.amountOwedFen)}</View>
              <View className='inbox-item__desc'>{r.payload.receivedDate} · 查询码 {r.payload.trackingNo}{r.payload.project ? ` · ${r.payload.project}` : ''}</View>
              {r.payload.heldForReview ? <View className='inbox-item__flag'>内容待人工复核（系统检测到可能不当的文字）</View> : null}
            </View>
            )
          : null)}
    </View>
  )
}
