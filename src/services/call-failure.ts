/**
 * What went wrong on the way to the ledger, told apart so the app can react to each: a network that is down or slow
 * is retried later with backoff; a function that is not deployed, a wrong cloud environment, a payload too large or
 * a server that crashed is shown with a diagnostic line and left for a person (retrying cannot fix it).
 *
 * WeChat's `callFunction` rejects with `{ errCode, errMsg }`; the interesting code is often nested inside errMsg
 * (`errCode: -404011 … cloud function service error code -504002, error message …`), so every code in the text
 * counts. Codes and messages from WeChat's cloud error-code table
 * (developers.weixin.qq.com/miniprogram/dev/wxcloud/reference/errcode.html) and errors as DevTools prints them.
 * Pure functions: no Taro here, so the rules are unit tested.
 */

/** A failure of the channel to the ledger (not a refusal of the content by the handlers). */
export type CallFailureKind = 'NETWORK' | 'TIMEOUT' | 'NOT_DEPLOYED' | 'WRONG_ENV' | 'PAYLOAD_TOO_LARGE' | 'SERVER_ERROR' | 'BAD_RESPONSE'

export interface CallFailure {
  kind: CallFailureKind
  /** For people, in Chinese. */
  message: string
  /** For whoever fixes it: the platform's code and text, short (e.g. "-501000 FunctionName parameter could not be found."). */
  diagnostic: string
}

export const CALL_FAILURE_MESSAGES: Record<CallFailureKind, string> = {
  NETWORK: '网络不可用',
  TIMEOUT: '服务器响应超时',
  NOT_DEPLOYED: '云函数未部署',
  WRONG_ENV: '云开发环境不可用（环境 ID 不对或未开通）',
  PAYLOAD_TOO_LARGE: '提交的内容过大',
  SERVER_ERROR: '服务器出错',
  BAD_RESPONSE: '服务器的答复无法识别'
}

/** Only these fix themselves: retry them later, with backoff. */
export function isRetryable (kind: string): boolean {
  return kind === 'NETWORK' || kind === 'TIMEOUT'
}

/** What a sync does after a failed call: retry later with backoff, split the batch, or show it and stop. */
export type FailureHandling = 'retry' | 'split' | 'show'

/** The handling of a failure with this code (a CallFailureKind or one of the ledger's error codes). */
export function handlingOf (code: string | undefined): FailureHandling {
  if (code && isRetryable(code)) return 'retry'
  return code === 'PAYLOAD_TOO_LARGE' ? 'split' : 'show'
}

const TOO_LARGE = /too large|exceed(?:s|ed)?\s+(?:the\s+)?(?:max(?:imum)?\s+)?(?:size|length|limit)|size\s+(?:exceed|limit)|(?:超过|超出)[^，。,]{0,8}(?:大小|长度)|(?:大小|长度)[^，。,]{0,6}(?:超过|超出|超限)|过大|PAYLOAD_TOO_LARGE/i
const NOT_DEPLOYED = /FunctionName parameter could not be found|找不到对应的\s*FunctionName|FUNCTION_NOT_FOUND|ResourceNotFound\.Function|function\s+(?:not found|does not exist)/i
const WRONG_ENV = /Environment not found|Environment invalid|env(?:ironment)?\s+not\s+exists?|INVALID_ENV|Cloud API isn't enabled|wx\.cloud\.init|请先开通云开发/i
const TIMEOUT = /timed?\s?out|timeout|超时/i
const NETWORK = /request:fail|network|网络|offline|ERR_[A-Z_]+|ECONN|ENOTFOUND|EAI_AGAIN|socket|interrupted/i

/** -501002 云端响应超时, -404005/-404010/-404012 polling gave up, -504003 task timed out, -604102 调用超时. */
const TIMEOUT_CODES = new Set([-501002, -404005, -404010, -404012, -504003, -604102])
/** -501005 环境信息异常, -601034 云开发未开通. */
const WRONG_ENV_CODES = new Set([-501005, -601034])
/** -504002 云函数执行失败 and its client-side wrapper -404011: the function itself threw. */
const FUNCTION_FAILED_CODES = new Set([-504002, -404011])
/** -601003 微信后台网络错误. */
const NETWORK_CODES = new Set([-601003])

