import { join } from 'node:path'
import type { BrowserContext, Page } from 'playwright'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { checkLearnerTypes } from '../../scripts/lib/learner-types'
import { openExercise, pasteIntoEditor, readRepoFile as read, readDraft, readHintsRevealed } from './app-page'
import { trackPageErrors, useBrowser } from './browser'

const appUrl = inject('appUrl')
const root = join(import.meta.dirname, '../..')

const browser = useBrowser()
let context: BrowserContext

async function runAndWait(page: Page) {
  await page.keyboard.press('ControlOrMeta+Enter')
  await page.locator('.results .summary:not(:has-text("Running"))').waitFor({ timeout: 30_000 })
  return page.locator('.results .summary').innerText()
}

describe('the built app', () => {
  beforeAll(async () => {
    context = await browser().newContext({ viewport: { width: 1280, height: 800 } })
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

  it("takes no typing before the exercise's file is in the editor: its first model is that file", async () => {
    const page = await context.newPage()
    // records the first model the editor has: Monaco's own default one took keys typed at once (a learner
    // typing as soon as the editor appears), and they were lost when the exercise's file replaced it
    await page.addInitScript(() => {
      const seen = new MutationObserver(() => {
        const uri = document.querySelector('.monaco-editor')?.getAttribute('data-uri')
        if (!uri) return
        ;(window as unknown as { firstModel?: string }).firstModel = uri
        seen.disconnect()
      })
      seen.observe(document, {
        childList: true,
        subtree: true,
        attributes: true,
        attributeFilter: ['data-uri'],
      })
    })
    await openExercise(page, 'auth-service')
    await expect(
      page.evaluate(() => (window as unknown as { firstModel?: string }).firstModel),
    ).resolves.toBe('file:///auth-service/AuthService.ts')
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

  it('counts type errors in the verdict: listed with links on the Types line, the same ones npm run grade finds', async () => {
    const page = await context.newPage()
    await openExercise(page, 'simple-jwt')
    // natural code for the contract's `string | Uint8Array` secret must not need a cast; the last line is wrong
    const solution = read('solutions/simple-jwt/SimpleJWT.ts')
    const withTypeError = `${solution}
export async function keyFor(secret: string | Uint8Array) {
  const bytes = typeof secret === 'string' ? new TextEncoder().encode(secret) : secret
  return crypto.subtle.importKey('raw', bytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
}
export const wrong: number = 'text'
`
    await pasteIntoEditor(page, withTypeError)
    const summary = await runAndWait(page)
    const expected = checkLearnerTypes(root, 'simple-jwt', { 'SimpleJWT.ts': withTypeError })
    expect(expected.map((problem) => problem.line)).toEqual([withTypeError.split('\n').length - 1])
    // every test passes, yet the exercise is not passed
    expect(summary).toMatch(/^(\d+)\/\1 passed · 1 type error$/)
    await expect(page.locator('.results .summary.fail').count()).resolves.toBe(1)
    const links = await page.locator('.results .types.fail .type-problems button').allInnerTexts()
    expect(links).toEqual(expected.map((problem) => `${problem.path}:${problem.line}:${problem.column}`))
    await expect(page.locator('#announcer').innerText()).resolves.toMatch(/1 type error/)

    // the link takes the learner to the line
    await page.locator('.results .types.fail .type-problems button').first().click()
    await expect
      .poll(() => page.locator('.monaco-editor .line-numbers.active-line-number').first().innerText())
      .toBe(String(expected[0]?.line))

    await pasteIntoEditor(page, solution)
    await expect(runAndWait(page)).resolves.toMatch(/^(\d+)\/\1 passed$/)
    await expect(page.locator('.results .types.pass').innerText()).resolves.toMatch(/Types[\s\S]*no errors/)
    await page.close()
  })

  it('shows syntax errors with their position, and still runs the tests', async () => {
    const page = await context.newPage()
    await openExercise(page, 'password-manager')
    const starter = read('exercises/password-manager/PasswordManager.ts')
    await pasteIntoEditor(page, `${starter}\nexport const broken = (\n`)
    await runAndWait(page)
    await expect(page.locator('.results .notice.fail').first().innerText()).resolves.toMatch(
      /does not compile[\s\S]*PasswordManager\.ts:\d+:\d+/,
    )
    await expect(page.locator('.results .types.fail').innerText()).resolves.toMatch(
      /PasswordManager\.ts:\d+:\d+/,
    )
    await page.close()
  })

  it('resets to the starter after confirmation and undoes the reset', async () => {
    const page = await context.newPage()
    await openExercise(page, 'simple-jwt')
    const mine = `${read('exercises/simple-jwt/SimpleJWT.ts')}\n// my work\n`
    await pasteIntoEditor(page, mine)
    await page.locator('.save-status:has-text("Saved")').waitFor()
    await page.getByRole('button', { name: 'Reset' }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Reset' }).click()
    await expect
      .poll(() => readDraft(page, 'simple-jwt', 'SimpleJWT.ts'))
      .toBe(read('exercises/simple-jwt/SimpleJWT.ts'))
    await page.locator('.toast').getByRole('button', { name: 'Undo' }).click()
    await expect.poll(() => readDraft(page, 'simple-jwt', 'SimpleJWT.ts')).toBe(mine)
    await page.close()
  })

  it('reveals hints one at a time and remembers them after a reload', async () => {
    const page = await context.newPage()
    await openExercise(page, 'auth-service')
    await expect(page.locator('.hint').count()).resolves.toBe(0)
    await page.getByRole('button', { name: 'Show a hint' }).click()
    await page.getByRole('button', { name: /Show hint 2 of/ }).click()
    await expect(page.locator('.hint').count()).resolves.toBe(2)
    // stored before the reload: a reload at once can abort the write on a busy machine (seen in a fresh-clone run)
    await expect.poll(() => readHintsRevealed(page, 'auth-service')).toBe(2)
    await page.reload()
    await page.locator('.hint').nth(1).waitFor()
    await expect(page.locator('.hint').count()).resolves.toBe(2)
    await page.close()
  })

  it('opens a deep link with every file as a tab, the provided and carried ones read-only', async () => {
    const page = await context.newPage()
    await openExercise(page, 'auth-service')
    await expect(page.locator('#exercise-list [aria-current="page"]').innerText()).resolves.toMatch(
      /Authentication/,
    )
    const tabs = await page.getByRole('tablist', { name: 'Files' }).getByRole('tab').allInnerTexts()
    expect(tabs.map((tab) => tab.split(/\s/)[0])).toEqual([
      'AuthService.ts',
      'UserStore.ts',
      'PasswordManager.ts',
      'SimpleJWT.ts',
    ])
    await page.getByRole('tab', { name: /UserStore\.ts/ }).click()
    await page.locator('.monaco-editor .view-lines').first().click()
    await page.keyboard.type('x')
    await page.locator('.monaco-editor-overlaymessage:has-text("read-only")').waitFor()
    await page.close()
  })

  it("paints a lesson's opening without its chunk; if the rest cannot be downloaded it says so, and Try again loads it", async () => {
    // a context of its own: the blocked chunk must not come from the shared context's service worker cache
    const blocked = await browser().newContext({ viewport: { width: 1280, height: 800 } })
    let failing = true
    await blocked.route(/\/assets\/lesson-[^/]*[.]js$/, (route) =>
      failing ? route.abort() : route.continue(),
    )
    const page = await blocked.newPage()
    await openExercise(page, 'simple-jwt')
    const lesson = page.locator('#lesson-body')
    await expect(lesson.locator('h1').innerText()).resolves.not.toBe('')
    await lesson.getByRole('alert').waitFor()
    await expect(lesson.getByRole('alert').innerText()).resolves.toMatch(
      /^The rest of this lesson could not be downloaded \(.+\)\. Check your connection, then try again\.$/,
    )
    const sections = () => lesson.locator('h2').count()
    const openingSections = await sections()
    failing = false
    await lesson.getByRole('button', { name: 'Try again' }).click()
    await expect.poll(sections).toBeGreaterThan(openingSections)
    await expect(lesson.getByRole('alert').count()).resolves.toBe(0)
    await blocked.close()
  })
})
