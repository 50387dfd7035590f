/**
 * fast-check arbitraries for malformed ledger payloads: a valid input per action, then mutated — wrong types, missing
 * and extra fields, forged identity fields, huge strings, deep nesting, invalid dates, negative or fractional money —
 * or replaced by anything at all.
 */
import fc from 'fast-check'
import { casePayload, complaintForm, envelope, riskPayload, sessionPayload } from './fixtures'

/** Fields only the server may set: identity, and (issue 13) an event's author and time and a tracking number. */
export const FORGED_IDENTITY = ['openid', 'OPENID', 'identityId', 'createdBy', 'updatedBy', 'role', 'stationId', 'districtId', '_id', 'caller', 'binding', 'userInfo', 'by', 'at', 'trackingNo']

/** Dates and months outside what the ledger allows: before 2000, after 2100, in the future, or not dates at all. */
export const OUT_OF_RANGE_DATES = ['0001-01-01', '1900-01-01', '1999-12-31', '2101-01-01', '2099-12-31', '2026-12-01', '0001-01', '1999-12', '2101-01', '2030-01']
const BAD_DATES = ['2026-02-30', '2026-13-01', '26-1-1', 'yesterday', '2026/11/01', '', '9999-12-31', '2026-11-01T00:00:00Z', '０２０２-１１-０１', ...OUT_OF_RANGE_DATES]

/** Characters nobody sees: NUL and controls, zero-width, bidi controls, BOM, word joiner, Hangul fillers, a tag. */
export const INVISIBLE_CHARS = ['\u0000', '\u0008', '\u001b', '\u007f', '\u0085', '\u00ad', '\u200b', '\u200c', '\u200d', '\u200e', '\u200f', '\u202a', '\u202d', '\u202e', '\u2060', '\u2066', '\u2069', '\ufeff', '\u3164', '\uffa0', '\udb40\udc41', '\ufffe', ' ', '\u3000', '\t', '\n']

/** Text made only of invisible characters and blanks (required fields must refuse it). */
export const invisibleText = fc.array(fc.constantFrom(...INVISIBLE_CHARS), { minLength: 1, maxLength: 30 }).map((cs) => cs.join(''))

/** Real text with invisible characters mixed in (stored, but normalized). */
export const textWithInvisibles = fc.tuple(fc.constantFrom('王小二', '青禾建材有限公司', '工资未发放', 'Zhang San'), fc.array(fc.constantFrom(...INVISIBLE_CHARS), { maxLength: 6 }), fc.nat())
  .map(([text, cs, n]) => { const at = n % (text.length + 1); return `${cs.join('')}${text.slice(0, at)}${cs.join('')}${text.slice(at)}${cs.join('')}` })
const BAD_NUMBERS = [-1, -0.01, 0.5, 1.005, 1e20, -1e20, Number.MAX_SAFE_INTEGER + 2, 3.14159]

const deep = (depth: number): unknown => {
  let v: unknown = 'bottom'
  for (let i = 0; i < depth; i++) v = i % 2 ? { nested: v } : [v]
  return v
}

/** Every path to a value inside an object, for picking a field to break. */
function paths (value: unknown, prefix: string[] = [], out: string[][] = []): string[][] {
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      out.push([...prefix, k])
      if (prefix.length < 4) paths(v, [...prefix, k], out)
    }
  }
  return out
}

function setPath (obj: unknown, path: string[], mutate: (old: unknown) => unknown, remove = false): unknown {
  const copy = JSON.parse(JSON.stringify(obj ?? {}))
  let cur = copy as Record<string, unknown>
  for (const k of path.slice(0, -1)) {
    if (!cur[k] || typeof cur[k] !== 'object') return copy
    cur = cur[k] as Record<string, unknown>
  }
  const last = path[path.length - 1]
  if (remove) delete cur[last]
  else cur[last] = mutate(cur[last])
  return copy
}

