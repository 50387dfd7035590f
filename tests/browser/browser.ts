/** Debian's Chromium through playwright-core (never a downloaded browser), with screenshots in artifacts/. */
import fs from 'fs'
import os from 'os'
import path from 'path'
import { chromium, type BrowserContext, type Page } from 'playwright-core'

export const ARTIFACTS = path.resolve(__dirname, '../../artifacts/screenshots')
export const EXECUTABLE = process.env.CHROMIUM_PATH || '/usr/bin/chromium'

export async function launchBrowser (): Promise<{ context: BrowserContext, close: () => Promise<void> }> {
  fs.mkdirSync(ARTIFACTS, { recursive: true })
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chromium-profile-'))
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: EXECUTABLE,
    headless: true,
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync']
  })
  return {
    context,
    close: async () => {
      await context.close()
      fs.rmSync(userDataDir, { recursive: true, force: true })
    }
  }
}

export function screenshotPath (name: string): string {
  return path.join(ARTIFACTS, `${name}.png`)
}

/**
 * A full-page screenshot into artifacts/. Playwright finishes CSS transitions and animations first (Taro's page
 * slide-in among them), so no fixed wait is needed before it.
 */
export async function screenshot (page: Page, name: string): Promise<void> {
  await page.screenshot({ path: screenshotPath(name), fullPage: true, animations: 'disabled' })
}
