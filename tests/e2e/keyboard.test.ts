import type { Page } from 'playwright'
import { describe, expect, inject, it } from 'vitest'
import { useBrowser } from './browser'

const appUrl = inject('appUrl')
const browser = useBrowser()

/** Presses Tab (or Shift+Tab) until the focused element matches `selector`; fails after `limit` presses. */
async function tabTo(
  page: Page,
  selector: string,
  key: 'Tab' | 'Shift+Tab' = 'Tab',
  limit = 80,
): Promise<void> {
  for (let presses = 0; presses < limit; presses++) {
    if (await page.evaluate((wanted) => document.activeElement?.matches(wanted) ?? false, selector)) return
    await page.keyboard.press(key)
  }
  const focused = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120))
  throw new Error(`Tab never reached ${selector}; focus is on ${focused}`)
}

const focusedText = (page: Page) =>
  page.evaluate(() => (document.activeElement as HTMLElement | null)?.innerText ?? '')

describe('a keyboard-only walk-through', () => {
  it('chooses an exercise, edits, leaves the editor, runs, reads results, reveals a hint, moves on', async () => {
    const context = await browser().newContext({ viewport: { width: 1280, height: 800 } })
    const page = await context.newPage()
    await page.goto(appUrl)
    await page.locator('.monaco-editor .view-lines').first().waitFor()

    await tabTo(page, 'a.exercise-link[href="#/simple-jwt"]')
    await page.keyboard.press('Enter')
    await page.waitForURL(/#\/simple-jwt$/)
    await page.locator('#lesson-body h1:has-text("JWT")').waitFor()

    await tabTo(page, '.monaco-editor .native-edit-context, .monaco-editor textarea')
    await page.keyboard.press('ControlOrMeta+End')
    await page.keyboard.type('\n// typed with the keyboard only')
    await page.getByText('// typed with the keyboard only').waitFor()

    // Tab indents inside the editor until the learner turns on Tab-moves-focus (Ctrl+M)
    await page.keyboard.press('Control+M')
    await page
      .locator('.monaco-aria-container:has-text("Tab will now move focus")')
      .waitFor({ state: 'attached' })
    // the line under the editor follows the mode
    await expect
      .poll(() => page.locator('#editor-status').textContent())
      .toMatch(/^Tab moves focus out of the editor\. Ctrl ?\+ ?M/)
    await page.keyboard.press('Tab')
    const focus = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 80))
    expect(await page.evaluate(() => document.activeElement?.closest('.monaco-editor') === null), focus).toBe(
      true,
    )

    await page.keyboard.press('ControlOrMeta+Enter')
    await page.locator('.results .test.fail').first().waitFor()
    await expect(page.locator('#announcer').innerText()).resolves.toMatch(/tests passed/)
    await tabTo(page, '.results .test.fail summary')
    expect(await focusedText(page)).toMatch(/\w/)

    await tabTo(page, 'button.reveal-hint', 'Shift+Tab')
    await page.keyboard.press('Enter')
    await page.locator('.hint').first().waitFor()
    await expect(page.evaluate(() => document.activeElement?.classList.contains('hint'))).resolves.toBe(true)

    await tabTo(page, 'a.next-link')
    await page.keyboard.press('Enter')
    await page.waitForURL(/#\/auth-service$/)
    await page.locator('#lesson-body h1').waitFor()
    await context.close()
  }, 60_000)
})
