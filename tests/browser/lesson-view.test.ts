// The lesson is shown in two steps: its opening (index.html's template, rendered at build time) at once, then the
// rest (a chunk of its own) once fetched and the opening painted. The result must be the same page as rendering it
// whole, for every lesson of the course; a quick switch must show one lesson only; a rest that cannot be fetched
// says so and can be tried again; and a page without the openings shows the whole lesson once fetched.
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest'
import { bundledCatalogue } from '../../src/content/bundled-catalogue'
import type { Exercise } from '../../src/content/catalogue'
import { lessonOpeningEnd, lessonOpeningTemplateId } from '../../src/content/lesson-opening'
import { showLesson } from '../../src/ui/lesson-view'
import { renderLesson } from '../../src/ui/render-markdown'

const { exercises } = bundledCatalogue

const wholeRender = (markdown: string): string => renderLesson(markdown).innerHTML
const openingOf = (lesson: string) => lesson.slice(0, lessonOpeningEnd(lesson))

const lessonRoot = () => {
  const root = document.createElement('div')
  document.body.append(root)
  return root
}

/** An opening template as the build puts it in index.html (scripts/lib/lesson-openings.ts). */
function addOpening(id: string, lesson: string): HTMLTemplateElement {
  const template = document.createElement('template')
  template.id = lessonOpeningTemplateId(id)
  template.innerHTML = wholeRender(openingOf(lesson))
  document.head.append(template)
  return template
}

const templates: HTMLTemplateElement[] = []
beforeAll(async () => {
  for (const exercise of exercises) templates.push(addOpening(exercise.id, await exercise.lesson()))
})
afterAll(() => {
  for (const template of templates) template.remove()
})

describe('lessonOpeningEnd', () => {
  test('ends before the second "## " section, not at one inside a code fence', () => {
    const markdown = '# T\n\n## To pass\n\n```md\n## not a section\n```\n\n## Second\n\ntext\n'
    expect(markdown.slice(lessonOpeningEnd(markdown))).toBe('## Second\n\ntext\n')
    expect(lessonOpeningEnd('# T\n\n## Only one\n')).toBe('# T\n\n## Only one\n'.length)
  })
})

