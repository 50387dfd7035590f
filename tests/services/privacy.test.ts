/**
 * Privacy authorization through Taro's API, against a stand-in for WeChat that behaves as its documentation says:
 * requirePrivacyAuthorize calls the onNeedPrivacyAuthorization listener until the person agrees, succeeds after an
 * agree from the button WeChat checks, fails after a disagree. Where the base library has no privacy API the prompt
 * must still be shown: modelled here by the harder case, functions that exist but never call back (as Taro's
 * `nonsupport` stand-ins do) while canIUse says no; the native test covers functions that are simply missing.
 */
type Listener = (resolve: (o: { event: string, buttonId?: string }) => void) => void

interface FakeWeChat {
  privacyApi: boolean
  agreed: boolean
  answers: Array<{ event: string, buttonId?: string }>
  listener: Listener | null
  storage: Map<string, string>
}

function fakeTaro (wx: FakeWeChat) {
  const nonsupport = () => undefined
  return {
    canIUse: (api: string) => wx.privacyApi || !/Privacy/.test(api),
    getStorageSync: (k: string) => wx.storage.get(k) ?? '',
    setStorageSync: (k: string, v: string) => { wx.storage.set(k, v) },
    removeStorageSync: (k: string) => { wx.storage.delete(k) },
    getStorageInfoSync: () => ({ keys: [...wx.storage.keys()], currentSize: 0, limitSize: 10240 }),
    navigateTo: () => Promise.resolve(),
    onNeedPrivacyAuthorization: wx.privacyApi ? (l: Listener) => { wx.listener = l } : nonsupport,
    requirePrivacyAuthorize: wx.privacyApi
      ? (o: { success: () => void, fail: (e: { errMsg: string }) => void }) => {
          if (wx.agreed) return o.success()
          if (!wx.listener) return o.fail({ errMsg: 'requirePrivacyAuthorize:fail no listener' })
          wx.listener((answer) => {
            wx.answers.push(answer)
            if (answer.event === 'agree' && answer.buttonId === 'privacy-agree') {
              wx.agreed = true
              o.success()
            } else if (answer.event === 'disagree') o.fail({ errMsg: 'requirePrivacyAuthorize:fail privacy permission is not authorized' })
          })
        }
      : nonsupport
  }
}

type PrivacyStoreModule = typeof import('@/stores/privacy-store')

/** The privacy store and service as a fresh app loads them, on the given platform. */
async function load (env: 'weapp' | 'h5', wx: FakeWeChat): Promise<PrivacyStoreModule> {
  process.env.TARO_ENV = env
  Object.assign(globalThis, { COMPLAINT_TEMPLATE_ID: '', CLOUD_ENV: '', API_BASE: '' })
  let mod: PrivacyStoreModule | undefined
  await jest.isolateModulesAsync(async () => {
    jest.doMock('@tarojs/taro', () => fakeTaro(wx))
    mod = await import('@/stores/privacy-store')
  })
  return mod as PrivacyStoreModule
}

const weChat = (privacyApi: boolean): FakeWeChat => ({ privacyApi, agreed: false, answers: [], listener: null, storage: new Map() })

/** Lets the promise chains run (no timers: only queued microtasks). */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve))

afterEach(() => { delete process.env.TARO_ENV })

describe('privacy authorization in WeChat (base library ≥ 2.32.3)', () => {
  it('shows the 隐私保护指引 popup, tells WeChat it was shown, and goes on only after 同意', async () => {
    const wx = weChat(true)
    const privacy = await load('weapp', wx)
    privacy.startPrivacyPrompts()
    let outcome: unknown = null
    void privacy.ensurePrivacyAgreement().then((r) => { outcome = r })
    await settle()
    expect(privacy.getPrivacy().prompts.map((p) => p.mode)).toEqual(['platform'])
    expect(outcome).toBeNull()
    privacy.getPrivacy().shown()
    privacy.getPrivacy().agree()
    await settle()
    expect(outcome).toEqual({ ok: true })
    expect(wx.answers).toEqual([{ event: 'exposureAuthorization' }, { event: 'agree', buttonId: 'privacy-agree' }])
    expect(privacy.getPrivacy().prompts).toEqual([])
    // Agreed once: WeChat keeps it, no popup next time.
    await expect(privacy.ensurePrivacyAgreement()).resolves.toEqual({ ok: true })
    expect(privacy.getPrivacy().prompts).toEqual([])
  })

  it('refuses to go on after 不同意', async () => {
    const wx = weChat(true)
    const privacy = await load('weapp', wx)
    const pending = privacy.ensurePrivacyAgreement()
    await settle()
    privacy.getPrivacy().disagree()
    await expect(pending).resolves.toEqual({ ok: false, message: '需要同意隐私保护指引才能提交' })
    expect(wx.agreed).toBe(false)
  })
})

describe('privacy authorization where WeChat has no privacy API', () => {
  it('still shows the popup (Taro\'s stub would never answer), and keeps the agreement on the phone', async () => {
    const wx = weChat(false)
    const privacy = await load('weapp', wx)
    let outcome: unknown = null
    void privacy.ensurePrivacyAgreement().then((r) => { outcome = r })
    await settle()
    expect(privacy.getPrivacy().prompts.map((p) => p.mode)).toEqual(['app'])
    expect(outcome).toBeNull()
    privacy.getPrivacy().agree()
    await settle()
    expect(outcome).toEqual({ ok: true })
    expect(wx.storage.get('ledger.privacyAgreed')).toBeTruthy()
    await expect(privacy.ensurePrivacyAgreement()).resolves.toEqual({ ok: true })
    expect(privacy.getPrivacy().prompts).toEqual([])
  })

  it('refuses after 不同意 and asks again next time', async () => {
    const privacy = await load('weapp', weChat(false))
    const first = privacy.ensurePrivacyAgreement()
    await settle()
    privacy.getPrivacy().disagree()
    await expect(first).resolves.toMatchObject({ ok: false })
    void privacy.ensurePrivacyAgreement()
    await settle()
    expect(privacy.getPrivacy().prompts).toHaveLength(1)
  })
})

describe('privacy authorization in a browser', () => {
  it('has no platform step (the form\'s consent tick covers it)', async () => {
    const privacy = await load('h5', weChat(false))
    await expect(privacy.ensurePrivacyAgreement()).resolves.toEqual({ ok: true })
    expect(privacy.getPrivacy().prompts).toEqual([])
  })
})
