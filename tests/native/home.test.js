/**
 * The compiled weapp home page (dist/pages/index/index: Taro's base.wxml + runtime) under miniprogram-simulate.
 * Needs `npm run build:weapp` first.
 */
const path = require('path')
const simulate = require('miniprogram-simulate')
const { installMpShim } = require('../support/mp-shim')
const { waitFor } = require('../support/wait-for')

const DIST = path.resolve(__dirname, '../../dist')
let mp

beforeAll(() => {
  mp = installMpShim({ dist: DIST })
})

describe('dist/pages/index/index', () => {
  it('renders the Chinese home and a tap navigates to the workbench', async () => {
    const page = await mp.mountPage(simulate, 'pages/index/index')
    const text = await waitFor(() => page.dom.textContent.includes('区级报表') && page.dom.textContent, 'the home entries')
    expect(text).toContain('站点台账')
    expect(text).toContain('站点工作台')
    expect(text).toContain('扫码投诉')
    expect(text).toContain('区级报表')

    const navigations = () => mp.state.calls.filter((c) => c[0] === 'navigateTo').map((c) => c[1].url)
    expect(navigations()).toEqual([])
    page.querySelector('.entry--workbench').dispatchEvent('tap')
    await waitFor(() => navigations().length, 'navigateTo after the tap')
    expect(navigations()).toEqual(['/pages/workbench/index'])
  })
})
