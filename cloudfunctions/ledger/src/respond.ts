/** The one translator from thrown errors to answers: known errors keep their code; anything else is INTERNAL. */
import { DEFAULT_MESSAGES, LedgerError, type ErrorCode } from '@/domain'

export type Answer<T = unknown> =
  | { ok: true, data: T }
  | { ok: false, code: ErrorCode, message: string, details?: unknown }

export function failure (error: unknown, log: (message: string, detail?: unknown) => void): Answer<never> {
  if (error instanceof LedgerError) {
    return error.details === undefined
      ? { ok: false, code: error.code, message: error.message }
      : { ok: false, code: error.code, message: error.message, details: error.details }
  }
  log('INTERNAL', error instanceof Error ? error.stack || error.message : String(error))
  return { ok: false, code: 'INTERNAL', message: DEFAULT_MESSAGES.INTERNAL }
}
