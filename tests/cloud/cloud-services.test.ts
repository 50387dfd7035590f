/**
 * The CloudBase platform services' file delivery, against a recording stand-in for wx-server-sdk's storage mockSdkCalls:
 * a mediation paper goes to papers/ under a random name; report exports keep their own path; every link lives
 * 10 minutes.
 */
import { cloudServices, TEMP_LINK_SECONDS } from '../../cloudfunctions/ledger/src/cloud-services'
import type { CloudDatabase } from '../../cloudfunctions/ledger/src/store/cloudbase-api'

const mockSdkCalls: Array<{ api: string, args: unknown }> = []

// jest.mock is hoisted above the imports, so cloud-services loads this stand-in.
jest.mock('wx-server-sdk', () => ({
  uploadFile: async (args: { cloudPath: string }) => {
    mockSdkCalls.push({ api: 'uploadFile', args: { cloudPath: args.cloudPath } })
    return { fileID: `cloud://env/${args.cloudPath}` }
  },
  getTempFileURL: async (args: { fileList: Array<string | { fileID: string, maxAge: number }> }) => {
    mockSdkCalls.push({ api: 'getTempFileURL', args })
    return { fileList: args.fileList.map((f) => ({ fileID: typeof f === 'string' ? f : f.fileID, tempFileURL: 'https://tmp.example/x', status: 0 })) }
  }
}))

beforeEach(() => { mockSdkCalls.length = 0 })

const services = () => cloudServices({} as unknown as CloudDatabase, () => undefined)
const bytes = new Uint8Array([80, 75, 3, 4])

describe('cloud deliverFile', () => {
  it('stores a paper with personal data under papers/ with a random name and asks for a link that lives 10 minutes', async () => {
    const fileName = '调解协议书_青禾建材有限公司_2026-11-10.docx'
    const a = await services().deliverFile({ fileName, mimeType: 'application/x', bytes, personal: true })
    const b = await services().deliverFile({ fileName, mimeType: 'application/x', bytes, personal: true })
    expect(a).toEqual({ fileName, mimeType: 'application/x', url: 'https://tmp.example/x' })
    expect(b.fileName).toBe(fileName)
    const paths = mockSdkCalls.filter((c) => c.api === 'uploadFile').map((c) => (c.args as { cloudPath: string }).cloudPath)
    for (const p of paths) expect(p).toMatch(/^papers\/\d{4}-\d{2}-\d{2}\/[0-9a-f]{32}\.docx$/)
    expect(paths[0]).not.toBe(paths[1])
    expect(TEMP_LINK_SECONDS).toBe(600)
    expect(mockSdkCalls.filter((c) => c.api === 'getTempFileURL').map((c) => c.args)).toEqual([
      { fileList: [{ fileID: `cloud://env/${paths[0]}`, maxAge: 600 }] },
      { fileList: [{ fileID: `cloud://env/${paths[1]}`, maxAge: 600 }] }
    ])
  })

  it('keeps report exports where they were, with a 10-minute link too', async () => {
    await services().deliverFile({ fileName: '报表.csv', mimeType: 'text/csv', bytes })
    const upload = mockSdkCalls.find((c) => c.api === 'uploadFile')?.args as { cloudPath: string }
    expect(upload.cloudPath).toMatch(/^exports\/\d{4}-\d{2}-\d{2}\/\d+-%E6%8A%A5%E8%A1%A8\.csv$/)
    expect(mockSdkCalls.find((c) => c.api === 'getTempFileURL')?.args).toEqual({ fileList: [{ fileID: `cloud://env/${upload.cloudPath}`, maxAge: 600 }] })
  })
})
