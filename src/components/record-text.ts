/** How a record is named and described in lists (masked where it shows people). */
import {
  CASE_STATUS_LABELS, COMPLAINT_STATUS_LABELS, RECORD_TYPE_LABELS, maskName,
  type CaseStatus, type ComplaintStatus, type TypedPayload
} from '@/domain'

export function recordTitle (r: TypedPayload): string {
  switch (r.type) {
    case 'mediationCase': return r.payload.employer?.name || '（未填写用人单位）'
    case 'legalSession': return r.payload.place || '（未填写地点）'
    case 'riskCheck': return r.payload.enterprise?.name || '（未填写企业）'
    case 'wageComplaint': return r.payload.employerName || '（未填写用人单位）'
    case 'nilReport': return `${r.payload.month || ''} 零报告`
  }
}

export function recordSubtitle (r: TypedPayload): string {
  switch (r.type) {
    case 'mediationCase': return `${r.payload.receivedDate || ''} · 申请人 ${maskName(r.payload.applicant?.name || '')} · ${r.payload.workerCount || 0}人`
    case 'legalSession': return `${r.payload.date || ''} · ${r.payload.format || ''} · ${r.payload.attendees ?? 0}人次`
    case 'riskCheck': return [r.payload.checkDate, r.payload.enterprise?.industry, r.payload.enterprise?.headcount ? `${r.payload.enterprise.headcount}名职工` : ''].filter(Boolean).join(' · ')
    case 'wageComplaint': return `${r.payload.receivedDate || ''} · ${maskName(r.payload.name || '')} · ${r.payload.workerCount || 0}人`
    case 'nilReport': return r.payload.note || '本月无新增事项'
  }
}

export function statusLabel (type: TypedPayload['type'], status: string): string {
  if (type === 'mediationCase') return CASE_STATUS_LABELS[status as CaseStatus] || status
  if (type === 'wageComplaint') return COMPLAINT_STATUS_LABELS[status as ComplaintStatus] || status
  if (type === 'riskCheck') return { checked: '已体检', hazardOpen: '隐患未销号', hazardClosed: '隐患已销号' }[status] || status
  if (type === 'nilReport') return '已报送'
  return '已登记'
}

export { RECORD_TYPE_LABELS }
