/**
 * The worker's complaint form, opened by scanning a station's code: WeChat passes the station in `scene`, a browser
 * in `?s=`. An unknown or inactive station gets a clear message and no form. The complaint's id is made when the form
 * opens, so a double tap or a retry makes one complaint; offline it waits on the phone and says so.
 */
import { Button, Input, Text, View } from '@tarojs/components'
import Taro, { useLoad, useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { SECTORS, checkComplaintForm, beijingDate, type ComplaintForm } from '@/domain'
import { CheckRow, DateField, FormGroup, SelectField, TextAreaField, TextField } from '../../components/form'
import { MoneyField } from '../../components/money-field'
import { EmptyState } from '../../components/empty-state'
import { PrivacyPopup } from '../../components/privacy-popup'
import { askComplaintNotifications, canAskComplaintNotifications, stationCodeFrom } from '../../services/platform'
import { getComplaints, stationByCode, useComplaintStore, type SentComplaint } from '../../stores/complaint-store'
import { ensurePrivacyAgreement } from '../../stores/privacy-store'
import './index.scss'

type Station = { code: string, name: string, area: string, districtName: string }

export default function Complaint () {
  const { params } = useRouter()
  const code = stationCodeFrom(params)
  const [station, setStation] = useState<Station | null>(null)
  const [stationError, setStationError] = useState<string | null>(code ? null : '没有识别到站点，请扫描站点张贴的二维码')
  const newFormId = useComplaintStore((s) => s.newFormId)
  const thisMonth = beijingDate(new Date()).slice(0, 7)
  const [form, setForm] = useState<Partial<ComplaintForm>>(() => ({ id: newFormId(), stationCode: code, sector: '工程建设', workerCount: 1, owedFrom: thisMonth, owedTo: thisMonth, website: '' }))
  const [touched, setTouched] = useState<Set<string>>(new Set())
  const [tried, setTried] = useState(false)
  const [sending, setSending] = useState(false)
  const [result, setResult] = useState<{ sent?: SentComplaint, queued?: { reason: string | null }, refused?: string } | null>(null)
  const today = beijingDate(new Date())

  useLoad(() => {
    if (!code) return
    stationByCode(code).then(setStation).catch((e) => setStationError(e instanceof Error ? e.message : '站点信息加载失败'))
  })

  const parsed = checkComplaintForm(form, today)
  const issues = parsed.ok ? [] : parsed.issues
  const errorOf = (path: string) => (tried || touched.has(path) ? issues.find((i) => i.path === path)?.message || null : null)
  const set = (path: keyof ComplaintForm, value: unknown) => {
    setForm((f) => ({ ...f, [path]: value }))
    setTouched((t) => new Set(t).add(path))
  }

  const send = async () => {
    setTried(true)
    if (!parsed.ok || sending) {
      Taro.showToast({ title: issues[0]?.message || '请检查填写内容', icon: 'none' })
      return
    }
    setSending(true)
    const privacy = await ensurePrivacyAgreement()
    if (!privacy.ok) {
      setSending(false)
      Taro.showToast({ title: privacy.message, icon: 'none' })
      return
    }
    const r = await getComplaints().submit(parsed.value)
    setSending(false)
    if (r.status === 'sent') setResult({ sent: r.complaint })
    else if (r.status === 'queued') setResult({ queued: { reason: r.reason } })
    else setResult({ refused: r.message })
  }

  if (stationError) {
    return (
      <View className='page'>
        <EmptyState title='无法打开投诉表' desc={stationError} action={<Button size='mini' onClick={() => Taro.redirectTo({ url: '/pages/worker/index' })}>返回</Button>} />
      </View>
    )
  }
  if (!station) return <View className='page'><EmptyState title='正在读取站点信息…' /></View>

  if (result?.sent) {
    return (
      <View className='page complaint-done'>
        <View className='complaint-done__icon'>✓</View>
        <View className='complaint-done__title'>已提交到 {result.sent.stationName}</View>
        <View className='complaint-done__label'>查询码</View>
        <View className='complaint-done__code'>{result.sent.trackingNo}</View>
        <View className='complaint-done__tip'>请记下查询码。在任何手机上，用查询码和手机号后4位都能查看处理进度。</View>
        {result.sent.heldForReview ? <View className='complaint-done__tip'>您的说明需人工复核，站点仍会收到并处理。</View> : null}
        <View className='button-area'>
          <Button type='primary' onClick={() => Taro.redirectTo({ url: '/pages/my-complaints/index' })}>查看我的投诉</Button>
        </View>
      </View>
    )
  }

  return (
    <View className='page complaint'>
      <View className='complaint__station'>
        <View className='complaint__station-name'>{station.name}</View>
        <View className='complaint__station-area'>{station.districtName} · {station.area}</View>
      </View>
      {result?.queued
        ? (
          <View className='notice notice--warn'>
            {result.queued.reason
              ? `投诉已保存在手机上，暂时无法提交：${result.queued.reason}。打开“我的投诉”时会再次提交，请勿重复填写。`
              : '网络不可用：投诉已保存在手机上，联网后会自动提交，请勿重复填写。'}
          </View>
          )
        : null}
      {result?.refused ? <View className='notice notice--error'>{result.refused}</View> : null}

      <FormGroup title='您的信息'>
        <TextField label='姓名' name='name' required value={form.name || ''} maxlength={30} error={errorOf('name')} onChange={(v) => set('name', v)} />
        <TextField label='手机号' name='phone' required type='number' maxlength={11} value={form.phone || ''} error={errorOf('phone')} onChange={(v) => set('phone', v)} />
      </FormGroup>
      <FormGroup title='欠薪情况'>
        <TextField label='用人单位' name='employerName' required value={form.employerName || ''} maxlength={100} placeholder='公司或老板名称' error={errorOf('employerName')} onChange={(v) => set('employerName', v)} />
        <TextField label='项目/工地' name='project' value={form.project || ''} maxlength={100} placeholder='选填' onChange={(v) => set('project', v || undefined)} />
        <SelectField label='行业类别' name='sector' required value={form.sector} options={SECTORS} error={errorOf('sector')} onChange={(v) => set('sector', v)} />
        <DateField label='欠薪开始' name='owedFrom' fields='month' required value={form.owedFrom || ''} end={today.slice(0, 7)} error={errorOf('owedFrom')} onChange={(v) => set('owedFrom', v.slice(0, 7))} />
        <DateField label='欠薪结束' name='owedTo' fields='month' required value={form.owedTo || ''} end={today.slice(0, 7)} error={errorOf('owedTo')} onChange={(v) => set('owedTo', v.slice(0, 7))} />
        <MoneyField label='欠薪金额' name='amountOwedFen' required fen={form.amountOwedFen} error={errorOf('amountOwedFen')} onChange={(f) => set('amountOwedFen', f)} />
        <TextField label='被欠薪人数' name='workerCount' required type='number' maxlength={6} value={form.workerCount === undefined || Number.isNaN(form.workerCount) ? '' : String(form.workerCount)} error={errorOf('workerCount')} onChange={(v) => set('workerCount', v === '' ? undefined : Number(v))} />
        <TextAreaField label='情况说明' name='description' required value={form.description || ''} maxlength={1000} placeholder='干了什么活、欠了多久、找过谁' error={errorOf('description')} onChange={(v) => set('description', v)} />
      </FormGroup>
      {/* Honeypot: hidden from people (and from screen readers); scripts fill every field they find. */}
      <View className='complaint__hp' aria-hidden>
        <Input name='website' value={form.website || ''} onInput={(e) => setForm((f) => ({ ...f, website: e.detail.value }))} />
      </View>

      <View className='privacy'>
        <View className='privacy__title'>个人信息处理说明</View>
        <View className='privacy__text'>
          您填写的姓名、手机号和欠薪情况只用于{station.name}核实、处理您反映的问题并与您联系，不作他用；站点工作人员查看您的完整手机号会留下记录；对外统计只有数字，不含个人信息。办结后按档案管理规定保存。
        </View>
        {canAskComplaintNotifications
          ? (
            <CheckRow className='privacy__notify' checked={!!form.notify} onChange={(v) => { if (!v) set('notify', undefined); else void askComplaintNotifications().then((ok) => set('notify', ok || undefined)) }}>
              处理进度有变化时，用微信服务通知告诉我
            </CheckRow>
            )
          : null}
        <CheckRow className='privacy__consent' checked={form.consent === true} onChange={(v) => set('consent', v ? true : undefined)}>
          我已阅读并同意《个人信息处理说明》{tried && form.consent !== true ? <Text className='error-text'>（请勾选后提交）</Text> : null}
        </CheckRow>
      </View>

      <View className='button-area'>
        <Button className='complaint__submit' type='primary' loading={sending} disabled={sending} onClick={send}>提交</Button>
      </View>
      <View className='tip'>遇到紧急情况，也可以直接到站点或拨打 12333。</View>
      <PrivacyPopup purpose={`提交投诉前，需要把您填写的姓名、手机号和欠薪情况发送给${station.name}。`} />
    </View>
  )
}
