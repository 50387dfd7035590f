/**
 * Through the handlers, on both storage adapters (CloudBase is how WeChat runs them, identity = OPENID):
 * - a tracking number takes 5 wrong phone endings a day, then is shut for the day whoever asks, right digits or not;
 * - invite codes: 12 characters, expiring (7 days unless the inviter says otherwise), guesses limited per caller and
 *   overall with growing waits; the cloud setup key must be long and is limited the same way;
 * - district staff revoke a mediator's binding and the very next request of that OPENID has no role.
 */
import { CODE_GUESSES_OVERALL, CODE_GUESSES_PER_CALLER, LOOKUP_GUESSES_PER_NUMBER, maxFailuresPerDay } from '../../cloudfunctions/ledger/src/guesses'
import { LOOKUP_LOCKED_MESSAGE } from '../../cloudfunctions/ledger/src/handlers/complaints'
import { INVITE_CODE_LENGTH, INVITE_MAX_DAYS } from '../../cloudfunctions/ledger/src/handlers/identity'
import { MIN_SETUP_KEY_LENGTH, checkSetupKey } from '../../cloudfunctions/ledger/src/setup'
import { TRACKING_ALPHABET } from '@/domain'
import { casePayload, complaintForm, envelope } from '../support/fixtures'
import { Ledger, PEOPLE, seedOrg } from '../support/ledger-harness'
import { STORES } from '../support/stores'

const A = PEOPLE.mediatorA.identityId
const STAFF = PEOPLE.staffD.identityId

