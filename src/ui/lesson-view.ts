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
 * The first screen is rendered at once and the rest after it is painted: rendering a whole lesson took about
 * 45 ms of the page's first 450 on a 2-core machine, in front of its first paint.
 */
export function showLesson(root: HTMLElement, exercise: Exercise): void {
  if (root.dataset.exercise === exercise.id) return
  root.dataset.exercise = exercise.id
  const render = {}
  latestRender.set(root, render)
  const cut = firstScreenEnd(exercise.lesson)
  root.replaceChildren(...rendered(exercise.lesson.slice(0, cut)))
  root.parentElement?.scrollTo({ top: 0 })
  if (cut === exercise.lesson.length) return
  requestAnimationFrame(() =>
    setTimeout(() => {
      // another lesson (or this one again) was shown meanwhile: that call renders its own rest
      if (latestRender.get(root) === render) root.append(...rendered(exercise.lesson.slice(cut)))
    }),
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
