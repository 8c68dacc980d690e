import { type Browser, chromium, type Page } from 'playwright'
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
