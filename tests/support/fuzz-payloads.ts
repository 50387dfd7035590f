/**
 * fast-check arbitraries for malformed ledger payloads: a valid input per action, then mutated.
 *
 * Two kinds of mutation. Marked ones break a rule the domain states, so the payload is invalid whatever the code
 * does, and the fuzz tests demand a refusal: a field no input has (every input is a strict object, identity never
 * comes from a payload), a field of the wrong JSON type, an impossible calendar date, a negative, fractional or
 * absurdly large number, a text longer than any field allows, or a required field left out (the lists below are
 * written from DOMAIN.md, not read from the schemas). Unmarked ones (anything at all in a field, forged identity
 * fields with any value, extra fields, deep nesting, huge strings) may or may not be valid: they must never crash,
 * answer INTERNAL or leave a partial write.
 * Marked payloads stay marked through JSON: no undefined, NaN or Infinity in them.
 */
import fc from 'fast-check'
import { casePayload, complaintForm, envelope, riskPayload, sessionPayload } from './fixtures'

/** Fields only the server may set: identity, and (issue 13) an event's author and time and a tracking number. */
export const FORGED_IDENTITY = ['openid', 'OPENID', 'identityId', 'createdBy', 'updatedBy', 'role', 'stationId', 'districtId', '_id', 'caller', 'binding', 'userInfo', 'by', 'at', 'trackingNo']

/** Field names no action's input has (unlike stationId, role or status, which some inputs do). */
const UNKNOWN_FIELDS = ['openid', 'OPENID', 'identityId', 'createdBy', 'updatedBy', 'districtId', '_id', 'caller', 'binding', 'userInfo', 'version', 'risk']

/** Not a calendar date in YYYY-MM-DD form, whatever the field. */
const IMPOSSIBLE_DATES = ['2026-02-30', '2026-13-01', '2026-00-10', '2026-11-00', '26-1-1', '2026-11-1', 'yesterday', '2026/11/01', '', '2026-11-01T00:00:00Z', '２０２６-１１-０１']
/** Dates and months outside what the ledger allows: before 2000, after 2100, in the future, or not dates at all. */
export const OUT_OF_RANGE_DATES = ['0001-01-01', '1900-01-01', '1999-12-31', '2101-01-01', '2099-12-31', '2026-12-01', '0001-01', '1999-12', '2101-01', '2030-01']
/** Calendar dates no field takes: the ledger's dates lie in 2000–2100. */
const OUTSIDE_LEDGER_DATES = ['0001-01-01', '1900-01-01', '1999-12-31', '2101-01-01', '9999-12-31']

/** Characters nobody sees: NUL and controls, zero-width, bidi controls, BOM, word joiner, Hangul fillers, a tag. */
export const INVISIBLE_CHARS = ['\u0000', '\u0008', '\u001b', '\u007f', '\u0085', '\u00ad', '\u200b', '\u200c', '\u200d', '\u200e', '\u200f', '\u202a', '\u202d', '\u202e', '\u2060', '\u2066', '\u2069', '\ufeff', '\u3164', '\uffa0', '\udb40\udc41', '\ufffe', ' ', '\u3000', '\t', '\n']

/** Text made only of invisible characters and blanks (required fields must refuse it). */
export const invisibleText = fc.array(fc.constantFrom(...INVISIBLE_CHARS), { minLength: 1, maxLength: 30 }).map((cs) => cs.join(''))

/** Real text with invisible characters mixed in (stored, but normalized). */
export const textWithInvisibles = fc.tuple(fc.constantFrom('王小二', '青禾建材有限公司', '工资未发放', 'Zhang San'), fc.array(fc.constantFrom(...INVISIBLE_CHARS), { maxLength: 6 }), fc.nat())
  .map(([text, cs, n]) => { const at = n % (text.length + 1); return `${cs.join('')}${text.slice(0, at)}${cs.join('')}${text.slice(at)}${cs.join('')}` })
