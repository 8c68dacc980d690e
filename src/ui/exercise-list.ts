import type { Exercise } from '../content/catalogue'
import { type ContentProblem, describeProblem } from '../content/content-problem'
import { h } from './dom'

/** Where a learner stands on one exercise. */
export type ExerciseStatus = 'not-started' | 'in-progress' | 'passed'

export interface ExerciseListView {
  /** Marks the open exercise and shows each exercise's status and each chapter's progress. */
  update(currentId: string | undefined, statuses: Readonly<Record<string, ExerciseStatus>>): void
}

const statusLabel: Record<ExerciseStatus, string> = {
  'not-started': 'not started',
  'in-progress': 'in progress',
  passed: 'passed',
}

interface Chapter {
  readonly number: number
  readonly title: string
  readonly exercises: Exercise[]
}

/** The exercises grouped by chapter, chapters by number, exercises in course order within each. */
function chaptersOf(exercises: readonly Exercise[]): Chapter[] {
  const chapters = new Map<number, Chapter>()
  for (const exercise of exercises) {
    const { number, title } = exercise.manifest.chapter
    const chapter = chapters.get(number) ?? { number, title, exercises: [] }
    chapter.exercises.push(exercise)
    chapters.set(number, chapter)
  }
  return [...chapters.values()].sort((a, b) => a.number - b.number)
}

/**
 * Renders the course's exercises as deep links (`#/simple-jwt`), grouped by chapter under a heading that says
 * how many of its exercises are passed.
 */
export function mountExerciseList(
  root: HTMLElement,
  deps: { exercises: readonly Exercise[]; problems: readonly ContentProblem[] },
): ExerciseListView {
  const links = new Map<
    string,
    { link: HTMLAnchorElement; status: HTMLElement; label: HTMLElement; position: number }
  >()
  const chapters = chaptersOf(deps.exercises).map((chapter) => {
    const progress = h('span', {}, `0 of ${chapter.exercises.length} passed`)
    const headingId = `chapter-${chapter.number}-heading`
    const list = h('ol', { class: 'exercise-list' })
    chapter.exercises.forEach((exercise, index) => {
      const status = h('span', { class: 'status', 'aria-hidden': 'true' }, String(index + 1))
      const label = h('small', {})
      const link = h(
        'a',
        { class: 'exercise-link', href: `#/${exercise.id}` },
        status,
        h('span', {}, exercise.manifest.title, label),
      )
      links.set(exercise.id, { link, status, label, position: index + 1 })
      list.append(h('li', {}, link))
    })
    const section = h(
      'section',
      { class: 'chapter', 'aria-labelledby': headingId },
      h(
        'h3',
        { class: 'chapter-title', id: headingId },
        // spaces between the parts, so the heading's accessible name reads as words
        h('span', { class: 'chapter-number' }, `Chapter ${chapter.number}`),
        ' ',
        h('span', { class: 'chapter-name' }, chapter.title),
        ' ',
        // the dot and the count wrap together
        h('span', { class: 'chapter-progress' }, h('span', { 'aria-hidden': 'true' }, '· '), progress),
      ),
      list,
    )
    return { chapter, section, progress }
  })
  root.replaceChildren(
    h('h2', { class: 'exercise-list-title' }, 'User authentication'),
    ...chapters.map(({ section }) => section),
  )
  if (deps.problems.length > 0) {
    root.append(
      h(
        'div',
        { class: 'content-problems', role: 'note' },
        h('strong', {}, 'Some exercises could not be loaded:'),
        h('ul', {}, ...deps.problems.map((problem) => h('li', {}, describeProblem(problem)))),
      ),
    )
  }
  return {
    update(currentId, statuses) {
      for (const [id, { link, status, label, position }] of links) {
        const state = statuses[id] ?? 'not-started'
        if (id === currentId) link.setAttribute('aria-current', 'page')
        else link.removeAttribute('aria-current')
        status.className = `status ${state}`
        status.textContent = state === 'passed' ? '✓' : String(position)
        label.textContent = statusLabel[state]
      }
      for (const { chapter, section, progress } of chapters) {
        const passed = chapter.exercises.filter((exercise) => statuses[exercise.id] === 'passed').length
        const total = chapter.exercises.length
        progress.textContent = `${passed} of ${total} passed`
        section.classList.toggle('done', passed === total)
      }
    },
  }
}
