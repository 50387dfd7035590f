/** Identity and roles: who am I, invite codes from district staff, redeeming them, and the station list. */
import { z } from 'zod/mini'
import { LedgerError, MEDIATOR_TITLES, readableCode, typeError, type Station } from '@/domain'
import { count, optionalText, text } from '@/domain/fields'
import { requireDistrictStaff, requireIdentity, type Actor } from '../access'
import type { HandlerContext } from '../context'
import type { AuditEntry } from '../store/port'
import { startCodeGuess } from '../guesses'
import { noInput, parseInput } from '../validate'

/** How long an invite stays usable unless the inviter chooses otherwise (1 to INVITE_MAX_DAYS days). */
export const INVITE_DAYS = 7
export const INVITE_MAX_DAYS = 30
/**
 * Characters in an invite code, from an alphabet of 28 (ids.ts): 28^12 ≈ 2.3 × 10^17 codes. Even unthrottled at
 * 1,000 guesses a second for a code's 30-day maximum life, the chance of hitting one live code is ~1 in 90 million;
 * the guessing limits (guesses.ts) bring the attempts down to ~9,000 a day for everyone together.
 */
export const INVITE_CODE_LENGTH = 12

export async function whoami (input: unknown, ctx: HandlerContext, actor: Actor) {
  parseInput(noInput, input)
  if (!actor.binding) return { identityId: actor.identityId, role: actor.role, binding: null, station: null, district: null }
  const [station, district] = await Promise.all([
    actor.binding.stationId ? ctx.store.getStation(actor.binding.stationId) : Promise.resolve(null),
    ctx.store.getDistrict(actor.binding.districtId)
  ])
  return { identityId: actor.identityId, role: actor.role, binding: actor.binding, station: station && publicStation(station), district }
}

/** A station as any bound caller may see it. */
export function publicStation (s: Station) {
  return { id: s.id, code: s.code, name: s.name, area: s.area, active: s.active, districtId: s.districtId, points: s.points }
}

const createInviteInput = z.strictObject({
  role: z.enum(['mediator', 'district'], { error: '请选择角色' }),
  stationId: z.optional(z.string().check(z.maxLength(64))),
  displayName: text('姓名', 30),
  title: z.optional(z.enum([...MEDIATOR_TITLES, '区级工作人员'], { error: '请选择身份' })),
  validDays: z.optional(count('有效天数', INVITE_MAX_DAYS, 1, '有效天数至少为1天'))
})

export async function createInvite (input: unknown, ctx: HandlerContext, actor: Actor) {
  const staff = requireDistrictStaff(actor)
  const data = parseInput(createInviteInput, input)
  let stationId: string | null = null
  if (data.role === 'mediator') {
    if (!data.stationId) throw new LedgerError('VALIDATION_FAILED', '请选择站点', { issues: [{ path: 'stationId', message: '请选择站点' }] })
    const station = await ctx.store.getStation(data.stationId)
    if (!station || station.districtId !== staff.districtId) throw new LedgerError('FORBIDDEN', '只能为本区的站点创建邀请码')
    stationId = station.id
  }
  const now = ctx.now()
  const invite = {
    code: readableCode(INVITE_CODE_LENGTH),
    role: data.role,
    districtId: staff.districtId,
    stationId,
    displayName: data.displayName,
    title: data.title || (data.role === 'mediator' ? '调解员' : '区级工作人员'),
    createdBy: requireIdentity(actor),
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + (data.validDays ?? INVITE_DAYS) * 86_400_000).toISOString(),
    usedBy: null,
    usedAt: null
  }
  await ctx.store.createInvite(invite)
  return { code: invite.code, role: invite.role, stationId, expiresAt: invite.expiresAt }
}

const bindRoleInput = z.strictObject({ code: z.string().check(z.trim(), z.minLength(4, '请输入邀请码'), z.maxLength(20, '邀请码不正确')) })

/** What a person types, in the stored form: upper case, groups of 4 joined by dashes (8-character codes of old too). */
export function normalizeInviteCode (code: string): string {
  const s = code.toUpperCase().replace(/[\s-]/g, '')
  return s.length % 4 === 0 ? (s.match(/.{4}/g) || []).join('-') : s
}

