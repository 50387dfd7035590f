/** First open for a mediator or district staff: an invite code binds this WeChat (or this browser) to a role. */
import { Button, Input, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { ROLE_LABELS } from '@/domain'
import { CellGroup, Cell } from '../../components/cells'
import { useSignOut } from '../../hooks/use-sign-out'
import { isWeapp } from '../../services/platform'
import { useSessionStore } from '../../stores/session-store'
import './index.scss'

export default function Bind () {
  const [code, setCode] = useState('')
  const { me, loading, error, accessKey, bind } = useSessionStore((s) => s)
  const { busy, signOut } = useSignOut()
  const bound = me && (me.role === 'mediator' || me.role === 'district')

  const submit = async () => {
    if (code.trim().length < 4) return
    if (await bind(code.trim())) setCode('')
  }

  const enter = () => {
    if (me?.role === 'district') Taro.redirectTo({ url: '/report/pages/district/index' })
    else Taro.redirectTo({ url: '/pages/workbench/index' })
  }

  return (
    <View className='page bind'>
      <View className='page-title'>{bound ? '已绑定' : '绑定站点'}</View>
      <View className='page-desc'>
        {isWeapp
          ? '输入区人社局发给您的邀请码，本微信即与站点绑定，今后打开即可使用，无需密码。'
          : '输入区人社局发给您的邀请码（或您的个人登录码），本浏览器即登录。'}
      </View>

      {bound && me
        ? (
          <CellGroup title='当前身份'>
            <Cell title='身份' value={`${ROLE_LABELS[me.role as 'mediator' | 'district']}（${me.binding?.title || ''}）`} />
            <Cell title='姓名' value={me.binding?.displayName} />
            {me.station ? <Cell title='站点' desc={me.station.name} /> : null}
            {me.district ? <Cell title='所属区' value={me.district.name} /> : null}
          </CellGroup>
          )
        : null}

      {accessKey
        ? (
          <View className='bind__key'>
            <View className='bind__key-title'>您的个人登录码</View>
            <View className='bind__key-code'>{accessKey}</View>
            <View className='bind__key-tip'>请抄下或截图保存。换浏览器或手机时，用它登录同一账号。</View>
          </View>
          )
        : null}

      <View className='bind__form'>
        <Input
          className='bind__input'
          value={code}
          placeholder={bound ? '更换站点：输入新的邀请码' : '请输入邀请码，如 K7M4-QX9A-7PRT'}
          maxlength={20}
          onInput={(e) => setCode(e.detail.value.toUpperCase())}
          onConfirm={submit}
        />
        {error ? <View className='error-text bind__error'>{error}</View> : null}
      </View>
      <View className='button-area'>
        <Button className='bind__submit' type='primary' loading={loading} disabled={loading || code.trim().length < 4} onClick={submit}>{bound ? '更换绑定' : '绑定'}</Button>
        {bound ? <Button className='bind__enter' onClick={enter}>{me?.role === 'district' ? '进入区级报表' : '进入站点工作台'}</Button> : null}
        {bound && !isWeapp ? <Button className='bind__signout' disabled={busy} onClick={() => signOut(false)}>退出登录</Button> : null}
        {bound && !isWeapp ? <Button className='bind__signout-all' disabled={busy} onClick={() => signOut(true)}>在所有设备上退出</Button> : null}
      </View>
    </View>
  )
}
