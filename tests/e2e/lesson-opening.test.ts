// The page paints the routed lesson's opening from index.html itself (scripts/lib/lesson-openings.ts), before
// the app's scripts have loaded; the app then keeps those nodes and adds the rest of the lesson.
import { join } from 'node:path'
import type { BrowserContext, Page } from 'playwright'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { readContentSources } from '../../scripts/lib/content-sources'
import { loadCatalogue } from '../../src/content/catalogue'
import { lessonTitles } from '../support/lesson-titles'
import { trackPageErrors, useBrowser } from './browser'

const appUrl = inject('appUrl')
const browser = useBrowser()
const { exercises } = loadCatalogue(readContentSources(join(import.meta.dirname, '../..')))
let context: BrowserContext

beforeAll(async () => {
  context = await browser().newContext({ viewport: { width: 1280, height: 800 } })
})
afterAll(async () => {
  await context?.close()
})

const title = (page: Page) => page.locator('#lesson-body h1').innerText()
const titles = await lessonTitles(exercises)
const lessonTitle = (id: string) => titles.get(id)

/** Waits until the whole lesson is there (its rest is appended at once, and every lesson has a second section). */
async function wholeLesson(page: Page): Promise<string> {
  await page.locator('#lesson-body > h2').nth(1).waitFor()
  return page.locator('#lesson-body').innerHTML()
}

describe('the lesson opening painted by index.html', () => {
  it('shows the routed lesson with none of the app’s scripts loaded, and the first one for an unknown address', async () => {
    const page = await context.newPage()
    const errors = trackPageErrors(page)
    await page.route('**/assets/*.js', (route) => route.abort())
    for (const [hash, id] of [
      ['#/auth-service', 'auth-service'],
      ['#/totp?share=abc', 'totp'],
      ['#/', exercises[0]?.id],
      ['#/no-such-exercise', exercises[0]?.id],
      ['#/%', exercises[0]?.id],
    ] as const) {
      // from about:blank, so each address is a new document (only its hash would differ otherwise)
      await page.goto('about:blank')
      await page.goto(`${appUrl}${hash}`)
      await expect(title(page), hash).resolves.toBe(lessonTitle(id ?? ''))
      await expect(page.locator('#lesson-body .loading').count()).resolves.toBe(0)
    }
    expect(errors, 'the inline script throws nowhere').toEqual([])
    await page.close()
  })

  it('is kept by the app, node for node, and is the same lesson after switching away and back, for every exercise', async () => {
    const page = await context.newPage()
    const errors = trackPageErrors(page)
    // remembers the heading the page painted, before any module runs
    await page.addInitScript(() => {
      document.addEventListener('DOMContentLoaded', () => {
        ;(window as unknown as { paintedTitle?: Element | null }).paintedTitle =
          document.querySelector('#lesson-body h1')
      })
    })
    for (const [index, exercise] of exercises.entries()) {
      await page.goto('about:blank')
      await page.goto(`${appUrl}#/${exercise.id}`)
      const fromPage = await wholeLesson(page)
      const kept = await page.evaluate(() => {
        const painted = (window as unknown as { paintedTitle?: Element | null }).paintedTitle
        return painted?.isConnected === true && painted === document.querySelector('#lesson-body h1')
      })
      expect(kept, `${exercise.id}: the app replaced the painted opening`).toBe(true)
      // another lesson, then this one again: now the lesson view shows it (the opening cloned, the rest rendered)
      const other = exercises[(index + 1) % exercises.length]
      await page.evaluate((id) => {
        location.hash = `#/${id}`
      }, other?.id)
      await expect.poll(() => title(page)).toBe(lessonTitle(other?.id ?? ''))
      await page.evaluate((id) => {
        location.hash = `#/${id}`
      }, exercise.id)
      await expect.poll(() => title(page)).toBe(lessonTitle(exercise.id))
      expect(await wholeLesson(page), exercise.id).toBe(fromPage)
    }
    expect(errors).toEqual([])
    await page.close()
  })
})
