import type { BrowserContext } from 'playwright'
import { describe, expect, inject, it } from 'vitest'
import { openExercise, pasteIntoEditor, readDraft, readRepoFile, runAndReadSummary } from './app-page'
import { trackPageErrors, useBrowser } from './browser'

const appUrl = inject('appUrl')
const browser = useBrowser()

async function freshContext(): Promise<BrowserContext> {
  const context = await browser().newContext({ viewport: { width: 1280, height: 800 } })
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: appUrl })
  return context
}

describe('sharing an attempt by link', () => {
  it('round-trips to a fresh browser: read-only view, spoiler blur, copy into the editor after asking', async () => {
    const solution = readRepoFile('solutions/totp/Totp.ts')
    const sender = await freshContext()
    const page = await sender.newPage()
    await openExercise(page, 'totp')
    await pasteIntoEditor(page, solution)
    const [passed, total] = await runAndReadSummary(page)
    expect(passed).toBe(total)
    // the first pass of the course's last exercise opens the end-of-course screen; the learner closes it
    await page
      .getByRole('dialog', { name: 'End of the course' })
      .getByRole('button', { name: 'Close' })
      .click()
    await page.getByRole('button', { name: 'Share' }).click()
    const link = await page.locator('.share-url').inputValue()
    expect(link.startsWith(`${appUrl}#/totp?share=`)).toBe(true)
    // the reference solution with its comments is long: the dialog warns about chat limits
    await expect(page.locator('.share-length.warn').innerText()).resolves.toMatch(/2,000 characters/)
    await sender.close()

    const recipient = await freshContext()
    const other = await recipient.newPage()
    const errors = trackPageErrors(other)
    await openExercise(other, 'totp')
    const own = `// my own attempt ${Date.now()}`
    await pasteIntoEditor(other, own)
    await expect.poll(() => readDraft(other, 'totp', 'Totp.ts')).toBe(own)
    await other.goto(link)
    await other.locator('.shared-attempt').waitFor()
    // a passing solution, and the recipient has not passed: blurred until asked
    await expect(other.locator('.shared-body.spoiler').count()).resolves.toBe(1)
    await expect(other.getByRole('button', { name: 'Copy into my editor' }).isDisabled()).resolves.toBe(true)
    await other.getByRole('button', { name: 'Show the solution' }).click()
    await expect(other.locator('.shared-body.spoiler').count()).resolves.toBe(0)
    await expect(other.locator('.shared-code').textContent()).resolves.toBe(solution)

    await other.getByRole('button', { name: 'Copy into my editor' }).click()
    // the recipient's own draft is never replaced without asking
    await other.getByRole('button', { name: 'Cancel' }).click()
    expect(await readDraft(other, 'totp', 'Totp.ts')).toBe(own)
    await other.getByRole('button', { name: 'Copy into my editor' }).click()
    await other.getByRole('button', { name: 'Replace' }).click()
    await expect.poll(() => readDraft(other, 'totp', 'Totp.ts')).toBe(solution)
    expect(errors).toEqual([])
    await recipient.close()
  })

  it('says a damaged link is damaged', async () => {
    const context = await freshContext()
    const page = await context.newPage()
    await page.goto(`${appUrl}#/totp?share=AAAA-broken`)
    await expect(page.locator('.banner').first().innerText()).resolves.toMatch(/damaged or incomplete/)
    await context.close()
  })
})
