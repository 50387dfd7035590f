/** The organisation: a district (区) has stations (站), each station has points (点). */

/** Who a caller is to the ledger. Workers are anonymous and own only their complaints. */
export type Role = 'mediator' | 'district' | 'worker'

export const ROLE_LABELS: Record<Role, string> = {
  mediator: '站点调解员',
  district: '区级工作人员',
  worker: '投诉人'
}

/** Titles seen in the field for a station's people. */
export const MEDIATOR_TITLES = ['调解员', '综治调解员', '法律志愿者', '工会协理员'] as const
export type MediatorTitle = (typeof MEDIATOR_TITLES)[number]

export interface District {
  id: string
  name: string
}

export interface Station {
  id: string
  districtId: string
  /** Short ASCII code carried in QR codes (WeChat's scene allows ≤ 32 visible characters, no Chinese). */
  code: string
  name: string
  /** 街道 / 乡镇 / 园区 the station serves. */
  area: string
  active: boolean
  points: Point[]
}

export interface Point {
  id: string
  stationId: string
  name: string
}

/** What a caller is bound to. Identity itself (OPENID or a host session) lives outside the domain. */
export interface Binding {
  identityId: string
  role: Exclude<Role, 'worker'>
  districtId: string
  /** Set for mediators only. */
  stationId: string | null
  displayName: string
  title: string
  boundAt: string
}

const STATION_CODE = /^[A-Za-z0-9_-]{2,32}$/

/** A valid station code for a QR scene: 2–32 visible ASCII letters, digits, _ or -. */
export function isStationCode (value: string): boolean {
  return STATION_CODE.test(value)
}
