/**
 * The record envelope shared by all four record types, and the one entry point that validates a record sent by
 * a device: structure (zod), then business rules (dates, workflow), all with Chinese messages and field paths.
 */
import { z } from 'zod/mini'
import type { FieldIssue } from './errors'
import { recordId, whole } from './fields'
import { legalSessionRuleIssues, legalSessionSchema, type LegalSession } from './legal-session'
import { caseRuleIssues, caseStatus, mediationCaseSchema, type MediationCase } from './mediation-case'
import { nilReportDate, nilReportId, nilReportRuleIssues, nilReportSchema, type NilReport } from './nil-report'
import { assessRisk, hasWageHazard, riskCheckRuleIssues, riskCheckSchema, type RiskAssessment, type RiskCheck } from './risk-check'
import { complaintRuleIssues, complaintStatus, wageComplaintSchema, type WageComplaint } from './wage-complaint'
import { toFieldIssues, typeError, zhErrorMap } from './zod-zh'

export const RECORD_TYPES = ['mediationCase', 'legalSession', 'riskCheck', 'wageComplaint', 'nilReport'] as const
export type RecordType = (typeof RECORD_TYPES)[number]

export const RECORD_TYPE_LABELS: Record<RecordType, string> = {
  mediationCase: '调解案件',
  legalSession: '普法宣传',
  riskCheck: '风险体检',
  wageComplaint: '欠薪投诉',
  nilReport: '零报告'
}

/** Payload type of each record type. */
export interface PayloadOf {
  mediationCase: MediationCase
  legalSession: LegalSession
  riskCheck: RiskCheck
  wageComplaint: WageComplaint
  nilReport: NilReport
}

const payloadSchemas = {
  mediationCase: mediationCaseSchema,
  legalSession: legalSessionSchema,
  riskCheck: riskCheckSchema,
  wageComplaint: wageComplaintSchema,
  nilReport: nilReportSchema
} as const

/** The envelope a device sends: its own id (the idempotency key), the station, and for edits the version it read. */
export const recordEnvelopeSchema = z.strictObject({
  id: recordId,
  type: z.enum(RECORD_TYPES, { error: '不支持的记录类型' }),
  stationId: z.string(typeError('缺少站点')).check(z.minLength(1, '缺少站点'), z.maxLength(64, '站点编号不正确')),
  pointId: z.optional(z.nullable(z.string().check(z.maxLength(64, '服务点编号不正确')))),
  /** The server version this edit was based on; absent or 0 for a new record. */
  baseVersion: z.optional(z.number().check(whole('记录版本须为整数'), z.minimum(0), z.maximum(1_000_000))),
  payload: z.unknown()
})

export type RecordEnvelope = z.infer<typeof recordEnvelopeSchema>

/** A type tag with its payload; narrowing on `type` narrows `payload`. */
export type TypedPayload = { [T in RecordType]: { type: T, payload: PayloadOf[T] } }[RecordType]

/** A validated record, ready to store. */
export type RecordInput = TypedPayload & { id: string, stationId: string, pointId: string | null, baseVersion: number }

/** The server's bookkeeping around a stored record. */
export interface StoredMeta {
  id: string
  districtId: string
  stationId: string
  pointId: string | null
  /** 1 on first write, +1 on every change. */
  version: number
  status: string
  /** The record's own main date (received / held / checked), Beijing. */
  eventDate: string
  createdBy: string
  createdAt: string
  updatedBy: string
  updatedAt: string
  /** Beijing dates the server wrote the record on (creation and every edit), ascending, distinct: edits are events. */
  writeDates?: string[]
  /** Risk checks only: the assessment computed by the server (never trusted from a device). */
  risk?: RiskAssessment
}

/** A stored record of one type. */
export type StoredRecordOf<T extends RecordType> = StoredMeta & { type: T, payload: PayloadOf[T] }

/** A stored record of any type; narrowing on `type` narrows `payload`. */
export type StoredRecord = { [T in RecordType]: StoredRecordOf<T> }[RecordType]

export type ValidationResult<T> = { ok: true, value: T } | { ok: false, issues: FieldIssue[] }

/** Validates an envelope and its payload against the schema of its type and the business rules as of `today`. */
export function validateRecord (raw: unknown, today: string): ValidationResult<RecordInput> {
  const env = recordEnvelopeSchema.safeParse(raw, { error: zhErrorMap })
  if (!env.success) return { ok: false, issues: toFieldIssues(env.error) }
  const { type } = env.data
  const parsed = payloadSchemas[type].safeParse(env.data.payload, { error: zhErrorMap })
  if (!parsed.success) {
    return { ok: false, issues: toFieldIssues(parsed.error).map((i) => ({ ...i, path: i.path ? `payload.${i.path}` : 'payload' })) }
  }
  const rules = ruleIssues(type, parsed.data, today)
  if (rules.length) return { ok: false, issues: rules.map((i) => ({ ...i, path: `payload.${i.path}` })) }
  if (type === 'nilReport' && env.data.id !== nilReportId(env.data.stationId, (parsed.data as NilReport).month)) {
    return { ok: false, issues: [{ path: 'id', message: '零报告编号与站点、月份不符（每个站点每月只能报送一次零报告）' }] }
  }
  return {
    ok: true,
    value: {
      id: env.data.id,
      type,
      stationId: env.data.stationId,
      pointId: env.data.pointId ?? null,
      baseVersion: env.data.baseVersion ?? 0,
      payload: parsed.data
    } as RecordInput
  }
}

