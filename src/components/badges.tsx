/** Small coloured labels: sync state, workflow status, risk level, days left on the 15-day clock. */
import { Text } from '@tarojs/components'
import { RISK_LEVEL_LABELS, type CaseClock, type RiskLevel } from '@/domain'
import { SYNC_STATE_LABELS, type SyncState } from '../stores/outbox-store'
import './badges.scss'

export function SyncBadge ({ state }: { state: SyncState }) {
  return <Text className={`badge badge--sync-${state}`}>{SYNC_STATE_LABELS[state]}</Text>
}

export function StatusBadge ({ label, tone = 'grey' }: { label: string, tone?: 'grey' | 'green' | 'orange' | 'red' | 'blue' }) {
  return <Text className={`badge badge--${tone}`}>{label}</Text>
}

export function RiskBadge ({ level }: { level: RiskLevel }) {
  return <Text className={`badge badge--risk-${level}`}>{RISK_LEVEL_LABELS[level]}风险</Text>
}

export function ClockBadge ({ clock }: { clock: CaseClock }) {
  if (clock.stopped) return <Text className='badge badge--grey'>已出结果</Text>
  if (clock.overdue) return <Text className='badge badge--red'>超期{-clock.daysLeft}天</Text>
  if (clock.daysLeft === 0) return <Text className='badge badge--red'>今天到期</Text>
  return <Text className={`badge ${clock.daysLeft <= 3 ? 'badge--orange' : 'badge--green'}`}>剩{clock.daysLeft}天</Text>
}
