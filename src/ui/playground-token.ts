import type { StoredUser } from '../playground/playground-db'
import { describeCountdown, inspectToken, type TokenInspection } from '../playground/token-inspect'
import { h } from './dom'

export interface TokenInspector {
  /** Offers the token from the latest login; shows it unless the learner pasted or edited another one. */
  offerToken(token: string | undefined): void
  /** Checks the shown token again (after the secret or the users changed). */
  refresh(): void
}

export interface TokenInspectorDeps {
  /** The playground's signing secret; rejects if the database cannot be opened. */
  readonly secret: () => Promise<Uint8Array<ArrayBuffer>>
  /** The stored user a `sub` claim names, if any. */
  readonly userById: (id: number) => StoredUser | undefined
  /** Seconds since the epoch; a parameter so tests can move the clock. */
  readonly now?: () => number
}

const checkIcon = { pass: '✓', fail: '✗', skipped: '–' } as const
let inspectorCounter = 0

function date(seconds: number): string {
  const when = new Date(seconds * 1000)
  return Number.isNaN(when.getTime()) ? String(seconds) : when.toLocaleString()
}

/**
 * Paste or pick a token: decoded header and payload (as text, never run), the checks SimpleJWT makes against
 * the playground secret, iat/exp/nbf as dates with a live countdown, and the user its `sub` names.
 */
