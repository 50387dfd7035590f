/** Opens a station record in full (contact details included; the server audits the view) and keeps it on the phone. */
import type { StoredRecord } from '@/domain'
import { callLedger } from '../services/ledger-api'
import { outboxStore } from './use-outbox-store'

export async function openRecord (id: string): Promise<StoredRecord> {
  const { record } = await callLedger<{ record: StoredRecord }>('getRecord', { id })
  outboxStore().getState().remember([record])
  return record
}