describe.each(STORES)('$name', ({ make }) => {
  let ledger: Ledger
  let close: () => void
  beforeEach(async () => {
    const made = make()
    close = made.close
    await seedOrg(made.store)
    ledger = new Ledger(made.store)
  })
  afterEach(() => close())

  describe('complaint lookup by tracking number', () => {
    // The form's phone is 13700002222.
    const file = () => ledger.ok<{ trackingNo: string }>('submitComplaint', complaintForm('TA01'), 'dev_worker')
    const lookup = (trackingNo: string, phoneLast4: string, who: string) => ledger.call('lookupComplaint', { trackingNo, phoneLast4 }, who)

    it('allows 5 wrong endings a day per number, from any callers, then shuts the number for the day', async () => {
      const { trackingNo } = await file()
      expect((await lookup(trackingNo, '2222', 'dev_x')).ok).toBe(true)
      for (let i = 0; i < 5; i++) expect(await lookup(trackingNo, String(1000 + i), `dev_guesser_${i}`)).toMatchObject({ ok: false, code: 'NOT_FOUND' })
      for (const who of ['dev_guesser_new', 'dev_worker']) {
        expect(await lookup(trackingNo, '2222', who)).toEqual({ ok: false, code: 'RATE_LIMITED', message: '今日查询错误次数过多，请明天再试或联系站点' })
      }
      const other = await file()
      expect((await lookup(other.trackingNo, '2222', 'dev_guesser_new')).ok).toBe(true)
      ledger.now = new Date('2026-11-20T16:00:00.000Z') // the next Beijing day
      expect((await lookup(trackingNo, '2222', 'dev_guesser_new')).ok).toBe(true)
    })

    it('right answers do not count against the number', async () => {
      const { trackingNo } = await file()
      for (let i = 0; i < 8; i++) expect((await lookup(trackingNo, '2222', `dev_reader_${i}`)).ok).toBe(true)
      for (let i = 0; i < 5; i++) expect((await lookup(trackingNo, '0000', `dev_guesser_${i}`)).ok).toBe(false)
      expect(await lookup(trackingNo, '2222', 'dev_reader_0')).toMatchObject({ code: 'RATE_LIMITED' })
    })

    it('locks a number that does not exist the same way, so the lock tells nothing', async () => {
      const made = 'K7M4-QX9A'
      const answers = []
      for (let i = 0; i < 6; i++) answers.push(await lookup(made, String(1000 + i), `dev_probe_${i}`))
      expect(answers.slice(0, 5).map((a) => a.ok ? 'ok' : a.code)).toEqual(Array(5).fill('NOT_FOUND'))
      expect(answers[5]).toEqual({ ok: false, code: 'RATE_LIMITED', message: LOOKUP_LOCKED_MESSAGE })
    })

    it('lets at most 5 of 60 parallel guesses be checked', async () => {
      const { trackingNo } = await file()
      const answers = await Promise.all(Array.from({ length: 60 }, (_, i) => lookup(trackingNo, String(3000 + i), `dev_bot_${i}`)))
      expect(answers.filter((a) => !a.ok && a.code === 'NOT_FOUND')).toHaveLength(LOOKUP_GUESSES_PER_NUMBER.dayLimit as number)
      expect(answers.filter((a) => !a.ok && a.code === 'RATE_LIMITED')).toHaveLength(55)
    })
  })

  describe('invite codes', () => {
    const invite = (extra: Record<string, unknown> = {}) => ledger.call<{ code: string, expiresAt: string }>('createInvite', { role: 'mediator', stationId: 'st-b', displayName: '新人', ...extra }, STAFF)

    it(`are ${INVITE_CODE_LENGTH} characters and last 7 days unless the inviter chooses 1–${INVITE_MAX_DAYS}`, async () => {
      const plain = await invite()
      if (!plain.ok) throw new Error(plain.message)
      expect(plain.data.code.replace(/-/g, '')).toHaveLength(INVITE_CODE_LENGTH)
      expect([...plain.data.code.replace(/-/g, '')].every((c) => TRACKING_ALPHABET.includes(c))).toBe(true)
      expect(plain.data.expiresAt).toBe('2026-11-27T04:00:00.000Z')
      const short = await invite({ validDays: 1 })
      expect(short.ok && short.data.expiresAt).toBe('2026-11-21T04:00:00.000Z')
      expect(await invite({ validDays: 31 })).toMatchObject({ ok: false, code: 'VALIDATION_FAILED', message: `有效天数不能超过${INVITE_MAX_DAYS}` })
      expect(await invite({ validDays: 0 })).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' })
    })

    it('an expired invite binds nobody', async () => {
      const short = await invite({ validDays: 2 })
      if (!short.ok) throw new Error(short.message)
      ledger.now = new Date('2026-11-22T04:00:01.000Z')
      expect(await ledger.call('bindRole', { code: short.data.code }, 'openid_late')).toMatchObject({ ok: false, code: 'FORBIDDEN', message: '邀请码已过期，请向区人社局申请新的邀请码' })
    })

    it('wrong codes from one caller: 5 free, then waits that grow; a right code then still works after the wait', async () => {
      const good = await invite()
      if (!good.ok) throw new Error(good.message)
      const bind = (code: string) => ledger.call('bindRole', { code }, 'openid_guesser')
      for (let i = 0; i < CODE_GUESSES_PER_CALLER.free; i++) expect(await bind(`WRNG-CODE-${i}AAA`)).toMatchObject({ code: 'NOT_FOUND' })
      expect(await bind('WRNG-CODE-6AAA')).toMatchObject({ code: 'NOT_FOUND' }) // counted; the next waits 1 s
      const waiting = await bind(good.data.code)
      expect(waiting).toMatchObject({ ok: false, code: 'RATE_LIMITED', message: '邀请码或登录码输错次数过多，请1秒后再试' })
      ledger.now = new Date(ledger.now.getTime() + 1000)
      expect(await bind('WRNG-CODE-7AAA')).toMatchObject({ code: 'NOT_FOUND' }) // the next waits 2 s
      ledger.now = new Date(ledger.now.getTime() + 1000)
      expect(await bind(good.data.code)).toMatchObject({ ok: false, code: 'RATE_LIMITED', message: '邀请码或登录码输错次数过多，请1秒后再试' })
      ledger.now = new Date(ledger.now.getTime() + 1000)
      expect(await bind(good.data.code)).toMatchObject({ ok: true, data: { role: 'mediator' } })
      // Another caller is not held up by this one.
      expect(await ledger.call('bindRole', { code: 'WRNG-CODE-8AAA' }, 'openid_other')).toMatchObject({ code: 'NOT_FOUND' })
    })

    it('wrong codes from many callers meet the overall limit', async () => {
      for (let i = 0; i < CODE_GUESSES_OVERALL.free; i++) expect(await ledger.call('bindRole', { code: 'WRNG-WRNG-WRNG' }, `openid_bot_${i}`)).toMatchObject({ code: 'NOT_FOUND' })
      expect(await ledger.call('bindRole', { code: 'WRNG-WRNG-WRNG' }, 'openid_bot_last')).toMatchObject({ code: 'NOT_FOUND' })
      expect(await ledger.call('bindRole', { code: 'WRNG-WRNG-WRNG' }, 'openid_fresh')).toMatchObject({ ok: false, code: 'RATE_LIMITED', message: '近期错误的邀请码或登录码过多，为保护账号已暂停验证，请1秒后再试' })
    }, 60_000)

    it('cannot be guessed within their life: the odds, from the limits', () => {
      const space = TRACKING_ALPHABET.length ** INVITE_CODE_LENGTH
      const perDay = maxFailuresPerDay(CODE_GUESSES_OVERALL)
      const liveInvites = 1000
      const odds = (perDay * INVITE_MAX_DAYS * liveInvites) / space
      const unthrottled = (1000 * 86_400 * INVITE_MAX_DAYS * liveInvites) / space
      console.log(`invite codes: ${TRACKING_ALPHABET.length}^${INVITE_CODE_LENGTH} = ${space.toExponential(2)}; at most ${perDay} wrong guesses a day for everyone together; chance that guessing for ${INVITE_MAX_DAYS} days hits any of ${liveInvites} live invites: ${odds.toExponential(1)} (at 1,000 guesses a second with no limit: ${unthrottled.toExponential(1)})`)
      expect(odds).toBeLessThan(1e-6)
      expect(unthrottled).toBeLessThan(1e-4)
    })
  })

  describe('the cloud setup key', () => {
    const ctx = () => ({ store: ledger.store, now: () => ledger.now })

    it(`refuses any key when the configured one is missing or shorter than ${MIN_SETUP_KEY_LENGTH} characters`, async () => {
      for (const configured of [undefined, '', 'short-key']) {
        await expect(checkSetupKey(configured, configured, ctx())).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('LEDGER_SETUP_KEY') })
      }
    })

    it('limits wrong keys, then lets the right one in after the wait', async () => {
      const key = 'a-long-random-setup-key-0123'
      for (let i = 0; i < 6; i++) await expect(checkSetupKey(`wrong-${i}`, key, ctx())).rejects.toMatchObject({ code: 'FORBIDDEN', message: '初始化密钥不正确' })
      await expect(checkSetupKey(key, key, ctx())).rejects.toMatchObject({ code: 'RATE_LIMITED' })
      ledger.now = new Date(ledger.now.getTime() + 2000)
      await expect(checkSetupKey(key, key, ctx())).resolves.toBeUndefined()
      // Six failures stay counted: the next guess still waits (up to 4 s), then is checked.
      await expect(checkSetupKey(undefined, key, ctx())).rejects.toMatchObject({ code: 'RATE_LIMITED' })
      ledger.now = new Date(ledger.now.getTime() + 4000)
      await expect(checkSetupKey(undefined, key, ctx())).rejects.toMatchObject({ code: 'FORBIDDEN', message: '初始化密钥不正确' })
    })
  })

  describe('revoking a mediator', () => {
    it('district staff end a binding; the next request of that identity has no role; audited', async () => {
      expect((await ledger.call('syncRecords', { records: [envelope('mediationCase', 'st-a', casePayload())] }, A)).ok).toBe(true)
      const r = await ledger.call('revokeBinding', { identityId: A, reason: '已调离' }, STAFF)
      expect(r).toMatchObject({ ok: true, data: { identityId: A, displayName: '甲调解员', stationId: 'st-a' } })
      expect(await ledger.call('syncRecords', { records: [envelope('mediationCase', 'st-a', casePayload())] }, A)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
      expect(await ledger.call('listRecords', { stationId: 'st-a' }, A)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
      expect(await ledger.ok('whoami', {}, A)).toMatchObject({ role: 'worker', binding: null })
      expect(await ledger.store.listAudit(`binding_${A}`)).toEqual([expect.objectContaining({ actor: STAFF, action: 'revokeBinding', detail: '甲调解员（调解员）：已调离', districtId: 'dist-d', stationId: 'st-a' })])
      expect(await ledger.call('revokeBinding', { identityId: A }, STAFF)).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    })

    it('only for mediators of the caller’s own district, and only by district staff', async () => {
      expect(await ledger.call('revokeBinding', { identityId: PEOPLE.mediatorC.identityId }, STAFF)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
      expect(await ledger.call('revokeBinding', { identityId: PEOPLE.staffE.identityId }, PEOPLE.staffE.identityId)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
      expect(await ledger.call('revokeBinding', { identityId: PEOPLE.mediatorB.identityId }, A)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
      expect(await ledger.call('revokeBinding', { identityId: 'usr_nobody' }, STAFF)).toMatchObject({ ok: false, code: 'NOT_FOUND' })
      expect(await ledger.store.getBinding(PEOPLE.mediatorB.identityId)).not.toBeNull()
      expect(await ledger.store.getBinding(PEOPLE.mediatorC.identityId)).not.toBeNull()
    })
  })
})
