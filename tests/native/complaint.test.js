/** The compiled complaint page opened from a station's mini-program code: the `scene` decides the station shown. */
const path = require('path')
const simulate = require('miniprogram-simulate')
const { installMpShim } = require('../support/mp-shim')
const { mpWx } = require('../support/mp-wx')
const { waitFor } = require('../support/wait-for')

const DIST = path.resolve(__dirname, '../../dist')
const calls = []
let mp

const STATIONS = { YX07: { code: 'YX07', name: '枫林街道劳动关系公共服务站', area: '枫林街道', districtName: '云溪区' } }

beforeAll(() => {
  mp = installMpShim({
    dist: DIST,
    wx: mpWx({
      calls,
      ledger: (action, data) => action === 'stationByCode' && STATIONS[data.code]
        ? { ok: true, data: STATIONS[data.code] }
        : { ok: false, code: 'NOT_FOUND', message: '没有找到这个站点，请确认扫描的是站点张贴的二维码' }
    })
  })
})

async function openWithScene (scene) {
  // WeChat passes the scene URI-encoded in the page's options
  mp.state.route = 'pages/complaint/index'
  const id = mp.state.ids['pages/complaint/index'] || (mp.state.ids['pages/complaint/index'] = simulate.load(path.join(DIST, 'pages/complaint/index'), { rootPath: DIST }))
  const page = simulate.render(id)
  page.instance.__query = { scene: encodeURIComponent(scene) }
  page.attach(document.createElement('parent-wrapper'))
  await waitFor(() => /劳动关系公共服务站|无法打开/.test(page.dom.textContent), `the station of scene ${scene}, or a refusal`)
  return page
}

test('a scene carrying YX07 shows 枫林 station and its form', async () => {
  const page = await openWithScene('YX07')
  expect(page.dom.textContent).toContain('枫林街道劳动关系公共服务站')
  expect(page.dom.textContent).toContain('个人信息处理说明')
  expect(page.querySelector('.complaint__submit')).toBeTruthy()
  const lookup = calls.find((c) => c[0] === 'callFunction')
  expect(lookup[1]).toMatchObject({ name: 'ledger', data: { action: 'stationByCode', data: { code: 'YX07' } } })
})

test('an unknown scene shows a clear message and no form', async () => {
  const page = await openWithScene('ZZ99')
  expect(page.dom.textContent).toContain('无法打开投诉表')
  expect(page.querySelector('.complaint__submit')).toBeFalsy()
})
