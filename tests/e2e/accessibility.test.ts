import AxeBuilder from '@axe-core/playwright'
import type { Browser, Page } from 'playwright'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { pasteIntoEditor, readRepoFile } from './app-page'
import { launchChromium } from './browser'

const appUrl = inject('appUrl')
let browser: Browser

beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
})

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
  const { violations } = await new AxeBuilder({ page }).analyze()
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

describe.each([
  { theme: 'light' as const, width: 1280, height: 800 },
  { theme: 'dark' as const, width: 1280, height: 800 },
  { theme: 'light' as const, width: 390, height: 844 },
  { theme: 'dark' as const, width: 390, height: 844 },
])('axe on every view, $theme theme at $width x $height', ({ theme, width, height }) => {
  it('finds no serious or critical violations in the lesson, the editor, failing and passing results and a dialog', async () => {
    const context = await browser.newContext({ viewport: { width, height }, colorScheme: theme })
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(appUrl).origin })
    const page = await context.newPage()
    await page.goto(`${appUrl}#/simple-jwt`)
    await page.locator('.monaco-editor .view-lines').first().waitFor({ state: 'attached' })
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme)
    const found: string[] = []
    const narrow = width < 900
    for (const view of narrow ? ['exercises', 'lesson', 'code'] : ['all']) {
      if (narrow) await page.locator(`.mobile-views button[data-view="${view}"]`).click()
      found.push(...(await seriousViolations(page)).map((line) => `[${view}] ${line}`))
    }
    if (narrow) await page.locator('.mobile-views button[data-view="code"]').click()
    // every kind of TypeScript token on screen, above the starter, whose tests then fail with messages and diffs
    await pasteIntoEditor(page, `${tokenSample}\n${readRepoFile('exercises/simple-jwt/SimpleJWT.ts')}`)
    await page.keyboard.press('ControlOrMeta+Home')
    await page.keyboard.press('ControlOrMeta+Enter')
    await page.locator('.results .test.fail').first().waitFor()
    found.push(...(await seriousViolations(page)).map((line) => `[failing results] ${line}`))
    // all passed: groups folded, the next step beside the summary, nothing else focusable in the panel
    await pasteIntoEditor(page, readRepoFile('solutions/simple-jwt/SimpleJWT.ts'))
    await page.keyboard.press('ControlOrMeta+Enter')
    await page.locator('.results .next-link').waitFor({ timeout: 30_000 })
    found.push(...(await seriousViolations(page)).map((line) => `[passing results] ${line}`))
    await page.getByRole('button', { name: 'Reset' }).click()
    await page.getByRole('dialog').waitFor()
    found.push(...(await seriousViolations(page)).map((line) => `[dialog] ${line}`))
    expect(found).toEqual([])
    await context.close()
  })
})
