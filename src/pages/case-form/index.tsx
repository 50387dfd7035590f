/** New (or fixed) mediation case: the fields in DOMAIN.md, validated as you type; save as draft or submit. */
import { Button, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import {
  CASE_COMPLEXITIES, CASE_SOURCES, COLLECTIVE_THRESHOLD, DISPUTE_TYPES, beijingDate, type MediationCase
} from '@/domain'
import { FormGroup, SelectField, TextAreaField, TextField, DateField } from '../../components/form'
import { MoneyField } from '../../components/money-field'
import { StatusBadge } from '../../components/badges'
import { useRecordForm } from '../../hooks/use-record-form'
import { useSaveRecord } from '../../hooks/use-save-record'
import { useOutboxStore } from '../../stores/use-outbox-store'
import { useSessionStore } from '../../stores/session-store'

export default function CaseForm () {
  const { params } = useRouter()
  const me = useSessionStore((s) => s.me)
  const existing = useOutboxStore((s) => (params.id ? s.records[params.id] : undefined))
  const today = beijingDate(new Date())
  // The form starts from what is on the phone (or blank) once; later store updates do not reset what is being typed.
  const [initial] = useState<Partial<MediationCase>>(() => (existing && existing.type === 'mediationCase'
    ? existing.payload
    : { receivedDate: today, workerCount: 1, disputeType: '劳动报酬', source: '当事人申请', complexity: '一般', applicant: { name: '', phone: '' }, employer: { name: '' }, facts: '', timeline: [] }))
  const form = useRecordForm('mediationCase', initial)
  const v = form.value
  const collective = (v.workerCount || 0) >= COLLECTIVE_THRESHOLD
  const points = me?.station?.points || []
  const [pointId, setPointId] = useState<string | null>(existing?.pointId ?? null)

  const save = useSaveRecord('mediationCase', { id: params.id, pointId, baseVersion: existing?.baseVersion, afterSubmit: (id) => Taro.redirectTo({ url: `/pages/case-detail/index?id=${id}` }) })

  return (
    <View className='page case-form'>
      {existing?.state === 'failed' && existing.error
        ? <View className='tip error-text'>服务器未接受：{existing.error.message}。请修改后重新提交。</View>
        : null}
      <FormGroup title='申请人'>
        <DateField label='申请日期' name='receivedDate' required value={v.receivedDate || ''} end={today} error={form.errorOf('receivedDate')} onChange={(d) => form.set('receivedDate', d)} />
        <TextField label='姓名' name='applicantName' required value={v.applicant?.name || ''} maxlength={30} error={form.errorOf('applicant.name')} onChange={(x) => form.set('applicant.name', x)} onBlur={() => form.touch('applicant.name')} />
        <TextField label='手机号' name='applicantPhone' required type='number' maxlength={11} value={v.applicant?.phone || ''} error={form.errorOf('applicant.phone')} onChange={(x) => form.set('applicant.phone', x)} onBlur={() => form.touch('applicant.phone')} />
        <TextField label='身份证号' name='applicantId' type='idcard' maxlength={18} value={v.applicant?.idNumber || ''} placeholder='选填' error={form.errorOf('applicant.idNumber')} onChange={(x) => form.set('applicant.idNumber', x || undefined)} onBlur={() => form.touch('applicant.idNumber')} />
        <TextField label='住址' name='applicantAddress' value={v.applicant?.address || ''} placeholder='选填，调解文书用' maxlength={200} error={form.errorOf('applicant.address')} onChange={(x) => form.set('applicant.address', x || undefined)} />
        <TextField
          label='涉及人数' name='workerCount' required type='number' maxlength={6}
          value={v.workerCount === undefined || Number.isNaN(v.workerCount) ? '' : String(v.workerCount)}
          error={form.errorOf('workerCount')}
          hint={collective ? <StatusBadge label={`集体争议（${COLLECTIVE_THRESHOLD}人及以上），请推选3–5名代表`} tone='orange' /> : null}
          onChange={(x) => form.set('workerCount', x === '' ? undefined : Number(x))}
        />
        {collective
          ? <TextField label='代表姓名' name='representatives' value={(v.representatives || []).join('、')} placeholder='用顿号分隔，3–5人' error={form.errorOf('representatives')} onChange={(x) => form.set('representatives', x ? x.split(/[、,，\s]+/).filter(Boolean) : undefined)} />
          : null}
      </FormGroup>

      <FormGroup title='用人单位'>
        <TextField label='单位名称' name='employerName' required value={v.employer?.name || ''} maxlength={100} error={form.errorOf('employer.name')} onChange={(x) => form.set('employer.name', x)} onBlur={() => form.touch('employer.name')} />
        <TextField label='信用代码' name='creditCode' maxlength={18} value={v.employer?.creditCode || ''} placeholder='统一社会信用代码，选填' error={form.errorOf('employer.creditCode')} onChange={(x) => form.set('employer.creditCode', x.toUpperCase() || undefined)} onBlur={() => form.touch('employer.creditCode')} />
        <TextField label='单位地址' name='employerAddress' value={v.employer?.address || ''} placeholder='选填' maxlength={200} onChange={(x) => form.set('employer.address', x || undefined)} />
        <TextField label='法定代表人' name='employerLegalRep' value={v.employer?.legalRep || ''} placeholder='或主要负责人，选填' maxlength={50} error={form.errorOf('employer.legalRep')} onChange={(x) => form.set('employer.legalRep', x || undefined)} />
        <TextField label='联系人' name='employerContact' value={v.employer?.contact || ''} placeholder='选填' maxlength={50} onChange={(x) => form.set('employer.contact', x || undefined)} />
      </FormGroup>

      <FormGroup title='争议情况'>
        <SelectField label='争议类型' name='disputeType' required value={v.disputeType} options={DISPUTE_TYPES} error={form.errorOf('disputeType')} onChange={(x) => form.set('disputeType', x)} />
        <SelectField label='案件来源' name='source' required value={v.source} options={CASE_SOURCES} error={form.errorOf('source') || form.errorOf('complaintId')} onChange={(x) => form.set('source', x)} />
        <SelectField label='复杂程度' name='complexity' required value={v.complexity} options={CASE_COMPLEXITIES} error={form.errorOf('complexity')} onChange={(x) => form.set('complexity', x)} />
        {points.length
          ? <SelectField label='受理地点' name='point' value={points.find((p) => p.id === pointId)?.name || '站点'} options={['站点', ...points.map((p) => p.name)]} onChange={(name) => setPointId(points.find((p) => p.name === name)?.id ?? null)} />
          : null}
        <MoneyField label='请求金额' name='claimedFen' required fen={v.claimedFen} error={form.errorOf('claimedFen')} onChange={(f) => form.set('claimedFen', f)} onBlur={() => form.touch('claimedFen')} />
        <TextAreaField label='案情与请求' name='facts' required value={v.facts || ''} maxlength={2000} placeholder='申请人反映的事实和具体请求' error={form.errorOf('facts')} onChange={(x) => form.set('facts', x)} onBlur={() => form.touch('facts')} />
      </FormGroup>

      <View className='button-area'>
        <Button className='case-form__submit' type='primary' onClick={() => save('submit', v, form.trySubmit)}>提交</Button>
        <Button className='case-form__draft' onClick={() => save('draft', v, form.trySubmit)}>保存草稿</Button>
      </View>
      <View className='tip'>提交后先保存在手机上，联网时自动同步。<Text className='muted'>手机号、身份证号在列表中打码显示。</Text></View>
    </View>
  )
}
