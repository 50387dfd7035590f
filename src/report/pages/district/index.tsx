import { View } from '@tarojs/components'
import { EmptyState } from '../../../components/empty-state'

export default function DistrictReport () {
  return (
    <View className='page'>
      <EmptyState title='区级报表尚未开通' desc='各站点分期汇总与导出功能正在建设中。' />
    </View>
  )
}
