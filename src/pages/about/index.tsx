/** What the product is, what personal data it collects, why, who sees it, and how long it is kept. */
import { View } from '@tarojs/components'
import { CellGroup, Cell } from '../../components/cells'
import './index.scss'

const COLLECTED = [
  { who: '投诉的劳动者', what: '姓名、手机号、用人单位、欠薪期间与金额、人数、情况说明', why: '站点核实和处理欠薪问题、与您联系、告知处理进度' },
  { who: '调解案件当事人', what: '申请人姓名、手机号、身份证号（可不填）、用人单位信息', why: '依法开展劳动争议调解，制作调解协议' },
  { who: '站点工作人员', what: '微信身份标识（OpenID）或登录凭证、所属站点、姓名', why: '确认操作人身份与权限，记录谁在何时做了什么' }
]

export default function About () {
  return (
    <View className='page about'>
      <View className='page-title'>站点台账</View>
      <View className='page-desc'>
        为区人社局下属的劳动关系公共服务站点（街道、乡镇的“站”和村、社区的“点”）提供的工作台：
        调解员登记劳动争议调解、普法宣传和企业劳动关系风险体检；劳动者扫码反映欠薪问题；区级工作人员查看和导出各站点汇总报表。
      </View>

      <CellGroup title='我们收集哪些个人信息、为什么'>
        {COLLECTED.map((c) => (
          <Cell key={c.who} title={c.who} desc={<View><View>收集：{c.what}</View><View>用途：{c.why}</View></View>} />
        ))}
      </CellGroup>

      <CellGroup title='谁能看到'>
        <Cell title='投诉人' desc='只能看到自己提交的投诉及其处理进度；在其他手机上查询须提供查询码和手机号后4位。' />
        <Cell title='站点调解员' desc='只能看到本站点的记录。列表中手机号、身份证号均打码显示；查看完整号码会留下访问记录。' />
        <Cell title='区级工作人员' desc='看到本区各站点的汇总数据。导出的报表只有统计数字，不含任何个人信息。' />
      </CellGroup>

      <CellGroup title='您的权利与保存期限'>
        <Cell title='最少收集' desc='只收集处理事项必需的信息；身份证号等非必填项可以不填。' />
        <Cell title='同意' desc='提交投诉前须阅读并勾选同意本说明；不同意则不会发送任何信息。' />
        <Cell title='保存期限' desc='案件和投诉办结后按档案管理规定保存，期满删除或匿名化处理。' />
        <Cell title='查询与更正' desc='可向受理站点申请查询、更正或删除您的个人信息。' />
      </CellGroup>

      <View className='tip'>个人信息不会用于处理劳动关系事务以外的目的，也不会写入系统日志。</View>
    </View>
  )
}
