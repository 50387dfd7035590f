/**
 * The compiled weapp pages under miniprogram-simulate: a mediator fills the case form, submits, and sees the case in
 * 我的记录 as 待同步 (the ledger is unreachable, so nothing may leave the phone's queue).
 */
const path = require('path')
const simulate = require('miniprogram-simulate')
const { installMpShim } = require('../support/mp-shim')
const { mpWx } = require('../support/mp-wx')
const { waitFor } = require('../support/wait-for')

const DIST = path.resolve(__dirname, '../../dist')
const calls = []
let mp

const ME = {
  identityId: 'o_mediator', role: 'mediator',
  binding: { identityId: 'o_mediator', role: 'mediator', districtId: 'd', stationId: 'st-a', displayName: '甲调解员', title: '调解员', boundAt: '2026-01-01T00:00:00Z' },
  station: { id: 'st-a', code: 'TA01', name: '甲街道劳动关系公共服务站', area: '甲街道', active: true, districtId: 'd', points: [] },
  district: { id: 'd', name: '测试区' }
}

beforeAll(() => {
  mp = installMpShim({
    dist: DIST,
    // The cloud function cannot be reached: every call fails as callFunction does offline.
    wx: mpWx({ calls, ledger: () => { throw Object.assign(new Error('cloud.callFunction:fail network'), { errMsg: 'cloud.callFunction:fail network' }) } })
  })
  mp.state.storage['ledger.me'] = JSON.stringify({ state: { me: ME }, version: 1 })
})

/** Types into a field and waits until the page has re-rendered with the value (the form's state holds it). */
const fill = async (page, field, value) => {
  const input = page.querySelector(`.form-input--${field}`)
  if (!input) throw new Error(`no field ${field}`)
  const shown = () => JSON.stringify(page.data).includes(JSON.stringify(value))
  if (shown()) throw new Error(`${value} is on the page before it is typed: cannot tell when ${field} takes it`)
  input.dispatchEvent('input', { detail: { value } })
  await waitFor(shown, `${field} to show ${value}`)
}

/** The outbox as the app persisted it: the index key lists its chunks; each chunk is a JSON array of records. */
const queued = () => {
  const raw = mp.state.storage['ledger.outbox.index']
  return raw ? JSON.parse(raw).chunks.flatMap((key) => JSON.parse(mp.state.storage[key])) : []
}

test('fill the case form, submit, and see it in 我的记录 as 待同步', async () => {
  const form = await mp.mountPage(simulate, 'pages/case-form/index')
  expect(form.dom.textContent).toContain('申请人')
  await fill(form, 'applicantName', '周八')
  await fill(form, 'applicantPhone', '13712345678')
  await fill(form, 'employerName', '模拟器测试建材有限公司')
  await fill(form, 'claimedFen', '5000')
  await fill(form, 'facts', '两个月工资未发。')
  expect(queued()).toEqual([])
  form.querySelector('.case-form__submit').dispatchEvent('tap')
  const records = await waitFor(() => queued().length && queued(), 'the case in the outbox on the phone')
  const redirect = await waitFor(() => calls.find((c) => c[0] === 'redirectTo'), 'the redirect to the case after submitting')
  expect(redirect[1].url).toMatch(/^\/pages\/case-detail\/index\?id=/)
  expect(records).toHaveLength(1)
  expect(records[0]).toMatchObject({ type: 'mediationCase', state: 'queued', stationId: 'st-a' })

  const list = await mp.mountPage(simulate, 'pages/records/index')
  const text = await waitFor(() => list.dom.textContent.includes('模拟器测试建材有限公司') && list.dom.textContent, 'the new case in 我的记录')
  expect(text).toContain('模拟器测试建材有限公司')
  expect(text).toContain('待同步')
  expect(text).toContain('申请人 周*')
}, 20_000)