/** Every WeChat cloud code (negative, six digits) in the error, outermost first. */
function codesIn (errCode: unknown, text: string): number[] {
  const codes: number[] = []
  const first = Number(errCode)
  if (Number.isFinite(first) && first !== 0) codes.push(first)
  for (const m of text.matchAll(/-\d{6}\b/g)) codes.push(Number(m[0]))
  return codes
}

/** The platform's own words, without the call ids and stack traces DevTools appends. */
function shortText (text: string): string {
  const inner = /error message\s+([^;]+)/i.exec(text) || /errMsg:\s*([^(]+?)\s*(?:\(callId|$)/i.exec(text)
  const words = (inner ? inner[1] : text).replace(/\s+/g, ' ').trim()
  return words.length > 90 ? `${words.slice(0, 89)}…` : words
}

/** A `callFunction` rejection (`{ errCode, errMsg }`, or an Error whose message carries them), classified. */
export function classifyCloudFailure (error: unknown): CallFailure {
  const e = (error && typeof error === 'object' ? error : {}) as { errCode?: unknown, errMsg?: unknown, message?: unknown }
  const words = [e.errMsg, e.message].filter((t): t is string => typeof t === 'string')
  const text = [...new Set(words)].join(' ') || String(error ?? '')
  const codes = codesIn(e.errCode, text)
  // The innermost code is the service's own; the outer ones (-404011, -1) only say "the call failed".
  const code = codes.length ? codes[codes.length - 1] : null
  const diagnostic = [code, shortText(words[0] ?? text)].filter((x) => x !== null && x !== '').join(' ')
  const failure = (kind: CallFailureKind): CallFailure => ({ kind, message: CALL_FAILURE_MESSAGES[kind], diagnostic })

  if (TOO_LARGE.test(text)) return failure('PAYLOAD_TOO_LARGE')
  if (NOT_DEPLOYED.test(text)) return failure('NOT_DEPLOYED')
  if (WRONG_ENV.test(text) || codes.some((c) => WRONG_ENV_CODES.has(c))) return failure('WRONG_ENV')
  if (TIMEOUT.test(text) || codes.some((c) => TIMEOUT_CODES.has(c))) return failure('TIMEOUT')
  // Before the network words: a function that failed on its own outbound call is still a failed function.
  if (codes.some((c) => FUNCTION_FAILED_CODES.has(c))) return failure('SERVER_ERROR')
  if (NETWORK.test(text) || codes.some((c) => NETWORK_CODES.has(c))) return failure('NETWORK')
  // A code we do not know comes from the cloud side (the function crashed, quota, permissions): show it.
  if (codes.length) return failure('SERVER_ERROR')
  // No code and no words we know: the request most likely never got through.
  return failure('NETWORK')
}

/** A `Taro.request` that rejected (no HTTP answer at all). */
export function classifyRequestFailure (error: unknown): CallFailure {
  const errMsg = (error && typeof error === 'object' ? (error as { errMsg?: unknown, message?: unknown }).errMsg ?? (error as { message?: unknown }).message : error)
  const text = typeof errMsg === 'string' ? errMsg : String(errMsg ?? '')
  const kind: CallFailureKind = TIMEOUT.test(text) ? 'TIMEOUT' : 'NETWORK'
  return { kind, message: CALL_FAILURE_MESSAGES[kind], diagnostic: shortText(text) || 'request:fail' }
}

/**
 * An HTTP answer without the ledger's `{ ok, … }` body (a proxy, a gateway, a Wi-Fi login page): 413 is too large,
 * 504 a gateway timeout, other 5xx a server error, anything else unreadable.
 */
export function classifyHttpStatus (status: number): CallFailure {
  const kind: CallFailureKind = status === 413 ? 'PAYLOAD_TOO_LARGE' : status === 504 ? 'TIMEOUT' : status >= 500 ? 'SERVER_ERROR' : 'BAD_RESPONSE'
  return { kind, message: CALL_FAILURE_MESSAGES[kind], diagnostic: `HTTP ${status}` }
}
