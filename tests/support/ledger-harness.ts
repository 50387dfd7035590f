/**
 * A ledger with two districts for handler tests: district D (stations A and B) and district E (station C), a mediator
 * for each station, staff for each district, a settable clock, and recording platform services.
 */
import type { Binding, District, Station } from '@/domain'
import type { HandlerContext, PlatformServices } from '../../cloudfunctions/ledger/src/context'
import type { Answer } from '../../cloudfunctions/ledger/src/respond'
import { handle } from '../../cloudfunctions/ledger/src/router'
import type { LedgerStore } from '../../cloudfunctions/ledger/src/store/port'

export const DISTRICT_D: District = { id: 'dist-d', name: '测试区' }
export const DISTRICT_E: District = { id: 'dist-e', name: '邻区' }

export const STATION_A: Station = { id: 'st-a', districtId: 'dist-d', code: 'TA01', name: '甲街道劳动关系公共服务站', area: '甲街道', active: true, points: [{ id: 'st-a-p1', stationId: 'st-a', name: '甲社区服务点' }] }
export const STATION_B: Station = { id: 'st-b', districtId: 'dist-d', code: 'TB02', name: '乙镇劳动关系公共服务站', area: '乙镇', active: true, points: [] }
export const STATION_C: Station = { id: 'st-c', districtId: 'dist-e', code: 'TC03', name: '丙街道劳动关系公共服务站', area: '丙街道', active: true, points: [] }
export const STATION_OFF: Station = { id: 'st-off', districtId: 'dist-d', code: 'TOFF', name: '停用站', area: '丁镇', active: false, points: [] }

const bound = (identityId: string, role: Binding['role'], districtId: string, stationId: string | null, displayName: string): Binding =>
  ({ identityId, role, districtId, stationId, displayName, title: role === 'mediator' ? '调解员' : '区级工作人员', boundAt: '2026-01-01T00:00:00.000Z' })

export const PEOPLE = {
  mediatorA: bound('usr_med_a', 'mediator', 'dist-d', 'st-a', '甲调解员'),
  mediatorB: bound('usr_med_b', 'mediator', 'dist-d', 'st-b', '乙调解员'),
  mediatorC: bound('usr_med_c', 'mediator', 'dist-e', 'st-c', '丙调解员'),
  staffD: bound('usr_staff_d', 'district', 'dist-d', null, '测试区科员'),
  staffE: bound('usr_staff_e', 'district', 'dist-e', null, '邻区科员')
}

/** What a store needs beyond the port to be seeded by tests. */
export interface SeedableStore extends LedgerStore {
  putDistrict (d: District): Promise<void>
  putStation (s: Station, sort?: number): Promise<void>
  putBinding (b: Binding, accessKeyHash: string | null): Promise<void>
}

export interface RecordingServices extends PlatformServices {
  checked: string[]
  notified: Array<{ identityId: string, status: string }>
  risky: RegExp | null
}

export function recordingServices (): RecordingServices {
  const s: RecordingServices = {
    checked: [],
    notified: [],
    risky: null,
    async stationQr (code) {
      return { target: `https://example.test/#/pages/complaint/index?s=${code}`, imageUrl: 'data:image/svg+xml;base64,PHN2Zy8+' }
    },
    async checkText (text) {
      s.checked.push(text)
      return s.risky && s.risky.test(text) ? 'risky' : 'pass'
    },
    async deliverFile (file) {
      return { fileName: file.fileName, mimeType: file.mimeType, base64: Buffer.from(file.bytes).toString('base64') }
    },
    async notifyComplaint (identityId, info) {
      s.notified.push({ identityId, status: info.status })
    }
  }
  return s
}

export async function seedOrg (store: SeedableStore): Promise<void> {
  await store.putDistrict(DISTRICT_D)
  await store.putDistrict(DISTRICT_E)
  await store.putStation(STATION_A, 1)
  await store.putStation(STATION_B, 2)
  await store.putStation(STATION_OFF, 3)
  await store.putStation(STATION_C, 1)
  for (const b of Object.values(PEOPLE)) await store.putBinding(b, null)
}

export class Ledger {
  now = new Date('2026-11-20T04:00:00.000Z')
  readonly services = recordingServices()
  readonly logs: string[] = []

  constructor (readonly store: SeedableStore) {}

  ctx (identityId: string | null, ip?: string): HandlerContext {
    return {
      caller: identityId ? { identityId } : null,
      now: () => this.now,
      store: this.store,
      services: this.services,
      ip,
      log: (m, d) => this.logs.push(`${m} ${d === undefined ? '' : String(d)}`)
    }
  }

  call<T = unknown> (action: string, data: unknown, identityId: string | null, ip?: string): Promise<Answer<T>> {
    return handle(action, data, this.ctx(identityId, ip)) as Promise<Answer<T>>
  }

  /** Calls and returns data, failing the test with the error otherwise. */
  async ok<T = Record<string, unknown>> (action: string, data: unknown, identityId: string | null): Promise<T> {
    const a = await this.call<T>(action, data, identityId)
    if (!a.ok) throw new Error(`${action} failed: ${a.code} ${a.message} ${JSON.stringify(a.details)}`)
    return a.data
  }
}
