import type { CallOutcome } from '../playground/playground-client'
import type { CallResult, PlaygroundProblem, ThrownInfo } from '../playground/protocol'
import { leaksHash, reasonPhrases } from '../playground/requests'
import type { ConsoleLine } from '../sandbox/protocol'
import { h } from './dom'

export interface ResponseView {
  showIdle(text: string): void
  showBusy(): void
  showOutcome(outcome: CallOutcome, budgetMs: number): void
}

export interface ResponseDeps {
  /** Words added to a problem in a file the learner wrote in an earlier exercise (where to fix it). */
  readonly whereToFix: (file: string) => Node | undefined
  readonly announce: (text: string) => void
}

function pretty(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2)
  } catch {
    return text
  }
}

const block = (text: string, label: string) => h('pre', { class: 'pg-code-block', 'aria-label': label }, text)

function notice(kind: 'fail' | 'warn', title: string, ...body: (Node | string | null)[]) {
  return h(
    'div',
    { class: `notice ${kind}`, role: kind === 'fail' ? 'alert' : 'status' },
    h('h3', {}, title),
    ...body,
  )
}

function hashWarning(text: string) {
  return leaksHash(text)
    ? notice(
        'warn',
        'This contains hashedPassword',
        h(
          'p',
          {},
          'A password hash must never leave the service: send users through an allow-list of public fields.',
        ),
      )
    : null
}

/** What the learner's code answered: status, headers and pretty body; a value or a thrown error; or why not. */
export function mountResponseView(root: HTMLElement, deps: ResponseDeps): ResponseView {
  // announced in one short line through deps.announce: a live region would read out whole bodies
  const body = h('div', { class: 'pg-response-body' })
  root.replaceChildren(h('h3', { class: 'pg-heading' }, 'Response'), body)

  const problemItem = (problem: PlaygroundProblem) =>
    h('li', {}, problem.message, problem.file ? deps.whereToFix(problem.file) : null)

  const thrown = (context: string, error: ThrownInfo) =>
    notice(
      'fail',
      context,
      h('p', { class: 'test-message' }, `${error.name}: ${error.message}`),
      error.fields ? block(error.fields, 'Fields of the error') : null,
      error.stack ? h('pre', { class: 'stack' }, error.stack) : null,
    )

  const consoleBlock = (lines: readonly ConsoleLine[]) =>
    lines.length === 0
      ? null
      : h(
          'div',
          { class: 'console', role: 'log', 'aria-label': 'Console output of your code' },
          ...lines.map((line) => h('div', { class: line.level }, line.text)),
        )

  const resultNodes = (result: CallResult, durationMs: number): Node[] => {
    switch (result.status) {
      case 'response': {
        const { status, statusText, headers } = result.response
        const phrase = statusText || reasonPhrases[status] || ''
        const kind = status < 300 ? 'pass' : status < 500 ? 'warn' : 'fail'
        return [
          h(
            'p',
            { class: 'pg-status-line' },
            h('span', { class: `pg-status ${kind}` }, `${status} ${phrase}`.trim()),
            h('span', { class: 'pg-time' }, `${durationMs} ms`),
          ),
          h(
            'details',
            { class: 'pg-headers' },
            h('summary', {}, `Headers (${headers.length})`),
            h('dl', {}, ...headers.flatMap(([name, value]) => [h('dt', {}, name), h('dd', {}, value)])),
          ),
          ...[hashWarning(result.response.body)].filter((node) => node !== null),
          result.response.body
            ? block(pretty(result.response.body), 'Response body')
            : h('p', { class: 'pg-note' }, '(empty body)'),
        ]
      }
      case 'returned':
        return [
          h(
            'p',
            { class: 'pg-status-line' },
            h('span', { class: 'pg-status pass' }, 'Returned'),
            h('span', { class: 'pg-time' }, `${durationMs} ms`),
          ),
          ...[hashWarning(result.value)].filter((node) => node !== null),
          block(result.value, 'Returned value'),
        ]
      case 'threw':
        return [thrown(result.context, result.error)]
      case 'unusable':
        return [
          notice(
            'fail',
            'The playground cannot call your code yet',
            h('ul', { class: 'pg-problems' }, ...result.problems.map(problemItem)),
          ),
        ]
      case 'bad-request':
        return [notice('warn', 'Request not sent', h('p', {}, result.message))]
      // a burst's table and the TOTP view are drawn by their own cards
      case 'burst':
      case 'totp':
        return []
    }
  }

  return {
    showIdle(text) {
      root.removeAttribute('aria-busy')
      body.replaceChildren(h('p', { class: 'pg-note' }, text))
    },
    showBusy() {
      root.setAttribute('aria-busy', 'true')
      body.replaceChildren(h('p', { class: 'pg-note' }, 'Running your code…'))
    },
    showOutcome(outcome, budgetMs) {
      root.removeAttribute('aria-busy')
      if (outcome.status === 'cancelled') {
        body.replaceChildren(h('p', { class: 'pg-note' }, 'Cancelled.'))
        return
      }
      if (outcome.status === 'timeout') {
        const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`
        body.replaceChildren(
          outcome.reason === 'budget'
            ? notice(
                'fail',
                `Stopped after ${seconds(budgetMs)}`,
                h(
                  'p',
                  {},
                  'Your code did not answer in time: look for a promise that never settles or a loop that never ends.',
                ),
              )
            : notice(
                'fail',
                `Stopped after ${seconds(outcome.stoppedAfterMs)}: your code stopped responding`,
                h(
                  'p',
                  {},
                  'It never gave control back (a loop that never ends) or kept taking memory, so it was stopped before it could freeze the tab.',
                ),
              ),
        )
        deps.announce('The call was stopped: time limit.')
        return
      }
      if (outcome.status === 'crashed') {
        body.replaceChildren(notice('fail', 'The playground stopped', h('p', {}, outcome.message)))
        deps.announce('The playground stopped.')
        return
      }
      const { result, console, unhandled, durationMs } = outcome.report
      body.replaceChildren(
        ...resultNodes(result, durationMs),
        ...unhandled.map((text) => notice('fail', 'An error escaped your code', h('pre', {}, text))),
        ...[consoleBlock(console)].filter((node) => node !== null),
      )
      deps.announce(
        result.status === 'response'
          ? `Response ${result.response.status}.`
          : result.status === 'returned'
            ? 'Call returned.'
            : result.status === 'threw'
              ? 'Your code threw.'
              : 'The call could not be made.',
      )
    },
  }
}
