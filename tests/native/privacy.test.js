/**
 * The compiled complaint page under miniprogram-simulate: before a worker's complaint leaves the phone, the
 * 隐私保护指引 popup is shown and the complaint is sent only after 同意.
 * - With WeChat's privacy API (base library ≥ 2.32.3): WeChat calls the app's onNeedPrivacyAuthorization listener,
 *   the popup reports itself shown, the guide opens with openPrivacyContract, and 同意 is the open-type
 *   agreePrivacyAuthorization button WeChat checks.
 * - Without it (an older base library: wx has no privacy functions, so neither has Taro): the same popup is shown by
 *   the app; 不同意 sends nothing, 同意 sends the complaint.
 * Needs `npm run build:weapp`.
 */
const path = require('path')
const simulate = require('miniprogram-simulate')
const { installMpShim } = require('../support/mp-shim')
const { mpWx } = require('../support/mp-wx')

const DIST = path.resolve(__dirname, '../../dist')
const STATION = { code: 'YX07', name: '枫林街道劳动关系公共服务站', area: '枫林街道', districtName: '云溪区' }

let calls
let mp
let weChat

function ledger (action, data) {
  if (action === 'stationByCode') return { ok: true, data: STATION }
  if (action === 'submitComplaint') return { ok: true, data: { id: data.id, trackingNo: 'YX07-2611-0001', stationName: STATION.name, heldForReview: false } }
  return { ok: false, code: 'UNKNOWN_ACTION', message: '不支持的操作' }
}

/** WeChat's privacy functions as documented: the listener is asked until the person agrees with the checked button. */
function privacyApi () {
  const w = { agreed: false, answers: [], listener: null, contractOpened: 0 }
  w.api = {
    onNeedPrivacyAuthorization: (listener) => { w.listener = listener },
    requirePrivacyAuthorize: (o) => {
      if (w.agreed) return o.success({ errMsg: 'requirePrivacyAuthorize:ok' })
      w.listener((answer) => {
        w.answers.push(answer)
        if (answer.event === 'agree' && answer.buttonId === 'privacy-agree') {
          w.agreed = true
          o.success({ errMsg: 'requirePrivacyAuthorize:ok' })
        } else if (answer.event === 'disagree') o.fail({ errMsg: 'requirePrivacyAuthorize:fail privacy permission is not authorized' })
      })
    },
    openPrivacyContract: (o = {}) => { w.contractOpened++; o.success && o.success({ errMsg: 'openPrivacyContract:ok' }) }
  }
  return w
}

function launch (withPrivacyApi) {
  calls = []
  weChat = privacyApi()
  const extra = withPrivacyApi ? weChat.api : {}
  mp = installMpShim({
    dist: DIST,
    // canIUse answers for what this wx really has
    wx: { ...mpWx({ calls, ledger }), ...extra, canIUse: (api) => !/Privacy/.test(api) || api in extra }
  })
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

async function openFilledForm () {
  mp.state.route = 'pages/complaint/index'
  const id = mp.state.ids['pages/complaint/index'] || (mp.state.ids['pages/complaint/index'] = simulate.load(path.join(DIST, 'pages/complaint/index'), { rootPath: DIST }))
  const page = simulate.render(id)
  page.instance.__query = { scene: encodeURIComponent('YX07') }
  page.attach(document.createElement('parent-wrapper'))
  await waitFor(() => page.querySelector('.complaint__submit'), 'the form')
  const fill = async (field, value) => {
    page.querySelector(`.form-input--${field}`).dispatchEvent('input', { detail: { value } })
    await simulate.sleep(5)
  }
  await fill('name', '赵六')
  await fill('phone', '13912345678')
  await fill('employerName', '模拟器测试劳务有限公司')
  await fill('amountOwedFen', '8000')
  await fill('description', '三个月工资未发。')
  page.querySelector('.privacy__consent').dispatchEvent('tap')
  // The submit handler sees the form as last rendered: wait until the last change (the tick) is on screen.
  await waitFor(() => page.querySelector('.check-row__box--on'), 'the consent tick')
  return page
}

const submitted = () => calls.filter((c) => c[0] === 'callFunction' && c[1].data.action === 'submitComplaint')
const toasts = () => calls.filter((c) => c[0] === 'showToast').map((c) => c[1].title)

test('with WeChat\'s privacy API: the popup is shown, the guide opens, and the complaint is sent after 同意', async () => {
  launch(true)
  const page = await openFilledForm()
  page.querySelector('.complaint__submit').dispatchEvent('tap')
  await waitFor(() => page.querySelector('.privacy-popup'), 'the privacy popup')
  expect(page.dom.textContent).toContain('隐私保护指引')
  expect(page.dom.textContent).toContain(`发送给${STATION.name}`)
  await waitFor(() => weChat.answers.length > 0, 'the exposure report')
  expect(weChat.answers).toEqual([{ event: 'exposureAuthorization' }])
  expect(submitted()).toHaveLength(0)

  page.querySelector('.privacy-popup__link').dispatchEvent('tap')
  await waitFor(() => weChat.contractOpened === 1, 'the guide')

  page.querySelector('.privacy-popup__agree').dispatchEvent('agreeprivacyauthorization')
  await waitFor(() => page.dom.textContent.includes('YX07-2611-0001'), 'the tracking number')
  expect(weChat.answers).toEqual([{ event: 'exposureAuthorization' }, { event: 'agree', buttonId: 'privacy-agree' }])
  expect(submitted()).toHaveLength(1)
  await waitFor(() => !page.querySelector('.privacy-popup'), 'the popup to close')
})

test('without a privacy API in WeChat the popup is still shown: 不同意 sends nothing, 同意 sends', async () => {
  jest.resetModules()
  launch(false)
  const page = await openFilledForm()
  page.querySelector('.complaint__submit').dispatchEvent('tap')
  await waitFor(() => page.querySelector('.privacy-popup'), 'the privacy popup')
  page.querySelector('.privacy-popup__disagree').dispatchEvent('tap')
  await waitFor(() => toasts().includes('需要同意隐私保护指引才能提交'), 'the refusal')
  expect(submitted()).toHaveLength(0)
  await waitFor(() => !page.querySelector('.privacy-popup'), 'the popup to close')

  page.querySelector('.complaint__submit').dispatchEvent('tap')
  await waitFor(() => page.querySelector('.privacy-popup'), 'the popup again')
  page.querySelector('.privacy-popup__agree').dispatchEvent('tap')
  await waitFor(() => page.dom.textContent.includes('YX07-2611-0001'), 'the tracking number')
  expect(submitted()).toHaveLength(1)
})
