import type { RunOutcome } from '../grader/client'
import type { TestResult } from '../grader/protocol'
import type { ConsoleLine, ErrorInfo, ModuleError } from '../sandbox/protocol'
import type { RunSummary } from '../storage'
import { h } from './dom'

/** A TypeScript problem in the learner's files, as the editor reports it. */
export interface TypeProblemView {
  readonly path: string
  readonly line: number
  readonly column: number
  readonly message: string
}

export interface ResultsDeps {
  /** Shows a position of a learner file in the editor (from a stack frame or a type error). */
  readonly reveal: (path: string, line: number, column: number) => void
  /** Polite screen-reader announcement. */
  readonly announce: (text: string) => void
}

export interface ResultsView {
  /** Nothing run yet for this exercise; optionally the saved result of the last session. */
  showIdle(saved?: RunSummary): void
  showRunning(): void
  showOutcome(outcome: RunOutcome, typeProblems: readonly TypeProblemView[]): void
}

const icon = { pass: '✓', fail: '✗', skip: '–' } as const
const stateWord = { pass: 'passed', fail: 'failed', skip: 'skipped' } as const
const frame = /\b([A-Za-z][\w-]*\.ts):(\d+):(\d+)\b/g

/** Per-test results with messages, diffs, console output and clickable learner stack frames. */
export function mountResults(root: HTMLElement, deps: ResultsDeps): ResultsView {
  // the panel's tab already says "Results"; the heading is for screen-reader navigation by headings
  const heading = h('h2', { id: 'results-heading', class: 'sr-only' }, 'Test results')
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

  const typeProblemList = (problems: readonly TypeProblemView[]) => {
    if (problems.length === 0) return null
    return h(
      'div',
      { class: 'notice warn' },
      h(
        'h3',
        {},
        `TypeScript found ${problems.length} problem${problems.length === 1 ? '' : 's'} (the tests ran anyway)`,
      ),
      h(
        'ul',
        { class: 'type-problems' },
        ...problems.slice(0, 20).map((problem) => {
          const link = h(
            'button',
            { type: 'button', class: 'link' },
            `${problem.path}:${problem.line}:${problem.column}`,
          )
          link.addEventListener('click', () => deps.reveal(problem.path, problem.line, problem.column))
          return h('li', {}, link, ` ${problem.message}`)
        }),
      ),
    )
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
      setSummary(
        `${saved.passed}/${saved.total} passed`,
        saved.failed === 0 && saved.total > 0 ? 'pass' : 'fail',
      )
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
    showOutcome(outcome, typeProblems) {
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
      const types = typeProblemList(typeProblems)
      const { passed, total, failed } = result.totals
      const allPassed = outcome.status === 'done' && total > 0 && failed === 0 && result.errors.length === 0
      setSummary(total === 0 ? 'No tests ran' : `${passed}/${total} passed`, allPassed ? 'pass' : 'fail')
      body.replaceChildren(
        ...notices,
        ...(types ? [types] : []),
        h('ul', { class: 'test-list' }, ...result.tests.map(testItem)),
        ...[consoleBlock(result.console, 'Console output outside tests')].filter((node) => node !== null),
      )
      deps.announce(
        allPassed
          ? `All ${total} tests passed.`
          : `${passed} of ${total} tests passed${failed ? `, ${failed} failed` : ''}${outcome.status === 'timeout' ? ', run stopped: time limit' : ''}.`,
      )
    },
  }
}
