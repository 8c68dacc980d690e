import type { CallOutcome } from '../playground/playground-client'
import type { BurstAction, BurstAttempt, BurstScenario } from '../playground/protocol'
import { sampleUser } from '../playground/requests'
import { h } from './dom'
import { mountResponseView, type ResponseDeps } from './playground-response'

export interface BurstView {
  setBusy(busy: boolean): void
  showBusy(): void
  showOutcome(outcome: CallOutcome, budgetMs: number): void
}

const scenarios: Record<BurstScenario, { label: string; attempts: number; about: string }> = {
  'one-client': {
    label: 'One client guesses one password',
    attempts: 8,
    about: 'wrong passwords for alice from one address (203.0.113.7), then her right password from it',
  },
  'many-clients': {
    label: 'Many clients guess one password (a botnet)',
    attempts: 8,
    about: 'wrong passwords for alice, each from a new address, then her right password from another',
  },
  'many-accounts': {
    label: 'One client tries many accounts (credential stuffing)',
    attempts: 55,
    about: 'wrong passwords for user1, user2, … from one address, then alice’s right password from it',
  },
}

const outcomeWords: Record<BurstAttempt['outcome'], string> = {
  'signed-in': 'Signed in',
  refused: 'Invalid credentials',
  locked: 'Too many attempts',
  threw: 'Threw',
}
let fieldCounter = 0

/** One line that says where the lock starts and whether locked attempts stayed away from the password check. */
function findings(attempts: readonly BurstAttempt[]): HTMLElement[] {
  const firstLocked = attempts.find((attempt) => attempt.outcome === 'locked')
  const last = attempts.at(-1)
  const lines: HTMLElement[] = []
  lines.push(
    h(
      'p',
      { class: `pg-status-line pg-burst-lock ${firstLocked ? 'pass' : 'warn'}` },
      firstLocked
        ? `The lock starts at attempt ${firstLocked.attempt}, after ${firstLocked.attempt - 1} failed attempts${firstLocked.retryAfter === undefined ? '' : `: retry after ${firstLocked.retryAfter} s`}.`
        : 'No attempt was locked: the throttle never refused a login.',
    ),
  )
  if (last?.password === 'right')
    lines.push(
      h(
        'p',
        { class: 'pg-note' },
        `The right password (attempt ${last.attempt}): ${outcomeWords[last.outcome].toLowerCase()}${last.outcome === 'locked' ? ', as it must be while the lock holds' : ''}.`,
      ),
    )
  const leaked = attempts.filter((attempt) => attempt.outcome === 'locked' && attempt.checkedPassword)
  if (leaked.length)
    lines.push(
      h(
        'p',
        { class: 'pg-problem', role: 'alert' },
        `Attempt ${leaked.map((attempt) => attempt.attempt).join(', ')} reached auth.login although it was locked: check the throttle before the password is verified.`,
      ),
    )
  return lines
}

function table(attempts: readonly BurstAttempt[]): HTMLElement {
  const firstLocked = attempts.find((attempt) => attempt.outcome === 'locked')?.attempt
  return h(
    'div',
    { class: 'pg-table-scroll', role: 'region', 'aria-label': 'Attempts of the burst', tabindex: '0' },
    h(
      'table',
      { class: 'pg-burst' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ...['#', 'account', 'client', 'password', 'outcome', 'retryAfter', 'password checked'].map((name) =>
            h('th', { scope: 'col' }, name),
          ),
        ),
      ),
      h(
        'tbody',
        {},
        ...attempts.map((attempt) =>
          h(
            'tr',
            {
              class: `${attempt.outcome}${attempt.attempt === firstLocked ? ' lock-start' : ''}`,
              'data-outcome': attempt.outcome,
            },
            h('td', { 'data-label': '#' }, String(attempt.attempt)),
            h('td', { 'data-label': 'account' }, attempt.account),
            h('td', { 'data-label': 'client', class: 'pg-mono' }, attempt.client),
            h('td', { 'data-label': 'password' }, attempt.password),
            h(
              'td',
              { 'data-label': 'outcome', class: 'pg-outcome' },
              outcomeWords[attempt.outcome],
              attempt.message ? h('span', { class: 'pg-note' }, ` ${attempt.message}`) : null,
            ),
            h(
              'td',
              { 'data-label': 'retryAfter' },
              attempt.retryAfter === undefined ? '' : String(attempt.retryAfter),
            ),
            h('td', { 'data-label': 'password checked' }, attempt.checkedPassword ? 'yes' : 'no'),
          ),
        ),
      ),
    ),
  )
}

