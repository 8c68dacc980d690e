// What a run says beside its tests: why it stopped, why no test ran, and the type-check's line.
import type { TypeErrorAt } from '../content/verdict'
import type { RunOutcome } from '../grader/client'
import type { ModuleError } from '../sandbox/protocol'
import { linkified, type Reveal } from './code-links'
import { h } from './dom'
import { icon } from './test-items'

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`

/** The last part of a full test name (`describe > it`), short enough for the summary. */
const shortName = (name: string) => name.split(' > ').pop() ?? name

/** The one line that sums a run up, the same in the summary and (in words) for screen readers. */
export function summaryLine(
  outcome: RunOutcome | undefined,
  counts: { passed: number; failed: number; total: number },
): string {
  if (outcome?.status === 'timeout') {
    const where = outcome.runningTest ? `Stopped in “${shortName(outcome.runningTest)}”` : 'Stopped'
    const notRun = outcome.notRun === undefined ? '' : `, ${outcome.notRun} not run`
    return `${where}: ${counts.passed} passed, ${counts.failed} failed${notRun}`
  }
  if (counts.total === 0) {
    const kinds = new Set(outcome?.result.errors.map((error) => error.kind))
    if (kinds.has('syntax')) return 'Does not compile: no test ran'
    if (kinds.has('import') || kinds.has('runtime')) return 'Could not load: no test ran'
    return 'No tests ran'
  }
  return `${counts.passed}/${counts.total} passed`
}

/** Why a run was cut short or crashed, and what to look for; nothing for a run that finished. */
export function stopNotice(outcome: RunOutcome): HTMLElement | null {
  if (outcome.status === 'crashed') {
    return h(
      'div',
      { class: 'notice fail', role: 'alert' },
      h('h3', {}, 'The test runner stopped'),
      h('p', {}, outcome.message),
    )
  }
  if (outcome.status !== 'timeout') return null
  const unresponsive = outcome.reason === 'unresponsive'
  const stoppedAfterMs = unresponsive ? outcome.stoppedAfterMs : outcome.budgetMs
  const notRun =
    outcome.notRun === undefined ? '' : ` ${plural(outcome.notRun, 'test')} of the suite did not run.`
  return h(
    'div',
    { class: 'notice fail', role: 'alert' },
    h('h3', {}, `Stopped after ${Math.max(1, Math.round(stoppedAfterMs / 1000))} s`),
    h(
      'p',
      {},
      (unresponsive
        ? `${outcome.runningTest ? `The test "${outcome.runningTest}" was still running and` : 'Your code'} kept the test runner busy without a pause. Look for a loop that never ends, or one that keeps filling memory.`
        : outcome.runningTest
          ? `The test "${outcome.runningTest}" was still running. Look for a loop that never ends or a promise that never settles.`
          : 'Your code did not finish in time. Look for a loop that never ends or a promise that never settles.') +
        notRun,
    ),
  )
}

/** A problem outside any test (does not compile, threw while loading, ...), located with a link when it can be. */
export function moduleErrorItem(error: ModuleError, testsRan: boolean, reveal: Reveal): HTMLElement {
  const where = error.file && error.line ? `${error.file}:${error.line}:${error.column ?? 1}` : error.file
  const title = {
    syntax: 'Your code does not compile',
    import: 'A file could not be loaded',
    runtime: 'Your code threw while loading',
    unhandled: 'An error escaped a test',
    tamper: 'Your code changed the test environment',
  }[error.kind]
  const message = where && !error.message.includes(where) ? `${where}: ${error.message}` : error.message
  return h(
    'div',
    { class: 'notice fail', role: 'alert' },
    h('h3', {}, testsRan ? title : `${title}, so no test ran`),
    h('pre', {}, ...linkified(message, reveal)),
  )
}

/** The type-check counts like a test: a pass line, or the errors with links into the editor. */
export function typesLine(errors: readonly TypeErrorAt[], reveal: Reveal): HTMLElement {
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
  const errorLink = (error: TypeErrorAt) => {
    const link = h('button', { type: 'button', class: 'link' }, `${error.path}:${error.line}:${error.column}`)
    link.addEventListener('click', () => reveal(error.path, error.line, error.column))
    return link
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
        `${plural(errors.length, 'error')} in your files: fix ${errors.length === 1 ? 'it' : 'them'} to pass`,
      ),
    ),
    h(
      'ul',
      { class: 'type-problems' },
      ...errors.slice(0, 20).map((error) => h('li', {}, errorLink(error), ` ${error.message}`)),
    ),
  )
}