export function mountTokenInspector(root: HTMLElement, deps: TokenInspectorDeps): TokenInspector {
  const now = deps.now ?? (() => Date.now() / 1000)
  const id = `pg-token-${++inspectorCounter}`
  const input = h('textarea', {
    id,
    class: 'pg-code pg-token-input',
    rows: '3',
    spellcheck: 'false',
    placeholder: 'eyJhbGciOi…',
  })
  const useToken = h('button', { type: 'button', hidden: true }, 'Use login token')
  const clear = h('button', { type: 'button' }, 'Clear')
  const output = h('div', { class: 'pg-token-output' })
  // only the verdict is spoken, not every decoded line on every keystroke
  const spoken = h('p', { class: 'sr-only', role: 'status' })
  let token: string | undefined
  let sequence = 0
  let ticker: ReturnType<typeof setInterval> | undefined
  const countdowns: { element: HTMLElement; seconds: number; label: (text: string) => string }[] = []

  const stopTicker = () => {
    clearInterval(ticker)
    ticker = undefined
    countdowns.length = 0
  }

  const claimRow = (name: string, seconds: number | undefined, describe: (text: string) => string) => {
    if (seconds === undefined) return null
    const live = h('span', { class: 'pg-countdown' }, describe(describeCountdown(seconds, now())))
    countdowns.push({ element: live, seconds, label: describe })
    return h('tr', {}, h('th', { scope: 'row' }, name), h('td', {}, date(seconds)), h('td', {}, live))
  }

  const subject = (inspection: TokenInspection) => {
    const sub = inspection.payload?.value?.sub
    if (sub === undefined) return null
    const user = typeof sub === 'string' && /^[1-9][0-9]*$/.test(sub) ? deps.userById(Number(sub)) : undefined
    const text = user
      ? `sub ${JSON.stringify(sub)} is user ${user.username}${user.isActive ? '' : ' (inactive: getCurrentUser should answer null)'}.`
      : `sub ${JSON.stringify(sub)} names no user in the playground database: getCurrentUser should answer null.`
    return h('p', { class: 'pg-note' }, text)
  }

  const render = (inspection: TokenInspection) => {
    stopTicker()
    const { verdict } = inspection
    const said = verdict.ok ? 'Token accepted.' : `Token rejected: ${verdict.code}.`
    if (spoken.textContent !== said) spoken.textContent = said
    const summary = verdict.ok
      ? h('p', { class: 'pg-verdict pass' }, '✓ Accepted: SimpleJWT.decode would return the payload')
      : h('p', { class: 'pg-verdict fail' }, `✗ Rejected (${verdict.code}): ${verdict.reason}`)
    const claims = [
      claimRow('iat', inspection.issuedAt, (text) => `issued ${text}`),
      claimRow('exp', inspection.expiresAt, (text) =>
        text.startsWith('in ') ? `expires ${text}` : `expired ${text}`,
      ),
      claimRow('nbf', inspection.notBefore, (text) =>
        text.startsWith('in ') ? `valid ${text}` : `valid since ${text}`,
      ),
    ].filter((row) => row !== null)
    output.replaceChildren(
      summary,
      h(
        'ol',
        { class: 'pg-checks' },
        ...inspection.checks.map((check) =>
          h(
            'li',
            { class: check.state },
            h('span', { 'aria-hidden': 'true' }, checkIcon[check.state]),
            ` ${check.label}`,
            check.detail ? `: ${check.detail}` : '',
            h('span', { class: 'sr-only' }, ` (${check.state})`),
          ),
        ),
      ),
      ...[subject(inspection)].filter((node) => node !== null),
      claims.length ? h('table', { class: 'pg-claims' }, h('tbody', {}, ...claims)) : h('span'),
      h(
        'div',
        { class: 'pg-decoded' },
        part('Header', inspection.header?.text, inspection.header?.problem),
        part('Payload', inspection.payload?.text, inspection.payload?.problem),
      ),
      inspection.signatureBytes === undefined
        ? h('span')
        : h('p', { class: 'pg-note' }, `Signature: ${inspection.signatureBytes} bytes.`),
    )
    if (countdowns.length) {
      // when exp or nbf passes, the verdict changes: check again rather than guess
      const phase = () =>
        `${(inspection.expiresAt ?? Infinity) > now()}/${(inspection.notBefore ?? 0) <= now()}`
      const started = phase()
      ticker = setInterval(() => {
        if (!output.isConnected) return stopTicker()
        for (const countdown of countdowns)
          countdown.element.textContent = countdown.label(describeCountdown(countdown.seconds, now()))
        if (phase() !== started) void inspect()
      }, 1000)
    }
  }

  function part(label: string, text: string | undefined, problem: string | undefined) {
    return h(
      'div',
      {},
      h('h4', {}, label, problem ? h('span', { class: 'pg-problem' }, ` (${problem})`) : null),
      h('pre', { class: 'pg-code-block', 'aria-label': `Decoded ${label.toLowerCase()}` }, text ?? '(none)'),
    )
  }

  async function inspect() {
    const text = input.value.trim()
    const mine = ++sequence
    if (!text) {
      stopTicker()
      output.replaceChildren(
        h(
          'p',
          { class: 'pg-note' },
          'Paste a token, or log in and use its token. Decoding is for display only: nothing in the token is trusted or run.',
        ),
      )
      return
    }
    try {
      const inspection = await inspectToken(text, await deps.secret(), now())
      if (mine === sequence) render(inspection)
    } catch (error) {
      if (mine !== sequence) return
      stopTicker()
      output.replaceChildren(
        h(
          'p',
          { class: 'pg-problem', role: 'alert' },
          `The token could not be checked: ${String((error as Error)?.message ?? error)}`,
        ),
      )
    }
  }

  input.addEventListener('input', () => void inspect())
  useToken.addEventListener('click', () => {
    if (!token) return
    input.value = token
    void inspect()
  })
  clear.addEventListener('click', () => {
    input.value = ''
    void inspect()
  })
  root.replaceChildren(
    h('h3', { class: 'pg-heading' }, 'Token inspector'),
    h(
      'div',
      { class: 'pg-field' },
      h('label', { for: id }, 'Token'),
      input,
      h('div', { class: 'pg-inline' }, useToken, clear),
    ),
    output,
    spoken,
  )
  void inspect()

  return {
    offerToken(next) {
      const shownWasOffered = !input.value.trim() || input.value.trim() === token
      token = next
      useToken.hidden = !next
      if (next && shownWasOffered) {
        input.value = next
        void inspect()
      }
    },
    refresh: () => void inspect(),
  }
}
