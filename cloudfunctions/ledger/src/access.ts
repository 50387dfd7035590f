/**
 * Who the caller is to the ledger, and the checks handlers use to keep each station's data to its own people.
 * Identity comes only from the context (OPENID or a signed session), never from the payload.
 */
import { LedgerError, type Binding, type Station } from '@/domain'
import type { HandlerContext } from './context'

export type CallerRole = 'anonymous' | 'worker' | 'mediator' | 'district'

export interface Actor {
  role: CallerRole
  identityId: string | null
  binding: Binding | null
}

export async function resolveActor (ctx: HandlerContext): Promise<Actor> {
  if (!ctx.caller) return { role: 'anonymous', identityId: null, binding: null }
  const binding = await ctx.store.getBinding(ctx.caller.identityId)
  if (!binding) return { role: 'worker', identityId: ctx.caller.identityId, binding: null }
  return { role: binding.role, identityId: ctx.caller.identityId, binding }
}

/** The caller's identity, or UNAUTHENTICATED. */
export function requireIdentity (actor: Actor): string {
  if (!actor.identityId) throw new LedgerError('UNAUTHENTICATED', '请先打开小程序或刷新页面后再试')
  return actor.identityId
}

export function requireMediator (actor: Actor): Binding & { stationId: string } {
  requireIdentity(actor)
  if (actor.role !== 'mediator' || !actor.binding?.stationId) throw new LedgerError('FORBIDDEN', '只有站点调解员可以进行此操作，请先绑定站点')
  return actor.binding as Binding & { stationId: string }
}

export function requireDistrictStaff (actor: Actor): Binding {
  requireIdentity(actor)
  if (actor.role !== 'district' || !actor.binding) throw new LedgerError('FORBIDDEN', '只有区级工作人员可以进行此操作')
  return actor.binding
}

/** May this caller read the station's data? Its own mediators and its district's staff may. */
export function canReadStation (actor: Actor, station: Pick<Station, 'id' | 'districtId'>): boolean {
  const b = actor.binding
  if (!b) return false
  if (b.role === 'mediator') return b.stationId === station.id
  return b.districtId === station.districtId
}

export function requireStationReader (actor: Actor, station: Pick<Station, 'id' | 'districtId'> | null): void {
  requireIdentity(actor)
  if (!actor.binding) throw new LedgerError('FORBIDDEN', '请先绑定站点或区级账号')
  if (!station || !canReadStation(actor, station)) throw new LedgerError('FORBIDDEN', '只能查看本站点（本区）的数据')
}

/** The station a read is about — the one asked for, else the caller's own — once the caller may read it. */
export async function readableStation (ctx: HandlerContext, actor: Actor, stationId?: string | null): Promise<Station> {
  const id = stationId || actor.binding?.stationId
  if (!id) throw new LedgerError('VALIDATION_FAILED', '请选择站点', { issues: [{ path: 'stationId', message: '请选择站点' }] })
  const station = await ctx.store.getStation(id)
  requireStationReader(actor, station)
  return station as Station
}

/** May this caller change the station's records? Only its own mediators. */
export function requireStationWriter (actor: Actor, stationId: string): Binding & { stationId: string } {
  const b = requireMediator(actor)
  if (b.stationId !== stationId) throw new LedgerError('FORBIDDEN', '只能处理本站点的记录')
  return b
}
