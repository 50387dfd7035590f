/** 扫码投诉: for workers — scan a station's code (or type its code), see 我的投诉, or look one up by its tracking number. */
import { Button, Input, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { CellGroup, Cell } from '../../components/cells'
import { isWeapp, stationCodeFrom } from '../../services/platform'
import './index.scss'

export default function Worker () {
  const [code, setCode] = useState('')

  const scan = async () => {
    try {
      const r = await Taro.scanCode({ onlyFromCamera: true })
      // A station's mini-program code scanned inside the app yields its page path with the scene.
      const query = (r.path || '').split('?')[1] || ''
      const params = Object.fromEntries(query.split('&').filter(Boolean).map((p) => p.split('=')))
      const station = stationCodeFrom(params)
      if (station) Taro.navigateTo({ url: `/pages/complaint/index?s=${encodeURIComponent(station)}` })
      else Taro.showToast({ title: '这不是站点的投诉二维码', icon: 'none' })
    } catch {
      Taro.showToast({ title: '未能扫码', icon: 'none' })
    }
  }

  return (
    <View className='page worker'>
      <View className='page-title'>反映欠薪问题</View>
      <View className='page-desc'>每个劳动关系公共服务站点都张贴了二维码。用微信扫一扫站点的二维码，填写一张表，就能把欠薪问题反映给站点，并随时查看处理进度。不用注册，不用登录。</View>
      {isWeapp ? <View className='button-area'><Button type='primary' onClick={scan}>扫一扫站点二维码</Button></View> : null}
      <CellGroup title='没有二维码？输入站点编码'>
        <View className='worker__code'>
          <Input className='worker__code-input' value={code} placeholder='站点编码，如 YX01' maxlength={32} onInput={(e) => setCode(e.detail.value.trim())} />
          <Button size='mini' type='primary' disabled={!code} onClick={() => Taro.navigateTo({ url: `/pages/complaint/index?s=${encodeURIComponent(code)}` })}>打开</Button>
        </View>
      </CellGroup>
      <CellGroup title='已经反映过'>
        <Cell title='我的投诉' desc='本手机提交过的投诉和处理进度' onClick={() => Taro.navigateTo({ url: '/pages/my-complaints/index' })} />
        <Cell title='用查询码查进度' desc='在别的手机上提交的，也能查' onClick={() => Taro.navigateTo({ url: '/pages/my-complaints/index?lookup=1' })} />
      </CellGroup>
    </View>
  )
}