const weird = fc.oneof(
  fc.anything(),
  fc.constantFrom(...BAD_DATES),
  fc.constantFrom(...BAD_NUMBERS),
  fc.string({ minLength: 2000, maxLength: 60_000 }),
  fc.integer({ min: 5, max: 400 }).map(deep),
  fc.constantFrom(null, true, false, 0, '', [], {}, '<script>alert(1)</script>', "'; DROP TABLE records; --", '\u0000\uffff', '13812341234'),
  invisibleText,
  textWithInvisibles
)

/** Valid input per action (the base that mutations break). */
export function validInputs (ctx: { caseId: string, complaintId: string, trackingNo: string }): Record<string, () => unknown> {
  return {
    whoami: () => ({}),
    stationByCode: () => ({ code: 'TA01' }),
    bindRole: () => ({ code: 'ABCD-EFGH' }),
    createInvite: () => ({ role: 'mediator', stationId: 'st-a', displayName: '新人', title: '调解员', validDays: 7 }),
    // Someone who holds no binding: a valid revocation would take the fuzzing mediator's role away mid-run.
    revokeBinding: () => ({ identityId: 'usr_nobody_bound', reason: '调离' }),
    listStations: () => ({}),
    syncRecords: () => ({ records: [envelope('mediationCase', 'st-a', casePayload()), envelope('legalSession', 'st-a', sessionPayload()), envelope('riskCheck', 'st-a', riskPayload())] }),
    listRecords: () => ({ stationId: 'st-a', type: 'mediationCase', search: '青禾', limit: 20 }),
    getRecord: () => ({ id: ctx.caseId }),
    transitionCase: () => ({ id: ctx.caseId, action: 'recordSession', baseVersion: 2, mode: '面谈', date: '2026-11-10' }),
    caseDocument: () => ({ caseId: ctx.caseId, kind: 'acceptance' }),
    submitComplaint: () => complaintForm('TA01'),
    myComplaints: () => ({}),
    lookupComplaint: () => ({ trackingNo: ctx.trackingNo, phoneLast4: '2222' }),
    stationComplaints: () => ({ stationId: 'st-a', status: 'submitted' }),
    getComplaint: () => ({ id: ctx.complaintId }),
    handleComplaint: () => ({ id: ctx.complaintId, action: 'close', baseVersion: 2, recoveredFen: 100 }),
    stationSummary: () => ({ stationId: 'st-a', period: { kind: 'month', year: 2026, month: 11 } }),
    districtReport: () => ({ period: { kind: 'custom', start: '2026-01-01', end: '2026-11-20' } }),
    exportReport: () => ({ period: { kind: 'quarter', year: 2026, quarter: 4 }, format: 'csv' }),
    stationQr: () => ({ stationId: 'st-a' })
  }
}

/** A malformed version of `base`. */
export function malformed (base: () => unknown): fc.Arbitrary<unknown> {
  const b = base()
  const ps = paths(b)
  const pick = ps.length ? fc.constantFrom(...ps) : fc.constant<string[]>(['x'])
  return fc.oneof(
    { weight: 4, arbitrary: fc.tuple(pick, weird).map(([p, v]) => setPath(b, p, () => v)) },
    { weight: 2, arbitrary: pick.map((p) => setPath(b, p, () => undefined, true)) },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...FORGED_IDENTITY), fc.anything(), pick).map(([k, v, p]) => setPath(b, [...p.slice(0, -1), k], () => v)) },
    { weight: 1, arbitrary: fc.tuple(fc.string({ maxLength: 20 }), fc.anything()).map(([k, v]) => ({ ...(b as object), [k || 'extra']: v })) },
    { weight: 1, arbitrary: fc.tuple(pick, pick, weird, weird).map(([p1, p2, v1, v2]) => setPath(setPath(b, p1, () => v1), p2, () => v2)) },
    { weight: 1, arbitrary: weird }
  )
}
