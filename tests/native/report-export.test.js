/**
 * The compiled district report's export in WeChat: no CSV (openDocument cannot open it); the xlsx is downloaded from
 * its cloud temp URL and opened with openDocument; 发送给朋友 sends it with shareFileMessage, or, where WeChat has no
 * shareFileMessage, says how to send it from the document's menu. Needs `npm run build:weapp`.
 */
const path = require('path')
const simulate = require('miniprogram-simulate')
const { installMpShim } = require('../support/mp-shim')
const { mpWx } = require('../support/mp-wx')

const DIST = path.resolve(__dirname, '../../dist')
const EXPORT = { fileName: '测试区2026年11月报表.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', url: 'https://7465-env-1300000000.tcb.qcloud.la/exports/2026-11-20/a.xlsx' }

const sums = new Proxy({}, { get: () => 0 })
const rate = { numerator: 0, denominator: 0, value: null, formula: '', text: '0 / 0' }
const row = { stationId: 'a', stationName: '甲街道劳动关系公共服务站', stationCode: 'a', carriedOver: 0, sums, enterprises: { checked: 0, low: 0, medium: 0, high: 0 }, successRate: rate, closeRate: rate, avgCloseDays: null, reported: true }
const REPORT = {
  districtId: 'd', districtName: '测试区', period: { kind: 'month', start: '2026-11-01', end: '2026-11-30', label: '2026年11月' }, asOf: '2026-11-20',
  generatedAt: '2026-11-20T02:00:00Z', rows: [row], totals: { ...row, stationId: 'total', stationName: '合计' }, completeness: { reported: 1, expected: 1, missing: [] }
}

let calls
let mp

function ledger (action, data) {
  if (action === 'whoami') return { ok: true, data: { identityId: 'o_staff', role: 'district', binding: { role: 'district', districtId: 'd' }, station: null, district: { id: 'd', name: '测试区' } } }
  if (action === 'districtReport') return { ok: true, data: REPORT }
  if (action === 'exportReport' && data.format === 'xlsx') return { ok: true, data: EXPORT }
  return { ok: false, code: 'VALIDATION_FAILED', message: '不支持的格式' }
}

/** wx file APIs: a download that answers a temp path, openDocument and shareFileMessage that record their calls. */
function fileApis (withShare) {
  const record = (name, res) => (o = {}) => {
    calls.push([name, o])
    setTimeout(() => { o.success && o.success({ errMsg: `${name}:ok`, ...res }); o.complete && o.complete({}) }, 0)
  }
  const task = { abort () {}, onProgressUpdate () {}, offProgressUpdate () {}, onHeadersReceived () {}, offHeadersReceived () {} }
  return {
    downloadFile: (o) => { record('downloadFile', { statusCode: 200, tempFilePath: 'wxfile://tmp_export.xlsx' })(o); return task },
    openDocument: record('openDocument'),
    ...(withShare ? { shareFileMessage: record('shareFileMessage') } : {})
  }
}

function launch (withShare) {
  calls = []
  const apis = fileApis(withShare)
  mp = installMpShim({ dist: DIST, wx: { ...mpWx({ calls, ledger }), ...apis, canIUse: (api) => api !== 'shareFileMessage' || api in apis } })
}

// Upper bounds only (every wait is for a condition): a launch of the compiled app can take seconds on a busy machine.
jest.setTimeout(30_000)

async function waitFor (condition, what) {
  for (let i = 0; i < 2000; i++) {
    if (condition()) return
    await simulate.sleep(10)
  }
  throw new Error(`timed out waiting for ${what}`)
}

const called = (name) => calls.filter((c) => c[0] === name).map((c) => c[1])

async function exportXlsx () {
  const page = await mp.mountPage(simulate, 'report/pages/district/index')
  await waitFor(() => page.querySelector('.export-xlsx'), 'the export buttons')
  expect(page.querySelector('.export-csv')).toBeFalsy()
  expect(page.querySelector('.export-share')).toBeFalsy()
  page.querySelector('.export-xlsx').dispatchEvent('tap')
  await waitFor(() => page.querySelector('.export-share'), 'the 发送给朋友 button')
  expect(called('downloadFile').map((o) => o.url)).toEqual([EXPORT.url])
  expect(called('openDocument')).toMatchObject([{ filePath: 'wxfile://tmp_export.xlsx', fileType: 'xlsx', showMenu: true }])
  return page
}

test('WeChat offers no CSV; the xlsx opens with openDocument; 发送给朋友 sends it with shareFileMessage', async () => {
  launch(true)
  const page = await exportXlsx()
  page.querySelector('.export-share').dispatchEvent('tap')
  await waitFor(() => called('shareFileMessage').length === 1, 'shareFileMessage')
  expect(called('shareFileMessage')[0]).toMatchObject({ filePath: 'wxfile://tmp_export.xlsx', fileName: EXPORT.fileName })
  expect(page.querySelector('.export-notice')).toBeFalsy()
})

test('where WeChat has no shareFileMessage, 发送给朋友 says how to send it from the document menu', async () => {
  jest.resetModules()
  launch(false)
  const page = await exportXlsx()
  page.querySelector('.export-share').dispatchEvent('tap')
  await waitFor(() => page.querySelector('.export-notice'), 'the fallback message')
  expect(page.dom.textContent).toContain('请在打开的表格右上角“···”菜单中选择“发送给朋友”')
  expect(called('shareFileMessage')).toHaveLength(0)
})
