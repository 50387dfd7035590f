/**
 * caseDocument: one paper of a mediation (申请书, 受理 / 不予受理通知书, 协议书, 终止书) made from the stored case as a
 * .docx. The papers carry full names, ID numbers and addresses, so only the case's own station mediators may make
 * them, each one is audited, and the platform delivers it as a personal file (a short-lived link in the cloud).
 */
import { z } from 'zod/mini'
import { CASE_DOCUMENT_KINDS, LedgerError, buildCaseDocument } from '@/domain'
import { recordId } from '@/domain/fields'
import { requireStationWriter, type Actor } from '../access'
import { DOCX_MIME, caseDocumentToDocx } from '../case-document-docx'
import type { HandlerContext } from '../context'
import { parseInput } from '../validate'
import { todayOf } from './record-builder'

const documentInput = z.strictObject({
  caseId: recordId,
  kind: z.enum(CASE_DOCUMENT_KINDS, { error: '请选择要生成的文书' })
})

export async function caseDocument (input: unknown, ctx: HandlerContext, actor: Actor) {
  const { caseId, kind } = parseInput(documentInput, input)
  const [record] = await ctx.store.getRecords([caseId])
  if (!record || record.type !== 'mediationCase') throw new LedgerError('NOT_FOUND', '案件不存在')
  const mediator = requireStationWriter(actor, record.stationId)
  const station = await ctx.store.getStation(record.stationId)
  if (!station) throw new LedgerError('NOT_FOUND', '案件所属站点不存在')
  const now = ctx.now()
  const doc = buildCaseDocument(record.payload, kind, { stationName: station.name, today: todayOf(now) })
  const bytes = await caseDocumentToDocx(doc)
  await ctx.store.appendAudit([{
    recordId: record.id,
    stationId: record.stationId,
    districtId: record.districtId,
    actor: mediator.identityId,
    action: 'caseDocument',
    at: now.toISOString(),
    detail: `${kind} v${record.version}`
  }])
  return ctx.services.deliverFile({ fileName: doc.fileName, mimeType: DOCX_MIME, bytes, personal: true })
}
