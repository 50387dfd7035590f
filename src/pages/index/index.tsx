/** Home: sends each kind of user to their part of the app. */
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import './index.scss'

interface Entry {
  key: string
  title: string
  who: string
  desc: string
  mark: string
  url: string
}

const ENTRIES: Entry[] = [
  { key: 'workbench', title: '站点工作台', who: '调解员', desc: '登记调解案件、普法宣传、企业风险体检，离线也能记', mark: '调', url: '/pages/workbench/index' },
  { key: 'worker', title: '扫码投诉', who: '劳动者', desc: '扫站点二维码反映欠薪问题，查询处理进度', mark: '诉', url: '/pages/worker/index' },
  { key: 'report', title: '区级报表', who: '区人社局', desc: '各站点分期汇总、成功率与结案率、导出报表', mark: '报', url: '/report/pages/district/index' }
]

export default function Index () {
  const open = (url: string) => Taro.navigateTo({ url })
  return (
    <View className='page home'>
      <View className='home__head'>
        <View className='home__title'>站点台账</View>
        <View className='home__subtitle'>劳动关系公共服务站点工作平台</View>
      </View>
      <View className='home__entries'>
        {ENTRIES.map((e) => (
          <View key={e.key} className={`entry entry--${e.key}`} hoverClass='entry--active' onClick={() => open(e.url)}>
            <View className='entry__mark'>{e.mark}</View>
            <View className='entry__body'>
              <View className='entry__title'>
                <Text>{e.title}</Text>
                <Text className='entry__who'>{e.who}</Text>
              </View>
              <View className='entry__desc'>{e.desc}</View>
            </View>
            <Text className='entry__arrow'>›</Text>
          </View>
        ))}
      </View>
      <View className='home__footer'>
        <Text className='link' onClick={() => open('/pages/about/index')}>关于与隐私</Text>
      </View>
    </View>
  )
}
