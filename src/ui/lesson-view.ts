import type { Exercise } from '../content/catalogue'
import { lessonOpeningEnd, lessonOpeningTemplateId } from '../content/lesson-opening'
import { h } from './dom'
import { renderLesson } from './render-markdown'

/** The latest render of each lesson root, so a late rest never lands under another lesson. */
const latestRender = new WeakMap<HTMLElement, object>()

/** `markdown` rendered, sanitised and with its links hardened, as nodes to append. */
const rendered = (markdown: string): NodeListOf<ChildNode> => renderLesson(markdown).childNodes

/** The opening index.html holds for an exercise, rendered at build time (scripts/lib/lesson-openings.ts). */
function openingOf(root: HTMLElement, exercise: Exercise): Node | undefined {
  const template = root.ownerDocument.getElementById(lessonOpeningTemplateId(exercise.id))
  return template instanceof HTMLTemplateElement ? template.content.cloneNode(true) : undefined
}

/**
 * Shows one exercise's lesson text (sanitised markdown) and scrolls back to its top; no-op if already shown.
 * The opening (its first screen) comes from index.html at once: the page painted it already (`data-opening`,
 * kept as it is), or it is cloned from its template. The rest is fetched (a chunk of its own) and rendered once
 * the opening has painted: rendering a whole lesson took about 45 ms of the page's first 450 on a 2-core machine.
 * If the rest cannot be fetched, the lesson says so below the opening, with a button that tries again. A page
 * without the openings (a test's) shows the whole lesson once it is fetched.
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
  const opening = painted ? undefined : openingOf(root, exercise)
  const hasOpening = painted || opening !== undefined
  if (!painted) root.replaceChildren(opening ?? h('p', { class: 'loading' }, 'Loading the lesson…'))
  root.parentElement?.scrollTo({ top: 0 })
  const afterPaint = new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)))
  exercise.lesson().then(
    async (lesson) => {
      const rest = lesson.slice(hasOpening ? lessonOpeningEnd(lesson) : 0)
      await afterPaint
      if (!isLatest()) return
      if (!hasOpening) root.replaceChildren()
      if (rest) root.append(...rendered(rest))
    },
    (error: unknown) => {
      if (!isLatest()) return
      delete root.dataset.exercise
      const detail = error instanceof Error ? error.message : String(error)
      const problem = h(
        'p',
        { class: 'lesson-problem', role: 'alert' },
        `${hasOpening ? 'The rest of this lesson' : 'This lesson'} could not be downloaded (${detail}). Check your connection, then try again.`,
      )
      const again = h('button', { type: 'button' }, 'Try again')
      again.addEventListener('click', () => showLesson(root, exercise))
      if (!hasOpening) root.replaceChildren()
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
