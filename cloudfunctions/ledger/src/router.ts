/**
 * The ledger's one entry for every platform: `handle(action, data, ctx)` gates the action on the caller's role
 * (from the access matrix), runs its handler, and answers `{ ok: true, data }` or `{ ok: false, code, message }`.
 */
import { LedgerError } from '@/domain'
import { resolveActor, type Actor, type CallerRole } from './access'
import { ACCESS_MATRIX, type CallerKind, type LedgerAction } from './access-matrix'
import type { HandlerContext } from './context'
import { caseDocument } from './handlers/case-documents'
import { getRecord, listRecords, transitionCase } from './handlers/cases'
import { getComplaint, handleComplaint, lookupComplaint, myComplaints, stationComplaints, submitComplaint } from './handlers/complaints'
import { bindRole, createInvite, listStations, revokeBinding, stationByCode, whoami } from './handlers/identity'
import { districtReport, exportReport, stationQr, stationSummary } from './handlers/reports'
import { syncRecords } from './handlers/sync'
import { failure, type Answer } from './respond'

type Handler = (input: unknown, ctx: HandlerContext, actor: Actor) => Promise<unknown>

export const HANDLERS: Record<LedgerAction, Handler> = {
  whoami,
  stationByCode,
  bindRole,
  createInvite,
  revokeBinding,
  listStations,
  syncRecords,
  listRecords,
  getRecord,
  transitionCase,
  caseDocument,
  submitComplaint,
  myComplaints,
  lookupComplaint,
  stationComplaints,
  getComplaint,
  handleComplaint,
  stationSummary,
  districtReport,
  exportReport,
  stationQr
}

/** Matrix columns that a caller of each role may fall in. */
const ROLE_COLUMNS: Record<CallerRole, CallerKind[]> = {
  anonymous: ['anonymous'],
  worker: ['unbound', 'complaintOwner', 'otherWorker'],
  mediator: ['stationMediator', 'otherStationMediator'],
  district: ['districtStaff', 'otherDistrictStaff']
}

export function roleMayCall (action: LedgerAction, role: CallerRole): boolean {
  return ROLE_COLUMNS[role].some((k) => ACCESS_MATRIX[action][k] === 'allow')
}

export function isAction (action: unknown): action is LedgerAction {
  return typeof action === 'string' && Object.prototype.hasOwnProperty.call(HANDLERS, action)
}

export async function handle (action: unknown, data: unknown, ctx: HandlerContext): Promise<Answer> {
  try {
    if (!isAction(action)) throw new LedgerError('UNKNOWN_ACTION', '不支持的操作', { action: typeof action === 'string' ? action.slice(0, 40) : null })
    const actor = await resolveActor(ctx)
    if (!roleMayCall(action, actor.role)) {
      throw actor.role === 'anonymous'
        ? new LedgerError('UNAUTHENTICATED', '请先登录或打开小程序后再试')
        : new LedgerError('FORBIDDEN', '没有权限进行此操作')
    }
    return { ok: true, data: await HANDLERS[action](data, ctx, actor) }
  } catch (e) {
    return failure(e, ctx.log)
  }
}
