// The lesson is fetched (a chunk of its own), then rendered in two steps (its first screen, then the rest once
// painted): the result must be the same page as rendering it whole, for every lesson of the course; a quick
// switch must show one lesson only; and a lesson that cannot be fetched says so and can be tried again.
import { describe, expect, test, vi } from 'vitest'
import { bundledCatalogue } from '../../src/content/bundled-catalogue'
import type { Exercise } from '../../src/content/catalogue'
import { firstScreenEnd, showLesson } from '../../src/ui/lesson-view'
import { hardenLinks, renderMarkdown } from '../../src/ui/render-markdown'

const { exercises } = bundledCatalogue

function wholeRender(markdown: string): string {
  const holder = document.createElement('div')
  holder.innerHTML = renderMarkdown(markdown)
  hardenLinks(holder)
  return holder.innerHTML
}

const lessonRoot = () => {
  const root = document.createElement('div')
  document.body.append(root)
  return root
}

describe('firstScreenEnd', () => {
  test('ends before the second "## " section, not at one inside a code fence', () => {
    const markdown = '# T\n\n## To pass\n\n```md\n## not a section\n```\n\n## Second\n\ntext\n'
    expect(markdown.slice(firstScreenEnd(markdown))).toBe('## Second\n\ntext\n')
    expect(firstScreenEnd('# T\n\n## Only one\n')).toBe('# T\n\n## Only one\n'.length)
  })
})

describe('showLesson', () => {
  test.each(exercises.map((exercise) => [exercise.id, exercise] as const))(
    '%s: its first screen once fetched, then the same page as a whole render',
    async (_, exercise: Exercise) => {
      const root = lessonRoot()
      showLesson(root, exercise)
      // showLesson asked first, so its render has run by the time this call's promise settles
      const lesson = await exercise.lesson()
      const cut = firstScreenEnd(lesson)
      expect(cut).toBeLessThan(lesson.length)
      expect(root.innerHTML).toBe(wholeRender(lesson.slice(0, cut)))
      await vi.waitFor(() => expect(root.innerHTML).toBe(wholeRender(lesson)))
      root.remove()
    },
  )

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
    const slow: Exercise = { ...first, id: 'slow', lesson: () => new Promise((resolve) => (deliver = resolve)) }
    const root = lessonRoot()
    showLesson(root, slow)
    expect(root.textContent).toBe('Loading the lesson…')
    showLesson(root, second)
    const secondLesson = await second.lesson()
    await vi.waitFor(() => expect(root.innerHTML).toBe(wholeRender(secondLesson)))
    deliver('# The slow lesson')
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50)))
    expect(root.innerHTML).toBe(wholeRender(secondLesson))
    root.remove()
  })

  test('a lesson that cannot be downloaded says so, and "Try again" fetches it again', async () => {
    const [first] = exercises
    if (!first) throw new Error('the course has no exercise')
    let calls = 0
    const flaky: Exercise = {
      ...first,
      lesson: async () => {
        calls += 1
        if (calls === 1) throw new TypeError('Failed to fetch dynamically imported module')
        return '# Back online\n\nThe lesson text.\n'
      },
    }
    const root = lessonRoot()
    showLesson(root, flaky)
    const alert = await vi.waitFor(() => {
      const found = root.querySelector('[role="alert"]')
      if (!found) throw new Error('no alert yet')
      return found
    })
    expect(alert.textContent).toBe(
      'This lesson could not be downloaded (Failed to fetch dynamically imported module). Check your connection, then try again.',
    )
    const again = [...root.querySelectorAll('button')].find((button) => button.textContent === 'Try again')
    if (!again) throw new Error('no "Try again" button')
    again.click()
    await vi.waitFor(() => expect(root.innerHTML).toBe(wholeRender('# Back online\n\nThe lesson text.\n')))
    expect(calls).toBe(2)
    root.remove()
  })
})
