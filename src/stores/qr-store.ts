/** A station's QR code for its poster (the mediator's own station, or any of district staff's stations). */
import { callLedger } from '../services/ledger-api'

export interface StationQrInfo {
  stationId: string
  stationName: string
  stationCode: string
  target: string
  imageUrl: string
}

export function loadStationQr (stationId?: string): Promise<StationQrInfo> {
  return callLedger<StationQrInfo>('stationQr', stationId ? { stationId } : {})
}
