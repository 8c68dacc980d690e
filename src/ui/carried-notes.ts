import type { CarriedStanding } from '../lesson/carried-status'
import { h } from './dom'

export interface CarriedNotes {
  /**
   * Says, for each carried file, whether it passes its own exercise: a note for a reference version standing in,
   * a notice naming each file that does not pass (or is not known to) with a link to where it is fixed, and one
   * line for those that pass.
   */
  show(standings: readonly CarriedStanding[]): void
  /** After a run of the open exercise: a failed run points at the carried files that do not pass. */
  afterRun(passed: boolean): void
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`

/** Why a carried file may be to blame, in a learner's words; undefined when it passes. */
function problemText(standing: CarriedStanding): string | undefined {
  const { title } = standing.from
  switch (standing.state) {
    case 'failing': {
      const verdict = standing.verdict
      const counts = verdict ? `${verdict.counts.passed}/${verdict.counts.total} tests passed` : ''
      const types = verdict?.typeErrors.length ? `, ${plural(verdict.typeErrors.length, 'type error')}` : ''
      return ` does not pass ${title} yet (its last run: ${counts}${types}). Failures here may come from it. `
    }
    case 'changed':
      return ` changed after ${title} was last run, so it is not known to pass. Failures here may come from it. `
    case 'not-run':
      return ` has never been run against the tests of ${title}, so it is not known to pass. `
    case 'starter':
      return ` is still the starter of ${title}: whatever uses it here fails until you write it. `
    default:
      return undefined
  }
}

/** Notes above the editor about the files an exercise carries from earlier ones. */
export function mountCarriedNotes(root: HTMLElement): CarriedNotes {
  let problems: HTMLElement | undefined
  return {
    show(standings) {
      problems = undefined
      const references = standings.flatMap((standing) => {
        if (standing.state !== 'reference') return []
        const { id, title } = standing.from
        return [
          h(
            'li',
            {},
            h('strong', {}, standing.path),
            `: reference version, because you have not passed ${title} yet — `,
            h('a', { href: `#/${id}`, 'aria-label': `Go to ${title}` }, 'go there'),
          ),
        ]
      })
      const notices = standings.flatMap((standing) => {
        const text = problemText(standing)
        if (!text) return []
        const { id, title } = standing.from
        return [
          h(
            'li',
            { class: `carried-problem ${standing.state}`, 'data-path': standing.path },
            h('strong', {}, standing.path),
            text,
            h('a', { href: `#/${id}` }, `Fix it in ${title}`),
          ),
        ]
      })
      const passing = standings.filter((standing) => standing.state === 'passed')
      const parts: HTMLElement[] = []
      if (references.length)
        parts.push(
          h('ul', { class: 'carried-list', 'aria-label': 'Files from earlier chapters' }, ...references),
        )
      if (notices.length) {
        problems = h(
          'div',
          { class: 'carried-problems' },
          h(
            'p',
            { class: 'carried-lead', hidden: true },
            'This run failed, and it uses files that do not pass:',
          ),
          h(
            'ul',
            { class: 'carried-list', 'aria-label': 'Carried files that do not pass their exercise' },
            ...notices,
          ),
        )
        parts.push(problems)
      }
      if (passing.length)
        parts.push(
          h(
            'p',
            { class: 'carried-passing' },
            h('span', { 'aria-hidden': 'true' }, '✓ '),
            `Pass their own exercise: ${passing.map((standing) => standing.path).join(', ')}`,
          ),
        )
      root.replaceChildren(...parts)
    },
    afterRun(passed) {
      const lead = problems?.querySelector<HTMLElement>('.carried-lead')
      if (!lead || !problems) return
      lead.hidden = passed
      problems.classList.toggle('after-failure', !passed)
    },
  }
}
