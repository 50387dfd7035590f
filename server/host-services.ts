/**
 * Platform services in the host: QR codes drawn with the `qrcode` package for the H5 complaint page, files handed
 * back inline, no text screening (WeChat's msgSecCheck exists only in the cloud), notifications only counted.
 */
import QRCode from 'qrcode'
import type { PlatformServices } from '../cloudfunctions/ledger/src/context'

export function complaintUrl (publicBaseUrl: string, stationCode: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}/#/pages/complaint/index?s=${encodeURIComponent(stationCode)}`
}

export function hostServices (opts: { publicBaseUrl: () => string, log: (m: string) => void }): PlatformServices {
  return {
    async stationQr (stationCode) {
      const target = complaintUrl(opts.publicBaseUrl(), stationCode)
      const svg = await QRCode.toString(target, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 })
      return { target, imageUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` }
    },
    async checkText () {
      return 'pass'
    },
    async deliverFile (file) {
      return { fileName: file.fileName, mimeType: file.mimeType, base64: Buffer.from(file.bytes).toString('base64') }
    },
    async notifyComplaint (_identityId, info) {
      // Browsers have no subscription messages; the worker sees the change in 我的投诉. Never the tracking number:
      // with the phone's last 4 digits it opens the complaint.
      opts.log(`complaint status changed → ${info.status} (the worker sees it in 我的投诉)`)
    }
  }
}
