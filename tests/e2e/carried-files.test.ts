import type { BrowserContext, Page } from 'playwright'
import { describe, expect, inject, it } from 'vitest'
import { openExercise, pasteIntoEditor, readRepoFile as read } from './app-page'
import { axe } from './axe'
import { trackPageErrors, useBrowser } from './browser'

// Files carried from earlier exercises, as a learner who moves on with the sidebar and the Next link sees them:
// whether each one passes its own exercise, where to fix the ones that do not, and no false type errors.
const appUrl = inject('appUrl')

const browser = useBrowser()

async function freshPage(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser().newContext({ viewport: { width: 1280, height: 800 } })
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: appUrl })
  return { context, page: await context.newPage() }
}

async function runAndWait(page: Page) {
  await page.keyboard.press('ControlOrMeta+Enter')
  await page.locator('.results .summary:not(:has-text("Running"))').waitFor({ timeout: 60_000 })
  return page.locator('.results .summary').innerText()
}

/** Goes to an exercise by a link of the page (sidebar or Next) and waits until the editor shows `file`. */
async function follow(page: Page, link: ReturnType<Page['locator']>, title: string, file: string) {
  await link.click()
  await page.locator('#exercise-title', { hasText: title }).waitFor()
  // the editor, not only the tabs, has the exercise's file
  await page.locator(`[data-uri$="/${file}"] .view-lines`).waitFor()
}

const carriedNotes = (page: Page) => page.locator('#carried-notes')
const problemNotes = (page: Page) =>
  page.getByRole('list', { name: 'Carried files that do not pass their exercise' }).getByRole('listitem')

/** Error squiggles Monaco draws in each named tab, after giving the TypeScript worker time to answer. */
async function squigglesIn(page: Page, paths: readonly string[]): Promise<Record<string, number>> {
  const found: Record<string, number> = {}
  for (const path of paths) {
    await page.getByRole('tab', { name: new RegExp(`^${path.replace('.', '\\.')}`) }).click()
    await page.waitForTimeout(1500)
    found[path] = await page.locator('.monaco-editor .squiggly-error').count()
  }
  return found
}

describe('carried files', () => {
  it('name the one that does not pass its own exercise, with a link to it, and point at it after a failed run', async () => {
    const { context, page } = await freshPage()
    const errors = trackPageErrors(page)
    await openExercise(page, 'password-manager')
    // begun, not finished: a test or two pass, not all
    await pasteIntoEditor(
      page,
      `${read('exercises/password-manager/PasswordManager.ts')}\n// my work so far\n`,
    )
    const starterRun = await runAndWait(page)
    expect(starterRun).toMatch(/^\d+\/\d+ passed$/)
    expect(starterRun).not.toMatch(/^(\d+)\/\1 passed$/)

    await follow(
      page,
      page.locator('a.exercise-link[href="#/auth-service"]'),
      'Authentication service',
      'AuthService.ts',
    )
    await expect
      .poll(() => problemNotes(page).allInnerTexts())
      .toEqual([
        expect.stringMatching(
          /^PasswordManager\.ts does not pass Password Manager.* yet \(its last run: \d+\/\d+ tests passed\)\. Failures here may come from it\. Fix it in Password Manager/,
        ),
        expect.stringMatching(
          /^SimpleJWT\.ts is still the starter of Sign and verify JWTs .*Fix it in Sign and verify/,
        ),
      ])
    await expect(problemNotes(page).first().getByRole('link').getAttribute('href')).resolves.toBe(
      '#/password-manager',
    )
    await expect(page.locator('.carried-lead').isVisible()).resolves.toBe(false)
    await expect(runAndWait(page)).resolves.not.toMatch(/^(\d+)\/\1 passed$/)
    await expect(page.locator('.carried-lead').innerText()).resolves.toBe(
      'This run failed, and it uses files that do not pass:',
    )
    const { violations } = await axe(page).include('#carried-notes').analyze()
    expect(
      violations.filter((violation) => ['serious', 'critical'].includes(violation.impact ?? '')),
    ).toEqual([])

    await problemNotes(page).first().getByRole('link').click()
    await page.locator('#exercise-title', { hasText: 'Password Manager' }).waitFor()
    expect(errors).toEqual([])
    await context.close()
  }, 120_000)

  it('reached by the Next link and the sidebar after passing the earlier exercises: all pass, no false type error', async () => {
    const { context, page } = await freshPage()
    const errors = trackPageErrors(page)
    await openExercise(page, 'password-manager')
    await pasteIntoEditor(page, read('solutions/password-manager/PasswordManager.ts'))
    await expect(runAndWait(page)).resolves.toMatch(/^(\d+)\/\1 passed$/)

    await follow(page, page.locator('#lesson-next a'), 'Sign and verify JWTs', 'SimpleJWT.ts')
    await expect.poll(() => carriedNotes(page).innerText()).toBe('')
    await pasteIntoEditor(page, read('solutions/simple-jwt/SimpleJWT.ts'))
    await expect(runAndWait(page)).resolves.toMatch(/^(\d+)\/\1 passed$/)

    await follow(page, page.locator('#lesson-next a'), 'Authentication service', 'AuthService.ts')
    await expect
      .poll(() => carriedNotes(page).innerText())
      .toBe('✓ Pass their own exercise: PasswordManager.ts, SimpleJWT.ts')
    await pasteIntoEditor(page, read('solutions/auth-service/AuthService.ts'))
    await expect(runAndWait(page)).resolves.toMatch(/^(\d+)\/\1 passed$/)
    await expect(page.locator('.results .types.pass').count()).resolves.toBe(1)
    await expect(
      squigglesIn(page, ['PasswordManager.ts', 'SimpleJWT.ts', 'AuthService.ts']),
    ).resolves.toEqual({
      'PasswordManager.ts': 0,
      'SimpleJWT.ts': 0,
      'AuthService.ts': 0,
    })

    await follow(
      page,
      page.locator('a.exercise-link[href="#/auth-endpoints"]'),
      'HTTP endpoints',
      'authRoutes.ts',
    )
    await expect
      .poll(() => carriedNotes(page).innerText())
      .toBe('✓ Pass their own exercise: AuthService.ts, PasswordManager.ts, SimpleJWT.ts')
    await pasteIntoEditor(page, read('solutions/auth-endpoints/authRoutes.ts'))
    await expect(runAndWait(page)).resolves.toMatch(/^(\d+)\/\1 passed$/)
    // the chapter's last exercise: its first pass opens the end-of-chapter screen, which the learner closes
    await page
      .getByRole('dialog', { name: /^Chapter complete 1:/ })
      .getByRole('button', { name: 'Stay here' })
      .click()
    await expect(page.locator('.results .types.pass').count()).resolves.toBe(1)
    await expect(
      squigglesIn(page, ['AuthService.ts', 'PasswordManager.ts', 'SimpleJWT.ts', 'authRoutes.ts']),
    ).resolves.toEqual({
      'AuthService.ts': 0,
      'PasswordManager.ts': 0,
      'SimpleJWT.ts': 0,
      'authRoutes.ts': 0,
    })
    expect(errors).toEqual([])
    await context.close()
  }, 240_000)
})
