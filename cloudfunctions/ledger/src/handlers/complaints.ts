/**
 * Wage complaints: the public form (rate-limited, honeypot, content check), the worker's own list, lookup by tracking
 * number + last 4 phone digits, and the station's inbox with its actions (accept, refuse, convert to a case,
 * transfer, close with the amount recovered).
 */
import { z } from 'zod/mini'
import {
  COMPLAINT_ACTIONS, COMPLAINT_STATUSES, LedgerError, TRANSFER_TARGETS, availableComplaintActions, beijingDate, checkComplaintForm,
  complaintStatus, isCollective, maskRecord, newRecordId, newTrackingNumber, normalizeTrackingNumber, publicComplaintView,
  typeError, validatePayload,
  type ComplaintEvent, type MediationCase, type StoredRecord, type StoredRecordOf, type WageComplaint
} from '@/domain'
import { editedVersion, fen, optionalText, recordId } from '@/domain/fields'
import { readableStation, requireIdentity, requireStationReader, requireStationWriter, type Actor } from '../access'
import type { HandlerContext } from '../context'
import { LOOKUP_GUESSES_PER_NUMBER, startGuess } from '../guesses'
import type { Change } from '../store/port'
import { noInput, parseInput } from '../validate'
import { notifyWorker, stripUndefined } from './cases'
import { auditFor, buildStored, nextVersion, todayOf } from './record-builder'

/** Complaints one identity may file per Beijing day. */
export const COMPLAINTS_PER_IDENTITY_PER_DAY = 5
/** Complaints one address may file per Beijing day (host only; a shared site Wi-Fi may serve several workers). */
export const COMPLAINTS_PER_IP_PER_DAY = 20
/** Lookups by tracking number one identity may try per day: enough for people, useless for guessing. */
export const LOOKUPS_PER_DAY = 30

export async function submitComplaint (input: unknown, ctx: HandlerContext, actor: Actor) {
  const identityId = requireIdentity(actor)
  const now = ctx.now()
  const day = beijingDate(now)
  const checked = checkComplaintForm(input, day)
  if (!checked.ok) throw new LedgerError('VALIDATION_FAILED', checked.issues[0]?.message, { issues: checked.issues })
  const form = checked.value
  // A person never sees the honeypot field; anything in it comes from a script.
  if (form.website) throw new LedgerError('VALIDATION_FAILED', '提交失败，请刷新页面后重试')

  const station = await ctx.store.getStationByCode(form.stationCode)
  if (!station || !station.active) throw new LedgerError('NOT_FOUND', '站点二维码无效或已停用，请到站点现场反映')

  // A retry of the same form (double tap, lost answer) returns the complaint already made.
  const [existing] = await ctx.store.getRecords([form.id])
  if (existing) {
    if (existing.type !== 'wageComplaint' || existing.createdBy !== identityId) throw new LedgerError('CONFLICT', '提交失败，请刷新页面后重试')
    return submitted(existing, station.name, true)
  }

  const limited = await ctx.store.hitRateLimit(`complaint:id:${identityId}`, day, COMPLAINTS_PER_IDENTITY_PER_DAY)
  if (!limited.allowed) throw new LedgerError('RATE_LIMITED', `今天已提交${COMPLAINTS_PER_IDENTITY_PER_DAY}次投诉，已达上限。如有紧急情况，请直接到站点或拨打12333`)
  if (ctx.ip) {
    const byIp = await ctx.store.hitRateLimit(`complaint:ip:${ctx.ip}`, day, COMPLAINTS_PER_IP_PER_DAY)
    if (!byIp.allowed) throw new LedgerError('RATE_LIMITED', '该网络今天提交的投诉已达上限，请明天再试或到站点现场反映')
  }

  const verdict = await ctx.services.checkText(`${form.description} ${form.employerName} ${form.project || ''}`, identityId)
  const payload: WageComplaint = stripUndefined({
    receivedDate: day,
    channel: '扫码' as const,
    name: form.name,
    phone: form.phone,
    employerName: form.employerName,
    project: form.project || undefined,
    sector: form.sector,
    owedFrom: form.owedFrom,
    owedTo: form.owedTo,
    amountOwedFen: form.amountOwedFen,
    workerCount: form.workerCount,
    description: form.description,
    trackingNo: await unusedTrackingNumber(ctx),
    timeline: [],
    heldForReview: verdict === 'risky' ? true : undefined,
    notify: form.notify || undefined
  })
  const record = buildStored(
    { id: form.id, type: 'wageComplaint', stationId: station.id, pointId: null, baseVersion: 0, payload },
    { districtId: station.districtId, actorId: identityId, now, previous: null }
  )
  const [result] = await ctx.store.commit([{ writes: [{ record, expectedVersion: 0 }], audit: auditFor(record, null, identityId, now) }])
  if (!result.ok) {
    // The same form arrived twice at once: answer with the one that was stored.
    if (result.current && result.current.createdBy === identityId) return submitted(result.current, station.name, true)
    throw new LedgerError('CONFLICT', '提交失败，请刷新页面后重试')
  }
  return submitted(record, station.name, false)
}

