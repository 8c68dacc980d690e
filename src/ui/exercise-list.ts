import type { ContentProblem, Exercise } from '../content/catalogue'
import { describeProblem } from '../content/catalogue'
import { h } from './dom'

/** Where a learner stands on one exercise. */
export type ExerciseStatus = 'not-started' | 'in-progress' | 'passed'

export interface ExerciseListView {
  /** Marks the open exercise and shows each exercise's status. */
  update(currentId: string | undefined, statuses: Readonly<Record<string, ExerciseStatus>>): void
}

const statusLabel: Record<ExerciseStatus, string> = {
  'not-started': 'not started',
  'in-progress': 'in progress',
  passed: 'passed',
}

/** Renders the lesson's exercises as deep links (`#/simple-jwt`) with their progress. */
export function mountExerciseList(
  root: HTMLElement,
  deps: { exercises: readonly Exercise[]; problems: readonly ContentProblem[] },
): ExerciseListView {
  const links = new Map<string, { link: HTMLAnchorElement; status: HTMLElement; label: HTMLElement }>()
  const list = h('ol', { class: 'exercise-list' })
  deps.exercises.forEach((exercise, index) => {
    const status = h('span', { class: 'status', 'aria-hidden': 'true' }, String(index + 1))
    const label = h('small', {})
    const link = h(
      'a',
      { class: 'exercise-link', href: `#/${exercise.id}` },
      status,
      h('span', {}, exercise.manifest.title, label),
    )
    links.set(exercise.id, { link, status, label })
    list.append(h('li', {}, link))
  })
  root.replaceChildren(h('h2', { class: 'exercise-list-title' }, 'User authentication'), list)
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
      for (const [id, { link, status, label }] of links) {
        const state = statuses[id] ?? 'not-started'
        if (id === currentId) link.setAttribute('aria-current', 'page')
        else link.removeAttribute('aria-current')
        status.className = `status ${state}`
        status.textContent = state === 'passed' ? '✓' : String([...links.keys()].indexOf(id) + 1)
        label.textContent = statusLabel[state]
      }
    },
  }
}
