/**
 * WeChat's privacy authorization, through Taro's API (base library 2.32.3+). Before personal data is collected the
 * person agrees to the mini program's 隐私保护指引 in a popup the app shows: WeChat calls the
 * `onNeedPrivacyAuthorization` listener when `requirePrivacyAuthorize` (or any privacy API) runs and the person has not
 * agreed yet; the app shows the popup and answers with agree (from a button with open-type agreePrivacyAuthorization,
 * whose id WeChat checks was tapped) or disagree. WeChat keeps the agreement.
 *
 * Where the base library is older, the API is missing: Taro's weapp runtime copies onto `Taro` only what `wx` has
 * (and a stand-in that exists but never calls back would hang the caller), so `Taro.canIUse` and the functions'
 * presence decide. The app then shows the same popup itself and keeps the agreement on the phone: inside WeChat the
 * prompt is never skipped. Browsers have no such step: the form's consent tick covers it.
 */
import Taro from '@tarojs/taro'
import { isWeapp } from './platform'
import { taroStorage } from './storage'

/** 'platform': WeChat runs the authorization; 'app': this app shows and keeps it; 'none': a browser. */
export type PrivacyMode = 'platform' | 'app' | 'none'

/** A popup to show: the presenter calls shown() once it is on screen, then agree() or disagree(). */
export interface PrivacyPrompt {
  mode: 'platform' | 'app'
  shown: () => void
  agree: () => void
  disagree: () => void
}

/** The id of the popup's agree button (WeChat checks that the button with this id was tapped). */
export const AGREE_BUTTON_ID = 'privacy-agree'
const AGREED_KEY = 'ledger.privacyAgreed'

export class PrivacyRefusedError extends Error {
  constructor (readonly reason: string) {
    super('需要同意隐私保护指引才能提交')
    this.name = 'PrivacyRefusedError'
  }
}

/**
 * WeChat's own answer. The build constant is inlined on purpose: in the H5 build webpack then drops the call, and
 * with it Taro H5's canIUse, a ~60 KB table of every API (6 KB gzipped of the entry's budget).
 */
const canUse = (api: string) => {
  try {
    return process.env.TARO_ENV === 'weapp' && typeof Taro.canIUse === 'function' && Taro.canIUse(api)
  } catch {
    return false
  }
}

export function privacyMode (): PrivacyMode {
  if (!isWeapp) return 'none'
  const present = typeof Taro.requirePrivacyAuthorize === 'function' && typeof Taro.onNeedPrivacyAuthorization === 'function'
  return present && canUse('requirePrivacyAuthorize') && canUse('onNeedPrivacyAuthorization') ? 'platform' : 'app'
}

let presenter: ((prompt: PrivacyPrompt) => void) | null = null
let listening = false

/** Who shows the popup; set once at launch, before any privacy API can run. */
export function presentPrivacyPromptsWith (show: (prompt: PrivacyPrompt) => void): void {
  presenter = show
  if (listening || privacyMode() !== 'platform') return
  listening = true
  Taro.onNeedPrivacyAuthorization((resolve) => {
    let answered = false
    const answer = (option: Taro.onNeedPrivacyAuthorization.ResolveOption) => {
      if (answered) return
      answered = true
      resolve(option)
    }
    const prompt: PrivacyPrompt = {
      mode: 'platform',
      shown: () => { if (!answered) resolve({ event: 'exposureAuthorization' }) },
      agree: () => answer({ event: 'agree', buttonId: AGREE_BUTTON_ID }),
      disagree: () => answer({ event: 'disagree' })
    }
    // Nobody to show it: refuse rather than leave WeChat (and the call that asked) waiting.
    if (presenter) presenter(prompt)
    else prompt.disagree()
  })
}

/** Resolves once the person has agreed (at once when they agreed before); rejects with PrivacyRefusedError. */
export function requirePrivacyAuthorize (): Promise<void> {
  const mode = privacyMode()
  if (mode === 'none') return Promise.resolve()
  if (mode === 'platform') {
    return new Promise((resolve, reject) => {
      Taro.requirePrivacyAuthorize({
        success: () => resolve(),
        fail: (e) => reject(new PrivacyRefusedError(e?.errMsg || 'fail'))
      })
    })
  }
  if (taroStorage.getItem(AGREED_KEY)) return Promise.resolve()
  const show = presenter
  if (!show) return Promise.reject(new PrivacyRefusedError('隐私保护指引无法显示'))
  return new Promise((resolve, reject) => {
    let answered = false
    show({
      mode: 'app',
      shown: () => undefined,
      agree: () => {
        if (answered) return
        answered = true
        try { taroStorage.setItem(AGREED_KEY, new Date().toISOString()) } catch { /* asked again next time */ }
        resolve()
      },
      disagree: () => {
        if (answered) return
        answered = true
        reject(new PrivacyRefusedError('disagree'))
      }
    })
  })
}

/** Opens the full 隐私保护指引: WeChat's page for it, or this app's own page where WeChat has none. */
export function openPrivacyGuide (): void {
  if (privacyMode() === 'platform' && typeof Taro.openPrivacyContract === 'function' && canUse('openPrivacyContract')) {
    Taro.openPrivacyContract({ fail: () => { void Taro.navigateTo({ url: '/pages/about/index' }) } })
    return
  }
  void Taro.navigateTo({ url: '/pages/about/index' })
}
