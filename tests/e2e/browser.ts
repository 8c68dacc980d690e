import { type Browser, chromium, type Page } from 'playwright'
import { afterAll, beforeAll } from 'vitest'
import { chromiumArgs, findChromium } from '../../scripts/lib/chromium'

/** Launches the test browser: Debian Chromium (or CHROMIUM_PATH), headless, offline-friendly flags. */
export function launchChromium(): Promise<Browser> {
  const executablePath = findChromium()
  return chromium.launch({
    ...(executablePath ? { executablePath } : {}),
    args: chromiumArgs,
    headless: true,
  })
}

/** Collects uncaught page errors so a test can assert the app never threw. */
export function trackPageErrors(page: Page): string[] {
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  return errors
}

/**
 * Launches the test browser before a test file's tests and closes it after them. Call once at the top level
 * of the file; the returned function gives the browser inside its tests and hooks.
 */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined
  beforeAll(async () => {
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
  })
  return () => {
    if (!browser) throw new Error('tests/e2e: the browser was used before its beforeAll hook launched it')
    return browser
  }
}
