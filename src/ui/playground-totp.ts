import { base32, otpauthProblems } from '../playground/otpauth'
import type { CallOutcome } from '../playground/playground-client'
import type { TotpAction, TotpAnswer, TotpReport } from '../playground/protocol'
import { h } from './dom'
import { mountResponseView, type ResponseDeps } from './playground-response'
import { qrCode } from './qr-code'

export interface TotpView {
  /** Starts the countdown and asks the learner's Totp for codes (again, if the code may have changed). */
  start(): void
  /** Stops the countdown (another exercise is open). */
  stop(): void
}

export interface TotpDeps extends ResponseDeps {
  /** The kept secret of the view; `renew` makes a new one. */
  readonly secret: (renew?: boolean) => Promise<Uint8Array>
  /** Runs a call in the playground worker; undefined when another call is under way. */
  readonly call: (action: TotpAction) => Promise<CallOutcome | undefined>
  /** Whether the view is on screen: codes are only asked for then. */
  readonly isShown: () => boolean
  /** The clock, in ms since the epoch. */
  readonly now?: () => number
}

/** The contract's default step, which the view's `new Totp(secret)` uses. */
const period = 30
const issuer = 'AuthLab'
const account = 'alice@example.com'

const grouped = (code: string) =>
  /^\d{6,8}$/.test(code) ? code.replace(/^(\d{3,4})(\d{3,4})$/, '$1 $2') : code

/** A code (or what came instead) as the learner's `generate` answered. */
function codeText(answer: TotpAnswer | undefined): string {
  if (!answer) return '…'
  if (!answer.ok) return 'threw'
  return answer.type === 'string' ? grouped(answer.value) : answer.value
}

/**
 * The current TOTP code and its countdown for the playground's kept secret, computed by the learner's own Totp
 * in the playground worker; the codes either side; a box to check a code (from a phone) with their `verify`; and
 * a QR code of their `otpauth://` URI for an authenticator app to scan.
 */
