import type { Browser, BrowserContext, Page } from 'playwright'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appendInEditor, openExercise, readDraft, readHistory } from './app-page'
import { launchChromium, trackPageErrors } from './browser'

// One learner, one exercise, two tabs of one browser: no text is lost, and the learner is told what happened.
let browser: Browser
beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
})

const file = ['password-manager', 'PasswordManager.ts'] as const

/** Two tabs of one fresh browser profile on the same exercise, each saying the other is there. */
async function twoTabs(): Promise<{ context: BrowserContext; a: Page; b: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  const a = await context.newPage()
  const b = await context.newPage()
  const errors = [...trackPageErrors(a), ...trackPageErrors(b)]
  await openExercise(a, file[0])
  await openExercise(b, file[0])
  for (const page of [a, b]) await page.locator('.banner:has-text("Also open in another tab")').waitFor()
  return { context, a, b, errors }
}

/** Whether the editor shows `text` once scrolled to the end of the file (without typing anything). */
async function showsAtEnd(page: Page, text: string): Promise<boolean> {
  await page.locator('.monaco-editor .view-lines').first().click()
  await page.keyboard.press('ControlOrMeta+End')
  return page.locator('.monaco-editor .view-lines').first().getByText(text).isVisible()
}

describe('the same exercise open in two tabs', () => {
  it('edited in turn: each tab shows the other tab’s saved text, and both texts are kept', async () => {
    const { context, a, b, errors } = await twoTabs()
    await appendInEditor(a, '\n// written in tab A')
    await expect.poll(() => readDraft(a, ...file)).toMatch(/written in tab A/)
    await expect.poll(() => showsAtEnd(b, '// written in tab A')).toBe(true)

    await appendInEditor(b, '\n// then in tab B')
    await expect.poll(() => readDraft(b, ...file)).toMatch(/written in tab A\n\/\/ then in tab B\n?$/)
    await expect.poll(() => showsAtEnd(a, '// then in tab B')).toBe(true)

    const history = await readHistory(a, ...file)
    expect(history.some((text) => text.includes('written in tab A') && !text.includes('then in tab B'))).toBe(
      true,
    )
    expect(await a.locator('.banner:has-text("replaced")').count()).toBe(0)
    expect(errors).toEqual([])
    await context.close()
  })

  it('edited at once: the later save keeps the other text in history, both tabs say so, and Restore brings it back', async () => {
    const { context, a, b, errors } = await twoTabs()
    // both edits land before either tab saves (saves wait for a pause of half a second)
    await appendInEditor(a, '\n// only in tab A')
    await appendInEditor(b, '\n// only in tab B')
    const bothKept = async () => {
      const texts = [(await readDraft(a, ...file)) ?? '', ...(await readHistory(a, ...file))]
      return ['only in tab A', 'only in tab B'].every((marker) => texts.some((text) => text.includes(marker)))
    }
    await expect.poll(bothKept).toBe(true)

    // B saved last: it says its edit replaced A's; A now shows B's text and says its own is in history
    const replacedHere = b.locator('.banner:has-text("replaced the version saved in another tab")')
    await replacedHere.waitFor()
    await a.locator('.banner:has-text("Another tab saved")').waitFor()
    expect(await readDraft(a, ...file)).toMatch(/only in tab B\n?$/)
    await expect.poll(() => showsAtEnd(a, '// only in tab B')).toBe(true)

    await replacedHere.getByRole('button', { name: 'Restore it' }).click()
    await expect.poll(() => readDraft(b, ...file)).toMatch(/only in tab A\n?$/)
    expect((await readHistory(b, ...file)).some((text) => text.includes('only in tab B'))).toBe(true)
    await expect.poll(() => showsAtEnd(b, '// only in tab A')).toBe(true)
    await expect.poll(() => showsAtEnd(a, '// only in tab A')).toBe(true)
    expect(errors).toEqual([])
    await context.close()
  })
})
