/** Input parsing for handlers: zod with Chinese messages, failures as VALIDATION_FAILED with field paths. */
import { LedgerError, toFieldIssues, typeError, zhErrorMap } from '@/domain'
import { z } from 'zod/mini'

export function parseInput<S extends z.ZodMiniType> (schema: S, input: unknown): z.infer<S> {
  const r = schema.safeParse(input ?? {}, { error: zhErrorMap })
  if (!r.success) {
    const issues = toFieldIssues(r.error)
    throw new LedgerError('VALIDATION_FAILED', issues[0] ? `${issues[0].message}` : undefined, { issues })
  }
  return r.data
}

/** Actions that take no input still refuse anything but an empty object: every action validates what it gets. */
export const noInput = z.strictObject({}, typeError(undefined, '此操作不需要参数'))
