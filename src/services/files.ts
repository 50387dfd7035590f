/**
 * Files the ledger makes (report exports, mediation papers): which formats can be opened here, opening them, and passing them on.
 *
 * WeChat: `openDocument` opens doc, docx, xls, xlsx, ppt, pptx and pdf only, so CSV is offered in browsers alone. The
 * export is a cloud temp URL; `downloadFile` reaches it only when the storage download domain is in the mini
 * program's downloadFile domain list (see the README). "发送给朋友" uses `wx.shareFileMessage` (base library 2.16.1+),
 * which WeChat only allows from a tap; where it is missing, the opened document's own menu (showMenu) can send it.
 */
import Taro from '@tarojs/taro'
import { isWeapp } from './platform'

/** What the ledger answers for an export: a temp URL in WeChat, the bytes in a browser. */
export interface DeliveredFile {
  fileName: string
  mimeType: string
  url?: string
  base64?: string
}

/** A file downloaded to the phone (WeChat only), ready to be sent on. */
export interface LocalFile {
  fileName: string
  filePath: string
}

export type ExportFormat = 'xlsx' | 'csv'

/** The formats this platform can open. */
export const EXPORT_FORMATS: ExportFormat[] = isWeapp ? ['xlsx'] : ['xlsx', 'csv']

const DOCUMENT_TYPES = ['doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'pdf'] as const
type DocumentType = (typeof DOCUMENT_TYPES)[number]

function documentType (fileName: string): DocumentType | null {
  const ext = fileName.split('.').pop()?.toLowerCase() || ''
  return (DOCUMENT_TYPES as readonly string[]).includes(ext) ? ext as DocumentType : null
}

const errMsgOf = (e: unknown) => (e && typeof e === 'object' && typeof (e as { errMsg?: unknown }).errMsg === 'string' ? (e as { errMsg: string }).errMsg : e instanceof Error ? e.message : String(e))

/** Opens a delivered file: downloaded and opened with openDocument in WeChat (answering the local file), a download in a browser. */
export async function openDeliveredFile (file: DeliveredFile): Promise<LocalFile | null> {
  if (isWeapp) {
    const fileType = documentType(file.fileName)
    if (!fileType) throw new Error('微信中无法打开这种文件，请导出 Excel')
    if (!file.url) throw new Error('文件没有下载地址')
    let filePath: string
    try {
      const res = await Taro.downloadFile({ url: file.url })
      if (res.statusCode !== 200) throw new Error(`HTTP ${res.statusCode}`)
      filePath = res.tempFilePath
    } catch (e) {
      const why = errMsgOf(e)
      throw new Error(/domain/i.test(why)
        ? `下载文件失败：云存储的下载域名不在小程序的 downloadFile 合法域名中，请管理员在小程序后台添加（${why}）`
        : `下载文件失败（${why}）`)
    }
    await Taro.openDocument({ filePath, fileType, showMenu: true })
    return { fileName: file.fileName, filePath }
  }
  if (typeof document === 'undefined') return null
  const href = file.base64 ? `data:${file.mimeType};base64,${file.base64}` : file.url || ''
  const a = document.createElement('a')
  a.href = href
  a.download = file.fileName
  document.body.appendChild(a)
  a.click()
  a.remove()
  return null
}

/** Can this WeChat send a file to a chat directly? */
export function canShareFile (): boolean {
  // The build constant inlined (not isWeapp) lets the H5 build drop Taro H5's canIUse and its ~60 KB API table.
  return process.env.TARO_ENV === 'weapp' && typeof Taro.canIUse === 'function' && Taro.canIUse('shareFileMessage')
}

export type ShareOutcome = { status: 'shared' } | { status: 'unsupported' } | { status: 'failed', reason: string }

/** Sends a downloaded file to a WeChat chat. Call it from a tap. */
export function shareFile (file: LocalFile): Promise<ShareOutcome> {
  if (!canShareFile()) return Promise.resolve({ status: 'unsupported' })
  return new Promise((resolve) => {
    // Not promisified by Taro for weapp: it passes the call straight to wx with these callbacks.
    Taro.shareFileMessage({
      filePath: file.filePath,
      fileName: file.fileName,
      success: () => resolve({ status: 'shared' }),
      fail: (e) => resolve({ status: 'failed', reason: errMsgOf(e) })
    })
  })
}
