// The lesson is rendered in two steps (its first screen, then the rest once painted): the result must be the
// same page as rendering it whole, for every lesson of the course, and a quick switch must show one lesson only.
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
    '%s: its first screen at once, then the same page as a whole render',
    async (_, exercise: Exercise) => {
      const root = lessonRoot()
      showLesson(root, exercise)
      const cut = firstScreenEnd(exercise.lesson)
      expect(cut).toBeLessThan(exercise.lesson.length)
      expect(root.innerHTML).toBe(wholeRender(exercise.lesson.slice(0, cut)))
      await vi.waitFor(() => expect(root.innerHTML).toBe(wholeRender(exercise.lesson)))
      root.remove()
    },
  )

  test('switching lessons before the first one is complete shows the second one only', async () => {
    const [first, second] = exercises
    if (!first || !second) throw new Error('the course has fewer than two exercises')
    const root = lessonRoot()
    showLesson(root, first)
    showLesson(root, second)
    await vi.waitFor(() => expect(root.innerHTML).toBe(wholeRender(second.lesson)))
    // give a stale second half every chance to land
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50)))
    expect(root.innerHTML).toBe(wholeRender(second.lesson))
    showLesson(root, first)
    showLesson(root, first)
    await vi.waitFor(() => expect(root.innerHTML).toBe(wholeRender(first.lesson)))
    root.remove()
  })
})
