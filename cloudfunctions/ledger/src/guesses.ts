/**
 * Limits on guessing a secret: invite codes and access keys (bindRole, signIn), the cloud setup key, and the phone
 * digits behind a tracking number (lookupComplaint).
 *
 * Every guess is counted *before* it is checked, in one atomic step per key, and forgiven when it turns out right: so
 * parallel requests (several cloud function instances at once) cannot all slip past a limit read before any of them
 * was counted. Counters run per Beijing day. Past `free` failures each further one makes the key wait before the next
 * guess, the wait doubling up to `maxDelayMs`; past `dayLimit` failures the key stays shut for the rest of the day.
 */
import { LedgerError, beijingDate } from '@/domain'
import type { HandlerContext } from './context'
import type { Counter } from './store/port'

export interface GuessPolicy {
  /** Failures a day before any wait. */
  free: number
  /** The wait after the first failure past `free`, doubled with each further one; 0 for none. */
  baseDelayMs: number
  maxDelayMs: number
  /** Failures a day after which the key refuses every guess until the next day. */
  dayLimit?: number
}

/** One caller (an address in the host, an OPENID in WeChat) guessing invite codes or access keys. */
export const CODE_GUESSES_PER_CALLER: GuessPolicy = { free: 5, baseDelayMs: 1000, maxDelayMs: 15 * 60_000 }
/** Everyone at once: a spread-out attack meets this after the per-caller limits. */
export const CODE_GUESSES_OVERALL: GuessPolicy = { free: 100, baseDelayMs: 1000, maxDelayMs: 10_000 }
/** The cloud setup key: there is one operator, who needs only a few tries. */
export const SETUP_KEY_GUESSES: GuessPolicy = { free: 5, baseDelayMs: 2000, maxDelayMs: 60 * 60_000 }
/** Wrong phone digits for one tracking number: five a day, then the number is shut until tomorrow, whoever asks. */
export const LOOKUP_GUESSES_PER_NUMBER: GuessPolicy = { free: 5, baseDelayMs: 0, maxDelayMs: 0, dayLimit: 5 }

/** The wait after the `failures`-th failure of a day. */
export function delayAfter (policy: GuessPolicy, failures: number): number {
  if (failures <= policy.free || policy.baseDelayMs <= 0) return 0
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(30, failures - policy.free - 1))
}

/** The most failures one key can reach in a day under `policy` (for the README's odds). */
export function maxFailuresPerDay (policy: GuessPolicy): number {
  if (policy.dayLimit !== undefined) return policy.dayLimit
  let failures = policy.free
  let spentMs = 0
  while (spentMs < 86_400_000) {
    failures++
    spentMs += delayAfter(policy, failures)
  }
  return failures
}

/** What counting guesses needs from a handler's context. */
export type GuessContext = Pick<HandlerContext, 'now' | 'store'>

export interface GuessKey {
  key: string
  policy: GuessPolicy
}

/** Why a guess was refused before it was checked. */
export type GuessRefusal = { key: string, retryAt: number | null }

export interface Guess {
  /** The guess was right: it no longer counts as a failure. */
  succeeded: () => Promise<void>
}

/**
 * Counts a guess against every key, in order, before it is checked. Throws RATE_LIMITED (with `message(refusal)`)
 * when a key is waiting or shut for the day; the keys already counted for this guess are then forgiven.
 */
export async function startGuess (ctx: GuessContext, keys: GuessKey[], message: (refusal: GuessRefusal) => string): Promise<Guess> {
  const now = ctx.now().getTime()
  const day = beijingDate(now)
  const counted: GuessKey[] = []
  for (const k of keys) {
    // Set by the change (which an adapter may run again on a write conflict: the last run decides).
    const outcome: { refusal: GuessRefusal | null } = { refusal: null }
    await contended(ctx.store.updateCounter(k.key, (current) => {
      outcome.refusal = null
      const c: Counter = current && current.window === day ? current : { window: day, count: 0, lockedUntil: 0 }
      if (k.policy.dayLimit !== undefined && c.count >= k.policy.dayLimit) {
        outcome.refusal = { key: k.key, retryAt: null }
        return c
      }
      if (c.lockedUntil > now) {
        outcome.refusal = { key: k.key, retryAt: c.lockedUntil }
        return c
      }
      const count = c.count + 1
      const wait = delayAfter(k.policy, count)
      return { window: day, count, lockedUntil: wait ? now + wait : 0 }
    }), () => {
      // So many guesses at once that the counter could not be updated: a burst, refused like one.
      outcome.refusal = { key: k.key, retryAt: now + BURST_WAIT_MS }
    })
    const r = outcome.refusal
    if (r) {
      await forgive(ctx, counted, day)
      throw new LedgerError('RATE_LIMITED', message(r), r.retryAt ? { retryAfterSeconds: Math.ceil((r.retryAt - now) / 1000) } : undefined)
    }
    counted.push(k)
  }
  return { succeeded: () => forgive(ctx, counted, day) }
}

async function forgive (ctx: GuessContext, keys: GuessKey[], day: string): Promise<void> {
  for (const k of keys) {
    // Best effort: a right guess that stays counted under a burst only brings the wait a little closer.
    await contended(ctx.store.updateCounter(k.key, (current) => {
      if (!current || current.window !== day || current.count <= 0) return current || { window: day, count: 0, lockedUntil: 0 }
      const count = current.count - 1
      return { window: day, count, lockedUntil: delayAfter(k.policy, count) ? current.lockedUntil : 0 }
    }), () => undefined)
  }
}

/** How long a burst of guesses at one key is told to wait. */
const BURST_WAIT_MS = 2000

/** Runs a counter update; when the store gives up on contention (BUSY), `onBusy` decides instead. */
async function contended (update: Promise<unknown>, onBusy: () => void): Promise<void> {
  try {
    await update
  } catch (e) {
    if (!(e instanceof LedgerError && e.code === 'BUSY')) throw e
    onBusy()
  }
}

/** "请 N 秒后再试" / "请 N 分钟后再试" for a wait until `retryAt`. */
export function waitMessage (retryAt: number | null, now: number): string {
  if (!retryAt) return '请明天再试'
  const seconds = Math.max(1, Math.ceil((retryAt - now) / 1000))
  return seconds < 120 ? `请${seconds}秒后再试` : `请${Math.ceil(seconds / 60)}分钟后再试`
}

/**
 * A guess at an invite code or access key: counted for the caller (the address in the host, the OPENID in WeChat)
 * and for everyone together.
 */
export function startCodeGuess (ctx: HandlerContext, identityId: string | null): Promise<Guess> {
  const caller = ctx.ip ? `ip:${ctx.ip}` : identityId ? `id:${identityId}` : 'anonymous'
  return startGuess(ctx, [
    { key: `code:${caller}`, policy: CODE_GUESSES_PER_CALLER },
    { key: 'code:all', policy: CODE_GUESSES_OVERALL }
  ], (r) => r.key === 'code:all'
    ? `近期错误的邀请码或登录码过多，为保护账号已暂停验证，${waitMessage(r.retryAt, ctx.now().getTime())}`
    : `邀请码或登录码输错次数过多，${waitMessage(r.retryAt, ctx.now().getTime())}`)
}
