import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { BrowserContext, Page } from 'playwright'
import { describe, expect, inject, it } from 'vitest'
import { readRunningMark } from './app-page'
import { trackPageErrors, useBrowser } from './browser'

// What the learner sees when storage or a run goes wrong: the app keeps working and says what to do.
const appUrl = inject('appUrl')
const starter = readFileSync(join(import.meta.dirname, '../../exercises/simple-jwt/SimpleJWT.ts'), 'utf8')
const browser = useBrowser()

async function freshContext(): Promise<BrowserContext> {
  const context = await browser().newContext({ viewport: { width: 1280, height: 800 } })
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: appUrl })
  return context
}

async function openEditor(page: Page) {
  await page.goto(`${appUrl}#/simple-jwt`)
  await page.locator('.monaco-editor .view-lines').first().waitFor()
}

async function paste(page: Page, text: string) {
  await page.locator('.monaco-editor .view-lines').first().click()
  await page.evaluate((value) => navigator.clipboard.writeText(value), text)
  await page.keyboard.press('ControlOrMeta+A')
  await page.keyboard.press('ControlOrMeta+V')
}

describe('storage and run faults', () => {
  it('works in memory with a warning when IndexedDB is unavailable', async () => {
    const context = await freshContext()
    await context.addInitScript(() => {
      Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true })
    })
    const page = await context.newPage()
    const errors = trackPageErrors(page)
    await openEditor(page)
    await expect(page.locator('.banner').first().innerText()).resolves.toMatch(
      /only until you close this tab/i,
    )
    await page.keyboard.press('ControlOrMeta+Enter')
    await page.locator('.results .test').first().waitFor()
    expect(errors).toEqual([])
    await context.close()
  })

  it('says so when a save fails (quota exceeded), keeps the text, and recovers it after a reload', async () => {
    const context = await freshContext()
    const page = await context.newPage()
    await openEditor(page)
    // from now on every IndexedDB write fails the way a full disk does
    await page.evaluate(() => {
      IDBObjectStore.prototype.put = () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
      }
    })
    const mine = `${starter}\n// written while the disk was full\n`
    await paste(page, mine)
    await page.locator('.banner:has-text("space")').waitFor()
    await expect(page.locator('.save-status').innerText()).resolves.toBe('Not saved')
    // the journal kept the edit: a reload (with storage working again) restores it
    await page.reload()
    await page.locator('.monaco-editor .view-lines').first().click()
    await page.keyboard.press('ControlOrMeta+End')
    await page.getByText('// written while the disk was full').waitFor()
    await expect(page.locator('.banner').first().innerText()).resolves.toMatch(
      /Restored unsaved edits to \w+\.ts from before the tab closed\./,
    )
    await context.close()
  })

  it('opens in safe mode after a run that never finished, and says why', async () => {
    const context = await freshContext()
    const page = await context.newPage()
    await openEditor(page)
    await paste(page, starter.replace('void [secret, options]', 'while (Date.now() > 0) {}'))
    await page.keyboard.press('ControlOrMeta+Enter')
    await page.locator('.results .summary:has-text("Running")').waitFor()
    // a tab that dies mid-run (a renderer crash) leaves the running mark behind: once it is stored, reload
    await expect.poll(() => readRunningMark(page), { timeout: 5_000 }).toBe('simple-jwt')
    await page.reload()
    await page.locator('.banner:has-text("Safe mode")').waitFor()
    await expect(page.locator('.results .summary').isHidden()).resolves.toBe(true)
    await context.close()
  })
})
