/**
 * The compiled weapp home page (dist/pages/index/index: Taro's base.wxml + runtime) under miniprogram-simulate.
 * Needs `npm run build:weapp` first.
 */
const path = require('path')
const simulate = require('miniprogram-simulate')
const { installMpShim } = require('../support/mp-shim')

const DIST = path.resolve(__dirname, '../../dist')
let mp

beforeAll(() => {
  mp = installMpShim({ dist: DIST })
})

describe('dist/pages/index/index', () => {
  it('renders the Chinese home and a tap navigates to the workbench', async () => {
    const page = await mp.mountPage(simulate, 'pages/index/index')
    const text = page.dom.textContent
    expect(text).toContain('站点台账')
    expect(text).toContain('站点工作台')
    expect(text).toContain('扫码投诉')
    expect(text).toContain('区级报表')

    page.querySelector('.entry--workbench').dispatchEvent('tap')
    await simulate.sleep(20)
    const nav = mp.state.calls.filter((c) => c[0] === 'navigateTo').map((c) => c[1].url)
    expect(nav).toEqual(['/pages/workbench/index'])
  })
})