const BAD_DATES = ['2026-02-30', '2026-13-01', '26-1-1', 'yesterday', '2026/11/01', '', '9999-12-31', '2026-11-01T00:00:00Z', '０２０２-１１-０１', ...OUT_OF_RANGE_DATES]
const BAD_NUMBERS = [-1, -0.01, 0.5, 1.005, 1e20, -1e20, Number.MAX_SAFE_INTEGER + 2, 3.14159]
/** Negative, fractional or beyond any count or amount: every number in every input is a whole number in a range. */
const IMPOSSIBLE_NUMBERS = [-1, -0.01, -1e20, 0.5, 1.005, 3.14159, 1e20]
/** Longer than any text field allows (the longest, 案情与请求, takes 2,000 characters); not blank, so trimming keeps it. */
const TOO_LONG = fc.integer({ min: 2_001, max: 4_000 }).map((n) => '长'.repeat(n))

/** Required fields per action, as dotted paths into the valid input below (array items by index). */
const REQUIRED: Record<string, string[]> = {
  whoami: [],
  stationByCode: ['code'],
  bindRole: ['code'],
  createInvite: ['role', 'displayName', 'stationId'], // a mediator's invite names the station
  revokeBinding: ['identityId'],
  listStations: [],
  syncRecords: [
    'records',
    ...[0, 1, 2].flatMap((i) => ['id', 'type', 'stationId', 'payload'].map((k) => `records.${i}.${k}`)),
    ...['receivedDate', 'applicant', 'applicant.name', 'applicant.phone', 'workerCount', 'employer', 'employer.name', 'disputeType',
      'source', 'complexity', 'claimedFen', 'facts', 'timeline'].map((k) => `records.0.payload.${k}`),
    ...['date', 'place', 'format', 'topics', 'attendees', 'enterprisesCovered', 'materials', 'consultations'].map((k) => `records.1.payload.${k}`),
    ...['checkDate', 'enterprise', 'enterprise.name', 'enterprise.headcount', 'enterprise.isConstruction', 'items',
      ...['laborContracts', 'wagesPaid', 'noWageArrears', 'socialInsurance', 'workingHours', 'realNameRegistration', 'wageAccount', 'generalContractorPays']
        .flatMap((item) => [`items.${item}`, `items.${item}.result`])].map((k) => `records.2.payload.${k}`)
  ],
  listRecords: [],
  getRecord: ['id'],
  transitionCase: ['id', 'action', 'baseVersion', 'mode'], // a session held says how (面谈/电话/会议)
  caseDocument: ['caseId', 'kind'],
  submitComplaint: ['id', 'stationCode', 'name', 'phone', 'employerName', 'sector', 'owedFrom', 'owedTo', 'amountOwedFen', 'workerCount', 'description', 'consent'],
  myComplaints: [],
  lookupComplaint: ['trackingNo', 'phoneLast4'],
  stationComplaints: [],
  getComplaint: ['id'],
  handleComplaint: ['id', 'action', 'baseVersion', 'recoveredFen'], // 办结 states the amount recovered
  stationSummary: ['period', 'period.kind', 'period.year', 'period.month'],
  districtReport: ['period', 'period.kind', 'period.start', 'period.end'],
  exportReport: ['period', 'period.kind', 'period.year', 'period.quarter', 'format'],
  stationQr: []
}

/** What the valid inputs refer to: a case accepted (version 2), a complaint accepted (version 2), an unused invite. */
export interface FuzzContext { caseId: string, complaintId: string, trackingNo: string, inviteCode: string }