describe('showLesson', () => {
  test.each(exercises.map((exercise) => [exercise.id, exercise] as const))(
    '%s: its opening (the first screen) at once, then the same page as a whole render',
    async (_, exercise: Exercise) => {
      const root = lessonRoot()
      showLesson(root, exercise)
      const lesson = await exercise.lesson()
      expect(openingOf(lesson).length, 'the opening is not the whole lesson').toBeLessThan(lesson.length)
      expect(root.innerHTML).toBe(wholeRender(openingOf(lesson)))
      await vi.waitFor(() => expect(root.innerHTML).toBe(wholeRender(lesson)))
      root.remove()
    },
  )

  test('keeps the opening index.html painted for this exercise (the same nodes) and adds the rest', async () => {
    const [first, second] = exercises
    if (!first || !second) throw new Error('the course has fewer than two exercises')
    const firstLesson = await first.lesson()
    const root = lessonRoot()
    root.append(...renderLesson(openingOf(firstLesson)).childNodes)
    root.dataset.opening = first.id
    const painted = [...root.childNodes]
    showLesson(root, first)
    expect([...root.childNodes], 'no node replaced').toEqual(painted)
    expect(root.dataset.opening, 'the mark is used once').toBeUndefined()
    await vi.waitFor(() => expect(root.innerHTML).toBe(wholeRender(firstLesson)))
    expect(root.firstChild).toBe(painted[0])
    root.remove()

    // an opening painted for another exercise (the route changed before the app ran) is replaced
    const other = lessonRoot()
    other.append(...renderLesson(openingOf(firstLesson)).childNodes)
    other.dataset.opening = first.id
    showLesson(other, second)
    await vi.waitFor(async () => expect(other.innerHTML).toBe(wholeRender(await second.lesson())))
    other.remove()
  })

  test('on a page without the openings, says it is loading, then shows the whole lesson', async () => {
    const [first] = exercises
    if (!first) throw new Error('the course has no exercise')
    let deliver = (_lesson: string) => {}
    const bare: Exercise = {
      ...first,
      id: 'no-template',
      lesson: () => new Promise((resolve) => (deliver = resolve)),
    }
    const root = lessonRoot()
    showLesson(root, bare)
    expect(root.textContent).toBe('Loading the lesson…')
    deliver('# Whole\n\n## To pass\n\nA.\n\n## More\n\nB.\n')
    await vi.waitFor(() =>
      expect(root.innerHTML).toBe(wholeRender('# Whole\n\n## To pass\n\nA.\n\n## More\n\nB.\n')),
    )
    root.remove()
  })

  test('switching lessons before the first one is complete shows the second one only', async () => {
    const [first, second] = exercises
    if (!first || !second) throw new Error('the course has fewer than two exercises')
    const [firstLesson, secondLesson] = await Promise.all([first.lesson(), second.lesson()])
    const root = lessonRoot()
    showLesson(root, first)
    showLesson(root, second)
    await vi.waitFor(() => expect(root.innerHTML).toBe(wholeRender(secondLesson)))
    // give a stale second half every chance to land
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50)))
    expect(root.innerHTML).toBe(wholeRender(secondLesson))
    showLesson(root, first)
    showLesson(root, first)
    await vi.waitFor(() => expect(root.innerHTML).toBe(wholeRender(firstLesson)))
    root.remove()
  })

  test('a lesson still downloading when another is shown never replaces it', async () => {
    const [first, second] = exercises
    if (!first || !second) throw new Error('the course has fewer than two exercises')
    let deliver = (_lesson: string) => {}
    const slow: Exercise = {
      ...first,
      id: 'slow',
      lesson: () => new Promise((resolve) => (deliver = resolve)),
    }
    const template = addOpening('slow', '# The slow lesson\n\n')
    const root = lessonRoot()
    showLesson(root, slow)
    expect(root.innerHTML).toBe(wholeRender('# The slow lesson\n\n'))
    showLesson(root, second)
    const secondLesson = await second.lesson()
    await vi.waitFor(() => expect(root.innerHTML).toBe(wholeRender(secondLesson)))
    deliver('# The slow lesson\n\nIts rest, which must not appear.\n')
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50)))
    expect(root.innerHTML).toBe(wholeRender(secondLesson))
    root.remove()
    template.remove()
  })

  test('a lesson whose rest cannot be downloaded says so below its opening, and "Try again" fetches it again', async () => {
    const [first] = exercises
    if (!first) throw new Error('the course has no exercise')
    let calls = 0
    const lesson = '# Opening\n\n## To pass\n\nA.\n\n## Back online\n\nThe rest.\n'
    const flaky: Exercise = {
      ...first,
      id: 'flaky',
      lesson: async () => {
        calls += 1
        if (calls === 1) throw new TypeError('Failed to fetch dynamically imported module')
        return lesson
      },
    }
    const template = addOpening('flaky', lesson)
    const root = lessonRoot()
    showLesson(root, flaky)
    const alert = await vi.waitFor(() => {
      const found = root.querySelector('[role="alert"]')
      if (!found) throw new Error('no alert yet')
      return found
    })
    expect(alert.textContent).toBe(
      'The rest of this lesson could not be downloaded (Failed to fetch dynamically imported module). Check your connection, then try again.',
    )
    expect(root.querySelector('h1')?.textContent, 'the opening stays').toBe('Opening')
    const again = [...root.querySelectorAll('button')].find((button) => button.textContent === 'Try again')
    if (!again) throw new Error('no "Try again" button')
    again.click()
    await vi.waitFor(() => expect(root.innerHTML).toBe(wholeRender(lesson)))
    expect(calls).toBe(2)
    root.remove()
    template.remove()
  })
})