/**
 * A tracking number no complaint holds yet. Always made here, never taken from a device: a number a client could
 * choose would let it probe which numbers exist (and its clash would fail the write).
 */
export async function unusedTrackingNumber (ctx: HandlerContext): Promise<string> {
  let trackingNo = newTrackingNumber()
  for (let attempt = 0; attempt < 5 && await ctx.store.findComplaintByTracking(trackingNo); attempt++) trackingNo = newTrackingNumber()
  return trackingNo
}

function submitted (r: StoredRecord, stationName: string, duplicate: boolean) {
  if (r.type !== 'wageComplaint') throw new LedgerError('CONFLICT')
  return { id: r.id, trackingNo: r.payload.trackingNo, status: r.status, stationName, duplicate, heldForReview: !!r.payload.heldForReview }
}

/** The caller's own complaints, newest first, as the worker may see them. */
export async function myComplaints (input: unknown, ctx: HandlerContext, actor: Actor) {
  const identityId = requireIdentity(actor)
  parseInput(noInput, input)
  const page = await ctx.store.listRecords({ createdBy: identityId, type: 'wageComplaint', limit: 100, order: 'newest' })
  const names = await stationNames(ctx, page.items)
  return { items: page.items.filter(isComplaint).map((r) => publicComplaintView(r, names.get(r.stationId) || '')) }
}

const lookupInput = z.strictObject({
  trackingNo: z.string(typeError('请输入查询码')).check(z.maxLength(20, '查询码不正确')),
  phoneLast4: z.string(typeError('请输入手机号后4位')).check(z.regex(/^\d{4}$/, '请输入手机号后4位'))
})

const NOT_FOUND_MESSAGE = '没有找到对应的投诉，请核对查询码和手机号后4位'
/** What a worker sees once a number has had LOOKUP_GUESSES_PER_NUMBER.dayLimit wrong guesses today. */
export const LOOKUP_LOCKED_MESSAGE = '今日查询错误次数过多，请明天再试或联系站点'

/** Anyone holding the tracking number and the phone's last 4 digits may read the complaint's progress. */
export async function lookupComplaint (input: unknown, ctx: HandlerContext, actor: Actor) {
  const data = parseInput(lookupInput, input)
  const who = actor.identityId || (ctx.ip ? `ip:${ctx.ip}` : 'anonymous')
  const limited = await ctx.store.hitRateLimit(`lookup:${who}`, beijingDate(ctx.now()), LOOKUPS_PER_DAY)
  if (!limited.allowed) throw new LedgerError('RATE_LIMITED', '今天查询次数过多，请明天再试')
  const trackingNo = normalizeTrackingNumber(data.trackingNo)
  if (!trackingNo) throw new LedgerError('NOT_FOUND', NOT_FOUND_MESSAGE)
  // Counted per number whether or not it exists, so the lock tells nothing about which numbers are real.
  const guess = await startGuess(ctx, [{ key: `lookup:number:${trackingNo}`, policy: LOOKUP_GUESSES_PER_NUMBER }], () => LOOKUP_LOCKED_MESSAGE)
  const found = await ctx.store.findComplaintByTracking(trackingNo)
  if (!found || found.type !== 'wageComplaint' || found.payload.phone.slice(-4) !== data.phoneLast4) throw new LedgerError('NOT_FOUND', NOT_FOUND_MESSAGE)
  await guess.succeeded()
  const station = await ctx.store.getStation(found.stationId)
  return { complaint: publicComplaintView(found, station?.name || '') }
}

