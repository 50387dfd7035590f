/** Legal-awareness session (普法宣传). */
import { z } from 'zod/mini'
import { calendarDate, count, optionalText, text } from './fields'

export const SESSION_FORMATS = ['进企业', '进园区', '进社区', '进工地', '集中培训', '线上'] as const
export const SESSION_TOPICS = ['劳动合同法', '保障农民工工资支付条例', '社会保险', '工伤保险', '调解仲裁', '工时休假', '劳动安全'] as const

export const legalSessionSchema = z.strictObject({
  date: calendarDate('活动日期'),
  place: text('活动地点', 100),
  format: z.enum(SESSION_FORMATS, { error: '请选择活动形式' }),
  topics: z.array(text('主题', 30)).check(z.minLength(1, '请至少选择一个宣传主题'), z.maxLength(10, '主题最多10个')),
  speakers: optionalText('主讲人', 100),
  attendees: count('参加人次'),
  enterprisesCovered: count('覆盖企业数', 100_000),
  materials: count('发放资料份数'),
  consultations: count('现场咨询人次'),
  note: optionalText('备注', 1000)
})

export type LegalSession = z.infer<typeof legalSessionSchema>

export function legalSessionRuleIssues (s: LegalSession, today: string) {
  return s.date > today ? [{ path: 'date', message: '活动日期不能晚于今天' }] : []
}
