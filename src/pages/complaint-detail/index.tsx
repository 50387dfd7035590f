/**
 * One complaint for its station's mediator: full phone number (the view is audited), the worker's account, and the
 * actions: 受理 / 不予受理 (a reason the worker sees) / 转为调解案件 / 转监察或仲裁 / 办结 (amount recovered).
 */
import { Button, View } from '@tarojs/components'
import Taro, { useLoad, useRouter } from '@tarojs/taro'
import { useState } from 'react'
import {
  COMPLAINT_STATUS_LABELS, TRANSFER_TARGETS, availableComplaintActions, beijingDateTime, complaintStatus, formatFen, newRecordId,
  type ComplaintStatus, type StoredRecord
} from '@/domain'
import { StatusBadge } from '../../components/badges'
import { CellGroup, Cell } from '../../components/cells'
import { EmptyState } from '../../components/empty-state'
import { FormGroup, SelectField, TextAreaField } from '../../components/form'
import { MoneyField } from '../../components/money-field'
import { handleComplaint, openComplaint, type HandleInput } from '../../stores/inbox-store'

const STEP_LABELS: Record<string, string> = { accept: '受理', reject: '不予受理', convert: '转为调解案件', transfer: '转办', close: '办结' }

export default function ComplaintDetail () {
  const { params } = useRouter()
  const [record, setRecord] = useState<StoredRecord | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [draft, setDraft] = useState<HandleInput | null>(null)
  const [busy, setBusy] = useState(false)

  useLoad(() => {
    openComplaint(params.id || '').then(setRecord).catch((e) => setError(e instanceof Error ? e.message : '加载失败'))
  })

  if (error) return <View className='page'><EmptyState title='无法打开投诉' desc={error} /></View>
  if (!record || record.type !== 'wageComplaint') return <View className='page'><EmptyState title='正在加载…' /></View>
  const c = record.payload
  const status = complaintStatus(c)
  const actions = availableComplaintActions(status)

  const run = async (input: HandleInput) => {
    setBusy(true)
    try {
      const r = await handleComplaint(record, input.action === 'convert' ? { ...input, caseId: newRecordId() } : input)
      setRecord(r.record)
      setDraft(null)
      if (r.case) {
        Taro.showToast({ title: '已转为调解案件', icon: 'none' })
        Taro.redirectTo({ url: `/pages/case-detail/index?id=${r.case.id}` })
      } else Taro.showToast({ title: '已更新，投诉人可以看到', icon: 'none' })
    } catch (e) {
      Taro.showModal({ title: '未能完成', content: e instanceof Error ? e.message : '请稍后重试', showCancel: false })
    }
    setBusy(false)
  }

  const start = (action: HandleInput['action']) => {
    if (action === 'accept' || action === 'convert') void run({ action })
    else setDraft({ action, ...(action === 'transfer' ? { transferTo: TRANSFER_TARGETS[0] } : {}), ...(action === 'close' ? { recoveredFen: 0 } : {}) })
  }

  return (
    <View className='page complaint-detail'>
      <View className='page-title'>{c.employerName}</View>
      <View className='page-desc'>
        <StatusBadge label={COMPLAINT_STATUS_LABELS[status as ComplaintStatus]} tone={status === 'submitted' ? 'orange' : 'grey'} /> 查询码 {c.trackingNo}
        {c.heldForReview ? <View className='error-text'>内容待人工复核：系统检测到可能不当的文字，请核实后处理。</View> : null}
      </View>
      <CellGroup title='投诉人（完整号码仅您可见，查看已记录）'>
        <Cell title='姓名' value={c.name} />
        <Cell title='手机号' value={c.phone} onClick={() => Taro.makePhoneCall({ phoneNumber: c.phone }).catch(() => undefined)} />
      </CellGroup>
      <CellGroup title='欠薪情况'>
        {c.project ? <Cell title='项目/工地' value={c.project} /> : null}
        <Cell title='行业' value={c.sector} />
        <Cell title='欠薪期间' value={`${c.owedFrom} 至 ${c.owedTo}`} />
        <Cell title='金额 / 人数' value={`¥${formatFen(c.amountOwedFen)} · ${c.workerCount}人`} />
        <Cell title='情况说明' desc={c.description} />
        <Cell title='提交时间' value={beijingDateTime(record.createdAt)} />
      </CellGroup>
      {c.timeline.length
        ? (
          <CellGroup title='处理记录'>
            {c.timeline.map((e, i) => <Cell key={i} title={STEP_LABELS[e.action]} desc={[e.date, e.reason, e.transferTo, e.recoveredFen !== undefined ? `追回 ¥${formatFen(e.recoveredFen)}` : '', e.note].filter(Boolean).join(' · ')} />)}
          </CellGroup>
          )
        : null}

      {draft
        ? (
          <FormGroup title={STEP_LABELS[draft.action]}>
            {draft.action === 'reject' ? <TextAreaField label='理由（投诉人可见）' name='reason' required value={draft.reason || ''} maxlength={500} onChange={(x) => setDraft({ ...draft, reason: x })} /> : null}
            {draft.action === 'transfer' ? <SelectField label='转办去向' name='transferTo' required value={draft.transferTo} options={TRANSFER_TARGETS} onChange={(x) => setDraft({ ...draft, transferTo: x })} /> : null}
            {draft.action === 'close' ? <MoneyField label='追回金额' name='recoveredFen' required fen={draft.recoveredFen} onChange={(f) => setDraft({ ...draft, recoveredFen: f })} /> : null}
            <TextAreaField label='说明' name='note' value={draft.note || ''} maxlength={500} onChange={(x) => setDraft({ ...draft, note: x || undefined })} />
            <View className='button-area'>
              <Button className='handle-confirm' type='primary' loading={busy} disabled={busy || (draft.action === 'reject' && !draft.reason)} onClick={() => run(draft)}>确认{STEP_LABELS[draft.action]}</Button>
              <Button onClick={() => setDraft(null)}>取消</Button>
            </View>
          </FormGroup>
          )
        : (
          <View className='button-area'>
            {actions.map((t) => (
              <Button key={t.action} className={`handle handle--${t.action}`} type={t.action === 'accept' || t.action === 'convert' ? 'primary' : 'default'} loading={busy} disabled={busy} onClick={() => start(t.action)}>
                {t.action === 'transfer' ? '转劳动保障监察 / 仲裁' : t.label}
              </Button>
            ))}
          </View>
          )}
    </View>
  )
}
