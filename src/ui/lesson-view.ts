import type { Exercise } from '../content/catalogue'
import { hardenLinks, renderMarkdown } from './render-markdown'

/** Renders one exercise's lesson text (sanitised markdown) and scrolls back to its top. */
export function showLesson(root: HTMLElement, exercise: Exercise): void {
  root.innerHTML = renderMarkdown(exercise.lesson)
  hardenLinks(root)
  root.parentElement?.scrollTo({ top: 0 })
}
