/**
 * The two port methods issue 13 added, on both storage adapters: updateCounter (atomic read-change-write of a small
 * counter, the basis of every guessing limit) and revokeBinding (binding and access key gone, audit written, at once).
 */
import { startGuess, type GuessPolicy } from '../../cloudfunctions/ledger/src/guesses'
import type { AuditEntry } from '../../cloudfunctions/ledger/src/store/port'
import { PEOPLE, seedOrg, type SeedableStore } from '../support/ledger-harness'
import { STORES } from '../support/stores'

const NOW = new Date('2026-11-20T04:00:00.000Z')
const ctxOf = (store: SeedableStore, now = NOW) => ({ store, now: () => now })

describe.each(STORES)('$name', ({ make }) => {
  let store: SeedableStore
  let close: () => void
  beforeEach(async () => {
    const made = make()
    store = made.store
    close = made.close
    await seedOrg(store)
  })
  afterEach(() => close())

  describe('updateCounter', () => {
    it('starts from nothing, keeps what the change returns, and keys are independent', async () => {
      const seen: Array<unknown> = []
      const first = await store.updateCounter('k:1', (c) => { seen.push(c); return { window: '2026-11-20', count: 1, lockedUntil: 5 } })
      expect(seen).toEqual([null])
      expect(first).toEqual({ window: '2026-11-20', count: 1, lockedUntil: 5 })
      await store.updateCounter('k:1', (c) => { seen.push(c); return { ...(c as NonNullable<typeof c>), count: 2 } })
      expect(seen[1]).toEqual({ window: '2026-11-20', count: 1, lockedUntil: 5 })
      await store.updateCounter('k:2', (c) => { seen.push(c); return { window: 'w', count: 9, lockedUntil: 0 } })
      expect(seen[2]).toBeNull()
      await store.updateCounter('k:1', (c) => { seen.push(c); return c as NonNullable<typeof c> })
      expect(seen[3]).toEqual({ window: '2026-11-20', count: 2, lockedUntil: 5 })
    })

    it('does not share keys with hitRateLimit', async () => {
      await store.hitRateLimit('same-key', '2026-11-20', 10)
      let seen: unknown = 'unset'
      await store.updateCounter('same-key', (c) => { seen = c; return { window: '2026-11-20', count: 1, lockedUntil: 0 } })
      expect(seen).toBeNull()
      expect((await store.hitRateLimit('same-key', '2026-11-20', 10)).count).toBe(2)
    })

    it('counts 40 guesses sent at once exactly: a limit of 5 lets 5 through', async () => {
      const policy: GuessPolicy = { free: 5, baseDelayMs: 0, maxDelayMs: 0, dayLimit: 5 }
      const outcomes = await Promise.allSettled(Array.from({ length: 40 }, () => startGuess(ctxOf(store), [{ key: 'parallel', policy }], () => '锁定')))
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(5)
      expect(outcomes.filter((o) => o.status === 'rejected').every((o) => (o as PromiseRejectedResult).reason.code === 'RATE_LIMITED')).toBe(true)
    })

    it('forgives a right guess and makes the next failure wait longer each time past the free ones', async () => {
      const policy: GuessPolicy = { free: 2, baseDelayMs: 1000, maxDelayMs: 4000 }
      let t = NOW.getTime()
      const at = () => ctxOf(store, new Date(t))
      const fail = async () => { await startGuess(at(), [{ key: 'g', policy }], () => 'wait') }
      const right = await startGuess(at(), [{ key: 'g', policy }], () => 'wait')
      await right.succeeded()
      await fail()
      await fail() // 2 failures: still free
      await fail() // the 3rd: the next must wait 1 s
      await expect(fail()).rejects.toMatchObject({ code: 'RATE_LIMITED', details: { retryAfterSeconds: 1 } })
      t += 1000
      await fail() // the 4th: 2 s
      t += 1999
      await expect(fail()).rejects.toMatchObject({ code: 'RATE_LIMITED' })
      t += 1
      await fail() // the 5th: 4 s (the cap)
      t += 4000
      await fail() // the 6th: still 4 s
      await expect(fail()).rejects.toMatchObject({ details: { retryAfterSeconds: 4 } })
      t = new Date('2026-11-20T16:00:00.000Z').getTime() // midnight in Beijing: a new day starts free
      await fail()
      await fail()
    })
  })

  describe('revokeBinding', () => {
    const audit = (identityId: string): AuditEntry => ({ recordId: `binding_${identityId}`, stationId: 'st-a', districtId: 'dist-d', actor: PEOPLE.staffD.identityId, action: 'revokeBinding', at: NOW.toISOString(), detail: '甲调解员（调解员）' })

    it('removes the binding and its access key and writes the audit entry', async () => {
      await store.putBinding({ ...PEOPLE.mediatorA }, 'hash-of-key-a')
      expect(await store.findBindingByAccessKey('hash-of-key-a')).toMatchObject({ identityId: PEOPLE.mediatorA.identityId })
      const removed = await store.revokeBinding(PEOPLE.mediatorA.identityId, audit(PEOPLE.mediatorA.identityId))
      expect(removed).toMatchObject({ identityId: PEOPLE.mediatorA.identityId, role: 'mediator', stationId: 'st-a' })
      expect(await store.getBinding(PEOPLE.mediatorA.identityId)).toBeNull()
      expect(await store.findBindingByAccessKey('hash-of-key-a')).toBeNull()
      expect(await store.listAudit(`binding_${PEOPLE.mediatorA.identityId}`)).toEqual([audit(PEOPLE.mediatorA.identityId)])
      expect(await store.getBinding(PEOPLE.mediatorB.identityId)).not.toBeNull()
    })

    it('answers null and writes nothing for an identity without a binding', async () => {
      expect(await store.revokeBinding('usr_nobody', audit('usr_nobody'))).toBeNull()
      expect(await store.listAudit('binding_usr_nobody')).toEqual([])
    })
  })
})
