/**
 * Reusable zod field schemas with Chinese messages. The domain uses zod's "mini" build (functional checks,
 * tree-shaken): a fraction of the classic build's weight in the mini program and H5 bundles, the same fast core.
 */
import { z } from 'zod/mini'
import { typeError } from './zod-zh'
import { EARLIEST_DATE, LATEST_DATE, isCalendarDate } from './dates'
import { isRecordId } from './ids'
import { MAX_FEN } from './money'
import { normalizeText } from './text'
import { isCreditCode, isMobile, isResidentId } from './validators'

/** Normalizes free text before any other check (see text.ts): invisible-only text then fails "required". */
const normalized = () => z.overwrite(normalizeText)

/** A whole-number check with our own message. */
export const whole = (message: string) => z.refine<number>((v) => Number.isInteger(v), message)

export const text = (label: string, max: number) =>
  z.string(typeError(`请填写${label}`, `${label}须为文字`))
    .check(normalized(), z.minLength(1, `请填写${label}`), z.maxLength(max, `${label}不能超过${max}个字`))

export const optionalText = (label: string, max: number) =>
  z.optional(z.string(typeError(undefined, `${label}须为文字`)).check(normalized(), z.maxLength(max, `${label}不能超过${max}个字`)))

/** A real calendar date within what the ledger reports on (2000–2100); rules add "not in the future" where it applies. */
export const calendarDate = (label: string) =>
  z.string(typeError(`请选择${label}`, `${label}格式应为 YYYY-MM-DD`))
    .check(
      z.refine(isCalendarDate, { message: `${label}格式应为 YYYY-MM-DD`, abort: true }),
      z.refine((v) => v >= EARLIEST_DATE, `${label}不能早于${EARLIEST_DATE.slice(0, 4)}年`),
      z.refine((v) => v <= LATEST_DATE, `${label}不能晚于${LATEST_DATE.slice(0, 4)}年`)
    )

export const mobile = (label = '手机号') =>
  z.string(typeError(`请填写${label}`, `${label}须为文字`))
    .check(normalized(), z.refine(isMobile, `${label}应为11位手机号码`))

export const residentId = z.string(typeError(undefined, '身份证号须为文字'))
  .check(z.trim(), z.toUpperCase(), z.refine((v) => v === '' || isResidentId(v), '身份证号码不正确（请核对最后一位校验码）'))

export const creditCode = z.string(typeError(undefined, '统一社会信用代码须为文字'))
  .check(z.trim(), z.toUpperCase(), z.refine((v) => v === '' || isCreditCode(v), '统一社会信用代码不正确（18位，请核对最后一位校验码）'))

/** Money in integer fen; never negative or fractional. */
export const fen = (label: string, min = 0, minMessage = `${label}不能为负数`) =>
  z.number(typeError(`请填写${label}`, `${label}须为数字`))
    .check(whole(`${label}最多两位小数`), z.minimum(min, minMessage), z.maximum(MAX_FEN, `${label}超出合理范围`))

export const count = (label: string, max = 1_000_000, min = 0, minMessage = `${label}不能为负数`) =>
  z.number(typeError(`请填写${label}`, `${label}须为数字`))
    .check(whole(`${label}须为整数`), z.minimum(min, minMessage), z.maximum(max, `${label}不能超过${max}`))

/** The server version an action on a stored record was based on (a stale one is a conflict). */
export const editedVersion = z.number(typeError('缺少记录版本')).check(whole('记录版本须为整数'), z.minimum(1))

export const recordId = z.string(typeError('缺少记录编号', '记录编号须为文字'))
  .check(z.refine(isRecordId, '记录编号格式不正确'))

export const isoInstant = z.string(typeError(undefined, '时间格式不正确'))
  .check(z.maxLength(40), z.refine((v) => !Number.isNaN(Date.parse(v)) && /^\d{4}-\d{2}-\d{2}T/.test(v), '时间格式不正确'))
