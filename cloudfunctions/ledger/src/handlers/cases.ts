/** Reading a station's records and moving a mediation case through its workflow. */
import { z } from 'zod/mini'
import {
  CASE_ACTIONS, LedgerError, RECORD_TYPES, SESSION_MODES, agreementSchema, casePaidFen, caseStatus, complaintStatus,
  maskRecord, nextCaseStatus, transitionFor, validatePayload,
  type CaseEvent, type ComplaintEvent, type StoredRecord, type StoredRecordOf
} from '@/domain'
import { calendarDate, editedVersion, fen, optionalText, recordId, whole } from '@/domain/fields'
import { readableStation, requireIdentity, requireStationReader, requireStationWriter, type Actor } from '../access'
import type { HandlerContext } from '../context'
import type { RecordWrite } from '../store/port'
import { parseInput } from '../validate'
import { auditFor, nextVersion, todayOf } from './record-builder'

const listInput = z.strictObject({
  stationId: z.optional(z.string().check(z.maxLength(64))),
  type: z.optional(z.enum(RECORD_TYPES)),
  status: z.optional(z.string().check(z.maxLength(32))),
  search: z.optional(z.string().check(z.trim(), z.maxLength(50, '搜索词不能超过50个字'))),
  cursor: z.optional(z.nullable(z.string().check(z.maxLength(200)))),
  limit: z.optional(z.number().check(whole('每页条数须为整数'), z.minimum(1), z.maximum(200)))
})

/** A page of a station's records (district staff: any station of their district), phones and IDs masked. */
export async function listRecords (input: unknown, ctx: HandlerContext, actor: Actor) {
  const q = parseInput(listInput, input)
  const { id: stationId } = await readableStation(ctx, actor, q.stationId)
  const page = await ctx.store.listRecords({ stationId, type: q.type, status: q.status, search: q.search, cursor: q.cursor, limit: q.limit || 50 })
  return { items: page.items.map(maskRecord), next: page.next }
}

const getInput = z.strictObject({ id: recordId })

/** One record. The station's own mediator sees full contact details, and that view is audited. */
export async function getRecord (input: unknown, ctx: HandlerContext, actor: Actor) {
  const { id } = parseInput(getInput, input)
  const [record] = await ctx.store.getRecords([id])
  if (!record) throw new LedgerError('NOT_FOUND', '记录不存在或已被删除')
  requireStationReader(actor, await ctx.store.getStation(record.stationId))
  const own = actor.role === 'mediator'
  if (own) {
    await ctx.store.appendAudit([{ recordId: id, stationId: record.stationId, districtId: record.districtId, actor: requireIdentity(actor), action: 'viewContact', at: ctx.now().toISOString() }])
  }
  const audit = await ctx.store.listAudit(id)
  const names = await actorNames(ctx, audit.map((a) => a.actor))
  return {
    record: own ? record : maskRecord(record),
    audit: audit.map((a) => ({ action: a.action, at: a.at, detail: a.detail, actor: names.get(a.actor) || '投诉人' }))
  }
}

async function actorNames (ctx: HandlerContext, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)].slice(0, 50)
  const bindings = await Promise.all(unique.map((id) => ctx.store.getBinding(id)))
  return new Map(unique.map((id, i) => [id, bindings[i] ? `${bindings[i]?.displayName}（${bindings[i]?.title}）` : '投诉人']))
}

const transitionInput = z.strictObject({
  id: recordId,
  action: z.enum(CASE_ACTIONS, { error: '不支持的案件操作' }),
  baseVersion: editedVersion,
  date: z.optional(calendarDate('日期')),
  note: optionalText('备注', 1000),
  reason: optionalText('理由', 500),
  mode: z.optional(z.enum(SESSION_MODES)),
  agreement: z.optional(agreementSchema),
  paidFen: z.optional(fen('本次履行金额')),
  paymentComplete: z.optional(z.boolean())
})

