/**
 * Chinese messages for zod's built-in issues, passed per parse (never installed globally: no import-time effects).
 * zod consults this only for issues whose schema chose no message of its own, so field-specific messages win.
 */
import type { z } from 'zod/mini'
import type { FieldIssue } from './errors'

type RawIssue = z.core.$ZodRawIssue

/**
 * A schema's own messages for a missing value and for a value of the wrong type (zod 4 takes one function for
 * both). Either may be left out to fall back to the Chinese defaults below; other issues are not affected.
 */
export function typeError (required?: string, invalid?: string) {
  return {
    error: (issue: { code?: string, input?: unknown }) => issue.code !== 'invalid_type' ? undefined : issue.input === undefined ? required : invalid
  }
}

export function zhErrorMap (issue: RawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return '此项必填'
      return `类型不正确：应为${typeName(issue.expected)}`
    case 'unrecognized_keys':
      return `包含不认识的字段：${issue.keys.join('、')}`
    case 'invalid_value':
      return issue.values.length === 1 ? '取值不正确' : `请从给定选项中选择（${issue.values.map(String).join('、')}）`
    case 'invalid_union':
      return '类型不正确'
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) === 1 ? '此项必填' : `至少${issue.minimum}个字`
      if (issue.origin === 'array') return `至少选择${issue.minimum}项`
      return `不能小于${issue.minimum}`
    case 'too_big':
      if (issue.origin === 'string') return `不能超过${issue.maximum}个字`
      if (issue.origin === 'array') return `最多${issue.maximum}项`
      return `不能大于${issue.maximum}`
    case 'invalid_format':
      return '格式不正确'
    case 'not_multiple_of':
      return '须为整数'
    default:
      return '填写有误'
  }
}

function typeName (t: string): string {
  const names: Record<string, string> = {
    string: '文字', number: '数字', int: '整数', boolean: '是/否', object: '对象', array: '列表', date: '日期'
  }
  return names[t] || t
}

/** zod issues → our field issues with dotted paths. */
export function toFieldIssues (error: { issues: ReadonlyArray<{ path: PropertyKey[], message: string }> }): FieldIssue[] {
  return error.issues.slice(0, 50).map((i) => ({ path: i.path.map(String).join('.'), message: i.message }))
}
