import { join } from 'node:path'
import type { BrowserContext, Page } from 'playwright'
import { describe, expect, inject, it } from 'vitest'
import { readContentSources } from '../../scripts/lib/content-sources'
import { loadCatalogue } from '../../src/content/catalogue'
import { openExercise, pasteIntoEditor, readRepoFile as read, readDraft } from './app-page'
import { axe } from './axe'
import { trackPageErrors, useBrowser } from './browser'

// The exercise list by chapter, and entering a later chapter without finishing the one before: files carried
// from an earlier chapter arrive as reference versions, said so above the editor, and the exercise can be passed.
const appUrl = inject('appUrl')
const { exercises } = loadCatalogue(readContentSources(join(import.meta.dirname, '../..')))
const chapters = [...new Set(exercises.map((exercise) => exercise.manifest.chapter.number))]
  .sort((a, b) => a - b)
  .map((number) => ({
    number,
    title: exercises.find((exercise) => exercise.manifest.chapter.number === number)?.manifest.chapter.title,
    ids: exercises.filter((exercise) => exercise.manifest.chapter.number === number).map((e) => e.id),
  }))

const browser = useBrowser()

async function freshPage(width = 1280, height = 800): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser().newContext({ viewport: { width, height } })
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: appUrl })
  return { context, page: await context.newPage() }
}

async function runAndWait(page: Page) {
  await page.keyboard.press('ControlOrMeta+Enter')
  await page.locator('.results .summary:not(:has-text("Running"))').waitFor({ timeout: 60_000 })
  return page.locator('.results .summary').innerText()
}

/** The chapter heading as a screen reader names it (the separator dot is hidden from it). */
const chapterHeading = (page: Page, number: number) =>
  page
    .getByRole('navigation', { name: 'Exercises' })
    .locator(`#chapter-${number}-heading`)
    .evaluate((heading) => (heading.textContent ?? '').replace('·', '').replace(/\s+/g, ' ').trim())

describe('the exercise list', () => {
  it('groups the exercises by chapter under headings, each a list in course order with its progress', async () => {
    const { context, page } = await freshPage()
    await page.goto(appUrl)
    await page.locator('.monaco-editor .view-lines').first().waitFor()
    const list = page.getByRole('navigation', { name: 'Exercises' })
    const sections = list.locator('section.chapter')
    await expect(sections.count()).resolves.toBe(chapters.length)
    for (const [index, chapter] of chapters.entries()) {
      const section = sections.nth(index)
      const name = `Chapter ${chapter.number} ${chapter.title} 0 of ${chapter.ids.length} passed`
      await expect(chapterHeading(page, chapter.number)).resolves.toBe(name)
      await expect(list.getByRole('heading', { level: 3, name, exact: true }).count()).resolves.toBe(1)
      // the section is named by its heading, and holds one list of links
      await expect(section.getAttribute('aria-labelledby')).resolves.toBe(`chapter-${chapter.number}-heading`)
      const hrefs = await section
        .getByRole('listitem')
        .getByRole('link')
        .evaluateAll((links) => links.map((link) => link.getAttribute('href')))
      expect(hrefs).toEqual(chapter.ids.map((id) => `#/${id}`))
    }
    await context.close()
  })

  it("counts a passed exercise in its chapter's progress", async () => {
    const { context, page } = await freshPage()
    const errors = trackPageErrors(page)
    await openExercise(page, 'password-manager')
    await pasteIntoEditor(page, read('solutions/password-manager/PasswordManager.ts'))
    await expect(runAndWait(page)).resolves.toMatch(/^(\d+)\/\1 passed$/)
    const first = chapters[0]
    await expect
      .poll(() => chapterHeading(page, first?.number ?? 1))
      .toBe(`Chapter ${first?.number} ${first?.title} 1 of ${first?.ids.length} passed`)
    await expect(
      page.locator('a.exercise-link[href="#/password-manager"] .status').getAttribute('class'),
    ).resolves.toMatch(/passed/)
    expect(errors).toEqual([])
    await context.close()
  }, 60_000)
})

// every exercise that carries a file from an earlier chapter, entered by a learner who has passed nothing yet
const entering = exercises.filter((exercise) => exercise.files.some((file) => file.reference !== undefined))