/** Applies one workflow action to a case, checked against the workflow table and the caller's role. */
export async function transitionCase (input: unknown, ctx: HandlerContext, actor: Actor) {
  const data = parseInput(transitionInput, input)
  const [record] = await ctx.store.getRecords([data.id])
  if (!record || record.type !== 'mediationCase') throw new LedgerError('NOT_FOUND', '案件不存在')
  requireStationWriter(actor, record.stationId)
  const transition = transitionFor(data.action)
  if (!transition.roles.includes('mediator')) throw new LedgerError('FORBIDDEN', `无权执行“${transition.label}”`)
  if (record.version !== data.baseVersion) throw new LedgerError('CONFLICT', '案件已被他人更新，请刷新后再操作', { current: record })

  const now = ctx.now()
  const today = todayOf(now)
  const status = caseStatus(record.payload)
  if (!nextCaseStatus(status, data.action, { paymentComplete: data.paymentComplete })) {
    throw new LedgerError('VALIDATION_FAILED', `案件当前状态下不能执行“${transition.label}”`, { issues: [{ path: 'action', message: `当前状态下不能执行“${transition.label}”` }] })
  }
  const event = stripUndefined({
    action: data.action, date: data.date || today, at: now.toISOString(), by: actor.identityId as string,
    note: data.note, reason: data.reason, mode: data.mode, agreement: data.agreement, paidFen: data.paidFen, paymentComplete: data.paymentComplete
  }) as CaseEvent
  const payload = { ...record.payload, timeline: [...record.payload.timeline, event] }
  const checked = validatePayload('mediationCase', payload, today)
  if (!checked.ok) throw new LedgerError('VALIDATION_FAILED', checked.issues[0]?.message, { issues: checked.issues })

  const next = nextVersion(record, checked.value, actor.identityId as string, now)
  const writes: RecordWrite[] = [{ record: next, expectedVersion: record.version }]
  const audit = auditFor(next, record, actor.identityId as string, now)
  const linked = await followComplaint(ctx, record, next, actor.identityId as string, now)
  if (linked) {
    writes.push({ record: linked.next, expectedVersion: linked.previous.version })
    audit.push(...auditFor(linked.next, linked.previous, actor.identityId as string, now))
  }
  const [result] = await ctx.store.commit([{ writes, audit }])
  if (!result.ok) throw new LedgerError('CONFLICT', '案件已被他人更新，请刷新后再操作', { current: result.current })
  if (linked) await notifyWorker(ctx, linked.next)
  return { record: next }
}

/**
 * A complaint turned into a case follows it: reaching 调解成功 closes the complaint with the agreed amount; 结案 closes
 * it (with what was paid) if still open. Returns the complaint's next version, to be written in the same transaction
 * as the case; the money is reported once, on the case.
 */
export async function followComplaint (ctx: HandlerContext, previous: StoredRecordOf<'mediationCase'> | null, next: StoredRecordOf<'mediationCase'>, actorId: string, now: Date) {
  const complaintId = next.payload.complaintId
  if (!complaintId) return null
  const had = (action: string, c: StoredRecordOf<'mediationCase'> | null) => !!c && c.payload.timeline.some((e) => e.action === action)
  const succeeded = had('succeed', next) && !had('succeed', previous)
  const closed = had('close', next) && !had('close', previous)
  if (!succeeded && !closed) return null
  const [found] = await ctx.store.getRecords([complaintId])
  if (!found || found.type !== 'wageComplaint' || found.stationId !== next.stationId) return null
  const status = complaintStatus(found.payload)
  if (status === 'closed' || status === 'rejected') return null
  const success = next.payload.timeline.find((e) => e.action === 'succeed')
  const closing = next.payload.timeline.find((e) => e.action === 'close')
  const date = (succeeded ? success?.date : closing?.date) || next.payload.receivedDate
  const close: ComplaintEvent = {
    action: 'close',
    date: date > found.payload.receivedDate ? date : found.payload.receivedDate,
    at: now.toISOString(),
    recoveredFen: succeeded ? success?.agreement?.amountFen ?? 0 : casePaidFen(next.payload),
    note: succeeded ? '调解成功，已达成调解协议' : '调解案件已结案'
  }
  const payload = { ...found.payload, timeline: [...found.payload.timeline, close] }
  return { previous: found, next: nextVersion(found, payload, actorId, now) }
}

export async function notifyWorker (ctx: HandlerContext, complaint: StoredRecord) {
  if (complaint.type !== 'wageComplaint' || !complaint.payload.notify) return
  try {
    const station = await ctx.store.getStation(complaint.stationId)
    await ctx.services.notifyComplaint(complaint.createdBy, { trackingNo: complaint.payload.trackingNo || '', status: complaint.status, stationName: station?.name || '' })
  } catch (e) {
    ctx.log('notify failed', e instanceof Error ? e.message : String(e))
  }
}

export function stripUndefined<T extends object> (o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T
}