/** Redeems an invite for the caller. `accessKeyHash` is the host's way to let the same person sign in elsewhere. */
export async function redeemFor (identityId: string, code: string, ctx: HandlerContext, accessKeyHash: string | null) {
  const result = await ctx.store.redeemInvite(normalizeInviteCode(code), identityId, ctx.now().toISOString(), accessKeyHash)
  if (!result.ok) {
    const message = { missing: '邀请码不存在，请核对后重新输入', used: '该邀请码已被使用，请向区人社局申请新的邀请码', expired: '邀请码已过期，请向区人社局申请新的邀请码' }[result.reason]
    throw new LedgerError(result.reason === 'missing' ? 'NOT_FOUND' : 'FORBIDDEN', message)
  }
  return result.binding
}

export async function bindRole (input: unknown, ctx: HandlerContext, actor: Actor) {
  const identityId = requireIdentity(actor)
  const { code } = parseInput(bindRoleInput, input)
  const guess = await startCodeGuess(ctx, identityId)
  await redeemFor(identityId, code, ctx, null)
  await guess.succeeded()
  return whoami({}, ctx, await resolveAgain(ctx, identityId))
}

async function resolveAgain (ctx: HandlerContext, identityId: string): Promise<Actor> {
  const binding = await ctx.store.getBinding(identityId)
  return { role: binding ? binding.role : 'worker', identityId, binding }
}

export async function listStations (input: unknown, ctx: HandlerContext, actor: Actor) {
  parseInput(noInput, input)
  if (!actor.binding) throw new LedgerError('FORBIDDEN', '请先绑定站点或区级账号')
  const stations = await ctx.store.listStations(actor.binding.districtId)
  return { stations: stations.map(publicStation) }
}

const stationByCodeInput = z.strictObject({ code: z.string().check(z.trim(), z.minLength(1, '缺少站点编码'), z.maxLength(64, '站点编码不正确')) })

/** Public: what the complaint page needs to show a station's name (and refuse unknown or inactive codes). */
export async function stationByCode (input: unknown, ctx: HandlerContext) {
  const { code } = parseInput(stationByCodeInput, input)
  const station = await ctx.store.getStationByCode(code)
  if (!station) throw new LedgerError('NOT_FOUND', '没有找到这个站点，请确认扫描的是站点张贴的二维码')
  if (!station.active) throw new LedgerError('NOT_FOUND', '该站点暂停受理线上投诉，请直接到站点或拨打12333')
  const district = await ctx.store.getDistrict(station.districtId)
  return { code: station.code, name: station.name, area: station.area, districtName: district?.name || '' }
}

const revokeBindingInput = z.strictObject({
  identityId: z.string(typeError('请选择要解除绑定的调解员')).check(z.minLength(1, '请选择要解除绑定的调解员'), z.maxLength(80, '人员编号不正确')),
  reason: optionalText('解除原因', 200)
})

/**
 * District staff end the binding of a mediator of their district (someone who left, or a lost phone). It takes effect
 * on that person's next request: every request looks the binding up, in WeChat (OPENID) and in the host alike, and
 * the host no longer refreshes their sessions or accepts their access key. Audited under `binding_<identityId>`.
 */
export async function revokeBinding (input: unknown, ctx: HandlerContext, actor: Actor) {
  const staff = requireDistrictStaff(actor)
  const data = parseInput(revokeBindingInput, input)
  const binding = await ctx.store.getBinding(data.identityId)
  if (!binding) throw new LedgerError('NOT_FOUND', '没有找到这名调解员的绑定（可能已解除）')
  if (binding.districtId !== staff.districtId) throw new LedgerError('FORBIDDEN', '只能解除本区调解员的绑定')
  if (binding.role !== 'mediator') throw new LedgerError('FORBIDDEN', '只能解除调解员的绑定')
  const at = ctx.now().toISOString()
  const audit: AuditEntry = {
    recordId: `binding_${binding.identityId}`,
    stationId: binding.stationId || '',
    districtId: binding.districtId,
    actor: staff.identityId,
    action: 'revokeBinding',
    at,
    detail: `${binding.displayName}（${binding.title}）${data.reason ? `：${data.reason}` : ''}`
  }
  const removed = await ctx.store.revokeBinding(binding.identityId, audit)
  if (!removed) throw new LedgerError('NOT_FOUND', '没有找到这名调解员的绑定（可能已解除）')
  return { identityId: removed.identityId, displayName: removed.displayName, stationId: removed.stationId, revokedAt: at }
}
