/**
 * The 隐私保护指引 popup's state: the prompt waiting for the person's answer, if any. The privacy service hands
 * prompts here (from WeChat's onNeedPrivacyAuthorization, or its own where WeChat has no privacy API); the popup
 * component shows the one waiting.
 */
import { createStore } from 'zustand/vanilla'
import { useStore } from 'zustand'
import {
  AGREE_BUTTON_ID, PrivacyRefusedError, openPrivacyGuide, presentPrivacyPromptsWith, requirePrivacyAuthorize,
  type PrivacyPrompt
} from '../services/privacy'

interface PrivacyState {
  /** Requests waiting for the person's answer; one answer settles them all. */
  prompts: PrivacyPrompt[]
  agree: () => void
  disagree: () => void
  /** Called by the popup once it is on screen (WeChat wants to know it was shown). */
  shown: () => void
  openGuide: () => void
}

const privacyStore = createStore<PrivacyState>()((set, get) => ({
  prompts: [],
  agree () {
    const waiting = get().prompts
    set({ prompts: [] })
    for (const p of waiting) p.agree()
  },
  disagree () {
    const waiting = get().prompts
    set({ prompts: [] })
    for (const p of waiting) p.disagree()
  },
  shown () {
    for (const p of get().prompts) p.shown()
  },
  openGuide () {
    openPrivacyGuide()
  }
}))

let started = false

/** At launch: prompts go to the popup. */
export function startPrivacyPrompts (): void {
  if (started) return
  started = true
  presentPrivacyPromptsWith((prompt) => {
    privacyStore.setState({ prompts: [...privacyStore.getState().prompts, prompt] })
  })
}

export function usePrivacyStore<T> (selector: (s: PrivacyState) => T): T {
  return useStore(privacyStore, selector)
}

export const getPrivacy = () => privacyStore.getState()

/** Asks for the privacy agreement where the platform needs it; resolves false (and says why) when refused. */
export async function ensurePrivacyAgreement (): Promise<{ ok: true } | { ok: false, message: string }> {
  startPrivacyPrompts()
  try {
    await requirePrivacyAuthorize()
    return { ok: true }
  } catch (e) {
    return { ok: false, message: e instanceof PrivacyRefusedError ? e.message : '需要同意隐私保护指引才能提交' }
  }
}

export { AGREE_BUTTON_ID }
