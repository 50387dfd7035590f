/**
 * Case detail: the facts, the 15-day clock, a timeline of status changes and sessions, and only the workflow actions
 * the caller's role may take. An action is applied on the phone and queued like any edit, so it works offline.
 */
import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { useState } from 'react'
import {
  CASE_STATUS_LABELS, PAY_METHODS, SESSION_MODES, availableCaseActions, beijingDate, beijingDateTime, caseAgreement,
  casePaidFen, caseStatus, clockOf, formatFen, transitionFor, validatePayload,
  type CaseAction, type CaseEvent, type MediationCase
} from '@/domain'
import { ClockBadge, StatusBadge, SyncBadge } from '../../components/badges'
import { CellGroup, Cell } from '../../components/cells'
import { EmptyState } from '../../components/empty-state'
import { DateField, FormGroup, SelectField, SwitchField, TextAreaField } from '../../components/form'
import { MoneyField } from '../../components/money-field'
import { outboxStore, useOutboxStore } from '../../stores/use-outbox-store'
import { openRecord } from '../../stores/record-loader'
import { CaseDocuments } from './case-documents'
import './index.scss'

type Draft = Partial<CaseEvent> & { action: CaseAction }

export default function CaseDetail () {
  const { params } = useRouter()
  const id = params.id || ''
  const local = useOutboxStore((s) => s.records[id])
  const [loadError, setLoadError] = useState<string | null>(null)
  const [draft, setDraft] = useState<Draft | null>(null)
  const [draftError, setDraftError] = useState<string | null>(null)
  const today = beijingDate(new Date())

  useDidShow(() => {
    if (!local) openRecord(id).catch((e) => setLoadError(e instanceof Error ? e.message : '加载失败'))
  })

  if (!local || local.type !== 'mediationCase') {
    return <View className='page'><EmptyState title={loadError ? '无法打开案件' : '正在加载…'} desc={loadError || '需要联网读取这件案件。'} /></View>
  }
  const c: MediationCase = local.payload
  const status = caseStatus(c)
  const clock = clockOf(c, today)
  const agreement = caseAgreement(c)
  const actions = local.state === 'draft' ? [] : availableCaseActions(status, 'mediator')

  const start = (action: CaseAction) => {
    setDraftError(null)
    setDraft({ action, date: today, ...(action === 'recordSession' ? { mode: '面谈' as const } : {}), ...(action === 'succeed' ? { agreement: { amountFen: c.claimedFen, payDate: today, payMethod: '一次性支付' as const } } : {}) })
  }

  const apply = () => {
    if (!draft) return
    const event = { ...draft, at: new Date().toISOString() } as CaseEvent
    const payload = { ...c, timeline: [...c.timeline, event] }
    const v = validatePayload('mediationCase', payload, today)
    if (!v.ok) {
      setDraftError(v.issues[0]?.message || '请检查填写内容')
      return
    }
    const r = outboxStore().getState().save({ id, type: 'mediationCase', stationId: local.stationId, pointId: local.pointId, payload: v.value, baseVersion: local.baseVersion }, 'submit')
    if (!r.ok) {
      setDraftError(r.reason === 'storage' ? r.message : r.issues[0]?.message || '未能保存')
      return
    }
    setDraft(null)
    void outboxStore().getState().syncNow()
    Taro.showToast({ title: `已${transitionFor(event.action).label}`, icon: 'none' })
  }

  return (
    <View className='page case-detail'>
      <View className='detail-head'>
        <View className='detail-head__title'>{c.employer.name}</View>
        <View className='detail-head__badges'>
          <StatusBadge label={CASE_STATUS_LABELS[status]} tone={status === 'closed' ? 'grey' : 'blue'} /> <SyncBadge state={local.state} /> <ClockBadge clock={clock} />
        </View>
        {local.error ? <View className='error-text'>{local.error.message}</View> : null}
      </View>

      {local.state === 'conflict' && local.server
        ? (
          <View className='conflict'>
            <View>这件案件在服务器上已被修改（第 {local.server.version} 版，状态：{CASE_STATUS_LABELS[local.server.status as keyof typeof CASE_STATUS_LABELS] || local.server.status}）。</View>
            <View className='conflict__buttons'>
              <Button size='mini' type='primary' onClick={() => outboxStore().getState().resolveConflict(id, 'server')}>采用服务器版本</Button>
              <Button size='mini' onClick={() => outboxStore().getState().resolveConflict(id, 'mine')}>保留我的修改</Button>
            </View>
          </View>
          )
        : null}

      <CellGroup title='案件信息'>
        <Cell title='申请人' value={`${c.applicant.name} ${c.applicant.phone}`} />
        <Cell title='涉及人数' value={`${c.workerCount}人${c.workerCount >= 10 ? '（集体争议）' : ''}`} />
        <Cell title='争议类型' value={c.disputeType} />
        <Cell title='来源 / 复杂程度' value={`${c.source} · ${c.complexity}`} />
        <Cell title='请求金额' value={`¥${formatFen(c.claimedFen)}`} />
        {agreement ? <Cell title='协议金额' value={`¥${formatFen(agreement.amountFen)}，${agreement.payDate} 前${agreement.payMethod}`} /> : null}
        {agreement ? <Cell title='已履行' value={`¥${formatFen(casePaidFen(c))}`} /> : null}
        <Cell title='申请日期 / 期限' value={`${c.receivedDate} / ${clock.deadline}`} />
        <Cell title='案情与请求' desc={c.facts} />
      </CellGroup>

      <CellGroup title='办理过程'>
        <Cell title='登记' desc={`申请日期 ${c.receivedDate}`} />
        {c.timeline.map((e, i) => (
          <Cell
            key={i}
            className='timeline-row'
            title={transitionFor(e.action).label + (e.mode ? `（${e.mode}）` : '')}
            desc={[
              e.date,
              e.reason ? `理由：${e.reason}` : '',
              e.agreement ? `协议金额 ¥${formatFen(e.agreement.amountFen)}` : '',
              e.paidFen !== undefined ? `履行 ¥${formatFen(e.paidFen)}${e.paymentComplete ? '（已全部履行）' : ''}` : '',
              e.note || ''
            ].filter(Boolean).join(' · ')}
            value={<Text className='muted'>{beijingDateTime(e.at).slice(5)}</Text>}
          />
        ))}
      </CellGroup>

      {draft
        ? (
          <FormGroup title={transitionFor(draft.action).label}>
            <DateField label='日期' name='eventDate' required value={draft.date || today} end={today} start={c.receivedDate} onChange={(d) => setDraft({ ...draft, date: d })} />
            {draft.action === 'reject' ? <TextAreaField label='不予受理理由' name='reason' required value={draft.reason || ''} maxlength={500} onChange={(x) => setDraft({ ...draft, reason: x })} /> : null}
            {draft.action === 'recordSession' ? <SelectField label='调解方式' name='mode' required value={draft.mode} options={SESSION_MODES} onChange={(x) => setDraft({ ...draft, mode: x })} /> : null}
            {draft.action === 'succeed'
              ? (
                <View>
                  <MoneyField label='协议金额' name='agreementAmount' required fen={draft.agreement?.amountFen} onChange={(f) => setDraft({ ...draft, agreement: { ...draft.agreement!, amountFen: f as number } })} />
                  <DateField label='约定支付日' name='payDate' required value={draft.agreement?.payDate || ''} onChange={(d) => setDraft({ ...draft, agreement: { ...draft.agreement!, payDate: d } })} />
                  <SelectField label='支付方式' name='payMethod' required value={draft.agreement?.payMethod} options={PAY_METHODS} onChange={(x) => setDraft({ ...draft, agreement: { ...draft.agreement!, payMethod: x } })} />
                  <TextAreaField label='协议内容' name='terms' value={draft.agreement?.terms || ''} maxlength={1000} onChange={(x) => setDraft({ ...draft, agreement: { ...draft.agreement!, terms: x || undefined } })} />
                </View>
                )
              : null}
            {draft.action === 'recordPayment'
              ? (
                <View>
                  <MoneyField label='本次履行金额' name='paidFen' required fen={draft.paidFen} onChange={(f) => setDraft({ ...draft, paidFen: f })} />
                  <SwitchField label='已全部履行' name='paymentComplete' value={!!draft.paymentComplete} onChange={(b) => setDraft({ ...draft, paymentComplete: b })} />
                </View>
                )
              : null}
            <TextAreaField label='备注' name='note' value={draft.note || ''} maxlength={1000} onChange={(x) => setDraft({ ...draft, note: x || undefined })} />
            {draftError ? <View className='tip error-text'>{draftError}</View> : null}
            <View className='button-area'>
              <Button className='action-confirm' type='primary' onClick={apply}>确认{transitionFor(draft.action).label}</Button>
              <Button onClick={() => setDraft(null)}>取消</Button>
            </View>
          </FormGroup>
          )
        : actions.length
          ? (
            <View className='actions'>
              {actions.map((t) => (
                <Button key={t.action} className={`action action--${t.action}`} size='mini' type={t.action === 'accept' || t.action === 'succeed' || t.action === 'close' ? 'primary' : 'default'} onClick={() => start(t.action)}>{t.label}</Button>
              ))}
            </View>
            )
          : null}

      {local.state !== 'draft' ? <CaseDocuments caseId={id} payload={c} synced={local.state === 'synced'} /> : null}

      {status === 'pending' || local.state === 'draft' || local.state === 'failed'
        ? <View className='button-area'><Button onClick={() => Taro.navigateTo({ url: `/pages/case-form/index?id=${id}` })}>修改案件信息</Button></View>
        : null}
    </View>
  )
}
