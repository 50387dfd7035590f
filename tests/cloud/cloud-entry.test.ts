/**
 * The bundled cloud function (cloudfunctions/ledger/index.js, from `npm run build:cloud`) run in Node with the
 * documented fake of wx-server-sdk: identity from getWXContext().OPENID, the setup step, openapi calls, files.
 */
import fs from 'fs'
import path from 'path'
import { createFakeDatabase } from '../support/fake-wx-server-sdk'
import { complaintForm, envelope, sessionPayload } from '../support/fixtures'

const BUNDLE = path.resolve(__dirname, '../../cloudfunctions/ledger/index.js')
const db = createFakeDatabase()
const sdk = {
  openid: '' as string,
  suggest: 'pass' as 'pass' | 'risky',
  calls: [] as string[],
  files: new Map<string, Buffer>()
}

jest.mock('wx-server-sdk', () => ({
  DYNAMIC_CURRENT_ENV: Symbol('env'),
  init: () => undefined,
  getWXContext: () => ({ OPENID: sdk.openid || undefined, APPID: 'wx-test' }),
  database: () => db,
  uploadFile: async ({ cloudPath, fileContent }: { cloudPath: string, fileContent: Buffer }) => {
    sdk.calls.push(`uploadFile ${cloudPath.split('/')[0]}`)
    sdk.files.set(`cloud://env/${cloudPath}`, fileContent)
    return { fileID: `cloud://env/${cloudPath}` }
  },
  getTempFileURL: async ({ fileList }: { fileList: string[] }) => ({ fileList: fileList.map((f) => ({ fileID: f, tempFileURL: f.replace('cloud://env/', 'https://tmp.example/'), status: 0 })) }),
  openapi: {
    wxacode: { getUnlimited: async ({ scene, page }: { scene: string, page: string }) => { sdk.calls.push(`getUnlimited ${scene} ${page}`); return { buffer: Buffer.from('PNG'), contentType: 'image/png' } } },
    security: { msgSecCheck: async () => { sdk.calls.push('msgSecCheck'); return { result: { suggest: sdk.suggest, label: 100 } } } },
    subscribeMessage: { send: async () => { sdk.calls.push('subscribeMessage.send') } }
  }
}), { virtual: true })

type Main = (event: unknown) => Promise<{ ok: boolean, code?: string, message?: string, data?: Record<string, unknown> }>
let main: Main

beforeAll(() => {
  if (!fs.existsSync(BUNDLE)) throw new Error('cloudfunctions/ledger/index.js is missing: run `npm run build:cloud` first')
  process.env.LEDGER_SETUP_KEY = 'setup-key-for-tests'
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- load the built CommonJS bundle as WeChat would
  main = require(BUNDLE).main
})

const as = (openid: string, action: string, data: unknown) => {
  sdk.openid = openid
  return main({ action, data, userInfo: { openId: openid } })
}

const SETUP = {
  district: { id: 'qx', name: '青溪区' },
  stations: [
    { id: 'qx-s01', code: 'QX01', name: '青溪街道劳动关系公共服务站', area: '青溪街道', points: [{ id: 'qx-s01-p1', name: '青溪社区服务点' }] },
    { id: 'qx-s02', code: 'QX02', name: '白沙镇劳动关系公共服务站', area: '白沙镇' }
  ],
  adminName: '区管理员'
}

describe('the bundled ledger cloud function', () => {
  let adminInvite = ''

  it('runs setup only with the key, and again without harm', async () => {
    expect(await main({ action: 'setup', setupKey: 'wrong', data: SETUP })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    const first = await main({ action: 'setup', setupKey: 'setup-key-for-tests', data: SETUP })
    expect(first.ok).toBe(true)
    // rate_limits came first, with the refused call: wrong setup keys are counted there (issue 13).
    expect(first.data?.createdCollections).toEqual(['districts', 'stations', 'bindings', 'invites', 'records', 'daily_figures', 'audit', 'qrcodes'])
    const second = await main({ action: 'setup', setupKey: 'setup-key-for-tests', data: SETUP })
    expect(second.data?.createdCollections).toEqual([])
    adminInvite = String(second.data?.districtStaffInvite)
  })

  it('takes identity from OPENID only', async () => {
    expect(await as('', 'whoami', {})).toMatchObject({ ok: true, data: { role: 'anonymous' } })
    expect(await as('o_admin', 'bindRole', { code: adminInvite })).toMatchObject({ ok: true, data: { role: 'district' } })
    sdk.openid = 'o_nobody'
    expect(await main({ action: 'whoami', data: {}, userInfo: { openId: 'o_admin' }, OPENID: 'o_admin' })).toMatchObject({ ok: true, data: { role: 'worker', identityId: 'o_nobody' } })
  })

  it('binds a mediator and syncs a record once', async () => {
    const invite = await as('o_admin', 'createInvite', { role: 'mediator', stationId: 'qx-s01', displayName: '调解员甲' })
    expect(await as('o_med', 'bindRole', { code: invite.data?.code })).toMatchObject({ ok: true, data: { role: 'mediator', station: { id: 'qx-s01' } } })
    const rec = envelope('legalSession', 'qx-s01', sessionPayload({ date: '2026-01-05' }))
    const r1 = await as('o_med', 'syncRecords', { records: [rec] })
    const r2 = await as('o_med', 'syncRecords', { records: [rec] })
    expect([r1.data?.results, r2.data?.results]).toMatchObject([[{ result: 'stored' }], [{ result: 'duplicate' }]])
    expect(db.collections.get('records')?.size).toBe(1)
  })

  it('screens complaint text with msgSecCheck and holds risky text for review', async () => {
    sdk.suggest = 'risky'
    const r = await as('o_worker', 'submitComplaint', complaintForm('QX01'))
    expect(r).toMatchObject({ ok: true, data: { heldForReview: true, stationName: '青溪街道劳动关系公共服务站' } })
    expect(sdk.calls).toContain('msgSecCheck')
    sdk.suggest = 'pass'
  })

  it('makes a station code once with wxacode.getUnlimited and keeps it in cloud storage', async () => {
    const a = await as('o_med', 'stationQr', {})
    const b = await as('o_med', 'stationQr', {})
    expect(a.data).toMatchObject({ target: 'pages/complaint/index?scene=QX01', imageUrl: 'https://tmp.example/qrcodes/QX01.png' })
    expect(b.data?.imageUrl).toBe(a.data?.imageUrl)
    expect(sdk.calls.filter((c) => c.startsWith('getUnlimited'))).toEqual(['getUnlimited QX01 pages/complaint/index'])
  })

  it('exports the report to cloud storage and returns a temporary URL', async () => {
    const r = await as('o_admin', 'exportReport', { period: { kind: 'year', year: 2026 }, format: 'xlsx' })
    expect(r.ok).toBe(true)
    expect(String(r.data?.url)).toMatch(/^https:\/\/tmp\.example\/exports\//)
    const file = [...sdk.files.entries()].find(([k]) => k.includes('/exports/'))
    expect(file?.[1].subarray(0, 2).toString()).toBe('PK')
  })

  it('refuses events over 1 MB and unknown actions with stable codes', async () => {
    expect(await as('o_med', 'syncRecords', { records: [{ pad: 'x'.repeat(1_100_000) }] })).toMatchObject({ ok: false, code: 'PAYLOAD_TOO_LARGE' })
    expect(await as('o_med', 'dropDatabase', {})).toMatchObject({ ok: false, code: 'UNKNOWN_ACTION' })
  })
})
