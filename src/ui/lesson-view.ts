import type { Exercise } from '../content/catalogue'
import { h } from './dom'
import { renderLesson } from './render-markdown'

/** The latest render of each lesson root, so a late rest never lands under another lesson. */
const latestRender = new WeakMap<HTMLElement, object>()

/** `markdown` rendered, sanitised and with its links hardened, as nodes to append. */
const rendered = (markdown: string): NodeListOf<ChildNode> => renderLesson(markdown).childNodes

/**
 * Renders one exercise's lesson text (sanitised markdown) and scrolls back to its top; no-op if already shown.
 * The opening (its first screen, shipped with the page) is rendered at once; the rest is fetched (a chunk of its
 * own) and rendered once the opening has painted: rendering a whole lesson took about 45 ms of the page's first
 * 450 on a 2-core machine, in front of its first paint. If the rest cannot be fetched, the lesson says so below
 * the opening, with a button that tries again. An opening index.html already painted (`data-opening`, see
 * scripts/lib/lesson-openings.ts) is kept as it is, the same nodes this would render.
 */
export function showLesson(root: HTMLElement, exercise: Exercise): void {
  if (root.dataset.exercise === exercise.id) return
  root.dataset.exercise = exercise.id
  const render = {}
  latestRender.set(root, render)
  // another lesson (or this one again) shown meanwhile renders itself: this call stops
  const isLatest = () => latestRender.get(root) === render
  const painted = root.dataset.opening === exercise.id
  delete root.dataset.opening
  if (!painted) root.replaceChildren(...rendered(exercise.lessonOpening))
  root.parentElement?.scrollTo({ top: 0 })
  const afterPaint = new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)))
  exercise.lesson().then(
    async (lesson) => {
      const rest = lesson.slice(exercise.lessonOpening.length)
      await afterPaint
      if (rest && isLatest()) root.append(...rendered(rest))
    },
    (error: unknown) => {
      if (!isLatest()) return
      delete root.dataset.exercise
      const detail = error instanceof Error ? error.message : String(error)
      const problem = h(
        'p',
        { class: 'lesson-problem', role: 'alert' },
        `The rest of this lesson could not be downloaded (${detail}). Check your connection, then try again.`,
      )
      const again = h('button', { type: 'button' }, 'Try again')
      again.addEventListener('click', () => showLesson(root, exercise))
      root.append(problem, again)
    },
  )
}

/** A link to the exercise after this one, or nothing on the last exercise. */
export function showNextLink(root: HTMLElement, next: Exercise | undefined): void {
  root.replaceChildren()
  if (!next) return
  const link = document.createElement('a')
  link.className = 'next-link'
  link.href = `#/${next.id}`
  link.textContent = `Next: ${next.manifest.title} →`
  root.append(link)
}
