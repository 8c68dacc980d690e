import type { ExerciseVerdict, TypeErrorAt } from '../content/verdict'
import type { RunOutcome } from '../grader/client'
import type { TestResult } from '../grader/protocol'
import type { ConsoleLine, ErrorInfo, ModuleError } from '../sandbox/protocol'
import { type RunSummary, summaryVerdict } from '../storage'
import { h } from './dom'

export interface ResultsDeps {
  /** Shows a position of a learner file in the editor (from a stack frame or a type error). */
  readonly reveal: (path: string, line: number, column: number) => void
  /** Polite screen-reader announcement. */
  readonly announce: (text: string) => void
  /** The heading screen readers navigate by; `Test results` unless said. */
  readonly heading?: string
}

export interface ResultsView {
  /** Nothing run yet for this exercise; optionally the saved result of the last session. */
  showIdle(saved?: RunSummary): void
  showRunning(): void
  /** One run's tests and the type-check beside it, summed up by the verdict that decided pass or fail. */
  showOutcome(outcome: RunOutcome, verdict: ExerciseVerdict): void
}

const icon = { pass: '✓', fail: '✗', skip: '–' } as const
const stateWord = { pass: 'passed', fail: 'failed', skip: 'skipped' } as const
const frame = /\b([A-Za-z][\w-]*\.ts):(\d+):(\d+)\b/g

