/**
 * Form state for a record payload, validated as the person types with the domain's own rules: errors show for
 * fields already touched, and for every field once submitting was tried.
 */
import { useMemo, useState } from 'react'
import { beijingDate, validatePayload, type FieldIssue, type PayloadOf, type RecordType } from '@/domain'

/** Immutable set of a dotted path ('employer.name', 'items.wagesPaid.result'). */
export function setIn<T> (obj: T, path: string, value: unknown): T {
  const [head, ...rest] = path.split('.')
  const base = (obj ?? {}) as Record<string, unknown>
  const next = Array.isArray(base) ? [...base] as unknown as Record<string, unknown> : { ...base }
  next[head] = rest.length ? setIn(base[head], rest.join('.'), value) : value
  if (value === undefined && !rest.length) delete next[head]
  return next as T
}

export function getIn (obj: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), obj)
}

export function useRecordForm<T extends RecordType> (type: T, initial: Partial<PayloadOf[T]>) {
  const [value, setValue] = useState<Partial<PayloadOf[T]>>(initial)
  const [touched, setTouched] = useState<Set<string>>(new Set())
  const [submitted, setSubmitted] = useState(false)
  const issues: FieldIssue[] = useMemo(() => {
    const v = validatePayload(type, value, beijingDate(new Date()))
    return v.ok ? [] : v.issues
  }, [type, value])

  /** The first message for a field (or anything under it), once it should show. */
  const errorOf = (path: string): string | null => {
    if (!submitted && ![...touched].some((t) => t === path || t.startsWith(`${path}.`) || path.startsWith(`${t}.`))) return null
    const issue = issues.find((i) => i.path === path || i.path.startsWith(`${path}.`))
    return issue ? issue.message : null
  }

  return {
    value,
    issues,
    submitted,
    set: (path: string, v: unknown) => {
      setValue((prev) => setIn(prev, path, v))
      setTouched((prev) => (prev.has(path) ? prev : new Set(prev).add(path)))
    },
    replace: (v: Partial<PayloadOf[T]>) => setValue(v),
    touch: (path: string) => setTouched((prev) => (prev.has(path) ? prev : new Set(prev).add(path))),
    errorOf,
    /** Marks the form submitted so every error shows; true when it is valid. */
    trySubmit: () => {
      setSubmitted(true)
      return issues.length === 0
    }
  }
}
