/** A printable poster of a station's QR code: the station's name, the code, and one line telling workers what to do. */
import { Button, Image, View } from '@tarojs/components'
import Taro, { useLoad, useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { EmptyState } from '../../components/empty-state'
import { isWeapp } from '../../services/platform'
import { loadStationQr, type StationQrInfo } from '../../stores/qr-store'
import './index.scss'

export default function Poster () {
  const { params } = useRouter()
  const [qr, setQr] = useState<StationQrInfo | null>(null)
  const [error, setError] = useState<string | null>(null)

  useLoad(() => {
    loadStationQr(params.stationId).then(setQr).catch((e) => setError(e instanceof Error ? e.message : '二维码生成失败'))
  })

  if (error) return <View className='page'><EmptyState title='无法生成二维码' desc={error} /></View>
  if (!qr) return <View className='page'><EmptyState title='正在生成二维码…' /></View>

  const print = () => {
    if (isWeapp) Taro.previewImage({ urls: [qr.imageUrl] })
    else if (typeof window !== 'undefined') window.print()
  }

  return (
    <View className='page poster-page'>
      <View className='poster'>
        <View className='poster__org'>劳动关系公共服务站点</View>
        <View className='poster__name'>{qr.stationName}</View>
        <View className='poster__call'>扫码反映欠薪问题</View>
        <Image className='poster__qr' src={qr.imageUrl} mode='aspectFit' showMenuByLongpress />
        <View className='poster__steps'>微信扫一扫 → 填写欠薪情况 → 记下查询码，随时查看处理进度</View>
        <View className='poster__foot'>无需注册登录 · 个人信息仅用于处理您反映的问题 · 站点编码 {qr.stationCode}</View>
      </View>
      <View className='button-area no-print'>
        <Button type='primary' onClick={print}>{isWeapp ? '查看大图（长按保存后打印）' : '打印海报'}</Button>
      </View>
      {!isWeapp ? <View className='tip no-print'>二维码打开：{qr.target}</View> : null}
    </View>
  )
}