/** Validates a payload alone (the forms use this while the user types). */
export function validatePayload<T extends RecordType> (type: T, payload: unknown, today: string): ValidationResult<PayloadOf[T]> {
  const parsed = payloadSchemas[type].safeParse(payload, { error: zhErrorMap })
  if (!parsed.success) return { ok: false, issues: toFieldIssues(parsed.error) }
  const rules = ruleIssues(type, parsed.data as PayloadOf[T], today)
  if (rules.length) return { ok: false, issues: rules }
  return { ok: true, value: parsed.data as PayloadOf[T] }
}

function ruleIssues (type: RecordType, payload: unknown, today: string): FieldIssue[] {
  switch (type) {
    case 'mediationCase': return caseRuleIssues(payload as MediationCase, today)
    case 'legalSession': return legalSessionRuleIssues(payload as LegalSession, today)
    case 'riskCheck': return riskCheckRuleIssues(payload as RiskCheck, today)
    case 'wageComplaint': return complaintRuleIssues(payload as WageComplaint, today)
    case 'nilReport': return nilReportRuleIssues(payload as NilReport, today)
  }
}

/** The status shown for a record, derived from its payload (never sent by a device). */
export function recordStatus (r: TypedPayload): string {
  switch (r.type) {
    case 'mediationCase': return caseStatus(r.payload)
    case 'legalSession': return 'recorded'
    case 'riskCheck': return !hasWageHazard(r.payload) ? 'checked' : r.payload.hazardClosed ? 'hazardClosed' : 'hazardOpen'
    case 'wageComplaint': return complaintStatus(r.payload)
    case 'nilReport': return 'filed'
  }
}

/** The date that places a record in a period on lists (figures use their own dates; see figures.ts). */
export function recordEventDate (r: TypedPayload): string {
  switch (r.type) {
    case 'mediationCase': return r.payload.receivedDate
    case 'legalSession': return r.payload.date
    case 'riskCheck': return r.payload.checkDate
    case 'wageComplaint': return r.payload.receivedDate
    case 'nilReport': return nilReportDate(r.payload)
  }
}

/** Words a station searches by: enterprise and worker names, tracking numbers (never phone or ID numbers). */
export function recordSearchText (r: TypedPayload): string {
  switch (r.type) {
    case 'mediationCase': return `${r.payload.employer.name} ${r.payload.applicant.name}`
    case 'legalSession': return `${r.payload.place} ${r.payload.topics.join(' ')}`
    case 'riskCheck': return r.payload.enterprise.name
    case 'wageComplaint': return `${r.payload.employerName} ${r.payload.name} ${r.payload.project || ''} ${r.payload.trackingNo || ''}`
    case 'nilReport': return `零报告 ${r.payload.month}`
  }
}

/** Server-computed extras stored with a record. */
export function riskOf (r: TypedPayload): RiskAssessment | undefined {
  return r.type === 'riskCheck' ? assessRisk(r.payload) : undefined
}

/** What a record says: its type and payload, and where (station and point). */
type RecordContent = TypedPayload & { stationId: string, pointId: string | null }

/**
 * Whether two versions of a record say the same thing (type, station, point and payload), whatever the order of
 * their keys and ignoring members left undefined: a resend of the same content is a duplicate, not an edit.
 * Compared only when a record with the same id already exists, so a first sync pays nothing for it.
 */
export function sameContent (a: RecordContent, b: RecordContent): boolean {
  return a.type === b.type && a.stationId === b.stationId && (a.pointId ?? null) === (b.pointId ?? null) && sameJson(a.payload, b.payload)
}

/** Deep equality of JSON-like values, whatever the key order, ignoring members left undefined. */
export function sameJson (a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  if (Array.isArray(a)) {
    const other = b as unknown[]
    return a.length === other.length && a.every((v, i) => sameJson(v, other[i]))
  }
  const x = a as Record<string, unknown>
  const y = b as Record<string, unknown>
  const keysX = Object.keys(x).filter((k) => x[k] !== undefined)
  const keysY = Object.keys(y).filter((k) => y[k] !== undefined)
  return keysX.length === keysY.length && keysX.every((k) => Object.prototype.hasOwnProperty.call(y, k) && sameJson(x[k], y[k]))
}