export function mountTotpView(root: HTMLElement, deps: TotpDeps): TotpView {
  const now = deps.now ?? Date.now
  let secret: Uint8Array | undefined
  let shownStep: number | undefined
  let timer: ReturnType<typeof setInterval> | undefined
  let asking = false

  const qr = h('div', { class: 'pg-totp-qr' })
  const current = h('p', { class: 'pg-totp-code', 'aria-label': 'Current code' }, '…')
  const seconds = h('span', {}, '')
  const bar = h('progress', { max: String(period), value: '0', 'aria-label': 'Time left for this code' })
  const around = h('p', { class: 'pg-note' })
  const codeNote = h('p', { class: 'pg-problem', hidden: true })
  const secretText = h('code', { class: 'pg-mono' })
  const uriText = h('code', { class: 'pg-mono pg-break' })
  const uriNote = h('p', { class: 'pg-problem', hidden: true })
  const typed = h('input', {
    id: 'pg-totp-verify',
    type: 'text',
    inputmode: 'numeric',
    autocomplete: 'one-time-code',
    spellcheck: 'false',
  })
  const check = h('button', { type: 'submit' }, 'Check')
  const verdict = h('p', { class: 'pg-note', role: 'status' })
  const again = h('button', { type: 'button' }, 'Ask your Totp again')
  const renew = h('button', { type: 'button', class: 'pg-danger' }, 'New secret')
  const errors = h('div', { hidden: true })
  const response = mountResponseView(errors, deps)

  const form = h(
    'form',
    { class: 'pg-form pg-totp-check', 'aria-label': 'Check a code' },
    h(
      'div',
      { class: 'pg-line' },
      h('div', { class: 'pg-field' }, h('label', { for: typed.id }, 'Check a code (from your phone)'), typed),
      h('div', { class: 'pg-send' }, check),
    ),
    verdict,
  )
  root.replaceChildren(
    h('h3', { class: 'pg-heading' }, 'Your authenticator'),
    h(
      'div',
      { class: 'pg-totp' },
      h(
        'figure',
        { class: 'pg-totp-figure' },
        qr,
        h(
          'figcaption',
          { class: 'pg-note' },
          'Scan it with an authenticator app (Aegis, Google Authenticator, 1Password…) and compare its code with yours.',
        ),
      ),
      h(
        'div',
        { class: 'pg-totp-side' },
        h('p', { class: 'pg-totp-label' }, 'Your Totp says, now:'),
        current,
        h('p', { class: 'pg-countdown' }, 'New code in ', seconds, ' s ', bar),
        around,
        codeNote,
        form,
        h(
          'dl',
          { class: 'pg-totp-facts' },
          h('dt', {}, 'Secret (base32, to type in by hand)'),
          h('dd', {}, secretText),
          h('dt', {}, h('code', {}, `uri('${account}', '${issuer}')`)),
          h('dd', {}, uriText),
        ),
        uriNote,
        h('div', { class: 'pg-inline' }, again, renew),
      ),
    ),
    errors,
  )

  const tick = () => {
    const at = now() / 1000
    const left = period - Math.floor(at % period)
    seconds.textContent = String(left)
    bar.value = left
    if (Math.floor(at / period) !== shownStep && deps.isShown()) void ask()
  }

  function showReport(report: TotpReport, code: string | undefined) {
    const [before, at, after] = report.codes
    current.textContent = codeText(at?.code)
    around.textContent = `Step before: ${codeText(before?.code)} · step after: ${codeText(after?.code)}. An app whose clock is a few seconds off shows one of these.`
    const failed = report.codes.find((entry) => !entry.code.ok)
    const notString = report.codes.find((entry) => entry.code.ok && entry.code.type !== 'string')
    codeNote.hidden = !failed && !notString
    codeNote.textContent =
      failed && !failed.code.ok
        ? `generate(${failed.at}) threw ${failed.code.error}`
        : notString?.code.ok
          ? `generate() returned a ${notString.code.type}: return a string, so a code keeps its leading zeros.`
          : ''
    const expected = { secret: secret ? base32(secret) : '', issuer }
    if (report.uri.ok) {
      uriText.textContent = report.uri.value
      const problems =
        report.uri.type === 'string'
          ? otpauthProblems(report.uri.value, expected)
          : [`uri() returned a ${report.uri.type}, not a string`]
      uriNote.hidden = problems.length === 0
      uriNote.textContent = problems.length ? `An app may not add this account: ${problems.join('; ')}.` : ''
      const uri = report.uri.value
      if (report.uri.type !== 'string') {
        delete qr.dataset.uri
        qr.replaceChildren(h('p', { class: 'pg-note' }, 'No QR code: uri() returned no string.'))
      } else if (qr.dataset.uri !== uri)
        void qrCode(uri, `QR code of ${uri}`).then((svg) => {
          qr.dataset.uri = uri
          qr.replaceChildren(svg)
        })
    } else {
      uriText.textContent = `threw ${report.uri.error}`
      uriNote.hidden = true
      delete qr.dataset.uri
      qr.replaceChildren(h('p', { class: 'pg-note' }, 'The QR code appears once uri(account, issuer) works.'))
    }
    if (code !== undefined && report.verified) {
      const answer = report.verified
      verdict.textContent = !answer.ok
        ? `verify('${code}') threw ${answer.error}`
        : answer.value === 'null'
          ? `verify('${code}') refused it (null).`
          : `verify('${code}') accepted it: step ${answer.value}.`
      deps.announce(verdict.textContent)
    }
  }

  async function ask(code?: string) {
    if (asking) return
    asking = true
    try {
      secret ??= await deps.secret()
      secretText.textContent = base32(secret)
      const atSeconds = Math.floor(now() / 1000)
      const outcome = await deps.call({
        kind: 'totp',
        secret,
        atSeconds,
        account,
        issuer,
        ...(code === undefined ? {} : { verify: code }),
      })
      if (!outcome) return
      shownStep = Math.floor(atSeconds / period)
      if (outcome.status === 'done' && outcome.report.result.status === 'totp') {
        errors.hidden = true
        showReport(outcome.report.result.report, code)
      } else {
        errors.hidden = false
        current.textContent = '—'
        response.showOutcome(outcome, 10_000)
      }
    } catch (error) {
      errors.hidden = false
      response.showIdle(
        `The playground database could not be opened: ${String((error as Error)?.message ?? error)}`,
      )
    } finally {
      asking = false
    }
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault()
    void ask(typed.value.replace(/\s+/g, ''))
  })
  again.addEventListener('click', () => void ask())
  renew.addEventListener('click', async () => {
    secret = await deps.secret(true)
    shownStep = undefined
    await ask()
    deps.announce('New secret: scan the QR code again.')
  })

  return {
    start() {
      shownStep = undefined
      if (timer === undefined) timer = setInterval(tick, 1000)
      tick()
    },
    stop() {
      if (timer !== undefined) clearInterval(timer)
      timer = undefined
    },
  }
}
