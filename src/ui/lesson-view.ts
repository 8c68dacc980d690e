import type { Exercise } from '../content/catalogue'
import { hardenLinks, renderMarkdown } from './render-markdown'

/**
 * Where a lesson's first screen ends: the start of its second `## ` section outside a code fence, or the end.
 * Lessons open with a short introduction and "To pass, you need", which fill the first screen.
 */
export function firstScreenEnd(markdown: string): number {
  let fenced = false
  let sections = 0
  let offset = 0
  for (const line of markdown.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced
    else if (!fenced && line.startsWith('## ') && ++sections === 2) return offset
    offset += line.length + 1
  }
  return markdown.length
}

/** The latest render of each lesson root, so a late second half never lands under another lesson. */
const latestRender = new WeakMap<HTMLElement, object>()

/** `markdown` rendered, sanitised and with its links hardened, as nodes to append. */
function rendered(markdown: string): NodeListOf<ChildNode> {
  const holder = document.createElement('div')
  holder.innerHTML = renderMarkdown(markdown)
  hardenLinks(holder)
  return holder.childNodes
}

/**
 * Renders one exercise's lesson text (sanitised markdown) and scrolls back to its top; no-op if already shown.
 * The lesson is fetched first (a chunk of its own; at once when it was fetched before). Its first screen is
 * rendered at once and the rest after it is painted: rendering a whole lesson took about 45 ms of the page's
 * first 450 on a 2-core machine, in front of its first paint. A lesson that cannot be fetched says so, with a
 * button that tries again.
 */
export function showLesson(root: HTMLElement, exercise: Exercise): void {
  if (root.dataset.exercise === exercise.id) return
  root.dataset.exercise = exercise.id
  const render = {}
  latestRender.set(root, render)
  // another lesson (or this one again) shown meanwhile renders itself: this call stops
  const isLatest = () => latestRender.get(root) === render
  const waiting = document.createElement('p')
  waiting.className = 'loading'
  waiting.textContent = 'Loading the lesson…'
  // a lesson fetched before arrives before the next paint, so this is only seen while one downloads
  root.replaceChildren(waiting)
  root.parentElement?.scrollTo({ top: 0 })
  exercise.lesson().then(
    (lesson) => {
      if (!isLatest()) return
      const cut = firstScreenEnd(lesson)
      root.replaceChildren(...rendered(lesson.slice(0, cut)))
      if (cut === lesson.length) return
      requestAnimationFrame(() =>
        setTimeout(() => {
          if (isLatest()) root.append(...rendered(lesson.slice(cut)))
        }),
      )
    },
    (error: unknown) => {
      if (!isLatest()) return
      delete root.dataset.exercise
      const problem = document.createElement('p')
      problem.className = 'lesson-problem'
      problem.setAttribute('role', 'alert')
      const detail = error instanceof Error ? error.message : String(error)
      problem.textContent = `This lesson could not be downloaded (${detail}). Check your connection, then try again.`
      const again = document.createElement('button')
      again.type = 'button'
      again.textContent = 'Try again'
      again.addEventListener('click', () => showLesson(root, exercise))
      root.replaceChildren(problem, again)
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
