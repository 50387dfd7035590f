/**
 * The slice of wx-server-sdk (installed in the cloud from this function's package.json) that the entry uses.
 * Reference: developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-server-api/
 */
declare module 'wx-server-sdk' {
  import type { CloudDatabase } from './store/cloudbase-api'

  const DYNAMIC_CURRENT_ENV: unique symbol
  function init (options: { env?: string | typeof DYNAMIC_CURRENT_ENV }): void
  function getWXContext (): { OPENID?: string, APPID?: string, UNIONID?: string }
  function database (): CloudDatabase
  function uploadFile (options: { cloudPath: string, fileContent: Buffer }): Promise<{ fileID: string }>
  /** maxAge: the link's life in seconds (the platform's default is a day). */
  function getTempFileURL (options: { fileList: Array<string | { fileID: string, maxAge: number }> }): Promise<{ fileList: Array<{ fileID: string, tempFileURL: string, status: number }> }>
  const openapi: {
    wxacode: {
      getUnlimited (options: { scene: string, page: string, checkPath?: boolean, envVersion?: string, width?: number }): Promise<{ buffer: Buffer, contentType: string }>
    }
    security: {
      msgSecCheck (options: { content: string, version: 2, scene: 1 | 2 | 3 | 4, openid: string }): Promise<{ result: { suggest: 'pass' | 'review' | 'risky', label: number } }>
    }
    subscribeMessage: {
      send (options: { touser: string, templateId: string, page: string, data: Record<string, { value: string }> }): Promise<unknown>
    }
  }
  export { DYNAMIC_CURRENT_ENV, init, getWXContext, database, uploadFile, getTempFileURL, openapi }
}
