/**
 * What every handler receives besides its input: who calls, the clock, the store and the platform services.
 * Only the entry points (the WeChat adapter in index.ts and the host in server/) build a context.
 */
import type { LedgerStore } from './store/port'

/** The caller's identity as the platform proved it: an OPENID in WeChat, a signed session in the host. */
export interface Caller {
  identityId: string
}

/** A file made by a handler (an export, a mediation paper), handed to the platform to deliver. */
export interface FileToDeliver {
  fileName: string
  mimeType: string
  bytes: Uint8Array
  /** Holds personal data (a mediation paper): kept apart under a random name, its link short-lived. */
  personal?: boolean
}

/** How the platform hands a file to the app: a temporary URL in the cloud, inline bytes in the host. */
export interface DeliveredFile {
  fileName: string
  mimeType: string
  url?: string
  base64?: string
}

/** A station's QR code as the platform makes it. */
export interface StationQr {
  /** What the code opens: the mini program page with scene, or the H5 address. */
  target: string
  /** An image the app can show or print: a data: URL or a temporary https URL. */
  imageUrl: string
}

export type ContentVerdict = 'pass' | 'risky'

/** Platform services that differ between WeChat CloudBase and the host. */
export interface PlatformServices {
  stationQr (stationCode: string): Promise<StationQr>
  /** Screens user text (msgSecCheck in WeChat). Risky text is held for review, never dropped. */
  checkText (text: string, identityId: string): Promise<ContentVerdict>
  deliverFile (file: FileToDeliver): Promise<DeliveredFile>
  /** Tells a worker their complaint changed (a subscription message in WeChat); best effort. */
  notifyComplaint (identityId: string, info: { trackingNo: string, status: string, stationName: string }): Promise<void>
}

export interface HandlerContext {
  caller: Caller | null
  now: () => Date
  store: LedgerStore
  services: PlatformServices
  /** The client address, in the host only (for per-IP limits). */
  ip?: string
  /** Where unexpected errors go: never personal data, only codes and stack traces. */
  log: (message: string, detail?: unknown) => void
}