/** Valid input per action (the base that mutations break), each accepted as it stands. */
export function validInputs (ctx: FuzzContext): Record<string, () => unknown> {
  return {
    whoami: () => ({}),
    stationByCode: () => ({ code: 'TA01' }),
    bindRole: () => ({ code: ctx.inviteCode }),
    createInvite: () => ({ role: 'mediator', stationId: 'st-a', displayName: '新人', title: '调解员', validDays: 7 }),
    // Station B's mediator: revoking the fuzzing mediator (of station A) would take its role away mid-run.
    revokeBinding: () => ({ identityId: 'usr_med_b', reason: '调离' }),
    listStations: () => ({}),
    syncRecords: () => ({ records: [envelope('mediationCase', 'st-a', casePayload()), envelope('legalSession', 'st-a', sessionPayload()), envelope('riskCheck', 'st-a', riskPayload())] }),
    listRecords: () => ({ stationId: 'st-a', type: 'mediationCase', search: '青禾', limit: 20 }),
    getRecord: () => ({ id: ctx.caseId }),
    transitionCase: () => ({ id: ctx.caseId, action: 'recordSession', baseVersion: 2, mode: '面谈', date: '2026-11-20' }),
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

/** One generated payload and, when a mutation made it invalid by the domain's rules, why. */
export interface FuzzCase {
  payload: unknown
  /** Why the payload must be refused; null when it may be valid. */
  invalid: string | null
  /** syncRecords: the record the marked mutation is in (that record is refused, the batch is still answered). */
  recordIndex?: number
}

const deep = (depth: number): unknown => {
  let v: unknown = 'bottom'
  for (let i = 0; i < depth; i++) v = i % 2 ? { nested: v } : [v]
  return v
}

type Path = Array<string | number>

/** Every path to a value inside an input, for picking a field to break. */
function paths (value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const p = [...prefix, Array.isArray(value) ? Number(k) : k]
      out.push(p)
      if (prefix.length < 4) paths(v, p, out)
    }
  }
  return out
}

function valueAt (obj: unknown, path: Path): unknown {
  return path.reduce<unknown>((cur, k) => (cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[k] : undefined), obj)
}

/** A copy of `obj` with the value at `path` replaced (or removed), or a new field set when `path` ends in one. */
function setPath (obj: unknown, path: Path, mutate: (old: unknown) => unknown, remove = false): unknown {
  const copy = JSON.parse(JSON.stringify(obj ?? {}))
  if (!path.length) return mutate(copy)
  let cur = copy as Record<string | number, unknown>
  for (const k of path.slice(0, -1)) {
    if (!cur[k] || typeof cur[k] !== 'object') return copy
    cur = cur[k] as Record<string | number, unknown>
  }
  const last = path[path.length - 1]
  if (remove) delete cur[last]
  else cur[last] = mutate(cur[last])
  return copy
}

const show = (path: Path) => (path.length ? path.join('.') : '(the whole input)')

/** The JSON type of a value: what a field of that value's type must keep. */
function jsonType (v: unknown): 'string' | 'number' | 'boolean' | 'null' | 'array' | 'object' {
  if (v === null) return 'null'
  if (Array.isArray(v)) return 'array'
  return typeof v as 'string' | 'number' | 'boolean' | 'object'
}

const JSON_OF_TYPE = {
  string: fc.string({ maxLength: 20 }),
  number: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })),
  boolean: fc.boolean(),
  null: fc.constant(null),
  array: fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }),
  object: fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 })
}