const inboxInput = z.strictObject({
  stationId: z.optional(z.string().check(z.maxLength(64))),
  status: z.optional(z.enum(COMPLAINT_STATUSES)),
  cursor: z.optional(z.nullable(z.string().check(z.maxLength(200))))
})

/** A station's complaints: unhandled ones first (oldest first: the most urgent), then the rest newest first. */
export async function stationComplaints (input: unknown, ctx: HandlerContext, actor: Actor) {
  const q = parseInput(inboxInput, input)
  const { id: stationId } = await readableStation(ctx, actor, q.stationId)
  if (q.status) {
    const page = await ctx.store.listRecords({ stationId, type: 'wageComplaint', status: q.status, cursor: q.cursor, limit: 50, order: q.status === 'submitted' ? 'oldest' : 'newest' })
    return { items: page.items.map(maskRecord), next: page.next }
  }
  const [waiting, rest] = await Promise.all([
    ctx.store.listRecords({ stationId, type: 'wageComplaint', status: 'submitted', limit: 200, order: 'oldest' }),
    ctx.store.listRecords({ stationId, type: 'wageComplaint', cursor: q.cursor, limit: 50, order: 'newest' })
  ])
  const others = rest.items.filter((r) => r.status !== 'submitted')
  return { items: [...(q.cursor ? [] : waiting.items), ...others].map(maskRecord), next: rest.next, waiting: waiting.items.length }
}

const getComplaintInput = z.strictObject({ id: recordId })

/** One complaint. Its station's mediator sees the full phone number, and that view is audited. */
export async function getComplaint (input: unknown, ctx: HandlerContext, actor: Actor) {
  const { id } = parseInput(getComplaintInput, input)
  const [record] = await ctx.store.getRecords([id])
  if (!record || record.type !== 'wageComplaint') throw new LedgerError('NOT_FOUND', '投诉不存在')
  requireStationReader(actor, await ctx.store.getStation(record.stationId))
  if (actor.role !== 'mediator') return { record: maskRecord(record) }
  await ctx.store.appendAudit([{ recordId: id, stationId: record.stationId, districtId: record.districtId, actor: actor.identityId as string, action: 'viewContact', at: ctx.now().toISOString() }])
  return { record }
}

const handleInput = z.strictObject({
  id: recordId,
  action: z.enum(COMPLAINT_ACTIONS, { error: '不支持的投诉处理操作' }),
  baseVersion: editedVersion,
  reason: optionalText('理由', 500),
  note: optionalText('说明', 500),
  transferTo: z.optional(z.enum(TRANSFER_TARGETS, { error: '请选择转办去向' })),
  recoveredFen: z.optional(fen('追回金额')),
  /** The case id made on the device for 转为调解案件, so a retry makes one case. */
  caseId: z.optional(recordId)
})

