/** Reusable zod field schemas with Chinese messages. */
import { z } from 'zod'
import { isCalendarDate } from './dates'
import { isRecordId } from './ids'
import { MAX_FEN } from './money'
import { isCreditCode, isMobile, isResidentId } from './validators'

export const text = (label: string, max: number) =>
  z.string({ required_error: `请填写${label}`, invalid_type_error: `${label}须为文字` })
    .trim().min(1, `请填写${label}`).max(max, `${label}不能超过${max}个字`)

export const optionalText = (label: string, max: number) =>
  z.string({ invalid_type_error: `${label}须为文字` }).trim().max(max, `${label}不能超过${max}个字`).optional()

export const calendarDate = (label: string) =>
  z.string({ required_error: `请选择${label}`, invalid_type_error: `${label}格式应为 YYYY-MM-DD` })
    .refine(isCalendarDate, `${label}格式应为 YYYY-MM-DD`)

export const mobile = (label = '手机号') =>
  z.string({ required_error: `请填写${label}`, invalid_type_error: `${label}须为文字` })
    .trim().refine(isMobile, `${label}应为11位手机号码`)

export const residentId = z.string({ invalid_type_error: '身份证号须为文字' }).trim().toUpperCase()
  .refine((v) => v === '' || isResidentId(v), '身份证号码不正确（请核对最后一位校验码）')

export const creditCode = z.string({ invalid_type_error: '统一社会信用代码须为文字' }).trim().toUpperCase()
  .refine((v) => v === '' || isCreditCode(v), '统一社会信用代码不正确（18位，请核对最后一位校验码）')

/** Money in integer fen; never negative or fractional. */
export const fen = (label: string) =>
  z.number({ required_error: `请填写${label}`, invalid_type_error: `${label}须为数字` })
    .int(`${label}最多两位小数`).min(0, `${label}不能为负数`).max(MAX_FEN, `${label}超出合理范围`)

export const count = (label: string, max = 1_000_000) =>
  z.number({ required_error: `请填写${label}`, invalid_type_error: `${label}须为数字` })
    .int(`${label}须为整数`).min(0, `${label}不能为负数`).max(max, `${label}不能超过${max}`)

export const recordId = z.string({ required_error: '缺少记录编号', invalid_type_error: '记录编号须为文字' })
  .refine(isRecordId, '记录编号格式不正确')

export const isoInstant = z.string({ invalid_type_error: '时间格式不正确' })
  .max(40).refine((v) => !Number.isNaN(Date.parse(v)) && /^\d{4}-\d{2}-\d{2}T/.test(v), '时间格式不正确')
