import type { Exercise } from '../content/catalogue'
import type { CallOutcome, PlaygroundClient } from '../playground/playground-client'
import type { PlaygroundDb } from '../playground/playground-db'
import type { PlaygroundAction, PlaygroundMode } from '../playground/protocol'
import { playgroundIterations, playgroundModeOf, tokenFrom } from '../playground/requests'
import { sandboxTiming } from '../sandbox/timing'
import type { Reveal } from './code-links'
import { h } from './dom'
import { mountBurst } from './playground-burst'
import { mountRequestBuilder } from './playground-request'
import { mountResponseView } from './playground-response'
import { mountServiceCaller } from './playground-service'
import { mountTokenInspector } from './playground-token'
import { mountTotpView } from './playground-totp'
import { mountUsersTable } from './playground-users'

export interface PlaygroundDeps {
  /** The learner's files as the editor has them now, by path. */
  readonly contents: () => Readonly<Record<string, string>>
  readonly client: PlaygroundClient
  readonly db: PlaygroundDb
  readonly announce: (text: string) => void
  /** Shows a place in a learner file (from a stack frame of the learner's code). */
  readonly reveal: Reveal
}

export interface PlaygroundPanel {
  /** Switches to an exercise; true when the playground can call its code (the tab should be shown). */
  show(exercise: Exercise | undefined): boolean
}

const iterations = playgroundIterations.toLocaleString('en-US')

function intro(mode: PlaygroundMode, db: string, budgetMs: number): HTMLElement {
  const seconds = Math.round(budgetMs / 1000)
  // a busy loop is stopped by the watchdog, long before the budget (sandbox/timing.ts)
  const stalled = Math.round((sandboxTiming.unresponsiveAfterMs + sandboxTiming.terminationGraceMs) / 1000)
  if (mode === 'totp') {
    return h(
      'p',
      { class: 'pg-intro' },
      'Calls ',
      h('code', {}, 'new Totp(secret)'),
      ' from your current ',
      h('code', {}, 'Totp.ts'),
      ` (unsaved edits too) in a worker, with a secret of 20 random bytes kept in IndexedDB `,
      h('code', {}, db),
      '. Every code below is computed by your code.',
    )
  }
  const [callee, file] =
    mode === 'http' ? ['createAuthHandler(auth)', 'authRoutes.ts'] : ['new AuthService(…)', 'AuthService.ts']
  return h(
    'p',
    { class: 'pg-intro' },
    `${mode === 'http' ? 'Sends requests to' : 'Calls'} `,
    h('code', {}, callee),
    ' from your current ',
    h('code', {}, file),
    ` (unsaved edits too) in a worker: a call may take up to ${seconds} s, and code that loops without a pause is stopped after about ${stalled} s. Passwords: your PasswordManager at ${iterations} PBKDF2 iterations, for quick calls. Tokens: your SimpleJWT with a random secret kept in this browser. Users: IndexedDB `,
    h('code', {}, db),
    ', kept across reloads.',
  )
}

/**
 * The API playground: a request builder (or, for the AuthService exercise, a service caller) running the
 * learner's current code in the playground worker, its response, a token inspector and the users table.
 */
