/** Keeps every ledger answer a page received, with the action that asked for it, for the personal-data scan. */
import type { Page } from 'playwright-core'

export interface Seen { action: string, body: string }

export function watchApi (page: Page, into: Seen[]): void {
  page.on('response', async (res) => {
    if (!res.url().endsWith('/api/ledger')) return
    try {
      const action = (JSON.parse(res.request().postData() || '{}') as { action?: string }).action || '?'
      into.push({ action, body: await res.text() })
    } catch {
      // a response the page abandoned (navigation): nothing to scan
    }
  })
}
