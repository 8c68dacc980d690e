import { describe, expect, it } from 'vitest'
import { openExercise, pasteIntoEditor, readRepoFile, runAndReadSummary } from './app-page'
import { useBrowser } from './browser'

const browser = useBrowser()

describe('room to code at 1280x800', () => {
  it('keeps every one of five file tabs reachable, with a visible sign that more exist', async () => {
    const context = await browser().newContext({ viewport: { width: 1280, height: 800 } })
    const page = await context.newPage()
    await openExercise(page, 'auth-endpoints')
    const tabs = page.locator('.code-toolbar [role="tab"]')
    await expect(tabs.count()).resolves.toBe(5)
    const more = page.locator('.tabs-more')
    await expect(more.isVisible()).resolves.toBe(true)
    const run = await page.locator('.code-toolbar button.run').boundingBox()
    const names = await tabs.evaluateAll((all) => all.map((tab) => (tab as HTMLElement).dataset.path ?? ''))
    for (const name of names) {
      await more.click()
      await page.getByRole('menuitem', { name }).click()
      const tab = page.locator(`.code-toolbar [role="tab"][data-path="${name}"]`)
      await expect(tab.getAttribute('aria-selected')).resolves.toBe('true')
      // the chosen tab is scrolled fully into the visible strip, clear of the buttons beside it
      const box = await tab.boundingBox()
      const strip = await page.locator('.code-toolbar .tabs').boundingBox()
      expect(box && strip && box.x >= strip.x - 1 && box.x + box.width <= strip.x + strip.width + 1).toBe(
        true,
      )
      expect(box && run && box.x + box.width <= run.x).toBe(true)
    }
    await context.close()
  })

  it('without its course tools (their chunk failed to load) the page says so, keeps its columns and still grades', async () => {
    const context = await browser().newContext({ viewport: { width: 1280, height: 800 } })
    await context.route(/\/assets\/course-tools-[^/]*[.]js$/, (route) => route.abort())
    const page = await context.newPage()
    await openExercise(page, 'simple-jwt')
    await page.getByText(/The progress menu, share links and layout buttons could not be loaded/).waitFor()
    // three columns without the splitter the layout controls would add: the code keeps its room
    expect((await page.locator('#code').boundingBox())?.width).toBeGreaterThanOrEqual(420)
    expect((await page.locator('#lesson').boundingBox())?.width).toBeGreaterThanOrEqual(320)
    await expect(page.locator('.splitter').count()).resolves.toBe(0)
    const [passed, total] = await runAndReadSummary(page)
    expect(total).toBeGreaterThan(0)
    expect(passed).toBeLessThan(total)
    await context.close()
  })

  it('folds the exercise list and the lesson away for a wide editor, and remembers it', async () => {
    const context = await browser().newContext({ viewport: { width: 1280, height: 800 } })
    const page = await context.newPage()
    await openExercise(page, 'simple-jwt')
    // one file fits: no overflow menu
    await expect(page.locator('.tabs-more').isVisible()).resolves.toBe(false)
    const codeWidth = async () => (await page.locator('#code').boundingBox())?.width ?? 0
    const before = await codeWidth()
    await page.getByRole('button', { name: 'Exercises', exact: true }).click()
    await page.getByRole('button', { name: 'Lesson', exact: true }).click()
    await expect.poll(codeWidth).toBeGreaterThan(1200)
    expect(before).toBeLessThan(700)
    // both folds are stored before the reload (a fixed wait could be too short on a busy machine)
    const stored = () =>
      page.evaluate(`new Promise((resolve, reject) => {
        const open = indexedDB.open('authlab')
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const settings = open.result.transaction('settings').objectStore('settings')
          const sidebar = settings.get('sidebarHidden')
          const lesson = settings.get('lessonHidden')
          lesson.onsuccess = () => {
            resolve([sidebar.result, lesson.result])
            open.result.close()
          }
        }
      })`)
    await expect.poll(stored).toEqual([true, true])
    await page.reload()
    await page.locator('.monaco-editor .view-lines').first().waitFor()
    await expect.poll(codeWidth).toBeGreaterThan(1200)
    await expect(
      page.getByRole('button', { name: 'Lesson', exact: true }).getAttribute('aria-pressed'),
    ).resolves.toBe('false')

    // the splitter resizes the lesson from the keyboard
    await page.getByRole('button', { name: 'Lesson', exact: true }).click()
    const lessonWidth = async () => (await page.locator('#lesson').boundingBox())?.width ?? 0
    const wide = await lessonWidth()
    await page.getByRole('separator', { name: 'Lesson width' }).focus()
    await page.keyboard.press('Home')
    await expect.poll(lessonWidth).toBeLessThan(wide)
    await context.close()
  })

  it('offers the reference solution beside your own only after the exercise passed', async () => {
    const context = await browser().newContext({ viewport: { width: 1280, height: 800 } })
    const page = await context.newPage()
    await openExercise(page, 'password-manager')
    const compare = page.getByRole('button', { name: 'Compare with the reference solution' })
    await expect(compare.count()).resolves.toBe(0)
    await page.evaluate(() => navigator.clipboard.writeText('')).catch(() => undefined)
    await context.grantPermissions(['clipboard-read', 'clipboard-write'])
    await pasteIntoEditor(page, readRepoFile('solutions/password-manager/PasswordManager.ts'))
    const [passed, total] = await runAndReadSummary(page)
    expect(passed).toBe(total)
    await compare.click()
    await page.locator('.diff-dialog .monaco-diff-editor').waitFor()
    await expect(page.locator('.diff-dialog aside').innerText()).resolves.toMatch(/Why this is secure/i)
    await page.locator('.diff-dialog').getByRole('button', { name: 'Close' }).click()
    await expect(page.locator('.diff-dialog').count()).resolves.toBe(0)
    await context.close()
  })
})
