import { View } from '@tarojs/components'
import { EmptyState } from '../../components/empty-state'

export default function Workbench () {
  return (
    <View className='page'>
      <EmptyState title='站点工作台尚未开通' desc='调解案件、普法宣传和风险体检的登记功能正在建设中。' />
    </View>
  )
}
