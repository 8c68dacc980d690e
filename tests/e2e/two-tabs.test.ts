import type { Browser, BrowserContext, Page } from 'playwright'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { appendInEditor, openExercise, readDraft, readHistory } from './app-page'
import { launchChromium, trackPageErrors } from './browser'

// One learner, one exercise, two tabs of one browser: no text is lost, and the learner is told what happened.
let browser: Browser
beforeAll(async () => {
  // the app may still be building behind the address (global-setup.ts): wait here, in the hook's time
  await fetch(inject('appUrl'))
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
    // both edits land before either tab saves (saves wait for a pause of half a second): typed at the same
    // moment, since on a busy machine the second tab's click alone could take longer than that pause
    for (const page of [a, b]) {
      await page.locator('.monaco-editor .view-lines').first().click()
      await page.keyboard.press('ControlOrMeta+End')
    }
    await Promise.all([
      a.keyboard.insertText('\n// only in tab A'),
      b.keyboard.insertText('\n// only in tab B'),
    ])
    const bothKept = async () => {
      const texts = [(await readDraft(a, ...file)) ?? '', ...(await readHistory(a, ...file))]
      return ['only in tab A', 'only in tab B'].every((marker) => texts.some((text) => text.includes(marker)))
    }
    await expect.poll(bothKept).toBe(true)

    // the tab that saved last says its edit replaced the other's; the other shows its text and says its own
    // is in history (which tab saves last is up to the machine)
    const replaced = '.banner:has-text("replaced the version saved in another tab")'
    const savedLast = async () =>
      (await a.locator(replaced).count()) > 0
        ? 'A'
        : (await b.locator(replaced).count()) > 0
          ? 'B'
          : undefined
    await expect.poll(savedLast, { timeout: 30_000 }).toBeDefined()
    const [last, first, lastTab, firstTab] = (await savedLast()) === 'A' ? [a, b, 'A', 'B'] : [b, a, 'B', 'A']
    await first.locator('.banner:has-text("Another tab saved")').waitFor()
    expect(await first.locator(replaced).count()).toBe(0)
    expect(await readDraft(first, ...file)).toMatch(new RegExp(`only in tab ${lastTab}\\n?$`))
    await expect.poll(() => showsAtEnd(first, `// only in tab ${lastTab}`)).toBe(true)

    await last.locator(replaced).getByRole('button', { name: 'Restore it' }).click()
    await expect.poll(() => readDraft(last, ...file)).toMatch(new RegExp(`only in tab ${firstTab}\\n?$`))
    expect((await readHistory(last, ...file)).some((text) => text.includes(`only in tab ${lastTab}`))).toBe(
      true,
    )
    await expect.poll(() => showsAtEnd(last, `// only in tab ${firstTab}`)).toBe(true)
    await expect.poll(() => showsAtEnd(first, `// only in tab ${firstTab}`)).toBe(true)
    expect(errors).toEqual([])
    await context.close()
  })
})
