import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launchChromium, trackPageErrors } from './browser'

const root = join(import.meta.dirname, '../..')
const read = (path: string) => readFileSync(join(root, path), 'utf8')
const appUrl = inject('appUrl')

let browser: Browser
let context: BrowserContext

beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
})

async function openExercise(page: Page, id: string) {
  await page.goto(`${appUrl}#/${id}`)
  await page.locator('.monaco-editor .view-lines').first().waitFor()
}

/** Replaces the active file's text the way a learner pastes it, so Monaco's auto-closing does not mangle it. */
async function pasteIntoEditor(page: Page, text: string) {
  await page.locator('.monaco-editor .view-lines').first().click()
  await page.evaluate((value) => navigator.clipboard.writeText(value), text)
  await page.keyboard.press('ControlOrMeta+A')
  await page.keyboard.press('ControlOrMeta+V')
}

/** The draft the app stored in IndexedDB, read with the raw API so the test does not trust the app's own code. */
function readDraft(page: Page, exerciseId: string, path: string): Promise<string | undefined> {
  return page.evaluate(
    ([id, file]) =>
      new Promise<string | undefined>((resolve, reject) => {
        const open = indexedDB.open('authlab')
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const request = open.result.transaction('drafts').objectStore('drafts').get([id, file])
          request.onsuccess = () => resolve(request.result?.content)
          request.onerror = () => reject(request.error)
        }
      }),
    [exerciseId, path] as const,
  )
}

async function runAndWait(page: Page) {
  await page.keyboard.press('ControlOrMeta+Enter')
  await page.locator('.results .summary:not(:has-text("Running"))').waitFor({ timeout: 30_000 })
  return page.locator('.results .summary').innerText()
}

describe('the built app', () => {
  beforeAll(async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: appUrl })
  })
  afterAll(async () => {
    await context?.close()
  })

  it('grades the starter with failures and messages, then the solution with every test passing', async () => {
    const page = await context.newPage()
    const errors = trackPageErrors(page)
    await openExercise(page, 'simple-jwt')
    await expect(page.locator('#lesson-body h1').innerText()).resolves.not.toBe('')

    const starterSummary = await runAndWait(page)
    const [starterPassed, starterTotal] = starterSummary.split(' ')[0]?.split('/').map(Number) ?? []
    expect(starterPassed, starterSummary).toBeLessThan(starterTotal ?? 0)
    await expect(page.locator('.results .test.fail .test-message').first().innerText()).resolves.toMatch(/\w/)

    await pasteIntoEditor(page, read('solutions/simple-jwt/SimpleJWT.ts'))
    const summary = await runAndWait(page)
    const [passed, total] = summary.split(' ')[0]?.split('/').map(Number) ?? []
    expect(total).toBeGreaterThan(10)
    expect(passed, summary).toBe(total)
    await expect(page.locator('#announcer').innerText()).resolves.toMatch(/All \d+ tests passed/)
    expect(errors).toEqual([])
    await page.close()
  })

  it('keeps the draft across a reload, exactly as typed', async () => {
    const page = await context.newPage()
    await openExercise(page, 'password-manager')
    const marker = `// draft kept ${Date.now()}`
    const draft = `${read('exercises/password-manager/PasswordManager.ts')}\n${marker}\n`
    await pasteIntoEditor(page, draft)
    await page.locator('.save-status:has-text("Saved")').waitFor()
    await page.reload()
    await page.locator('.monaco-editor .view-lines').first().click()
    await page.keyboard.press('ControlOrMeta+End')
    await page.getByText(marker).waitFor()
    expect(await readDraft(page, 'password-manager', 'PasswordManager.ts')).toBe(draft)
    await page.close()
  })
})
