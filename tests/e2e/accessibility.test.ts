import type { Page } from 'playwright'
import { describe, expect, inject, it } from 'vitest'
import { pasteIntoEditor, readRepoFile } from './app-page'
import { axe } from './axe'
import { useBrowser } from './browser'

const appUrl = inject('appUrl')
const browser = useBrowser()

/**
 * Serious and critical axe violations on the page as it is now, as readable lines. Monaco hides its rendered
 * lines from assistive technology (its hidden textarea speaks instead), and axe skips hidden text; learners
 * still read those tokens, so their colours are checked too.
 */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(() => {
    for (const lines of document.querySelectorAll('.monaco-editor .view-lines[aria-hidden="true"]'))
      lines.removeAttribute('aria-hidden')
  })
  const { violations } = await axe(page).analyze()
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`,
    )
}

/** One of each token kind the editor colours in TypeScript (kept valid, so the suite still runs). */
const tokenSample = [
  '/** A doc comment: @param token the JWT */',
  '// a line comment',
  'export const tokenSample = { pattern: /^[A-Za-z0-9_-]+\\.(?:x|y)$/giu, hex: 0xff, float: 1.5e3, octal: 0o7 }',
  "export const escaped = 'tab\\t' + String(1n)",
].join('\n')

interface Look {
  readonly theme: 'light' | 'dark'
  readonly width: number
  readonly height: number
}

const looks: readonly Look[] = [
  { theme: 'light', width: 1280, height: 800 },
  { theme: 'dark', width: 1280, height: 800 },
  { theme: 'light', width: 390, height: 844 },
  { theme: 'dark', width: 390, height: 844 },
]
const narrow = (look: Look) => look.width < 900

/** Gives the page one look; the app follows the system theme and the width as they change. */
async function show(page: Page, look: Look): Promise<void> {
  await page.setViewportSize({ width: look.width, height: look.height })
  await page.emulateMedia({ colorScheme: look.theme })
  await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe(look.theme)
}

// One page load and one run, each state scanned in every look: the lesson, the editor and (on a narrow
// screen) each of its views before any run, the results after one, and a dialog.
describe('axe on every view, light and dark themes at 1280 x 800 and 390 x 844', () => {
  it('finds no serious or critical violations in the lesson, the editor, failing and passing results and a dialog', {
    timeout: 180_000,
  }, async () => {
    const context = await browser().newContext({
      viewport: { width: 1280, height: 800 },
      colorScheme: 'dark',
    })
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(appUrl).origin })
    const page = await context.newPage()
    await page.goto(`${appUrl}#/simple-jwt`)
    await page.locator('.monaco-editor .view-lines').first().waitFor({ state: 'attached' })
    // the theme is the system's from the first paint, not only once it changes
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark')
    const found: string[] = []
    const scan = async (look: Look, view: string) => {
      const where = `[${look.theme} ${look.width}, ${view}]`
      found.push(...(await seriousViolations(page)).map((line) => `${where} ${line}`))
    }
    const codeView = page.locator('.mobile-views button[data-view="code"]')

    for (const look of looks) {
      await show(page, look)
      for (const view of narrow(look) ? ['exercises', 'lesson', 'code'] : ['all']) {
        if (narrow(look)) await page.locator(`.mobile-views button[data-view="${view}"]`).click()
        await scan(look, view)
      }
    }

    // every kind of TypeScript token on screen, above the starter, whose tests then fail with messages and diffs
    await pasteIntoEditor(page, `${tokenSample}\n${readRepoFile('exercises/simple-jwt/SimpleJWT.ts')}`)
    await page.keyboard.press('ControlOrMeta+Home')
    await page.keyboard.press('ControlOrMeta+Enter')
    await page.locator('.results .test.fail').first().waitFor()
    for (const look of looks) {
      await show(page, look)
      if (narrow(look)) await codeView.click()
      await scan(look, 'failing results')
    }

    // all passed: groups folded, the next step beside the summary, nothing else focusable in the panel
    await pasteIntoEditor(page, readRepoFile('solutions/simple-jwt/SimpleJWT.ts'))
    await page.keyboard.press('ControlOrMeta+Enter')
    await page.locator('.results .next-link').waitFor({ timeout: 30_000 })
    for (const look of looks) {
      await show(page, look)
      if (narrow(look)) await codeView.click()
      await scan(look, 'passing results')
    }

    await page.getByRole('button', { name: 'Reset' }).click()
    await page.getByRole('dialog').waitFor()
    for (const look of looks) {
      await show(page, look)
      await scan(look, 'dialog')
    }
    expect(found).toEqual([])
    await context.close()
  })
})
