/** 我的投诉: this phone's complaints with their status timeline, and a lookup by tracking number + last 4 phone digits. */
import { Button, Input, Text, View } from '@tarojs/components'
import { useDidShow, useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { COMPLAINT_STATUS_LABELS, beijingDateTime, formatFen, type ComplaintStatus, type PublicComplaintView } from '@/domain'
import { StatusBadge } from '../../components/badges'
import { EmptyState } from '../../components/empty-state'
import { getComplaints, lookupComplaint, useComplaintStore } from '../../stores/complaint-store'
import './index.scss'

const STEP_LABELS: Record<string, string> = { accept: '站点已受理', reject: '不予受理', convert: '转为调解案件，站点组织调解', transfer: '已转办', close: '已办结' }

function tone (status: string): 'green' | 'orange' | 'red' | 'grey' {
  return status === 'closed' ? 'green' : status === 'rejected' ? 'red' : status === 'submitted' ? 'orange' : 'grey'
}

function ComplaintCard ({ c }: { c: PublicComplaintView }) {
  return (
    <View className='complaint-card'>
      <View className='complaint-card__top'>
        <Text className='complaint-card__code'>查询码 {c.trackingNo}</Text>
        <StatusBadge label={COMPLAINT_STATUS_LABELS[c.status as ComplaintStatus] || c.status} tone={tone(c.status)} />
      </View>
      <View className='complaint-card__title'>{c.employerName}</View>
      <View className='complaint-card__desc'>{c.stationName} · {c.workerCount}人 · ¥{formatFen(c.amountOwedFen)}</View>
      <View className='steps'>
        <View className='steps__item'><Text className='steps__date'>{beijingDateTime(c.submittedAt)}</Text> 已提交</View>
        {c.timeline.map((e, i) => (
          <View key={i} className={`steps__item steps__item--${e.action}`}>
            <Text className='steps__date'>{e.date}</Text> {STEP_LABELS[e.action] || e.action}
            {e.transferTo ? `至${e.transferTo}` : ''}
            {e.reason ? `：${e.reason}` : ''}
            {e.recoveredFen !== undefined && e.action === 'close' ? `，追回 ¥${formatFen(e.recoveredFen)}` : ''}
          </View>
        ))}
      </View>
    </View>
  )
}

export default function MyComplaints () {
  const { params } = useRouter()
  const { mine, pending, loading, error } = useComplaintStore((s) => s)
  const [trackingNo, setTrackingNo] = useState('')
  const [last4, setLast4] = useState('')
  const [found, setFound] = useState<PublicComplaintView | null>(null)
  const [lookupError, setLookupError] = useState<string | null>(null)

  useDidShow(() => {
    void getComplaints().flush().then(() => getComplaints().loadMine())
  })

  const lookup = async () => {
    setLookupError(null)
    setFound(null)
    try {
      setFound(await lookupComplaint(trackingNo, last4))
    } catch (e) {
      setLookupError(e instanceof Error ? e.message : '查询失败')
    }
  }

  const waiting = Object.keys(pending).length
  return (
    <View className='page my-complaints'>
      {params.lookup ? null : (
        <View>
          {waiting ? <View className='tip'>有 {waiting} 件投诉保存在手机上，联网后自动提交。</View> : null}
          {error ? <View className='tip error-text'>{error}</View> : null}
          {mine.length === 0 && !loading
            ? <EmptyState title='还没有投诉' desc='扫描站点张贴的二维码即可反映欠薪问题。' />
            : mine.map((c) => <ComplaintCard key={c.id} c={c} />)}
        </View>
      )}
      <View className='lookup'>
        <View className='lookup__title'>用查询码查进度</View>
        <Input className='lookup__input' value={trackingNo} placeholder='查询码，如 K7M4-QX9A' maxlength={12} onInput={(e) => setTrackingNo(e.detail.value.toUpperCase())} />
        <Input className='lookup__input' value={last4} type='number' placeholder='提交时手机号的后4位' maxlength={4} onInput={(e) => setLast4(e.detail.value)} />
        <Button className='lookup__button' type='primary' size='mini' disabled={trackingNo.length < 8 || last4.length !== 4} onClick={lookup}>查询</Button>
        {lookupError ? <View className='error-text'>{lookupError}</View> : null}
      </View>
      {found ? <ComplaintCard c={found} /> : null}
      <View className='tip'>如需补充材料，请直接联系受理站点。</View>
    </View>
  )
}
