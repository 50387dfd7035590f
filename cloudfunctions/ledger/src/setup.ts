/**
 * The idempotent CloudBase setup step: creates the collections (an existing one is fine), writes the district and
 * its stations, and issues one invite for the first district staff member. Run it once from WeChat DevTools
 * (云端测试) with `{ "action": "setup", "setupKey": "<LEDGER_SETUP_KEY>", "data": { ... } }`.
 *
 * Indexes are created in the CloudBase console (the server SDK cannot create them); see ../database.md.
 */
import { z } from 'zod'
import { LedgerError, isStationCode, readableCode } from '@/domain'
import type { CloudDatabase } from './store/cloudbase-api'
import type { CloudBaseStore } from './store/cloudbase-store'
import { parseInput } from './validate'

export const COLLECTIONS = ['districts', 'stations', 'bindings', 'invites', 'records', 'daily_figures', 'audit', 'rate_limits', 'qrcodes'] as const

const setupInput = z.object({
  district: z.object({ id: z.string().regex(/^[a-z0-9-]{2,32}$/), name: z.string().min(1).max(30) }).strict(),
  stations: z.array(z.object({
    id: z.string().regex(/^[a-z0-9-]{2,48}$/),
    code: z.string().refine(isStationCode, '站点编码须为2–32位字母、数字、_或-'),
    name: z.string().min(1).max(40),
    area: z.string().min(1).max(30),
    active: z.boolean().default(true),
    points: z.array(z.object({ id: z.string().max(64), name: z.string().max(40) }).strict()).max(50).default([])
  }).strict()).min(1).max(200),
  adminName: z.string().min(1).max(30)
}).strict()

export async function setupCloudBase (db: CloudDatabase, store: CloudBaseStore, input: unknown, now: Date) {
  const data = parseInput(setupInput, input)
  const created: string[] = []
  for (const name of COLLECTIONS) {
    try {
      await db.createCollection(name)
      created.push(name)
    } catch (e) {
      if (!/exist/i.test(e instanceof Error ? e.message : String(e))) throw new LedgerError('INTERNAL', `创建集合 ${name} 失败`)
    }
  }
  await store.putDistrict(data.district)
  for (const [i, s] of data.stations.entries()) {
    await store.putStation({ ...s, districtId: data.district.id, points: s.points.map((p) => ({ ...p, stationId: s.id })) }, i)
  }
  const code = readableCode(8)
  await store.createInvite({
    code, role: 'district', districtId: data.district.id, stationId: null, displayName: data.adminName, title: '区级工作人员',
    createdBy: 'setup', createdAt: now.toISOString(), expiresAt: new Date(now.getTime() + 7 * 86_400_000).toISOString(), usedBy: null, usedAt: null
  })
  return { createdCollections: created, stations: data.stations.length, districtStaffInvite: code }
}
