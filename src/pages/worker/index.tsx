import { View } from '@tarojs/components'
import { EmptyState } from '../../components/empty-state'

export default function Worker () {
  return (
    <View className='page'>
      <EmptyState title='扫码投诉尚未开通' desc='欠薪投诉与进度查询功能正在建设中。' />
    </View>
  )
}
