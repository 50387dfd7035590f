/** Turns a validated record into the stored form: server bookkeeping, derived status and risk, audit entries. */
import {
  beijingDate, recordEventDate, recordStatus, riskOf, sameJson, writeDatesOf,
  type CaseEvent, type ComplaintEvent, type RecordInput, type StoredRecord, type TypedPayload
} from '@/domain'
import type { AuditEntry } from '../store/port'

export function buildStored (input: RecordInput, opts: {
  districtId: string
  actorId: string
  now: Date
  previous: StoredRecord | null
}): StoredRecord {
  const at = opts.now.toISOString()
  const typed = { type: input.type, payload: input.payload } as TypedPayload
  return {
    id: input.id,
    type: input.type,
    payload: input.payload,
    districtId: opts.districtId,
    stationId: input.stationId,
    pointId: input.pointId,
    version: (opts.previous?.version ?? 0) + 1,
    status: recordStatus(typed),
    eventDate: recordEventDate(typed),
    createdBy: opts.previous?.createdBy ?? opts.actorId,
    createdAt: opts.previous?.createdAt ?? at,
    updatedBy: opts.actorId,
    updatedAt: at,
    // Every day the record was written stays an event of it (completeness counts edits on their own day).
    writeDates: [...new Set([...(opts.previous ? writeDatesOf(opts.previous) : []), beijingDate(at)])].sort(),
    risk: riskOf(typed)
  } as StoredRecord
}

/** The next version of a stored record with a new payload (status, hash, event date and risk recomputed). */
export function nextVersion<R extends StoredRecord> (previous: R, payload: R['payload'], actorId: string, now: Date): R {
  const input = { id: previous.id, type: previous.type, stationId: previous.stationId, pointId: previous.pointId, baseVersion: previous.version, payload } as RecordInput
  return buildStored(input, { districtId: previous.districtId, actorId, now, previous }) as R
}

/**
 * The audit entry for a write: who, when, and which workflow steps it added. One per write (a phone syncing a case
 * made offline with five steps is one change by one person); a plain creation needs none, the record itself carries
 * who created it and when.
 */
export function auditFor (next: StoredRecord, previous: StoredRecord | null, actorId: string, now: Date): AuditEntry[] {
  const added = timelineOf(next).slice(previous ? timelineOf(previous).length : 0)
  if (!previous && !added.length) return []
  const action = added.length === 1 ? added[0].action : previous ? 'update' : 'create'
  const detail = added.length ? added.map((e) => `${e.action}@${e.date}`).join(' ') : `v${previous?.version} → v${next.version}`
  return [{ recordId: next.id, stationId: next.stationId, districtId: next.districtId, actor: actorId, action, at: now.toISOString(), detail }]
}

type Event = { action: string, date: string }

export function timelineOf (r: TypedPayload): Event[] {
  if (r.type === 'mediationCase' || r.type === 'wageComplaint') return r.payload.timeline
  return []
}

/** Workflow history is append-only: an edit may add events but never rewrite or drop earlier ones. */
export function rewritesHistory (previous: StoredRecord, next: TypedPayload): boolean {
  const before = timelineOf(previous)
  const after = timelineOf(next)
  if (after.length < before.length) return true
  return before.some((e, i) => !sameJson(e, after[i]))
}

export function todayOf (now: Date): string {
  return beijingDate(now)
}

/**
 * A record a device sent, with what only the server decides put back: each workflow event's `by` and `at` (events
 * already stored keep theirs, new ones get the caller and now, whatever the device wrote) and a complaint's tracking
 * number (the stored one; a new complaint has none until the server assigns it).
 */
export function withServerFields (input: RecordInput, previous: StoredRecord | null, actorId: string, now: Date): RecordInput {
  if (input.type !== 'mediationCase' && input.type !== 'wageComplaint') return input
  const stored = previous && previous.type === input.type ? timelineOf(previous) as Array<CaseEvent | ComplaintEvent> : []
  const at = now.toISOString()
  const timeline = (input.payload.timeline as Array<CaseEvent | ComplaintEvent>).map((e, i) => {
    const { by: _by, at: _at, ...content } = e
    const kept = stored[i]
    if (!kept) return { ...content, at, by: actorId }
    return kept.by === undefined ? { ...content, at: kept.at } : { ...content, at: kept.at, by: kept.by }
  })
  if (input.type === 'mediationCase') return { ...input, payload: { ...input.payload, timeline: timeline as CaseEvent[] } }
  const { trackingNo: _sent, ...payload } = input.payload
  const trackingNo = previous && previous.type === 'wageComplaint' ? previous.payload.trackingNo : undefined
  return { ...input, payload: { ...payload, ...(trackingNo ? { trackingNo } : {}), timeline: timeline as ComplaintEvent[] } }
}
