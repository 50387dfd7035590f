/**
 * The bundled cloud function (cloudfunctions/ledger/index.js, from `npm run build:cloud`) as WeChat runs it, with the
 * real wx-server-sdk's database on the CloudBase simulator. Only what the platform itself provides is stood in for:
 * the caller's OPENID (getWXContext), cloud storage and the openapi calls. Each test loads a fresh copy of the function
 * on a fresh database, so no test depends on another.
 */
import { execFileSync } from 'child_process'
import path from 'path'
import { assertFreshBuild, buildProblem } from '../support/build-freshness'
import { CloudBaseSimulator } from '../support/cloudbase-simulator'
import { complaintForm, envelope, sessionPayload } from '../support/fixtures'
import { DECLARED_INDEXES } from '../support/stores'

const ROOT = path.resolve(__dirname, '../..')
const BUNDLE = path.join(ROOT, 'cloudfunctions/ledger/index.js')
const SETUP_KEY = 'setup-key-for-tests-0123'

const platform = {
  sim: new CloudBaseSimulator(),
  openid: '' as string,
  suggest: 'pass' as 'pass' | 'risky',
  calls: [] as string[],
  files: new Map<string, Buffer>()
}

jest.mock('wx-server-sdk', () => ({
  DYNAMIC_CURRENT_ENV: Symbol('env'),
  init: () => undefined,
  getWXContext: () => ({ OPENID: platform.openid || undefined, APPID: 'wx-test' }),
  database: () => platform.sim.database(jest.requireActual('wx-server-sdk'), jest.requireActual('@cloudbase/database')),
  uploadFile: async ({ cloudPath, fileContent }: { cloudPath: string, fileContent: Buffer }) => {
    platform.calls.push(`uploadFile ${cloudPath.split('/')[0]}`)
    platform.files.set(`cloud://env/${cloudPath}`, fileContent)
    return { fileID: `cloud://env/${cloudPath}` }
  },
  getTempFileURL: async ({ fileList }: { fileList: Array<{ fileID: string, maxAge: number }> }) => {
    platform.calls.push(...fileList.map((f) => `getTempFileURL maxAge=${f.maxAge}`))
    return { fileList: fileList.map((f) => ({ fileID: f.fileID, tempFileURL: f.fileID.replace('cloud://env/', 'https://tmp.example/'), status: 0 })) }
  },
  openapi: {
    wxacode: { getUnlimited: async ({ scene, page }: { scene: string, page: string }) => { platform.calls.push(`getUnlimited ${scene} ${page}`); return { buffer: Buffer.from('PNG'), contentType: 'image/png' } } },
    security: { msgSecCheck: async () => { platform.calls.push('msgSecCheck'); return { result: { suggest: platform.suggest, label: 100 } } } },
    subscribeMessage: { send: async () => { platform.calls.push('subscribeMessage.send') } }
  }
}), { virtual: true })

type Main = (event: unknown) => Promise<{ ok: boolean, code?: string, message?: string, data?: Record<string, unknown> }>

/** The bundle, rebuilt first when missing or older than a source (it takes seconds): never tested stale. */
function ensureBundle (): void {
  if (buildProblem('cloud')) execFileSync(process.execPath, [path.join(ROOT, 'scripts/build-cloud.mjs')], { stdio: 'inherit' })
  assertFreshBuild('cloud')
}

/** A fresh instance of the function on a fresh database. */
function freshFunction (): Main {
  platform.sim = new CloudBaseSimulator({ uniqueIndexes: DECLARED_INDEXES })
  platform.calls = []
  platform.files.clear()
  platform.suggest = 'pass'
  let main: Main | undefined
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- load the built CommonJS bundle as WeChat would
    main = require(BUNDLE).main
  })
  return main as Main
}

const SETUP = {
  district: { id: 'qx', name: '青溪区' },
  stations: [
    { id: 'qx-s01', code: 'QX01', name: '青溪街道劳动关系公共服务站', area: '青溪街道', points: [{ id: 'qx-s01-p1', name: '青溪社区服务点' }] },
    { id: 'qx-s02', code: 'QX02', name: '白沙镇劳动关系公共服务站', area: '白沙镇' }
  ],
  adminName: '区管理员'
}

/** A set-up function with a bound district admin (o_admin) and a mediator of QX01 (o_med). */
async function readyFunction () {
  const main = freshFunction()
  const as = (openid: string, action: string, data: unknown) => {
    platform.openid = openid
    return main({ action, data, userInfo: { openId: openid } })
  }
  const setup = await main({ action: 'setup', setupKey: SETUP_KEY, data: SETUP })
  if (!setup.ok) throw new Error(`setup failed: ${JSON.stringify(setup)}`)
  await as('o_admin', 'bindRole', { code: setup.data?.districtStaffInvite })
  const invite = await as('o_admin', 'createInvite', { role: 'mediator', stationId: 'qx-s01', displayName: '调解员甲' })
  const bound = await as('o_med', 'bindRole', { code: invite.data?.code })
  if (!bound.ok) throw new Error(`binding failed: ${JSON.stringify(bound)}`)
  return { main, as }
}