export function mountPlayground(root: HTMLElement, deps: PlaygroundDeps): PlaygroundPanel {
  let exercise: Exercise | undefined
  let mode: PlaygroundMode | undefined
  let token: string | undefined
  let busy = false
  const introSlot = h('div')
  const callerCard = h('section', { class: 'pg-card pg-caller', 'aria-label': 'Request' })
  const responseCard = h('section', { class: 'pg-card pg-response', 'aria-label': 'Response' })
  const tokenCard = h('section', { class: 'pg-card pg-token', 'aria-label': 'Token inspector' })
  const usersCard = h('section', { class: 'pg-card pg-users-card', 'aria-label': 'Users' })
  const burstCard = h('section', {
    class: 'pg-card pg-burst-card',
    'aria-label': 'Login burst',
    hidden: true,
  })
  const grid = h('div', { class: 'pg-grid' }, callerCard, responseCard, burstCard, tokenCard, usersCard)
  const totpCard = h('section', {
    class: 'pg-card pg-totp-card',
    'aria-label': 'Your authenticator',
    hidden: true,
  })
  root.replaceChildren(introSlot, grid, totpCard)

  const whereToFix = (file: string) => {
    const found = exercise?.files.find((candidate) => candidate.path === file)
    if (found?.role === 'carried' && found.from) {
      return h(
        'span',
        { class: 'pg-fix-note' },
        ` ${file} is yours from an earlier exercise: fix it in `,
        h('a', { href: `#/${found.from}` }, found.from),
        '.',
      )
    }
    return undefined
  }
  const response = mountResponseView(responseCard, {
    whereToFix,
    announce: deps.announce,
    reveal: deps.reveal,
  })
  const users = mountUsersTable(usersCard, {
    load: () => deps.db.users(),
    clear: () => deps.db.clear(),
    onCleared: () => {
      token = undefined
      caller?.offerToken(undefined)
      inspector.offerToken(undefined)
      inspector.refresh()
    },
    announce: deps.announce,
  })
  const inspector = mountTokenInspector(tokenCard, {
    secret: () => deps.db.secret(),
    userById: (id) => users.users.find((user) => user.id === id),
  })
  let caller: { setBusy(busy: boolean): void; offerToken(token: string | undefined): void } | undefined
  const burst = mountBurst(burstCard, {
    whereToFix,
    announce: deps.announce,
    reveal: deps.reveal,
    onFire: (action) => void perform(action),
  })
  const totp = mountTotpView(totpCard, {
    whereToFix,
    announce: deps.announce,
    reveal: deps.reveal,
    secret: (renew) => deps.db.totpSecret(renew),
    call: (action) => call(action),
    isShown: () => !root.hidden && mode === 'totp' && document.visibilityState === 'visible',
  })

  // the database is opened when the learner first looks, not when an exercise that could use it opens
  let stale = true
  const refreshIfShown = () => {
    if (root.hidden || !mode) return
    if (mode === 'totp') {
      totp.start()
      return
    }
    if (!stale) return
    stale = false
    void users.refresh()
  }
  new MutationObserver(refreshIfShown).observe(root, { attributes: true, attributeFilter: ['hidden'] })

  // in one column the response is below the form: bring its top into the panel's view
  const revealTop = (element: HTMLElement) => {
    const box = element.getBoundingClientRect()
    const view = root.getBoundingClientRect()
    if (box.top < view.top || box.top > view.bottom - 48) root.scrollBy({ top: box.top - view.top - 8 })
  }

  /** Runs one action on the learner's current code; undefined when there is nothing to call or a call is under way. */
  async function call(action: PlaygroundAction): Promise<CallOutcome | undefined> {
    const current = exercise
    const currentMode = mode
    if (!current || !currentMode || busy) return undefined
    busy = true
    try {
      const secret = await deps.db.secret()
      return await deps.client.call(
        {
          mode: currentMode,
          files: { ...deps.contents() },
          allowedImports: current.manifest.allowedImports,
          setup: { dbName: deps.db.name, secret, iterations: playgroundIterations },
          action,
        },
        { budgetMs: current.manifest.timeBudgetMs },
      )
    } finally {
      busy = false
    }
  }

  async function perform(action: PlaygroundAction) {
    const current = exercise
    if (!current || !mode || busy) return
    const view = action.kind === 'burst' ? burst : response
    caller?.setBusy(true)
    burst.setBusy(true)
    view.showBusy()
    try {
      const budgetMs = current.manifest.timeBudgetMs
      const outcome = await call(action)
      if (!outcome) return
      view.showOutcome(outcome, budgetMs)
      revealTop(action.kind === 'burst' ? burstCard : responseCard)
      const fresh = outcome.status === 'done' ? tokenFrom(action, outcome.report.result) : undefined
      if (fresh) {
        token = fresh
        caller?.offerToken(token)
        inspector.offerToken(token)
      }
    } catch (error) {
      response.showIdle(
        `The playground database could not be opened: ${String((error as Error)?.message ?? error)}`,
      )
    } finally {
      caller?.setBusy(false)
      burst.setBusy(false)
    }
    await users.refresh()
    inspector.refresh()
  }

  return {
    show(next) {
      exercise = next
      const nextMode = next ? playgroundModeOf(next.files) : undefined
      if (nextMode !== 'totp') totp.stop()
      if (!next || !nextMode) {
        mode = undefined
        return false
      }
      introSlot.replaceChildren(intro(nextMode, deps.db.name, next.manifest.timeBudgetMs))
      grid.hidden = nextMode === 'totp'
      totpCard.hidden = nextMode !== 'totp'
      burstCard.hidden = !next.files.some((file) => file.path === 'LoginThrottle.ts')
      if (nextMode === 'totp') {
        mode = nextMode
        refreshIfShown()
        return true
      }
      if (nextMode !== mode) {
        mode = nextMode
        caller =
          nextMode === 'http'
            ? mountRequestBuilder(callerCard, {
                onSend: (request) => void perform({ kind: 'http', request }),
              })
            : mountServiceCaller(callerCard, { onCall: (action) => void perform(action) })
        caller.offerToken(token)
        response.showIdle(
          nextMode === 'http'
            ? 'Pick a preset or write a request, then Send (Ctrl/⌘+Enter).'
            : 'Pick a method, fill in its arguments, then Call (Ctrl/⌘+Enter).',
        )
        stale = true
      }
      refreshIfShown()
      return true
    },
  }
}
