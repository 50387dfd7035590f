/** Turns a validated record into the stored form: server bookkeeping, derived status and risk, audit entries. */
import {
  beijingDate, contentHash, recordEventDate, recordStatus, riskOf,
  type RecordInput, type StoredRecord, type TypedPayload
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
    contentHash: contentHash({ ...typed, stationId: input.stationId, pointId: input.pointId }),
    risk: riskOf(typed)
  } as StoredRecord
}

/** The next version of a stored record with a new payload (status, hash, event date and risk recomputed). */
export function nextVersion<R extends StoredRecord> (previous: R, payload: R['payload'], actorId: string, now: Date): R {
  const input = { id: previous.id, type: previous.type, stationId: previous.stationId, pointId: previous.pointId, baseVersion: previous.version, payload } as RecordInput
  return buildStored(input, { districtId: previous.districtId, actorId, now, previous }) as R
}

/**
 * Audit entries for a write: one per new workflow event, else one update line. A plain creation needs none: the
 * record itself carries who created it and when.
 */
export function auditFor (next: StoredRecord, previous: StoredRecord | null, actorId: string, now: Date): AuditEntry[] {
  const base = { recordId: next.id, stationId: next.stationId, districtId: next.districtId, actor: actorId, at: now.toISOString() }
  const events = timelineOf(next)
  const before = previous ? timelineOf(previous).length : 0
  const added = events.slice(before).map((e) => ({ ...base, action: e.action, detail: `${e.date}` }))
  if (!previous) return added
  return added.length ? added : [{ ...base, action: 'update', detail: `v${previous.version} → v${next.version}` }]
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
  const canon = (e: unknown) => JSON.stringify(e, Object.keys(e as object).sort())
  return before.some((e, i) => canon(e) !== canon(after[i]))
}

export function todayOf (now: Date): string {
  return beijingDate(now)
}
