/**
 * Seeds the demo district on first start: 22 stations with points, one mediator per station, district staff, a year
 * of records, and one unused invite per station. Writes the sign-in codes to data/demo-accounts.json.
 * The last station (云溪高新区) has nothing yet this month, as a new station often has: the district sees it as 未报送
 * and its mediator sees the workbench's nil report (零报告).
 */
import fs from 'fs'
import path from 'path'
import { activityDates, beijingDate, newRecordId, readableCode, recordEventDate, type Binding, type RecordInput } from '@/domain'
import { INVITE_CODE_LENGTH, INVITE_MAX_DAYS } from '../cloudfunctions/ledger/src/handlers/identity'
import { auditFor, buildStored } from '../cloudfunctions/ledger/src/handlers/record-builder'
import type { Change } from '../cloudfunctions/ledger/src/store/port'
import { DEMO_DISTRICT, demoStations, generateRecords, personName, prng, type GeneratedRecord } from './demo-data'
import { writePrivateFile } from './data-dir'
import type { SessionSigner } from './session'
import type { SqliteStore } from './sqlite-store'

export interface DemoAccounts {
  district: { name: string, code: string, displayName: string }
  mediators: Array<{ stationId: string, stationCode: string, stationName: string, displayName: string, code: string }>
  invites: Array<{ stationId: string, stationName: string, code: string }>
  complaintUrls: Array<{ stationName: string, url: string }>
}

export async function seedDemo (store: SqliteStore, signer: SessionSigner, opts: { now: Date, dataDir: string, publicBaseUrl: string }): Promise<{ accounts: DemoAccounts, records: number }> {
  const rng = prng(11)
  const stations = demoStations()
  await store.putDistrict(DEMO_DISTRICT)
  for (const [i, s] of stations.entries()) await store.putStation(s, i)
  const boundAt = opts.now.toISOString()

  const districtBinding: Binding = { identityId: 'usr_demo_district', role: 'district', districtId: DEMO_DISTRICT.id, stationId: null, displayName: '周敏', title: '区级工作人员', boundAt }
  const districtCode = 'DEMO-QU01'
  await store.putBinding(districtBinding, signer.hashKey(districtCode))

  const mediators: DemoAccounts['mediators'] = []
  for (const [i, s] of stations.entries()) {
    const code = `DEMO-${s.code}`
    const binding: Binding = { identityId: `usr_demo_${s.code.toLowerCase()}`, role: 'mediator', districtId: DEMO_DISTRICT.id, stationId: s.id, displayName: personName(rng), title: i % 4 === 3 ? '法律志愿者' : '调解员', boundAt }
    await store.putBinding(binding, signer.hashKey(code))
    mediators.push({ stationId: s.id, stationCode: s.code, stationName: s.name, displayName: binding.displayName, code })
  }

  const invites: DemoAccounts['invites'] = []
  for (const s of stations) {
    const code = readableCode(INVITE_CODE_LENGTH)
    await store.createInvite({
      code, role: 'mediator', districtId: DEMO_DISTRICT.id, stationId: s.id, displayName: personName(rng), title: '调解员',
      createdBy: districtBinding.identityId, createdAt: boundAt, expiresAt: new Date(opts.now.getTime() + INVITE_MAX_DAYS * 86_400_000).toISOString(), usedBy: null, usedAt: null
    })
    invites.push({ stationId: s.id, stationName: s.name, code })
  }

  const today = beijingDate(opts.now)
  let count = 0
  let batch: Change[] = []
  const flush = async () => {
    if (!batch.length) return
    const results = await store.commit(batch)
    if (results.some((r) => !r.ok)) throw new Error('demo seed conflict')
    batch = []
  }
  const generated = generateRecords({ stations, today, days: 365, mediatorOf: (id) => `usr_demo_${(stations.find((s) => s.id === id)?.code || '').toLowerCase()}`, newId: newRecordId })
  for (const g of quietThisMonth(stations[stations.length - 1].id, today, generated)) {
    const createdAt = new Date(Math.min(opts.now.getTime(), Date.parse(`${recordEventDate(g.input)}T10:00:00+08:00`)))
    const record = buildStored(g.input, { districtId: DEMO_DISTRICT.id, actorId: g.createdBy, now: createdAt, previous: null })
    batch.push({ writes: [{ record, expectedVersion: 0 }], audit: auditFor(record, null, g.createdBy, createdAt) })
    count++
    if (batch.length >= 500) await flush()
  }
  await flush()

  const accounts: DemoAccounts = {
    district: { name: DEMO_DISTRICT.name, code: districtCode, displayName: districtBinding.displayName },
    mediators,
    invites,
    complaintUrls: stations.slice(0, 3).map((s) => ({ stationName: s.name, url: `${opts.publicBaseUrl}/#/pages/complaint/index?s=${s.code}` }))
  }
  fs.mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 })
  // Sign-in codes: readable by the host's account only, like the database.
  writePrivateFile(path.join(opts.dataDir, 'demo-accounts.json'), JSON.stringify(accounts, null, 2))
  store.setMeta('demoSeededAt', boundAt)
  return { accounts, records: count }
}

/**
 * The generated records less one station's records with anything this month. A complaint turned into a case is held
 * until its case comes (the generator yields the case right after it) and the two go or stay together.
 */
function * quietThisMonth (stationId: string, today: string, records: Iterable<GeneratedRecord>): Generator<GeneratedRecord> {
  const monthStart = `${today.slice(0, 7)}-01`
  const recent = (r: RecordInput) => activityDates(r).some((d) => d >= monthStart)
  let held: GeneratedRecord | null = null
  for (const g of records) {
    const r = g.input
    if (r.stationId !== stationId) {
      yield g
      continue
    }
    if (r.type === 'wageComplaint' && r.payload.timeline.some((e) => e.action === 'convert')) {
      held = g
      continue
    }
    if (held && r.type === 'mediationCase' && r.payload.complaintId === held.input.id) {
      if (!recent(r) && !recent(held.input)) yield * [held, g]
      held = null
      continue
    }
    if (!recent(r)) yield g
  }
}
