/**
 * The 隐私保护指引 popup WeChat requires before personal data is collected: what is asked and why, a link to the full
 * guide, 同意 and 不同意. Shown while a privacy request waits (see stores/privacy-store.ts). With WeChat's privacy API
 * the agree button carries open-type agreePrivacyAuthorization, which is how WeChat records the agreement.
 */
import { Button, Text, View } from '@tarojs/components'
import { useEffect } from 'react'
import { AGREE_BUTTON_ID, getPrivacy, usePrivacyStore } from '../stores/privacy-store'
import './privacy-popup.scss'

export function PrivacyPopup ({ purpose }: { purpose: string }) {
  const prompts = usePrivacyStore((s) => s.prompts)
  const waiting = prompts.length > 0
  const platform = prompts.some((p) => p.mode === 'platform')

  useEffect(() => {
    if (waiting) getPrivacy().shown()
  }, [waiting, prompts])

  if (!waiting) return null
  const { agree, disagree, openGuide } = getPrivacy()
  return (
    <View className='privacy-popup' catchMove>
      <View className='privacy-popup__panel'>
        <View className='privacy-popup__title'>隐私保护指引</View>
        <View className='privacy-popup__text'>
          {purpose}请您阅读
          <Text className='privacy-popup__link' onClick={openGuide}>《站点台账隐私保护指引》</Text>
          ，了解我们收集哪些个人信息、用于什么、谁能看到、保存多久。同意后才会发送您填写的信息；不同意则不会发送任何信息。
        </View>
        <View className='privacy-popup__buttons'>
          <Button className='privacy-popup__disagree' onClick={disagree}>不同意</Button>
          {platform
            ? <Button id={AGREE_BUTTON_ID} className='privacy-popup__agree' type='primary' openType='agreePrivacyAuthorization' onAgreePrivacyAuthorization={agree}>同意</Button>
            : <Button id={AGREE_BUTTON_ID} className='privacy-popup__agree' type='primary' onClick={agree}>同意</Button>}
        </View>
      </View>
    </View>
  )
}
