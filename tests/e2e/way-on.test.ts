import type { Browser, BrowserContext, Page } from 'playwright'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { openExercise, pasteIntoEditor, readRepoFile } from './app-page'
import { launchChromium, trackPageErrors } from './browser'

// After a run: the way on from a pass, and failures a learner can sort through.
let browser: Browser
let context: BrowserContext
beforeAll(async () => {
  // the app may still be building behind the address (global-setup.ts): wait here, in the hook's time
  await fetch(inject('appUrl'))
  browser = await launchChromium()
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
})
afterAll(async () => {
  await browser?.close()
})

async function run(page: Page) {
  await page.keyboard.press('ControlOrMeta+Enter')
  await page.locator('.results .summary:not(:has-text("Running"))').waitFor({ timeout: 30_000 })
}

describe('the way on after a pass', () => {
  it('puts Next beside the summary, says so to screen readers, and leads there from the keyboard', async () => {
    const page = await context.newPage()
    const errors = trackPageErrors(page)
    await openExercise(page, 'password-manager')
    await pasteIntoEditor(page, readRepoFile('solutions/password-manager/PasswordManager.ts'))
    await run(page)
    const next = page.locator('.results .results-head .next-link')
    await expect(next.innerText()).resolves.toBe('Next: Sign and verify JWTs (HS256) →')
    await expect
      .poll(() => page.locator('#announcer').innerText())
      .toMatch(
        /^All \d+ tests passed, no type errors\. Next: Sign and verify JWTs \(HS256\), beside the summary\.$/,
      )
    // not the end of a chapter: no screen in the way
    expect(await page.getByRole('dialog').count()).toBe(0)

    // the results panel is a tab stop, and the link is the first thing in it
    await page.locator('#results').focus()
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(
      'Next: Sign and verify JWTs (HS256) →',
    )
    await page.keyboard.press('Enter')
    await page.waitForURL(/#\/simple-jwt$/)
    await page.locator('#lesson-body h1:has-text("JWT")').waitFor()
    expect(errors).toEqual([])
    await page.close()
  })

  it('ends the course with a screen of what was built, and a button that opens it again', async () => {
    const page = await context.newPage()
    await openExercise(page, 'totp')
    await pasteIntoEditor(page, readRepoFile('solutions/totp/Totp.ts'))
    await run(page)
    const screen = page.getByRole('dialog', { name: /course/ })
    await screen.waitFor()
    // every chapter, the exercise just passed marked, the others linked
    await expect(screen.locator('h3').allInnerTexts()).resolves.toEqual([
      'Chapter 1: Build',
      'Chapter 2: Harden',
      'Chapter 3: Break it, then fix it',
    ])
    await expect(
      screen.locator('li.passed', { hasText: 'A second factor: TOTP codes' }).count(),
    ).resolves.toBe(1)
    // the others are linked (this context passed Password Manager in the test before)
    await expect(screen.getByRole('link', { name: 'Authentication service' }).count()).resolves.toBe(1)
    await screen.getByRole('button', { name: 'Close' }).click()
    await page.locator('.results .next-link:has-text("What you built")').click()
    await screen.waitFor()
    await page.close()
  })
})

describe('failures easy to sort through', () => {
  it('groups tests by describe with counts, and Failures only hides what passed', async () => {
    const page = await context.newPage()
    await openExercise(page, 'simple-jwt')
    await run(page)
    const groups = page.locator('.results .test-group')
    expect(await groups.count()).toBeGreaterThan(3)
    await expect(groups.first().locator('.group-count').innerText()).resolves.toMatch(/^\d+ of \d+ passed/)
    // failed groups are open, so their failures show without a click
    await expect(page.locator('.results .test-group.fail > details[open]').count()).resolves.toBe(
      await page.locator('.results .test-group.fail').count(),
    )
    const passedTests = page.locator('.results .test.pass')
    expect(await passedTests.count()).toBeGreaterThan(0)

    const filter = page.getByRole('button', { name: 'Failures only' })
    await filter.click()
    await expect(filter.getAttribute('aria-pressed')).resolves.toBe('true')
    const visible = (locator: typeof passedTests) =>
      locator.evaluateAll((elements) => elements.filter((element) => element.checkVisibility()).length)
    await expect(visible(passedTests)).resolves.toBe(0)
    await expect(visible(page.locator('.results .test.fail'))).resolves.toBeGreaterThan(0)

    // the choice holds for the next run, and a second press shows everything again
    await run(page)
    await expect(visible(page.locator('.results .test.pass'))).resolves.toBe(0)
    await filter.click()
    await expect(visible(page.locator('.results .test.pass'))).resolves.toBeGreaterThan(0)
    await page.close()
  })
})