/** A JSON value of any type but `type` (and, for a whole input, not null: an absent input reads as {}). */
function otherType (type: ReturnType<typeof jsonType>, wholeInput: boolean): fc.Arbitrary<unknown> {
  const types = (Object.keys(JSON_OF_TYPE) as Array<keyof typeof JSON_OF_TYPE>).filter((t) => t !== type && !(wholeInput && t === 'null'))
  return fc.oneof(...types.map((t) => JSON_OF_TYPE[t] as fc.Arbitrary<unknown>))
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

/** Malformed versions of `base`, each marked invalid (with the reason) when a mutation broke a stated rule. */
export function malformed (base: () => unknown, action: string): fc.Arbitrary<FuzzCase> {
  const b = base()
  const all = paths(b)
  const pick = all.length ? fc.constantFrom(...all) : fc.constant<Path>(['x'])
  const where = (path: Path) => (action === 'syncRecords' && path[0] === 'records' && typeof path[1] === 'number' ? { recordIndex: path[1] } : {})
  const marked = (payload: unknown, path: Path, why: string): FuzzCase => ({ payload, invalid: `${why} at ${show(path)}`, ...where(path) })
  const unmarked = (payload: unknown): FuzzCase => ({ payload, invalid: null })

  const objects: Path[] = [[], ...all.filter((p) => jsonType(valueAt(b, p)) === 'object')]
  const typed: Path[] = [[], ...all]
  const dates = all.filter((p) => /^\d{4}-\d{2}-\d{2}$/.test(String(valueAt(b, p))))
  const numbers = all.filter((p) => typeof valueAt(b, p) === 'number')
  const texts = all.filter((p) => typeof valueAt(b, p) === 'string' && !dates.includes(p))
  const required = REQUIRED[action].map((p) => p.split('.').map((k) => (/^\d+$/.test(k) ? Number(k) : k)))
  for (const p of required) if (valueAt(b, p) === undefined) throw new Error(`${action}: required ${p.join('.')} is not in the valid input`)

  const choices: Array<{ weight: number, arbitrary: fc.Arbitrary<FuzzCase> }> = [
    // Marked: invalid by a stated rule.
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...objects), fc.constantFrom(...UNKNOWN_FIELDS), fc.jsonValue({ maxDepth: 2 })).map(([p, k, v]) => marked(setPath(b, [...p, k], () => v), p, `unknown field ${k}`)) },
    { weight: 2, arbitrary: fc.constantFrom(...typed).chain((p) => otherType(jsonType(valueAt(b, p)), !p.length).map((v) => marked(setPath(b, p, () => v), p, `not a ${jsonType(valueAt(b, p))}`))) },
    // Unmarked: anything may come of these.
    { weight: 4, arbitrary: fc.tuple(pick, weird).map(([p, v]) => unmarked(setPath(b, p, () => v))) },
    { weight: 2, arbitrary: pick.map((p) => unmarked(setPath(b, p, () => undefined, true))) },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...FORGED_IDENTITY), fc.anything(), pick).map(([k, v, p]) => unmarked(setPath(b, [...p.slice(0, -1), k], () => v))) },
    { weight: 1, arbitrary: fc.tuple(fc.string({ maxLength: 20 }), fc.anything()).map(([k, v]) => unmarked({ ...(b as object), [k || 'extra']: v })) },
    { weight: 1, arbitrary: fc.tuple(pick, pick, weird, weird).map(([p1, p2, v1, v2]) => unmarked(setPath(setPath(b, p1, () => v1), p2, () => v2))) },
    { weight: 1, arbitrary: weird.map(unmarked) }
  ]
  if (dates.length) choices.push({ weight: 1, arbitrary: fc.tuple(fc.constantFrom(...dates), fc.constantFrom(...IMPOSSIBLE_DATES)).map(([p, v]) => marked(setPath(b, p, () => v), p, `impossible date ${JSON.stringify(v)}`)) })
  if (numbers.length) choices.push({ weight: 1, arbitrary: fc.tuple(fc.constantFrom(...numbers), fc.constantFrom(...IMPOSSIBLE_NUMBERS)).map(([p, v]) => marked(setPath(b, p, () => v), p, `impossible number ${v}`)) })
  if (texts.length) choices.push({ weight: 1, arbitrary: fc.tuple(fc.constantFrom(...texts), TOO_LONG).map(([p, v]) => marked(setPath(b, p, () => v), p, `${v.length} characters`)) })
  if (required.length) choices.push({ weight: 2, arbitrary: fc.constantFrom(...required).map((p) => marked(setPath(b, p, () => undefined, true), p, 'required field left out')) })
  if (dates.length) choices.push({ weight: 1, arbitrary: fc.tuple(fc.constantFrom(...dates), fc.constantFrom(...OUTSIDE_LEDGER_DATES)).map(([p, v]) => marked(setPath(b, p, () => v), p, `date ${v} outside 2000–2100`)) })
  // Required text made only of characters nobody sees is no text (normalized away before validation). Identifiers
  // and enumerated choices are not text: a blank one is simply another station's or no such thing.
  const requiredTexts = required.filter((p) => typeof valueAt(b, p) === 'string' && !dates.some((d) => d.join('.') === p.join('.')) &&
    !/^(id|\w*Id|code|stationCode|trackingNo|phoneLast4|type|kind|action|role|format|sector|disputeType|source|complexity|channel|result|mode|payMethod)$/.test(String(p[p.length - 1])))
  if (requiredTexts.length) choices.push({ weight: 1, arbitrary: fc.tuple(fc.constantFrom(...requiredTexts), invisibleText).map(([p, v]) => marked(setPath(b, p, () => v), p, 'required text made only of invisible characters')) })
  return fc.oneof(...choices)
}
