import AxeBuilder from '@axe-core/playwright'
import type { Browser, Page } from 'playwright'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launchChromium } from './browser'

const appUrl = inject('appUrl')
let browser: Browser

beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
})

/** Serious and critical axe violations on the page as it is now, as readable lines. */
async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze()
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`,
    )
}

describe.each([
  { theme: 'light' as const, width: 1280, height: 800 },
  { theme: 'dark' as const, width: 1280, height: 800 },
  { theme: 'light' as const, width: 390, height: 844 },
  { theme: 'dark' as const, width: 390, height: 844 },
])('axe on every view, $theme theme at $width x $height', ({ theme, width, height }) => {
  it('finds no serious or critical violations in the lesson, the editor, the results and a dialog', async () => {
    const context = await browser.newContext({ viewport: { width, height }, colorScheme: theme })
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
    await page.keyboard.press('ControlOrMeta+Enter')
    await page.locator('.results .test').first().waitFor()
    found.push(...(await seriousViolations(page)).map((line) => `[results] ${line}`))
    await page.getByRole('button', { name: 'Reset' }).click()
    await page.getByRole('dialog').waitFor()
    found.push(...(await seriousViolations(page)).map((line) => `[dialog] ${line}`))
    expect(found).toEqual([])
    await context.close()
  })
})
