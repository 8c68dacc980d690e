import type { ExerciseVerdict } from '../content/verdict'
import type { RunOutcome } from '../grader/client'
import { type RunSummary, summaryVerdict } from '../storage'
import { h } from './dom'
import { moduleErrorItem, stopNotice, summaryLine, typesLine } from './run-notices'
import { consoleBlock, type Reveal, testList } from './test-items'

export interface ResultsDeps {
  /** Shows a position of a learner file in the editor (from a stack frame or a type error). */
  readonly reveal: Reveal
  /** Polite screen-reader announcement. */
  readonly announce: (text: string) => void
  /** The heading screen readers navigate by; `Test results` unless said. */
  readonly heading?: string
}

export interface ResultsView {
  /** Nothing run yet for this exercise; optionally the saved result of the last session. */
  showIdle(saved?: RunSummary): void
  showRunning(): void
  /**
   * One run's tests and the type-check beside it, summed up by the verdict that decided pass or fail; `next`, the
   * way on, is shown beside the summary when the run passed.
   */
  showOutcome(outcome: RunOutcome, verdict: ExerciseVerdict, next?: NextStep): void
}

/** A link or button beside the summary of a passing run: the next exercise, or what the course covered. */
export type NextStep =
  | { readonly label: string; readonly href: string }
  | { readonly label: string; readonly run: () => void }

/** Per-test results with messages, diffs, console output and clickable learner stack frames. */
export function mountResults(root: HTMLElement, deps: ResultsDeps): ResultsView {
  // the panel's tab already says "Results"; the heading is for screen-reader navigation by headings
  const heading = h(
    'h2',
    { id: `${root.id || 'results'}-heading`, class: 'sr-only' },
    deps.heading ?? 'Test results',
  )
  const summary = h('span', { class: 'summary', hidden: true })
  const next = h('span', { class: 'next-step' })
  const filter = h(
    'button',
    { type: 'button', class: 'results-filter', 'aria-pressed': 'false', hidden: true },
    'Failures only',
  )
  const body = h('div', { class: 'results-body' })
  const noFailures = h('p', { class: 'results-empty', hidden: true }, 'No failures: every test shown passed.')
  root.replaceChildren(h('div', { class: 'results-head' }, heading, summary, next, filter), body)
  let failuresOnly = false
  const reveal = deps.reveal

  const applyFilter = () => {
    filter.setAttribute('aria-pressed', String(failuresOnly))
    body.classList.toggle('failures-only', failuresOnly)
    noFailures.hidden =
      !failuresOnly || body.querySelector('.test.fail, .test.skip, .notice, .types.fail') !== null
  }
  filter.addEventListener('click', () => {
    failuresOnly = !failuresOnly
    applyFilter()
  })

  const setSummary = (text: string, kind: 'pass' | 'fail' | 'neutral') => {
    summary.hidden = false
    summary.className = `summary ${kind === 'neutral' ? '' : kind}`
    summary.textContent = text
  }

  const showBody = (...nodes: Node[]) => {
    root.removeAttribute('aria-busy')
    body.classList.remove('stale')
    body.replaceChildren(...nodes, noFailures)
    filter.hidden = body.querySelector('.test') === null
    applyFilter()
  }

  const showNext = (step: NextStep | undefined) => {
    if (!step) {
      next.replaceChildren()
      return
    }
    if ('href' in step) {
      next.replaceChildren(h('a', { class: 'next-link', href: step.href }, step.label))
      return
    }
    const button = h('button', { type: 'button', class: 'next-link' }, step.label)
    button.addEventListener('click', step.run)
    next.replaceChildren(button)
  }

  return {
    showIdle(saved) {
      showNext(undefined)
      if (!saved) {
        summary.hidden = true
        showBody(
          h(
            'p',
            { class: 'results-empty' },
            'Press Run ',
            h('span', { class: 'keyboard-tip' }, '(Ctrl/⌘+Enter) '),
            'to check your code against the tests.',
          ),
        )
        return
      }
      const verdict = summaryVerdict(saved)
      setSummary(summaryText(undefined, verdict), verdict.passed ? 'pass' : 'fail')
      showBody(
        h(
          'p',
          { class: 'results-empty' },
          `Last run ${new Date(saved.at).toLocaleString()}. Run again for details.`,
        ),
        testList(
          saved.tests.map((test) => ({
            id: test.name,
            name: test.name,
            state: test.state,
            durationMs: 0,
            console: [],
          })),
          reveal,
        ),
      )
    },
    showRunning() {
      setSummary('Running…', 'neutral')
      showNext(undefined)
      root.setAttribute('aria-busy', 'true')
      // the last results stay readable until the new ones arrive, marked as out of date
      body.classList.add('stale')
    },
    showOutcome(outcome, verdict, step) {
      const { result } = outcome
      const testsRan = result.tests.length > 0
      setSummary(summaryText(outcome, verdict), verdict.passed ? 'pass' : 'fail')
      showNext(verdict.passed ? step : undefined)
      showBody(
        ...[
          stopNotice(outcome),
          ...result.errors.map((error) => moduleErrorItem(error, testsRan, reveal)),
        ].filter((node) => node !== null),
        typesLine(verdict.typeErrors, reveal),
        testList(result.tests, reveal),
        ...[consoleBlock(result.console, 'Console output outside tests')].filter((node) => node !== null),
      )
      const { passed, total, failed, skipped } = verdict.counts
      const typeErrors = verdict.typeErrors.length
      const details = [
        failed ? `${failed} failed` : '',
        skipped ? `${skipped} skipped` : '',
        typeErrors ? `${typeErrors} type error${typeErrors === 1 ? '' : 's'}` : '',
      ].filter(Boolean)
      const said =
        outcome.status === 'timeout' || total === 0
          ? `${summaryText(outcome, verdict)}.`
          : verdict.passed
            ? `All ${total} tests passed, no type errors.`
            : `${passed} of ${total} tests passed${details.length ? `, ${details.join(', ')}` : ''}.`
      deps.announce(
        verdict.passed && step ? `${said} ${step.label.replace(' →', '')}, beside the summary.` : said,
      )
    },
  }
}

/** The summary: the run's line, with the type errors that also decide the verdict. */
function summaryText(outcome: RunOutcome | undefined, verdict: ExerciseVerdict): string {
  const types = verdict.typeErrors.length
  const line = summaryLine(outcome, verdict.counts)
  return `${line}${types ? ` · ${types} type error${types === 1 ? '' : 's'}` : ''}`
}
