/** Stable error codes shared by the handlers, the host and the app. */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'PAYLOAD_TOO_LARGE',
  'RATE_LIMITED',
  'UNKNOWN_ACTION',
  'BUSY',
  'SETUP_REQUIRED',
  'INTERNAL'
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]

/** HTTP status for each code, used by the host. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  UNKNOWN_ACTION: 400,
  BUSY: 503,
  SETUP_REQUIRED: 503,
  INTERNAL: 500
}

/** Chinese fallback messages for people, one per code. */
export const DEFAULT_MESSAGES: Record<ErrorCode, string> = {
  VALIDATION_FAILED: '填写的内容有误，请检查后重试',
  UNAUTHENTICATED: '请先登录或绑定站点',
  FORBIDDEN: '没有权限进行此操作',
  NOT_FOUND: '找不到要查看的内容',
  CONFLICT: '该记录已被他人修改，请刷新后再试',
  PAYLOAD_TOO_LARGE: '提交的内容过大',
  RATE_LIMITED: '操作过于频繁，请稍后再试',
  UNKNOWN_ACTION: '不支持的操作',
  BUSY: '服务器正忙，请稍后重试',
  SETUP_REQUIRED: '云端数据库尚未初始化，请联系管理员运行初始化',
  INTERNAL: '服务暂时不可用，请稍后再试'
}

/** One field problem: a dotted path and a Chinese message. */
export interface FieldIssue {
  path: string
  message: string
}

/** The one error type thrown by the domain and the handlers. */
export class LedgerError extends Error {
  readonly code: ErrorCode
  readonly details?: unknown

  constructor (code: ErrorCode, message?: string, details?: unknown) {
    super(message || DEFAULT_MESSAGES[code])
    this.name = 'LedgerError'
    this.code = code
    this.details = details
  }
}

export function isErrorCode (value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value)
}
