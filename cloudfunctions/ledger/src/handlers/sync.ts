/**
 * syncRecords: a mediator's batch of up to 50 records. Each record gets its own answer:
 * stored | duplicate | updated | conflict | invalid | forbidden, given only after the write is durable.
 */
import { z } from 'zod/mini'
import { LedgerError, sameContent, typeError, validateRecord, type FieldIssue, type RecordInput, type StoredRecord } from '@/domain'
import { requireMediator, type Actor } from '../access'
import type { HandlerContext } from '../context'
import type { Change } from '../store/port'
import { parseInput } from '../validate'
import { followComplaint, notifyWorker } from './cases'
import { unusedTrackingNumber } from './complaints'
import { auditFor, buildStored, rewritesHistory, todayOf, withServerFields } from './record-builder'

export const MAX_BATCH = 50

export type SyncResultKind = 'stored' | 'duplicate' | 'updated' | 'conflict' | 'invalid' | 'forbidden'

export interface SyncResult {
  id: string
  result: SyncResultKind
  version?: number
  error?: { code: string, message: string, issues?: FieldIssue[] }
  /** On conflict: the server's current record, so the device can show it. */
  current?: StoredRecord
}

const syncInput = z.strictObject({
  records: z.array(z.unknown(), typeError('缺少要同步的记录', '记录列表格式不正确'))
    .check(z.minLength(1, '没有要同步的记录'), z.maxLength(MAX_BATCH, `每次最多同步${MAX_BATCH}条记录`))
})

function idOf (raw: unknown): string {
  const id = raw && typeof raw === 'object' ? (raw as { id?: unknown }).id : undefined
  return typeof id === 'string' ? id.slice(0, 64) : ''
}

export async function syncRecords (input: unknown, ctx: HandlerContext, actor: Actor): Promise<{ results: SyncResult[] }> {
  const binding = requireMediator(actor)
  const { records } = parseInput(syncInput, input)
  const now = ctx.now()
  const today = todayOf(now)
  const station = await ctx.store.getStation(binding.stationId)
  if (!station) throw new LedgerError('FORBIDDEN', '绑定的站点不存在，请重新绑定')

  const results: SyncResult[] = records.map((raw) => ({ id: idOf(raw), result: 'invalid' as SyncResultKind }))
  const valid: Array<{ index: number, input: RecordInput }> = []
  const seen = new Set<string>()
  records.forEach((raw, index) => {
    const v = validateRecord(raw, today)
    if (!v.ok) {
      results[index].error = { code: 'VALIDATION_FAILED', message: v.issues[0]?.message || '记录内容有误', issues: v.issues }
      return
    }
    if (v.value.stationId !== binding.stationId) {
      results[index] = { id: v.value.id, result: 'forbidden', error: { code: 'FORBIDDEN', message: '只能同步本站点的记录' } }
      return
    }
    if (v.value.pointId && !station.points.some((p) => p.id === v.value.pointId)) {
      results[index].error = { code: 'VALIDATION_FAILED', message: '服务点不属于本站点', issues: [{ path: 'pointId', message: '服务点不属于本站点' }] }
      return
    }
    if (seen.has(v.value.id)) {
      results[index].error = { code: 'VALIDATION_FAILED', message: '同一批次中记录编号重复' }
      return
    }
    seen.add(v.value.id)
    valid.push({ index, input: v.value })
  })

  await writeValid(valid, results, ctx, actor, binding.districtId, now)
  return { results }
}

async function writeValid (
  valid: Array<{ index: number, input: RecordInput }>,
  results: SyncResult[],
  ctx: HandlerContext,
  actor: Actor,
  districtId: string,
  now: Date
) {
  const actorId = actor.identityId as string
  const existing = new Map((await ctx.store.getRecords(valid.map((v) => v.input.id))).map((r) => [r.id, r]))
  const pending: Array<{ index: number, sent: RecordInput, input: RecordInput, next: StoredRecord, previous: StoredRecord | null, change: Change }> = []

  for (const { index, input: sent } of valid) {
    const previous = existing.get(sent.id) || null
    const input = withServerFields(sent, previous, actorId, now)
    const outcome = classify(input, previous)
    if (outcome) {
      results[index] = outcome
      continue
    }
    const next = buildStored(input, { districtId, actorId, now, previous })
    if (next.type === 'wageComplaint' && !next.payload.trackingNo) next.payload.trackingNo = await unusedTrackingNumber(ctx)
    const change: Change = { writes: [{ record: next, expectedVersion: previous?.version ?? 0 }], audit: auditFor(next, previous, actorId, now) }
    // A case that came from a complaint carries the complaint along (closed on success) in the same transaction.
    if (next.type === 'mediationCase') {
      const linked = await followComplaint(ctx, previous && previous.type === 'mediationCase' ? previous : null, next, actorId, now)
      if (linked) {
        change.writes.push({ record: linked.next, expectedVersion: linked.previous.version })
        change.audit.push(...auditFor(linked.next, linked.previous, actorId, now))
      }
    }
    pending.push({ index, sent, input, next, previous, change })
  }
  if (!pending.length) return

  const committed = await ctx.store.commit(pending.map((p) => p.change))
  for (const [i, c] of committed.entries()) {
    if (c.ok) for (const w of pending[i].change.writes.slice(1)) await notifyWorker(ctx, w.record)
  }
  const raced: typeof pending = []
  committed.forEach((c, i) => {
    const p = pending[i]
    if (c.ok) results[p.index] = { id: p.input.id, result: p.previous ? 'updated' : 'stored', version: p.next.version }
    else raced.push(p)
  })
  // Someone wrote the same id between our read and our write (parallel sends of one batch): classify against the winner.
  if (raced.length) {
    const winners = new Map((await ctx.store.getRecords(raced.map((p) => p.input.id))).map((r) => [r.id, r]))
    for (const p of raced) {
      const current = winners.get(p.input.id) || null
      const input = withServerFields(p.sent, current, actorId, now)
      results[p.index] = classify(input, current) || { id: p.input.id, result: 'conflict', version: current?.version, error: conflictError(), current: current || undefined }
    }
  }
}

/** The answer for a record that needs no write (or may not be written); null when it should be written. */
function classify (input: RecordInput, previous: StoredRecord | null): SyncResult | null {
  if (!previous) return null
  if (previous.stationId !== input.stationId || previous.type !== input.type) {
    return { id: input.id, result: 'forbidden', error: { code: 'FORBIDDEN', message: '该记录编号已被其他站点或类型使用' } }
  }
  if (sameContent(previous, input)) return { id: input.id, result: 'duplicate', version: previous.version }
  if (input.baseVersion !== previous.version) {
    return { id: input.id, result: 'conflict', version: previous.version, error: conflictError(), current: previous }
  }
  if (rewritesHistory(previous, input)) {
    return {
      id: input.id,
      result: 'invalid',
      error: { code: 'VALIDATION_FAILED', message: '已有的处理记录不能修改或删除，只能追加', issues: [{ path: 'payload.timeline', message: '已有的处理记录不能修改或删除，只能追加' }] }
    }
  }
  return null
}

function conflictError () {
  return { code: 'CONFLICT', message: '该记录已在服务器上被修改，请查看最新内容后再修改' }
}