describe.each(entering)('entering $id without the earlier chapter', (exercise) => {
  const references = exercise.files.filter((file) => file.reference !== undefined)

  it('carries the reference versions, says so with a link to each exercise, and can be passed', async () => {
    const { context, page } = await freshPage()
    const errors = trackPageErrors(page)
    await openExercise(page, exercise.id)
    const notes = page.getByRole('list', { name: 'Files from earlier chapters' }).getByRole('listitem')
    await expect.poll(() => notes.count(), { timeout: 10_000 }).toBe(references.length)
    for (const [index, file] of references.entries()) {
      const from = exercises.find((candidate) => candidate.id === file.from)
      await expect(notes.nth(index).innerText()).resolves.toBe(
        `${file.path}: reference version, because you have not passed ${from?.manifest.title} yet — go there`,
      )
      await expect(notes.nth(index).getByRole('link').getAttribute('href')).resolves.toBe(`#/${file.from}`)
    }

    const editable = exercise.files.filter((file) => file.role === 'editable')
    for (const file of editable) {
      await page.getByRole('tab', { name: new RegExp(`^${file.path}`) }).click()
      const solution = read(`solutions/${exercise.id}/${file.path}`)
      // focus the editor's input directly: a click on its middle can land on a hover or a view being re-laid out
      await page.locator('.monaco-editor .native-edit-context, .monaco-editor textarea').first().focus()
      await page.evaluate((text) => navigator.clipboard.writeText(text), solution)
      await page.keyboard.press('ControlOrMeta+A')
      await page.keyboard.press('ControlOrMeta+V')
      // the paste reads the clipboard asynchronously: run only once the text has landed (and been saved)
      await expect.poll(() => readDraft(page, exercise.id, file.path), { timeout: 10_000 }).toBe(solution)
    }
    await expect(runAndWait(page)).resolves.toMatch(/^(\d+)\/\1 passed$/)
    await expect(page.locator('.results .types.pass').count()).resolves.toBe(1)
    const chapter = exercise.manifest.chapter.number
    await expect.poll(() => chapterHeading(page, chapter)).toMatch(/ 1 of \d+ passed$/)
    // axe before the paste keeps the editor from taking it: check the notes once the run is done
    const { violations } = await axe(page).include('#code-toolbar').include('#carried-notes').analyze()
    expect(
      violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical'),
    ).toEqual([])

    expect(errors).toEqual([])
    await context.close()
  }, 90_000)
})

/** Follows a link of the exercise list and waits until the editor shows the exercise's first editable file. */
async function enterFromList(page: Page, id: string) {
  await page.getByRole('navigation', { name: 'Exercises' }).locator(`a[href="#/${id}"]`).click()
  const first = exercises
    .find((exercise) => exercise.id === id)
    ?.files.find((file) => file.role === 'editable')
  // the editor, not only the tabs, has the exercise's file
  await page.locator(`[data-uri="file:///${id}/${first?.path}"] .view-lines`).waitFor()
}

/** Pastes the reference of every editable file of an exercise and runs it; resolves with the summary. */
async function solveWithReference(page: Page, id: string) {
  const exercise = exercises.find((candidate) => candidate.id === id)
  for (const file of exercise?.files.filter((candidate) => candidate.role === 'editable') ?? []) {
    await page.getByRole('tab', { name: new RegExp(`^${file.path.replace('.', '\\.')}`) }).click()
    const solution = read(`solutions/${id}/${file.path}`)
    await pasteIntoEditor(page, solution)
    // the paste reads the clipboard asynchronously: run only once the text has landed (and been saved)
    await expect.poll(() => readDraft(page, id, file.path), { timeout: 10_000 }).toBe(solution)
  }
  return runAndWait(page)
}

describe.each(chapters.filter((chapter) => chapter.number >= 2))(
  'chapter $number, $title, finished in the built app',
  (chapter) => {
    it('entered from the exercise list with nothing passed before: each reference passes and the chapter shows done', async () => {
      const { context, page } = await freshPage()
      const errors = trackPageErrors(page)
      await page.goto(appUrl)
      await page.locator('.monaco-editor .view-lines').first().waitFor()
      for (const [index, id] of chapter.ids.entries()) {
        await enterFromList(page, id)
        const summary = await solveWithReference(page, id)
        // on a failure, the results say why
        expect(summary, await page.locator('.results').innerText()).toMatch(/^(\d+)\/\1 passed$/)
        await expect(page.locator('.results .types.pass').count()).resolves.toBe(1)
        await expect
          .poll(() => chapterHeading(page, chapter.number))
          .toBe(`Chapter ${chapter.number} ${chapter.title} ${index + 1} of ${chapter.ids.length} passed`)
      }
      await expect(
        page
          .locator(`section.chapter[aria-labelledby="chapter-${chapter.number}-heading"]`)
          .getAttribute('class'),
      ).resolves.toMatch(/\bdone\b/)
      expect(errors).toEqual([])
      await context.close()
    }, 300_000)
  },
)