/** 受理 / 不予受理 / 转为调解案件 / 转办 / 办结. Every change is audited and the worker sees it. */
export async function handleComplaint (input: unknown, ctx: HandlerContext, actor: Actor) {
  const data = parseInput(handleInput, input)
  const [record] = await ctx.store.getRecords([data.id])
  if (!record || record.type !== 'wageComplaint') throw new LedgerError('NOT_FOUND', '投诉不存在')
  const binding = requireStationWriter(actor, record.stationId)
  if (record.version !== data.baseVersion) throw new LedgerError('CONFLICT', '投诉已被他人处理，请刷新后再操作', { current: maskRecord(record) })
  const status = complaintStatus(record.payload)
  const allowed = availableComplaintActions(status).find((t) => t.action === data.action)
  if (!allowed) throw new LedgerError('VALIDATION_FAILED', '投诉当前状态下不能执行该操作', { issues: [{ path: 'action', message: '当前状态下不能执行该操作' }] })

  const now = ctx.now()
  const today = todayOf(now)
  const actorId = actor.identityId as string
  const caseId = data.action === 'convert' ? data.caseId || newRecordId(now.getTime()) : undefined
  const event = stripUndefined({
    action: data.action, date: today, at: now.toISOString(), by: actorId,
    reason: data.reason, note: data.note, transferTo: data.transferTo, recoveredFen: data.recoveredFen, caseId
  }) as ComplaintEvent
  const payload = { ...record.payload, timeline: [...record.payload.timeline, event] }
  const checked = validatePayload('wageComplaint', payload, today)
  if (!checked.ok) throw new LedgerError('VALIDATION_FAILED', checked.issues[0]?.message, { issues: checked.issues })
  const next = nextVersion(record, checked.value, actorId, now)
  const change: Change = { writes: [{ record: next, expectedVersion: record.version }], audit: auditFor(next, record, actorId, now) }

  let created: StoredRecord | null = null
  if (caseId) {
    const [clash] = await ctx.store.getRecords([caseId])
    if (clash) throw new LedgerError('CONFLICT', '案件编号已存在，请刷新后再试')
    created = buildStored(
      { id: caseId, type: 'mediationCase', stationId: record.stationId, pointId: null, baseVersion: 0, payload: caseFromComplaint(next, today, now, actorId) },
      { districtId: binding.districtId, actorId, now, previous: null }
    )
    change.writes.push({ record: created, expectedVersion: 0 })
    change.audit.push(...auditFor(created, null, actorId, now))
  }
  const [result] = await ctx.store.commit([change])
  if (!result.ok) throw new LedgerError('CONFLICT', '投诉已被他人处理，请刷新后再操作')
  await notifyWorker(ctx, next)
  return { record: next, case: created }
}

/** A mediation case pre-filled from a complaint, accepted today and linked back to it. */
export function caseFromComplaint (complaint: StoredRecordOf<'wageComplaint'>, today: string, now: Date, actorId: string): MediationCase {
  const p = complaint.payload
  const draft: MediationCase = {
    receivedDate: today,
    applicant: { name: p.name, phone: p.phone },
    workerCount: p.workerCount,
    employer: { name: p.employerName, address: p.project || undefined },
    disputeType: '劳动报酬',
    source: '扫码投诉转入',
    complaintId: complaint.id,
    complexity: '一般',
    claimedFen: p.amountOwedFen,
    facts: `【扫码投诉 ${p.trackingNo || ''}】${p.project ? `项目：${p.project}。` : ''}欠薪期间：${p.owedFrom} 至 ${p.owedTo}。${p.description}`.slice(0, 2000),
    timeline: [{ action: 'accept', date: today, at: now.toISOString(), by: actorId, note: '由扫码投诉转入' }]
  }
  if (isCollective(draft)) draft.complexity = '重大'
  return stripUndefined({ ...draft, employer: stripUndefined(draft.employer) })
}

function isComplaint (r: StoredRecord): r is StoredRecordOf<'wageComplaint'> {
  return r.type === 'wageComplaint'
}

async function stationNames (ctx: HandlerContext, records: StoredRecord[]): Promise<Map<string, string>> {
  const ids = [...new Set(records.map((r) => r.stationId))]
  const stations = await Promise.all(ids.map((id) => ctx.store.getStation(id)))
  return new Map(ids.map((id, i) => [id, stations[i]?.name || '']))
}
