/**
 * What lists, other phones and exports may show of a record: phone and ID numbers and a worker's home address masked
 * (PIPL: minimum exposure).
 * Full numbers go only to the station's own mediator opening one record, and that view is audited.
 */
import type { StoredRecord } from './records'
import { maskAddress, maskName, maskPhone, maskResidentId } from './validators'

/** A copy of the record with every phone and ID number (and a worker's address) masked. */
export function maskRecord<T extends StoredRecord> (r: T): T {
  switch (r.type) {
    case 'mediationCase': {
      const a = r.payload.applicant
      return { ...r, payload: { ...r.payload, applicant: { ...a, phone: maskPhone(a.phone), idNumber: a.idNumber ? maskResidentId(a.idNumber) : a.idNumber, address: a.address ? maskAddress(a.address) : a.address } } }
    }
    case 'wageComplaint':
      return { ...r, payload: { ...r.payload, phone: maskPhone(r.payload.phone) } }
    default:
      return r
  }
}

/** A complaint as the worker (or anyone holding its tracking number) sees it: status and steps, name masked. */
export function publicComplaintView (r: Extract<StoredRecord, { type: 'wageComplaint' }>, stationName: string) {
  const p = r.payload
  return {
    id: r.id,
    trackingNo: p.trackingNo || '',
    status: r.status,
    stationName,
    receivedDate: p.receivedDate,
    submittedAt: r.createdAt,
    name: maskName(p.name),
    phone: maskPhone(p.phone),
    employerName: p.employerName,
    amountOwedFen: p.amountOwedFen,
    workerCount: p.workerCount,
    heldForReview: !!p.heldForReview,
    timeline: p.timeline.map((e) => ({
      action: e.action,
      date: e.date,
      at: e.at,
      reason: e.reason,
      transferTo: e.transferTo,
      recoveredFen: e.recoveredFen
    }))
  }
}

export type PublicComplaintView = ReturnType<typeof publicComplaintView>
