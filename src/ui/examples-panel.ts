import type { Exercise } from '../content/catalogue'
import type { ExerciseVerdict } from '../content/verdict'
import type { RunOutcome } from '../grader/client'
import { h } from './dom'
import { mountResults } from './results-view'

export interface ExamplesDeps {
  /** Runs the examples of the open exercise (the lesson controller's `runExamples`). */
  readonly onRun: () => void
  /** Shows an examples file in the editor. */
  readonly onOpen: (path: string) => void
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
 * The visible examples of an exercise: what they are, a button to read them (a read-only editor tab) and one to
 * run them against the learner's files, with their results. Not graded: nothing is saved.
 */
export function mountExamples(root: HTMLElement, deps: ExamplesDeps): ExamplesPanel {
  const files = h('span', { class: 'examples-files' })
  const open = h('div', { class: 'examples-open' })
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
      open,
      run,
    ),
    idle,
    resultsRoot,
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
      open.replaceChildren(
        ...paths.map((path) => {
          const button = h(
            'button',
            { type: 'button', 'aria-label': `Open ${path} (read-only)` },
            paths.length > 1 ? `Open ${path}` : 'Open the file',
          )
          button.addEventListener('click', () => deps.onOpen(path))
          return button
        }),
      )
      idle.hidden = false
      resultsRoot.hidden = true
      return paths.length > 0
    },
    showRunning() {
      idle.hidden = true
      resultsRoot.hidden = false
      results.showRunning()
    },
    showOutcome: (outcome, verdict) => results.showOutcome(outcome, verdict),
    setRunning(running) {
      run.disabled = running
    },
  }
}
