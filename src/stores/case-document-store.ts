/** Making a mediation paper from a case: asks the ledger for the .docx, then opens it (WeChat) or downloads it (browser). */
import { createStore } from 'zustand/vanilla'
import { useStore } from 'zustand'
import type { CaseDocumentKind } from '@/domain'
import { openDeliveredFile, type DeliveredFile } from '../services/files'
import { callLedger } from '../services/ledger-api'

interface CaseDocumentState {
  /** The paper being made, if any (one at a time). */
  making: CaseDocumentKind | null
  error: string | null
  make: (caseId: string, kind: CaseDocumentKind) => Promise<void>
  reset: () => void
}

const caseDocumentStore = createStore<CaseDocumentState>()((set, get) => ({
  making: null,
  error: null,
  async make (caseId, kind) {
    if (get().making) return
    set({ making: kind, error: null })
    try {
      const file = await callLedger<DeliveredFile>('caseDocument', { caseId, kind })
      await openDeliveredFile(file)
      set({ making: null })
    } catch (e) {
      set({ making: null, error: e instanceof Error ? e.message : '文书生成失败，请稍后再试' })
    }
  },
  reset () {
    set({ making: null, error: null })
  }
}))

export function useCaseDocumentStore<T> (selector: (s: CaseDocumentState) => T): T {
  return useStore(caseDocumentStore, selector)
}

export const getCaseDocumentStore = () => caseDocumentStore.getState()
