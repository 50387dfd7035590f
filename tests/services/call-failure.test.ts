/**
 * callFunction and HTTP failures told apart. The cloud errors are written as WeChat reports them (DevTools and phones,
 * as quoted in public bug reports), not as the classifier expects them.
 */
import { classifyCloudFailure, classifyHttpStatus, classifyRequestFailure, handlingOf } from '@/services/call-failure'

/** callFunction rejects with an Error-like object carrying errCode and errMsg. */
const rejection = (errCode: number, errMsg: string) => Object.assign(new Error(errMsg), { errCode, errMsg })

describe('classifyCloudFailure', () => {
  it('a function that is not deployed (DevTools, base library 2.x)', () => {
    const f = classifyCloudFailure(rejection(-501000, 'cloud.callFunction:fail Error: errCode: -501000  | errMsg: FunctionName parameter could not be found. (callId: 1663981981628-0.32650654948825886) (trace: 9:13:1 start->9:13:2 system error (Error: errCode: -501000  | errMsg: FunctionName parameter could not be found.), abort)'))
    expect(f).toEqual({ kind: 'NOT_DEPLOYED', message: '云函数未部署', diagnostic: '-501000 FunctionName parameter could not be found.' })
    expect(handlingOf(f.kind)).toBe('show')
  })

  it('a function that is not deployed, in Chinese and wrapped in -404011 by older base libraries', () => {
    expect(classifyCloudFailure(rejection(-501000, 'cloud.callFunction:fail Error: errCode: -501000  | errMsg: 找不到对应的FunctionName. (callId: 1633148364513-0.1246244745092473)')).kind).toBe('NOT_DEPLOYED')
    const wrapped = classifyCloudFailure(rejection(-404011, 'errCode: -404011 cloud function execution error | errMsg: cloud.callFunction:fail requestID 4ee35948-502d-4300-9476-a9ef5ccd40af, cloud function service error code -501000, error message FunctionName parameter could not be found.; at cloud.callFunction api;'))
    expect(wrapped).toMatchObject({ kind: 'NOT_DEPLOYED', diagnostic: '-501000 FunctionName parameter could not be found.' })
  })

  it('a wrong or missing cloud environment', () => {
    const messages = [
      [-501000, 'cloud.callFunction:fail Error: errCode: -501000  | errMsg: Environment not found (callId: 1640257458052-0.8953485546111697)'],
      [-501000, 'cloud.callFunction:fail Error: errCode: -501000 | errMsg: [100003] env not exists (2fa64500-4be6-4a92-b4b0-c3ac12c97f92) 更多错误信息请访问：https://docs.cloudbase.net/error-code/basic/INVALID_ENV'],
      [-404011, 'errCode: -404011 cloud function execution error | errMsg: cloud.callFunction:fail cloud function service error code -501005, error message Environment not found; at cloud.callFunction api;'],
      [-1, "errCode: -1 | errMsg: Cloud API isn't enabled, please call wx.cloud.init first"]
    ] as const
    for (const [code, msg] of messages) expect(classifyCloudFailure(rejection(code, msg)).kind).toBe('WRONG_ENV')
  })

  it('a function that ran out of time is a timeout (retried), not a crash', () => {
    const f = classifyCloudFailure(rejection(-504003, 'cloud.callFunction:fail Error: errCode: -504003  | errMsg: Invoking task timed out after 3 seconds'))
    expect(f).toMatchObject({ kind: 'TIMEOUT', diagnostic: '-504003 Invoking task timed out after 3 seconds' })
    expect(handlingOf(f.kind)).toBe('retry')
    expect(classifyCloudFailure({ errCode: -404012, errMsg: 'cloud.callFunction:fail poll exceed max timeout retry' }).kind).toBe('TIMEOUT')
  })

  it('a function that threw is a server error shown with its message, even when its message mentions the network', () => {
    const f = classifyCloudFailure(rejection(-404011, 'errCode: -404011 cloud function execution error | errMsg: cloud.callFunction:fail requestID 1cb63f35-794c-11e9-b01f-525400e8849e, cloud function service error code -504002, error message Error: connect ECONNREFUSED 10.0.0.1:27017; at cloud.callFunction api;'))
    expect(f).toMatchObject({ kind: 'SERVER_ERROR', diagnostic: '-504002 Error: connect ECONNREFUSED 10.0.0.1:27017' })
    expect(handlingOf(f.kind)).toBe('show')
  })

  // WeChat documents no message for an oversized callFunction (its docs only advise keeping data under 100–256 KB);
  // the ledger's own PAYLOAD_TOO_LARGE answer (the function refuses events over 1 MB) is the main path. These are
  // the wordings matched when the platform refuses first.
  it('a payload over the limit', () => {
    const f = classifyCloudFailure({ errCode: -1, errMsg: 'cloud.callFunction:fail data exceed max size' })
    expect(f.kind).toBe('PAYLOAD_TOO_LARGE')
    expect(handlingOf(f.kind)).toBe('split')
    expect(classifyCloudFailure({ errMsg: 'cloud.callFunction:fail 请求数据超过大小限制' }).kind).toBe('PAYLOAD_TOO_LARGE')
  })

  it('no network: retried', () => {
    for (const e of [{ errCode: -1, errMsg: 'cloud.callFunction:fail request:fail' }, { errMsg: 'cloud.callFunction:fail network' }, new Error('cloud.callFunction:fail net::ERR_INTERNET_DISCONNECTED'), {}]) {
      const f = classifyCloudFailure(e)
      expect(f.kind).toBe('NETWORK')
      expect(handlingOf(f.kind)).toBe('retry')
    }
  })

  it('an unknown cloud code is shown, not retried', () => {
    const f = classifyCloudFailure(rejection(-501003, 'errCode: -501003 | errMsg: 请求次数超出环境配额'))
    expect(f).toMatchObject({ kind: 'SERVER_ERROR', diagnostic: '-501003 请求次数超出环境配额' })
  })
})

describe('HTTP (the browser build)', () => {
  it('413 is too large, 504 a timeout, other 5xx a server error, the rest unreadable', () => {
    expect(classifyHttpStatus(413)).toEqual({ kind: 'PAYLOAD_TOO_LARGE', message: '提交的内容过大', diagnostic: 'HTTP 413' })
    expect(classifyHttpStatus(504).kind).toBe('TIMEOUT')
    expect(classifyHttpStatus(502).kind).toBe('SERVER_ERROR')
    expect(classifyHttpStatus(503).kind).toBe('SERVER_ERROR')
    expect(classifyHttpStatus(200).kind).toBe('BAD_RESPONSE')
    expect(handlingOf(classifyHttpStatus(502).kind)).toBe('show')
  })

  it('a request with no answer is the network, or a timeout', () => {
    expect(classifyRequestFailure({ errMsg: 'request:fail timeout' })).toMatchObject({ kind: 'TIMEOUT', diagnostic: 'request:fail timeout' })
    expect(classifyRequestFailure(new TypeError('Failed to fetch'))).toMatchObject({ kind: 'NETWORK', diagnostic: 'Failed to fetch' })
  })

  it("the ledger's own refusals are shown, except a payload too large, which splits", () => {
    expect(handlingOf('FORBIDDEN')).toBe('show')
    expect(handlingOf('INTERNAL')).toBe('show')
    expect(handlingOf('RATE_LIMITED')).toBe('show')
    expect(handlingOf('PAYLOAD_TOO_LARGE')).toBe('split')
  })
})
