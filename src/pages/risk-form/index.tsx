/**
 * Enterprise labor-risk check: each item 合规 / 不合规 / 不适用 with a note; the risk level and its reasons computed
 * live by the versioned rule; a wage-arrears hidden risk stays on the register until it is closed (销号).
 */
import { Button, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import {
  CHECK_ITEMS, ITEM_RESULTS, ITEM_RESULT_LABELS, RISK_RULE_VERSION, assessRisk, beijingDate, hasWageHazard,
  type CheckItemKey, type ItemResult, type RiskCheck
} from '@/domain'
import { RiskBadge } from '../../components/badges'
import { DateField, FormGroup, FormRow, Segmented, SwitchField, TextAreaField, TextField } from '../../components/form'
import { MoneyField } from '../../components/money-field'
import { useRecordForm } from '../../hooks/use-record-form'
import { useSaveRecord } from '../../hooks/use-save-record'
import { useOutboxStore } from '../../stores/use-outbox-store'
import './index.scss'

function blankItems (construction: boolean): RiskCheck['items'] {
  const items = {} as Record<CheckItemKey, { result: ItemResult }>
  for (const i of CHECK_ITEMS) items[i.key] = { result: i.construction && !construction ? 'na' : 'compliant' }
  return items as RiskCheck['items']
}

export default function RiskForm () {
  const { params } = useRouter()
  const existing = useOutboxStore((s) => (params.id ? s.records[params.id] : undefined))
  const today = beijingDate(new Date())
  // The form starts from what is on the phone (or blank) once; later store updates do not reset what is being typed.
  const [initial] = useState<Partial<RiskCheck>>(() => (existing && existing.type === 'riskCheck'
    ? existing.payload
    : { checkDate: today, enterprise: { name: '', headcount: 0, isConstruction: false }, items: blankItems(false) }))
  const form = useRecordForm('riskCheck', initial)
  const v = form.value
  const items = (v.items || blankItems(false)) as RiskCheck['items']
  const construction = !!v.enterprise?.isConstruction
  const assessment = v.enterprise && v.items ? assessRisk({ enterprise: v.enterprise as RiskCheck['enterprise'], items }) : null
  const hazard = v.items ? hasWageHazard({ items }) : false
  const wasSynced = !!existing && existing.baseVersion > 0

  const setConstruction = (on: boolean) => {
    form.set('enterprise.isConstruction', on)
    for (const i of CHECK_ITEMS) if (i.construction) form.set(`items.${i.key}.result`, on ? 'compliant' : 'na')
  }

  const save = useSaveRecord('riskCheck', { id: params.id, baseVersion: existing?.baseVersion, afterSubmit: () => setTimeout(() => Taro.navigateBack(), 600) })

  return (
    <View className='page risk-form'>
      {existing?.state === 'failed' && existing.error ? <View className='tip error-text'>服务器未接受：{existing.error.message}</View> : null}
      <FormGroup title='企业'>
        <DateField label='体检日期' name='checkDate' required value={v.checkDate || ''} end={today} error={form.errorOf('checkDate')} onChange={(d) => form.set('checkDate', d)} />
        <TextField label='企业名称' name='enterpriseName' required value={v.enterprise?.name || ''} maxlength={100} error={form.errorOf('enterprise.name')} onChange={(x) => form.set('enterprise.name', x)} onBlur={() => form.touch('enterprise.name')} />
        <TextField label='信用代码' name='creditCode' maxlength={18} value={v.enterprise?.creditCode || ''} placeholder='统一社会信用代码，选填' error={form.errorOf('enterprise.creditCode')} onChange={(x) => form.set('enterprise.creditCode', x.toUpperCase() || undefined)} onBlur={() => form.touch('enterprise.creditCode')} />
        <TextField label='所属行业' name='industry' value={v.enterprise?.industry || ''} placeholder='选填' maxlength={30} onChange={(x) => form.set('enterprise.industry', x || undefined)} />
        <TextField label='职工人数' name='headcount' required type='number' maxlength={7} value={v.enterprise?.headcount === undefined ? '' : String(v.enterprise.headcount)} error={form.errorOf('enterprise.headcount')} onChange={(x) => form.set('enterprise.headcount', x === '' ? undefined : Number(x))} />
        <SwitchField label='工程建设项目' name='isConstruction' value={construction} onChange={setConstruction} />
      </FormGroup>

      <View className={`risk-live risk-live--${assessment?.level || 'low'}`}>
        <View className='risk-live__head'>
          <Text>风险等级</Text>{assessment ? <RiskBadge level={assessment.level} /> : null}
          <Text className='risk-live__version'>规则 {RISK_RULE_VERSION}</Text>
        </View>
        {assessment?.reasons.map((r) => <View key={r} className='risk-live__reason'>· {r}</View>)}
      </View>

      <FormGroup title='体检项目'>
        {CHECK_ITEMS.filter((i) => construction || !i.construction).map((i) => (
          <FormRow key={i.key} label={i.label} stacked name={`item-${i.key}`} error={form.errorOf(`items.${i.key}`)}>
            <Segmented name={i.key} value={items[i.key]?.result} options={ITEM_RESULTS} labels={ITEM_RESULT_LABELS} onChange={(r) => form.set(`items.${i.key}.result`, r)} />
            {i.key === 'laborContracts'
              ? <TextField label='签订率(%)' name='signingRatePercent' type='number' maxlength={3} value={items.laborContracts.signingRatePercent === undefined ? '' : String(items.laborContracts.signingRatePercent)} error={form.errorOf('items.laborContracts.signingRatePercent')} onChange={(x) => form.set('items.laborContracts.signingRatePercent', x === '' ? undefined : Number(x))} />
              : null}
            {i.key === 'noWageArrears' && items.noWageArrears.result === 'noncompliant'
              ? (
                <View className='arrears'>
                  <TextField label='欠薪人数' name='arrearsWorkers' required type='number' maxlength={6} value={items.noWageArrears.workers === undefined ? '' : String(items.noWageArrears.workers)} error={form.errorOf('items.noWageArrears.workers')} onChange={(x) => form.set('items.noWageArrears.workers', x === '' ? undefined : Number(x))} />
                  <TextField label='欠薪月数' name='arrearsMonths' type='number' maxlength={3} value={items.noWageArrears.months === undefined ? '' : String(items.noWageArrears.months)} onChange={(x) => form.set('items.noWageArrears.months', x === '' ? undefined : Number(x))} />
                  <MoneyField label='欠薪金额' name='arrearsAmount' fen={items.noWageArrears.amountFen} error={form.errorOf('items.noWageArrears.amountFen')} onChange={(f) => form.set('items.noWageArrears.amountFen', f)} />
                </View>
                )
              : null}
            {items[i.key]?.result === 'noncompliant'
              ? <TextField label='说明' name={`note-${i.key}`} value={items[i.key]?.note || ''} maxlength={200} placeholder='存在的问题' onChange={(x) => form.set(`items.${i.key}.note`, x || undefined)} />
              : null}
          </FormRow>
        ))}
      </FormGroup>

      {hazard
        ? (
          <FormGroup title='欠薪隐患' footer={v.hazardClosed ? '已销号：该企业从隐患台账中移除。' : '存在欠薪隐患：提交后列入站点隐患台账，整改到位后在此销号。'}>
            {wasSynced || v.hazardClosed
              ? (
                <View>
                  <SwitchField label='整改到位，销号' name='hazardClosed' value={!!v.hazardClosed} onChange={(on) => form.set('hazardClosed', on ? { date: today, note: '' } : undefined)} />
                  {v.hazardClosed
                    ? (
                      <View>
                        <DateField label='销号日期' name='hazardClosedDate' required value={v.hazardClosed.date} end={today} error={form.errorOf('hazardClosed.date')} onChange={(d) => form.set('hazardClosed.date', d)} />
                        <TextAreaField label='整改情况' name='hazardClosedNote' required value={v.hazardClosed.note} maxlength={500} error={form.errorOf('hazardClosed.note')} onChange={(x) => form.set('hazardClosed.note', x)} />
                      </View>
                      )
                    : null}
                </View>
                )
              : null}
          </FormGroup>
          )
        : null}

      <FormGroup>
        <TextAreaField label='备注' name='note' value={v.note || ''} maxlength={1000} onChange={(x) => form.set('note', x || undefined)} />
      </FormGroup>
      <View className='button-area'>
        <Button className='risk-form__submit' type='primary' onClick={() => save('submit', v, form.trySubmit)}>提交</Button>
        <Button onClick={() => save('draft', v, form.trySubmit)}>保存草稿</Button>
      </View>
    </View>
  )
}
