/** Platform services on WeChat CloudBase: mini-program codes, msgSecCheck, cloud storage files, subscription messages. */
import { randomBytes } from 'node:crypto'
import * as cloud from 'wx-server-sdk'
import { COMPLAINT_STATUS_LABELS, beijingDateTime, isErrorCode, type ComplaintStatus } from '@/domain'
import type { PlatformServices } from './context'
import type { CloudDatabase } from './store/cloudbase-api'

/** Cloud-storage folder of files with personal data (mediation papers); clients get no direct access to it. */
export const PERSONAL_FOLDER = 'papers'

const extensionOf = (fileName: string) => /\.[A-Za-z0-9]{1,8}$/.exec(fileName)?.[0] || ''

/** The page a station's code opens; `scene` carries the station code (≤ 32 visible characters). */
export const COMPLAINT_PAGE = 'pages/complaint/index'
/** How long a download link (export, QR code, mediation paper) lives: enough to download and open it, no more. */
export const TEMP_LINK_SECONDS = 600

export function cloudServices (db: CloudDatabase, log: (m: string) => void): PlatformServices {
  /** A temporary download link; files stay private (storage rules deny clients), links expire after `maxAge` s. */
  async function tempUrl (fileID: string, maxAge = TEMP_LINK_SECONDS): Promise<string> {
    const { fileList } = await cloud.getTempFileURL({ fileList: [{ fileID, maxAge }] })
    return fileList[0]?.tempFileURL || ''
  }

  return {
    /** Made once per station with wxacode.getUnlimited, kept in cloud storage, returned as a temporary URL. */
    async stationQr (stationCode) {
      const target = `${COMPLAINT_PAGE}?scene=${encodeURIComponent(stationCode)}`
      const [known] = (await db.collection('qrcodes').where({ _id: stationCode }).limit(1).get()).data
      let fileID = known?.fileID as string | undefined
      if (!fileID) {
        const code = await cloud.openapi.wxacode.getUnlimited({ scene: stationCode, page: COMPLAINT_PAGE, checkPath: false, width: 600 })
        fileID = (await cloud.uploadFile({ cloudPath: `qrcodes/${stationCode}.png`, fileContent: code.buffer })).fileID
        await db.collection('qrcodes').doc(stationCode).set({ data: { fileID, createdAt: new Date().toISOString() } })
      }
      return { target, imageUrl: await tempUrl(fileID) }
    },

    /** msgSecCheck v2. Anything but 'pass', or a failed check, holds the complaint for review (never drops it). */
    async checkText (text, openid) {
      try {
        const r = await cloud.openapi.security.msgSecCheck({ content: text.slice(0, 2500), version: 2, scene: 1, openid })
        return r.result?.suggest === 'pass' ? 'pass' : 'risky'
      } catch (e) {
        log(`msgSecCheck failed: ${(e as { errCode?: number }).errCode ?? 'unknown'}`)
        return 'risky'
      }
    },

    /**
     * Exports under exports/; personal papers under papers/ with a random name (no names in paths) and a link that
     * lives TEMP_LINK_SECONDS. The file name the user sees travels in the answer.
     */
    async deliverFile (file) {
      const day = new Date().toISOString().slice(0, 10)
      const cloudPath = file.personal
        ? `${PERSONAL_FOLDER}/${day}/${randomBytes(16).toString('hex')}${extensionOf(file.fileName)}`
        : `exports/${day}/${Date.now()}-${encodeURIComponent(file.fileName)}`
      const { fileID } = await cloud.uploadFile({ cloudPath, fileContent: Buffer.from(file.bytes) })
      return { fileName: file.fileName, mimeType: file.mimeType, url: await tempUrl(fileID) }
    },

    /** A subscription message, when COMPLAINT_TEMPLATE_ID is configured and the worker agreed to receive one. */
    async notifyComplaint (openid, info) {
      const templateId = process.env.COMPLAINT_TEMPLATE_ID
      if (!templateId) return
      const status = isErrorCode(info.status) ? info.status : COMPLAINT_STATUS_LABELS[info.status as ComplaintStatus] || info.status
      await cloud.openapi.subscribeMessage.send({
        touser: openid,
        templateId,
        page: 'pages/my-complaints/index',
        data: {
          character_string1: { value: info.trackingNo },
          phrase2: { value: status },
          thing3: { value: info.stationName.slice(0, 20) },
          time4: { value: beijingDateTime(new Date()) }
        }
      })
    }
  }
}
