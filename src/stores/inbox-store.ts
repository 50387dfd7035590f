/** The station's complaints and what a mediator does with them (online actions: the worker sees every change). */
import type { StoredRecord, TRANSFER_TARGETS } from '@/domain'
import { callLedger } from '../services/ledger-api'
import { outboxStore } from './use-outbox-store'

export async function loadInbox (): Promise<{ items: StoredRecord[], waiting: number }> {
  const r = await callLedger<{ items: StoredRecord[], waiting: number }>('stationComplaints', {})
  return { items: r.items, waiting: r.waiting ?? 0 }
}

/** Opens one complaint with its full phone number (the server writes an audit entry). */
export async function openComplaint (id: string): Promise<StoredRecord> {
  return (await callLedger<{ record: StoredRecord }>('getComplaint', { id })).record
}

export interface HandleInput {
  action: 'accept' | 'reject' | 'convert' | 'transfer' | 'close'
  reason?: string
  note?: string
  transferTo?: (typeof TRANSFER_TARGETS)[number]
  recoveredFen?: number
  caseId?: string
}

/** Applies an action; a conversion's new case is kept on the phone so it opens offline next time. */
export async function handleComplaint (record: StoredRecord, input: HandleInput): Promise<{ record: StoredRecord, case: StoredRecord | null }> {
  const r = await callLedger<{ record: StoredRecord, case: StoredRecord | null }>('handleComplaint', { id: record.id, baseVersion: record.version, ...input })
  if (r.case) outboxStore().getState().remember([r.case])
  return r
}