/**
 * A scripted burst of logins against the learner's `throttledLogin` and `LoginThrottle`: pick who attacks and how
 * many wrong passwords, Fire, and read where the lock starts in a table of every attempt.
 */
export function mountBurst(
  root: HTMLElement,
  deps: ResponseDeps & { readonly onFire: (action: BurstAction) => void },
): BurstView {
  const id = ++fieldCounter
  const scenario = h(
    'select',
    { id: `pg-burst-scenario-${id}` },
    ...(Object.keys(scenarios) as BurstScenario[]).map((key) =>
      h('option', { value: key }, scenarios[key].label),
    ),
  )
  const attempts = h('input', {
    id: `pg-burst-attempts-${id}`,
    type: 'number',
    min: '1',
    max: '200',
    value: String(scenarios['one-client'].attempts),
  })
  const about = h('p', { class: 'pg-note' })
  const fire = h('button', { type: 'submit', class: 'primary' }, 'Fire')
  const out = h('div', { class: 'pg-burst-out', 'aria-live': 'off' })
  const errors = h('div')
  const response = mountResponseView(errors, deps)
  const describeScenario = () => {
    const chosen = scenarios[scenario.value as BurstScenario]
    about.replaceChildren(
      `${attempts.value || chosen.attempts} ${chosen.about}, through `,
      h('code', {}, 'throttledLogin(auth, new LoginThrottle(), …)'),
      ' with your defaults and the real clock. alice is registered first if she is not there yet.',
    )
  }
  scenario.addEventListener('change', () => {
    attempts.value = String(scenarios[scenario.value as BurstScenario].attempts)
    describeScenario()
  })
  attempts.addEventListener('input', describeScenario)
  const form = h(
    'form',
    { class: 'pg-form', 'aria-label': 'Login burst' },
    h(
      'div',
      { class: 'pg-line' },
      h('div', { class: 'pg-field' }, h('label', { for: scenario.id }, 'Who'), scenario),
      h('div', { class: 'pg-field pg-narrow' }, h('label', { for: attempts.id }, 'Wrong attempts'), attempts),
      h('div', { class: 'pg-send' }, fire),
    ),
    about,
  )
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    deps.onFire({
      kind: 'burst',
      scenario: scenario.value as BurstScenario,
      wrongAttempts: Math.max(1, Math.min(200, Number(attempts.value) || 1)),
      user: { ...sampleUser },
    })
  })
  root.replaceChildren(h('h3', { class: 'pg-heading' }, 'Fire a burst of logins'), form, out)
  describeScenario()

  return {
    setBusy(busy) {
      fire.disabled = busy
      fire.textContent = busy ? 'Firing…' : 'Fire'
    },
    showBusy() {
      out.replaceChildren(h('p', { class: 'pg-note' }, 'Firing the burst at your code…'))
    },
    showOutcome(outcome, budgetMs) {
      if (outcome.status === 'done' && outcome.report.result.status === 'burst') {
        const { attempts: fired, registered } = outcome.report.result
        out.replaceChildren(
          ...findings(fired),
          h(
            'p',
            { class: 'pg-note' },
            registered === 'created'
              ? 'alice was registered for this burst.'
              : 'alice was already registered.',
          ),
          table(fired),
        )
        const lock = fired.find((attempt) => attempt.outcome === 'locked')
        deps.announce(
          lock ? `Burst done: the lock starts at attempt ${lock.attempt}.` : 'Burst done: no lock.',
        )
        return
      }
      response.showOutcome(outcome, budgetMs)
      out.replaceChildren(errors)
    },
  }
}
