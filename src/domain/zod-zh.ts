/**
 * Chinese messages for zod's built-in issues, passed per parse (never installed globally: no import-time effects).
 * Field-specific messages in the schemas win over these.
 */
import { z, ZodIssueCode, type ZodErrorMap } from 'zod'
import type { FieldIssue } from './errors'

export const zhErrorMap: ZodErrorMap = (issue, ctx) => {
  // zod applies a per-parse map after the schema's own; keep a Chinese message the schema already chose.
  if (/[\u4e00-\u9fff]/.test(ctx.defaultError)) return { message: ctx.defaultError }
  switch (issue.code) {
    case ZodIssueCode.invalid_type:
      if (issue.received === 'undefined') return { message: '此项必填' }
      return { message: `类型不正确：应为${typeName(issue.expected)}` }
    case ZodIssueCode.unrecognized_keys:
      return { message: `包含不认识的字段：${issue.keys.join('、')}` }
    case ZodIssueCode.invalid_enum_value:
      return { message: `请从给定选项中选择（${issue.options.join('、')}）` }
    case ZodIssueCode.invalid_literal:
      return { message: '取值不正确' }
    case ZodIssueCode.invalid_union:
    case ZodIssueCode.invalid_union_discriminator:
      return { message: '类型不正确' }
    case ZodIssueCode.too_small:
      if (issue.type === 'string') return { message: issue.minimum === 1 ? '此项必填' : `至少${issue.minimum}个字` }
      if (issue.type === 'array') return { message: `至少选择${issue.minimum}项` }
      return { message: `不能小于${issue.minimum}` }
    case ZodIssueCode.too_big:
      if (issue.type === 'string') return { message: `不能超过${issue.maximum}个字` }
      if (issue.type === 'array') return { message: `最多${issue.maximum}项` }
      return { message: `不能大于${issue.maximum}` }
    case ZodIssueCode.invalid_string:
      return { message: '格式不正确' }
    case ZodIssueCode.not_finite:
    case ZodIssueCode.not_multiple_of:
      return { message: '须为整数' }
    default:
      return { message: '填写有误' }
  }
}

function typeName (t: string): string {
  const names: Record<string, string> = {
    string: '文字', number: '数字', integer: '整数', boolean: '是/否', object: '对象', array: '列表', date: '日期'
  }
  return names[t] || t
}

/** zod issues → our field issues with dotted paths. */
export function toFieldIssues (error: z.ZodError): FieldIssue[] {
  return error.issues.slice(0, 50).map((i) => ({ path: i.path.join('.'), message: i.message }))
}