/** Per-test results with messages, diffs, console output and clickable learner stack frames. */
export function mountResults(root: HTMLElement, deps: ResultsDeps): ResultsView {
  // the panel's tab already says "Results"; the heading is for screen-reader navigation by headings
  const heading = h(
    'h2',
    { id: `${root.id || 'results'}-heading`, class: 'sr-only' },
    deps.heading ?? 'Test results',
  )
  const summary = h('span', { class: 'summary', hidden: true })
  const body = h('div', { class: 'results-body' })
  root.replaceChildren(h('div', { class: 'results-head' }, heading, summary), body)

  const setSummary = (text: string, kind: 'pass' | 'fail' | 'neutral') => {
    summary.hidden = false
    summary.className = `summary ${kind === 'neutral' ? '' : kind}`
    summary.textContent = text
  }

  const linkified = (text: string): (Node | string)[] => {
    const parts: (Node | string)[] = []
    let last = 0
    for (const match of text.matchAll(frame)) {
      const [whole, path = '', line = '1', column = '1'] = match
      parts.push(text.slice(last, match.index))
      const link = h('button', { type: 'button', class: 'link' }, whole)
      link.addEventListener('click', () => deps.reveal(path, Number(line), Number(column)))
      parts.push(link)
      last = match.index + whole.length
    }
    parts.push(text.slice(last))
    return parts
  }

  const consoleBlock = (lines: readonly ConsoleLine[], label: string) =>
    lines.length === 0
      ? null
      : h(
          'div',
          { class: 'console', role: 'log', 'aria-label': label, tabindex: '0' },
          ...lines.map((line) => h('div', { class: line.level }, line.text)),
        )

  const errorBlock = (error: ErrorInfo) => {
    const block = h('div', {}, h('p', { class: 'test-message' }, `${error.name}: ${error.message}`))
    if (error.diff) {
      block.append(
        h(
          'pre',
          { class: 'diff', 'aria-label': 'Expected and received', tabindex: '0' },
          ...error.diff
            .split('\n')
            .map((line) =>
              h(
                'div',
                { class: line.startsWith('-') ? 'expected' : line.startsWith('+') ? 'actual' : '' },
                line || ' ',
              ),
            ),
        ),
      )
    }
    if (error.stack) block.append(h('pre', { class: 'stack', tabindex: '0' }, ...linkified(error.stack)))
    return block
  }

  const testItem = (test: TestResult) => {
    const parts = test.name.split(' > ')
    const title = parts.pop() ?? test.name
    const name = h(
      'span',
      { class: 'test-name' },
      parts.length ? h('span', { class: 'suite-path' }, `${parts.join(' › ')} › `) : null,
      title,
    )
    const head = [
      h('span', { class: 'test-icon', 'aria-label': stateWord[test.state] }, icon[test.state]),
      name,
      h('span', { class: 'test-time' }, `${Math.round(test.durationMs)} ms`),
    ]
    const details = [test.error, ...(test.otherErrors ?? [])].filter((error) => error !== undefined)
    const hasDetail = details.length > 0 || test.console.length > 0
    if (!hasDetail) return h('li', { class: `test ${test.state}` }, h('div', { class: 'test-row' }, ...head))
    return h(
      'li',
      { class: `test ${test.state}` },
      h(
        'details',
        { open: test.state === 'fail' },
        h('summary', {}, ...head),
        h(
          'div',
          { class: 'test-detail' },
          ...details.map(errorBlock),
          consoleBlock(test.console, `Console output of ${title}`),
        ),
      ),
    )
  }

  const moduleErrorItem = (error: ModuleError) => {
    const where = error.file && error.line ? `${error.file}:${error.line}:${error.column ?? 1}` : error.file
    const title = {
      syntax: 'Your code does not compile',
      import: 'A file could not be loaded',
      runtime: 'Your code threw while loading',
      unhandled: 'An error escaped a test',
      tamper: 'Your code changed the test environment',
    }[error.kind]
    return h(
      'div',
      { class: 'notice fail', role: 'alert' },
      h('h3', {}, title),
      h(
        'pre',
        {},
        ...linkified(where && !error.message.includes(where) ? `${where}: ${error.message}` : error.message),
      ),
    )
  }

  const errorLink = (error: TypeErrorAt) => {
    const link = h('button', { type: 'button', class: 'link' }, `${error.path}:${error.line}:${error.column}`)
    link.addEventListener('click', () => deps.reveal(error.path, error.line, error.column))
    return link
  }

  // the type-check counts like a test: a pass line, or the errors with links into the editor
  const typesLine = (errors: readonly TypeErrorAt[]) => {
    const title = h('span', { class: 'types-title' }, 'Types')
    if (errors.length === 0) {
      return h(
        'div',
        { class: 'types pass' },
        h('span', { class: 'test-icon', 'aria-label': 'passed' }, icon.pass),
        title,
        h('span', { class: 'types-note' }, 'no errors in your files'),
      )
    }
    return h(
      'div',
      { class: 'types fail', role: 'group', 'aria-label': 'Type errors' },
      h(
        'div',
        { class: 'types-head' },
        h('span', { class: 'test-icon', 'aria-label': 'failed' }, icon.fail),
        title,
        h(
          'span',
          { class: 'types-note' },
          `${errors.length} error${errors.length === 1 ? '' : 's'} in your files: fix ${errors.length === 1 ? 'it' : 'them'} to pass`,
        ),
      ),
      h(
        'ul',
        { class: 'type-problems' },
        ...errors.slice(0, 20).map((error) => h('li', {}, errorLink(error), ` ${error.message}`)),
      ),
    )
  }

  const summaryText = (verdict: ExerciseVerdict) => {
    const { passed, total } = verdict.counts
    const types = verdict.typeErrors.length
    if (total === 0) return 'No tests ran'
    return `${passed}/${total} passed${types ? ` · ${types} type error${types === 1 ? '' : 's'}` : ''}`
  }

  return {
    showIdle(saved) {
      if (!saved) {
        summary.hidden = true
        body.replaceChildren(
          h(
            'p',
            { class: 'results-empty' },
            'Press Run (Ctrl/⌘+Enter) to check your code against the tests.',
          ),
        )
        return
      }
      const verdict = summaryVerdict(saved)
      setSummary(summaryText(verdict), verdict.passed ? 'pass' : 'fail')
      body.replaceChildren(
        h(
          'p',
          { class: 'results-empty' },
          `Last run ${new Date(saved.at).toLocaleString()}. Run again for details.`,
        ),
        h(
          'ul',
          { class: 'test-list' },
          ...saved.tests.map((test) =>
            testItem({ id: test.name, name: test.name, state: test.state, durationMs: 0, console: [] }),
          ),
        ),
      )
      for (const time of body.querySelectorAll('.test-time')) time.remove()
    },
    showRunning() {
      setSummary('Running…', 'neutral')
      root.setAttribute('aria-busy', 'true')
    },
    showOutcome(outcome, verdict) {
      root.removeAttribute('aria-busy')
      const { result } = outcome
      const notices: Node[] = []
      if (outcome.status === 'timeout') {
        const unresponsive = outcome.reason === 'unresponsive'
        const stoppedAfterMs = unresponsive ? outcome.stoppedAfterMs : outcome.budgetMs
        notices.push(
          h(
            'div',
            { class: 'notice fail', role: 'alert' },
            h('h3', {}, `Stopped after ${Math.max(1, Math.round(stoppedAfterMs / 1000))} s`),
            h(
              'p',
              {},
              unresponsive
                ? `${outcome.runningTest ? `The test "${outcome.runningTest}" was still running and` : 'Your code'} kept the test runner busy without a pause. Look for a loop that never ends, or one that keeps filling memory.`
                : outcome.runningTest
                  ? `The test "${outcome.runningTest}" was still running. Look for a loop that never ends or a promise that never settles.`
                  : 'Your code did not finish in time. Look for a loop that never ends or a promise that never settles.',
            ),
          ),
        )
      } else if (outcome.status === 'crashed') {
        notices.push(
          h(
            'div',
            { class: 'notice fail', role: 'alert' },
            h('h3', {}, 'The test runner stopped'),
            h('p', {}, outcome.message),
          ),
        )
      }
      notices.push(...result.errors.map(moduleErrorItem))
      const { passed, total, failed, skipped } = verdict.counts
      const typeErrors = verdict.typeErrors.length
      setSummary(summaryText(verdict), verdict.passed ? 'pass' : 'fail')
      body.replaceChildren(
        ...notices,
        typesLine(verdict.typeErrors),
        h('ul', { class: 'test-list' }, ...result.tests.map(testItem)),
        ...[consoleBlock(result.console, 'Console output outside tests')].filter((node) => node !== null),
      )
      const details = [
        failed ? `${failed} failed` : '',
        skipped ? `${skipped} skipped` : '',
        typeErrors ? `${typeErrors} type error${typeErrors === 1 ? '' : 's'}` : '',
        outcome.status === 'timeout' ? 'run stopped: time limit' : '',
      ].filter(Boolean)
      deps.announce(
        verdict.passed
          ? `All ${total} tests passed, no type errors.`
          : `${passed} of ${total} tests passed${details.length ? `, ${details.join(', ')}` : ''}.`,
      )
    },
  }
}
