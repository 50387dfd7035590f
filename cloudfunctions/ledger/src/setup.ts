/**
 * The idempotent CloudBase setup step: creates the collections (an existing one is fine), writes the district and
 * its stations, and issues one invite for the first district staff member. Run it once from WeChat DevTools
 * (云端测试) with `{ "action": "setup", "setupKey": "<LEDGER_SETUP_KEY>", "data": { ... } }`.
 *
 * Indexes are created in the CloudBase console (the server SDK cannot create them); see ../database.md.
 */
import { createHash, timingSafeEqual } from 'crypto'
import { z } from 'zod/mini'
import { LedgerError, isStationCode, readableCode } from '@/domain'
import { SETUP_KEY_GUESSES, startGuess, waitMessage, type GuessContext } from './guesses'
import { INVITE_CODE_LENGTH, INVITE_DAYS } from './handlers/identity'
import type { CloudDatabase } from './store/cloudbase-api'
import type { CloudBaseStore } from './store/cloudbase-store'
import { parseInput } from './validate'

/** A setup key shorter than this is refused outright: it could be guessed. */
export const MIN_SETUP_KEY_LENGTH = 16

/**
 * Lets the setup step run only with the configured key: a missing or short key refuses every call; wrong keys are
 * counted (SETUP_KEY_GUESSES) before they are compared, in constant time.
 */
export async function checkSetupKey (given: unknown, configured: string | undefined, ctx: GuessContext): Promise<void> {
  if (!configured || configured.length < MIN_SETUP_KEY_LENGTH) {
    throw new LedgerError('FORBIDDEN', `未设置初始化密钥或密钥太短：请在云函数环境变量中把 LEDGER_SETUP_KEY 设为至少${MIN_SETUP_KEY_LENGTH}个字符的随机字符串`)
  }
  const guess = await startGuess(ctx, [{ key: 'setup:key', policy: SETUP_KEY_GUESSES }], (r) => `初始化密钥错误次数过多，${waitMessage(r.retryAt, ctx.now().getTime())}`)
  const digest = (v: string) => createHash('sha256').update(v).digest()
  if (typeof given !== 'string' || !timingSafeEqual(digest(given), digest(configured))) throw new LedgerError('FORBIDDEN', '初始化密钥不正确')
  await guess.succeeded()
}

export const COLLECTIONS = ['districts', 'stations', 'bindings', 'invites', 'records', 'tracking_numbers', 'audit', 'rate_limits', 'qrcodes'] as const

const name = (max: number) => z.string().check(z.minLength(1), z.maxLength(max))

const setupInput = z.strictObject({
  district: z.strictObject({ id: z.string().check(z.regex(/^[a-z0-9-]{2,32}$/)), name: name(30) }),
  stations: z.array(z.strictObject({
    id: z.string().check(z.regex(/^[a-z0-9-]{2,48}$/)),
    code: z.string().check(z.refine(isStationCode, '站点编码须为2–32位字母、数字、_或-')),
    name: name(40),
    area: name(30),
    active: z._default(z.boolean(), true),
    points: z._default(z.array(z.strictObject({ id: z.string().check(z.maxLength(64)), name: z.string().check(z.maxLength(40)) })).check(z.maxLength(50)), [])
  })).check(z.minLength(1), z.maxLength(200)),
  adminName: name(30)
})

/** Creates a collection, or leaves an existing one alone; answers whether it made it. */
async function createCollection (db: CloudDatabase, name: string): Promise<boolean> {
  try {
    await db.createCollection(name)
    return true
  } catch (e) {
    if (!/exist/i.test(e instanceof Error ? e.message : String(e))) throw new LedgerError('INTERNAL', `创建集合 ${name} 失败`)
    return false
  }
}

/**
 * Guesses at the setup key are counted in `rate_limits`, which must exist before the first key is checked (CloudBase
 * refuses writes to a missing collection). Answers the collections this made, for setup to report.
 */
export async function prepareSetupKeyCheck (db: CloudDatabase): Promise<string[]> {
  return (await createCollection(db, 'rate_limits')) ? ['rate_limits'] : []
}

export async function setupCloudBase (db: CloudDatabase, store: CloudBaseStore, input: unknown, now: Date, createdBefore: string[] = []) {
  const data = parseInput(setupInput, input)
  const created: string[] = []
  for (const name of COLLECTIONS) {
    if (createdBefore.includes(name) || await createCollection(db, name)) created.push(name)
  }
  await store.putDistrict(data.district)
  for (const [i, s] of data.stations.entries()) {
    await store.putStation({ ...s, districtId: data.district.id, points: s.points.map((p) => ({ ...p, stationId: s.id })) }, i)
  }
  const code = readableCode(INVITE_CODE_LENGTH)
  await store.createInvite({
    code, role: 'district', districtId: data.district.id, stationId: null, displayName: data.adminName, title: '区级工作人员',
    createdBy: 'setup', createdAt: now.toISOString(), expiresAt: new Date(now.getTime() + INVITE_DAYS * 86_400_000).toISOString(), usedBy: null, usedAt: null
  })
  return { createdCollections: created, stations: data.stations.length, districtStaffInvite: code }
}