beforeAll(() => {
  ensureBundle()
  process.env.LEDGER_SETUP_KEY = SETUP_KEY
})

describe('the bundled ledger cloud function on the real SDK', () => {
  it('answers a clear setup error before setup, runs setup only with the key, and again without harm', async () => {
    const main = freshFunction()
    platform.openid = 'o_someone'
    expect(await main({ action: 'whoami', data: {} })).toMatchObject({ ok: false, code: 'SETUP_REQUIRED' })
    expect(await main({ action: 'setup', setupKey: 'wrong', data: SETUP })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    const first = await main({ action: 'setup', setupKey: SETUP_KEY, data: SETUP })
    expect(first.ok).toBe(true)
    // rate_limits came first, with the refused call: wrong setup keys are counted there (issue 13).
    expect(first.data?.createdCollections).toEqual(['districts', 'stations', 'bindings', 'invites', 'records', 'tracking_numbers', 'audit', 'qrcodes'])
    const second = await main({ action: 'setup', setupKey: SETUP_KEY, data: SETUP })
    expect(second.data?.createdCollections).toEqual([])
    expect(platform.sim.documents('stations').map((s) => s.code).sort()).toEqual(['QX01', 'QX02'])
    expect(await main({ action: 'whoami', data: {} })).toMatchObject({ ok: true, data: { role: 'worker' } })
  })

  it('takes identity from OPENID only', async () => {
    const { main, as } = await readyFunction()
    expect(await as('', 'whoami', {})).toMatchObject({ ok: true, data: { role: 'anonymous' } })
    expect(await as('o_admin', 'whoami', {})).toMatchObject({ ok: true, data: { role: 'district' } })
    platform.openid = 'o_nobody'
    expect(await main({ action: 'whoami', data: {}, userInfo: { openId: 'o_admin' }, OPENID: 'o_admin' })).toMatchObject({ ok: true, data: { role: 'worker', identityId: 'o_nobody' } })
  })

  it('syncs a record once: a resend is a duplicate, refused by the database as a second insert', async () => {
    const { as } = await readyFunction()
    const rec = envelope('legalSession', 'qx-s01', sessionPayload({ date: '2026-01-05' }))
    const r1 = await as('o_med', 'syncRecords', { records: [rec] })
    const r2 = await as('o_med', 'syncRecords', { records: [rec] })
    expect([r1.data?.results, r2.data?.results]).toMatchObject([[{ result: 'stored' }], [{ result: 'duplicate' }]])
    expect(platform.sim.documents('records')).toHaveLength(1)
  })

  it('screens complaint text with msgSecCheck and holds risky text for review', async () => {
    const { as } = await readyFunction()
    platform.suggest = 'risky'
    const r = await as('o_worker', 'submitComplaint', complaintForm('QX01'))
    expect(r).toMatchObject({ ok: true, data: { heldForReview: true, stationName: '青溪街道劳动关系公共服务站' } })
    expect(platform.calls).toContain('msgSecCheck')
    expect(platform.sim.documents('tracking_numbers').map((t) => t._id)).toEqual([(r.data as { trackingNo: string }).trackingNo])
  })

  it('makes a station code once with wxacode.getUnlimited and keeps it in cloud storage', async () => {
    const { as } = await readyFunction()
    const a = await as('o_med', 'stationQr', {})
    const b = await as('o_med', 'stationQr', {})
    expect(a.data).toMatchObject({ target: 'pages/complaint/index?scene=QX01', imageUrl: 'https://tmp.example/qrcodes/QX01.png' })
    expect(b.data?.imageUrl).toBe(a.data?.imageUrl)
    expect(platform.calls.filter((c) => c.startsWith('getUnlimited'))).toEqual(['getUnlimited QX01 pages/complaint/index'])
  })

  it('exports the report to cloud storage and returns a temporary URL', async () => {
    const { as } = await readyFunction()
    await as('o_med', 'syncRecords', { records: [envelope('legalSession', 'qx-s01', sessionPayload({ date: '2026-01-05' }))] })
    const r = await as('o_admin', 'exportReport', { period: { kind: 'year', year: 2026 }, format: 'xlsx' })
    expect(r.ok).toBe(true)
    expect(String(r.data?.url)).toMatch(/^https:\/\/tmp\.example\/exports\//)
    const file = [...platform.files.entries()].find(([k]) => k.includes('/exports/'))
    expect(file?.[1].subarray(0, 2).toString()).toBe('PK')
    expect(platform.calls).toContain('getTempFileURL maxAge=600')
  })

  it('refuses events over 1 MB and unknown actions with stable codes', async () => {
    const { as } = await readyFunction()
    expect(await as('o_med', 'syncRecords', { records: [{ pad: 'x'.repeat(1_100_000) }] })).toMatchObject({ ok: false, code: 'PAYLOAD_TOO_LARGE' })
    expect(await as('o_med', 'dropDatabase', {})).toMatchObject({ ok: false, code: 'UNKNOWN_ACTION' })
  })
})
