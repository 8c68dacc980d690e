// The way on after a pass: the link beside the results' summary, and the screen at the end of a chapter or of
// the course that says what the learner built.
import type { Exercise } from '../content/catalogue'
import type { WayOn } from '../lesson/controller'
import { h } from './dom'
import type { NextStep } from './results-view'

/** The exercises of each chapter, chapters in order. */
function chapters(exercises: readonly Exercise[]) {
  const byNumber = new Map<number, { number: number; title: string; exercises: Exercise[] }>()
  for (const exercise of exercises) {
    const { number, title } = exercise.manifest.chapter
    const chapter = byNumber.get(number) ?? { number, title, exercises: [] }
    chapter.exercises.push(exercise)
    byNumber.set(number, chapter)
  }
  return [...byNumber.values()].sort((a, b) => a.number - b.number)
}

/** What the exercises of one chapter built, each marked passed or linked to. */
function builtList(exercises: readonly Exercise[], wayOn: WayOn, close: () => void): HTMLElement {
  return h(
    'ul',
    { class: 'built-list' },
    ...exercises.map((exercise) => {
      const passed = wayOn.progress[exercise.id] === 'passed'
      const title = passed
        ? h('strong', {}, exercise.manifest.title)
        : h('a', { href: `#/${exercise.id}` }, exercise.manifest.title)
      title.addEventListener('click', close)
      return h(
        'li',
        { class: passed ? 'passed' : 'open' },
        h(
          'span',
          { class: 'built-mark', 'aria-label': passed ? 'passed' : 'not passed yet' },
          passed ? '✓' : '○',
        ),
        h(
          'span',
          {},
          title,
          passed ? '' : ' (not passed yet)',
          h('br'),
          h('small', {}, exercise.manifest.summary),
        ),
      )
    }),
  )
}

/**
 * A dialog at the end of a chapter (or of the course): what its exercises built, which are still open, and the
 * way into the next chapter.
 */
export function showChapterEnd(wayOn: WayOn, exercises: readonly Exercise[]): void {
  const all = chapters(exercises)
  const chapter = all.find((candidate) => candidate.number === wayOn.exercise.manifest.chapter.number)
  if (!chapter) return
  const courseEnd = wayOn.next === undefined
  const shown = courseEnd ? all : [chapter]
  const open = shown
    .flatMap((part) => part.exercises)
    .filter((exercise) => wayOn.progress[exercise.id] !== 'passed')
  const dialog = h('dialog', { class: 'chapter-end', 'aria-labelledby': 'chapter-end-title' })
  const close = () => {
    dialog.close()
    dialog.remove()
  }
  const heading = courseEnd
    ? open.length === 0
      ? 'Course complete'
      : 'End of the course'
    : `${open.length === 0 ? 'Chapter complete' : 'End of chapter'} ${chapter.number}: ${chapter.title}`
  const intro =
    open.length === 0
      ? courseEnd
        ? 'You passed every exercise. What you built:'
        : 'You passed every exercise of this chapter. What you built:'
      : `${open.length === 1 ? 'One exercise is' : `${open.length} exercises are`} still open. What you built so far:`
  const stay = h('button', { type: 'button' }, courseEnd ? 'Close' : 'Stay here')
  stay.addEventListener('click', close)
  const actions = h('div', { class: 'dialog-actions' }, stay)
  let nextLine: HTMLElement | null = null
  if (wayOn.next) {
    const { title, chapter: nextChapter } = wayOn.next.manifest
    const go = h('a', { class: 'button primary', href: `#/${wayOn.next.id}` }, `Start: ${title} →`)
    go.addEventListener('click', close)
    actions.append(go)
    nextLine = h('p', {}, `Next, chapter ${nextChapter.number} “${nextChapter.title}” starts with ${title}.`)
  }
  dialog.append(
    h('h2', { id: 'chapter-end-title' }, heading),
    h('p', {}, intro),
    ...shown.flatMap((part) => [
      ...(courseEnd ? [h('h3', {}, `Chapter ${part.number}: ${part.title}`)] : []),
      builtList(part.exercises, wayOn, close),
    ]),
    ...(nextLine ? [nextLine] : []),
    actions,
  )
  dialog.addEventListener('cancel', close)
  document.body.append(dialog)
  dialog.showModal()
  ;(actions.querySelector<HTMLElement>('.primary') ?? stay).focus()
}

/**
 * What to show beside the summary of a passing run: the next exercise; after the last one, a button that opens
 * the end-of-course screen. At the first pass of a chapter's last exercise the end-of-chapter screen opens too.
 */
export function wayOnStep(wayOn: WayOn, exercises: readonly Exercise[]): NextStep {
  if (wayOn.firstPass && wayOn.chapterEnd) showChapterEnd(wayOn, exercises)
  if (wayOn.next) return { label: `Next: ${wayOn.next.manifest.title} →`, href: `#/${wayOn.next.id}` }
  return { label: 'What you built', run: () => showChapterEnd(wayOn, exercises) }
}
