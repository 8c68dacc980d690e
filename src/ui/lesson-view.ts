import type { Exercise } from '../content/catalogue'
import { hardenLinks, renderMarkdown } from './render-markdown'

/** Renders one exercise's lesson text (sanitised markdown) and scrolls back to its top; no-op if already shown. */
export function showLesson(root: HTMLElement, exercise: Exercise): void {
  if (root.dataset.exercise === exercise.id) return
  root.dataset.exercise = exercise.id
  root.innerHTML = renderMarkdown(exercise.lesson)
  hardenLinks(root)
  root.parentElement?.scrollTo({ top: 0 })
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
