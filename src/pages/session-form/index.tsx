/** Legal-awareness session (普法宣传): when, where, how, what, and how many people it reached. */
import { Button, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { SESSION_FORMATS, SESSION_TOPICS, beijingDate, type LegalSession } from '@/domain'
import { DateField, FormGroup, FormRow, SelectField, TextAreaField, TextField } from '../../components/form'
import { useRecordForm } from '../../hooks/use-record-form'
import { useSaveRecord } from '../../hooks/use-save-record'
import { useOutboxStore } from '../../stores/use-outbox-store'
import './index.scss'

const COUNTS: Array<{ key: keyof LegalSession, label: string }> = [
  { key: 'attendees', label: '参加人次' },
  { key: 'enterprisesCovered', label: '覆盖企业' },
  { key: 'materials', label: '发放资料(份)' },
  { key: 'consultations', label: '现场咨询' }
]

export default function SessionForm () {
  const { params } = useRouter()
  const existing = useOutboxStore((s) => (params.id ? s.records[params.id] : undefined))
  const today = beijingDate(new Date())
  // The form starts from what is on the phone (or blank) once; later store updates do not reset what is being typed.
  const [initial] = useState<Partial<LegalSession>>(() => (existing && existing.type === 'legalSession'
    ? existing.payload
    : { date: today, place: '', format: '进企业', topics: [], attendees: 0, enterprisesCovered: 0, materials: 0, consultations: 0 }))
  const form = useRecordForm('legalSession', initial)
  const v = form.value
  const topics = v.topics || []

  const toggleTopic = (t: string) => form.set('topics', topics.includes(t) ? topics.filter((x) => x !== t) : [...topics, t])

  const save = useSaveRecord('legalSession', { id: params.id, baseVersion: existing?.baseVersion, afterSubmit: () => setTimeout(() => Taro.navigateBack(), 600) })

  return (
    <View className='page session-form'>
      {existing?.state === 'failed' && existing.error ? <View className='tip error-text'>服务器未接受：{existing.error.message}</View> : null}
      <FormGroup title='活动'>
        <DateField label='活动日期' name='date' required value={v.date || ''} end={today} error={form.errorOf('date')} onChange={(d) => form.set('date', d)} />
        <TextField label='活动地点' name='place' required value={v.place || ''} maxlength={100} error={form.errorOf('place')} onChange={(x) => form.set('place', x)} onBlur={() => form.touch('place')} />
        <SelectField label='活动形式' name='format' required value={v.format} options={SESSION_FORMATS} error={form.errorOf('format')} onChange={(x) => form.set('format', x)} />
        <TextField label='主讲人' name='speakers' value={v.speakers || ''} placeholder='选填' maxlength={100} onChange={(x) => form.set('speakers', x || undefined)} />
        <FormRow label='宣传主题' required stacked error={form.errorOf('topics')} name='topics'>
          <View className='chips'>
            {SESSION_TOPICS.map((t) => <View key={t} className={`chip ${topics.includes(t) ? 'chip--on' : ''}`} onClick={() => toggleTopic(t)}>{t}</View>)}
          </View>
        </FormRow>
      </FormGroup>
      <FormGroup title='覆盖面'>
        {COUNTS.map((c) => (
          <TextField
            key={c.key} label={c.label} name={c.key} required type='number' maxlength={7}
            value={v[c.key] === undefined || Number.isNaN(v[c.key]) ? '' : String(v[c.key])}
            error={form.errorOf(c.key)}
            onChange={(x) => form.set(c.key, x === '' ? undefined : Number(x))}
          />
        ))}
        <TextAreaField label='备注' name='note' value={v.note || ''} maxlength={1000} onChange={(x) => form.set('note', x || undefined)} />
      </FormGroup>
      <View className='button-area'>
        <Button className='session-form__submit' type='primary' onClick={() => save('submit', v, form.trySubmit)}>提交</Button>
        <Button onClick={() => save('draft', v, form.trySubmit)}>保存草稿</Button>
      </View>
    </View>
  )
}
