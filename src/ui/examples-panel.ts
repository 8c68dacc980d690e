import type { Exercise } from '../content/catalogue'
import type { ExerciseVerdict } from '../content/verdict'
import type { RunOutcome } from '../grader/client'
import { h } from './dom'
import { mountResults } from './results-view'

export interface ExamplesDeps {
  /** Runs the examples of the open exercise (the lesson controller's `runExamples`). */
  readonly onRun: () => void
  /** Shows a position of a learner file in the editor. */
  readonly reveal: (path: string, line: number, column: number) => void
  readonly announce: (text: string) => void
}

export interface ExamplesPanel {
  /** Switches to an exercise; true when it has examples (the tab should be shown). */
  show(exercise: Exercise): boolean
  showRunning(): void
  showOutcome(outcome: RunOutcome, verdict: ExerciseVerdict): void
  /** Disables Run examples while any run is under way. */
  setRunning(running: boolean): void
}

/**
 * The visible examples of an exercise, read-only, with a button that runs them against the learner's files and
 * their results. Not graded: nothing is saved. They live in this panel, not among the file tabs, which are kept
 * for the files the exercise is made of.
 */
export function mountExamples(root: HTMLElement, deps: ExamplesDeps): ExamplesPanel {
  const files = h('span', { class: 'examples-files' })
  const code = h('div', { class: 'examples-code' })
  const run = h('button', { type: 'button', class: 'primary' }, '▶ Run examples')
  run.addEventListener('click', deps.onRun)
  const idle = h(
    'p',
    { class: 'results-empty' },
    'Run examples to try your code on them. Their results are not graded and change nothing in your progress.',
  )
  const resultsRoot = h('div', { class: 'examples-results', id: `${root.id}-results`, hidden: true })
  root.replaceChildren(
    h(
      'div',
      { class: 'examples-head' },
      h(
        'p',
        { class: 'examples-about' },
        'Examples of how the hidden tests call your code: ',
        files,
        '. Not graded.',
      ),
      run,
    ),
    idle,
    resultsRoot,
    code,
  )
  const results = mountResults(resultsRoot, {
    reveal: deps.reveal,
    announce: (text) => deps.announce(`Examples: ${text}`),
    heading: 'Example results',
  })

  return {
    show(exercise) {
      const paths = Object.keys(exercise.examples)
      files.replaceChildren(
        ...paths.flatMap((path, index) => [index ? ', ' : '', h('code', {}, path)]).filter(Boolean),
      )
      code.replaceChildren(
        ...Object.entries(exercise.examples).map(([path, text]) =>
          h(
            'details',
            { open: true },
            h('summary', {}, h('code', {}, path), ' (read-only)'),
            h('pre', { class: 'examples-source', tabindex: '0', 'aria-label': `${path}, read-only` }, text),
          ),
        ),
      )
      idle.hidden = false
      resultsRoot.hidden = true
      return paths.length > 0
    },
    showRunning() {
      idle.hidden = true
      resultsRoot.hidden = false
      // the results come first now; the code stays a click away
      for (const details of code.querySelectorAll('details')) details.open = false
      results.showRunning()
    },
    showOutcome: (outcome, verdict) => results.showOutcome(outcome, verdict),
    setRunning(running) {
      run.disabled = running
    },
  }
}
