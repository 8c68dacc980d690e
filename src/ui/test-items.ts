// The tests of one run as a learner reads them: grouped by `describe` with counts, failures open, each failure's
// message, marked diff, learner stack frames (links into the editor) and console output.
import type { TestResult } from '../grader/protocol'
import type { ConsoleLine, ErrorInfo } from '../sandbox/protocol'
import { linkified, type Reveal } from './code-links'
import { h } from './dom'
import { type DiffLine, readableError } from './failure-text'

export type { Reveal }

export const icon = { pass: '✓', fail: '✗', skip: '–' } as const
const stateWord = { pass: 'passed', fail: 'failed', skip: 'skipped' } as const

/** Console lines in a scrollable, focusable log; nothing when there are none. */
export function consoleBlock(lines: readonly ConsoleLine[], label: string): HTMLElement | null {
  if (lines.length === 0) return null
  return h(
    'div',
    { class: 'console', role: 'log', 'aria-label': label, tabindex: '0' },
    ...lines.map((line) => h('div', { class: line.level }, line.text)),
  )
}

function diffLine(line: DiffLine): HTMLElement {
  const kind = line.kind === 'same' ? '' : line.kind
  if (!line.mark) return h('div', { class: kind }, line.text || ' ')
  const [start, end] = line.mark
  return h(
    'div',
    { class: kind },
    line.text.slice(0, start),
    h('mark', {}, line.text.slice(start, end)),
    line.text.slice(end),
  )
}

function errorBlock(error: ErrorInfo, reveal: Reveal): HTMLElement {
  const { message, diff } = readableError(error)
  const label = error.name === 'AssertionError' ? '' : `${error.name}: `
  const block = h('div', {}, h('p', { class: 'test-message' }, `${label}${message}`))
  if (diff) {
    block.append(
      h(
        'pre',
        {
          class: 'diff',
          'aria-label': 'Expected and received; the part that differs is marked',
          tabindex: '0',
        },
        ...diff.map(diffLine),
      ),
    )
  }
  if (error.stack)
    block.append(h('pre', { class: 'stack', tabindex: '0' }, ...linkified(error.stack, reveal)))
  return block
}

/** One test: a row, or a disclosure with its errors and console output (open when it failed). */
export function testItem(test: TestResult, reveal: Reveal, options: { inGroup?: boolean } = {}): HTMLElement {
  const parts = test.name.split(' > ')
  const title = parts.pop() ?? test.name
  const name = h(
    'span',
    { class: 'test-name' },
    parts.length && !options.inGroup ? h('span', { class: 'suite-path' }, `${parts.join(' › ')} › `) : null,
    title,
  )
  const head = [
    h('span', { class: 'test-icon', 'aria-label': stateWord[test.state] }, icon[test.state]),
    name,
    test.durationMs > 0 ? h('span', { class: 'test-time' }, `${Math.round(test.durationMs)} ms`) : null,
  ]
  const details = [test.error, ...(test.otherErrors ?? [])].filter((error) => error !== undefined)
  if (details.length === 0 && test.console.length === 0) {
    return h('li', { class: `test ${test.state}` }, h('div', { class: 'test-row' }, ...head))
  }
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
        ...details.map((error) => errorBlock(error, reveal)),
        consoleBlock(test.console, `Console output of ${title}`),
      ),
    ),
  )
}

interface Group {
  readonly name: string
  readonly tests: TestResult[]
}

/** Tests by their `describe` path, in suite order of each path's first test. */
function groupsOf(tests: readonly TestResult[]): Group[] {
  const groups = new Map<string, Group>()
  for (const test of tests) {
    const name = test.name.split(' > ').slice(0, -1).join(' › ')
    const group = groups.get(name) ?? { name, tests: [] }
    group.tests.push(test)
    groups.set(name, group)
  }
  return [...groups.values()]
}

/**
 * The run's tests. With more than one `describe`, one disclosure per group saying how many of its tests
 * passed: open when one failed or was skipped, closed when all passed.
 */
export function testList(tests: readonly TestResult[], reveal: Reveal): HTMLElement {
  const groups = groupsOf(tests)
  if (groups.length < 2)
    return h('ul', { class: 'test-list' }, ...tests.map((test) => testItem(test, reveal)))
  return h(
    'ul',
    { class: 'test-groups' },
    ...groups.map((group) => {
      const passed = group.tests.filter((test) => test.state === 'pass').length
      const failed = group.tests.filter((test) => test.state === 'fail').length
      const state = failed > 0 ? 'fail' : passed === group.tests.length ? 'pass' : 'skip'
      const counts = `${passed} of ${group.tests.length} passed${failed ? `, ${failed} failed` : ''}`
      return h(
        'li',
        { class: `test-group ${state}` },
        h(
          'details',
          { open: state !== 'pass' },
          h(
            'summary',
            {},
            h('span', { class: 'test-icon', 'aria-hidden': 'true' }, icon[state]),
            h('span', { class: 'group-name' }, group.name || 'Other tests'),
            h('span', { class: 'group-count' }, counts),
          ),
          h(
            'ul',
            { class: 'test-list' },
            ...group.tests.map((test) => testItem(test, reveal, { inGroup: true })),
          ),
        ),
      )
    }),
  )
}
