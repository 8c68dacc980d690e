import type { BurstAction, BurstAttempt, CallResult, PlaygroundProblem } from '../protocol'
import type { LoadedCode } from './load'
import { preview } from './printed-values'
import type { AuthLike } from './services'

// taken before any learner code runs, which may replace the globals
const setTimer = setTimeout

type Callable = (...args: unknown[]) => unknown
type Constructible = new (...args: unknown[]) => unknown
type Step = Pick<BurstAttempt, 'attempt' | 'account' | 'client' | 'password'>

/** The file a burst needs besides the service's. */
export const burstFile = 'LoginThrottle.ts'

/** The account, client and password of each attempt of a burst: the wrong ones, then the right one. */
export function burstPlan(action: BurstAction): Step[] {
  const count = Math.max(1, Math.min(200, Math.floor(action.wrongAttempts) || 1))
  const { username } = action.user
  // documentation addresses (RFC 5737): one attacker's machine, or a new one for every attempt
  const client = (index: number) =>
    action.scenario === 'many-clients' ? `198.51.100.${index + 1}` : '203.0.113.7'
  const wrong = Array.from(
    { length: count },
    (_, index): Step => ({
      attempt: index + 1,
      account: action.scenario === 'many-accounts' ? `user${index + 1}` : username,
      client: client(index),
      password: 'wrong',
    }),
  )
  return [...wrong, { attempt: count + 1, account: username, client: client(count), password: 'right' }]
}

const nameOf = (value: unknown) =>
  value !== null && typeof value === 'object' && 'name' in value ? String(value.name) : ''

const describe = (value: unknown) =>
  value instanceof Error || nameOf(value)
    ? `${nameOf(value) || 'Error'}: ${String((value as { message?: unknown }).message ?? '')}`
    : `threw ${preview(value)}`

/** Why the learner's LoginThrottle.ts cannot run a burst; empty when it can. */
function missing(code: LoadedCode): PlaygroundProblem[] {
  const exports = code.namespaces.get(burstFile) ?? {}
  return [
    ['LoginThrottle', 'new LoginThrottle()'],
    ['throttledLogin', 'throttledLogin(auth, throttle, username, password, client)'],
  ].flatMap(([name = '', use = '']) =>
    typeof exports[name] === 'function'
      ? []
      : [{ file: burstFile, message: `${burstFile} does not export ${name}: the burst calls ${use}.` }],
  )
}

/**
 * Fires a burst of logins through the learner's `throttledLogin` with a fresh `new LoginThrottle()` (their
 * defaults, the real clock) and reports each attempt: signed in, refused (AuthError), locked
 * (TooManyAttemptsError and its `retryAfter`) or another error, and whether it reached `auth.login`.
 */
export async function runBurst(action: BurstAction, auth: AuthLike, code: LoadedCode): Promise<CallResult> {
  const problems = missing(code)
  if (problems.length) return { status: 'unusable', problems }
  const throttleExports = code.namespaces.get(burstFile) ?? {}
  const authExports = code.namespaces.get('AuthService.ts') ?? {}
  const isA = (value: unknown, exported: unknown, name: string) =>
    typeof exported === 'function' ? value instanceof exported : nameOf(value) === name

  let registered: 'created' | 'existing' = 'created'
  try {
    await auth.register({ ...action.user })
  } catch (thrown) {
    // already registered by an earlier burst or by hand: log in with the password given
    if (!isA(thrown, authExports.ConflictError, 'ConflictError')) {
      return {
        status: 'threw',
        error: { name: nameOf(thrown) || 'Error', message: describe(thrown) },
        context: `Registering ${action.user.username} for the burst failed`,
      }
    }
    registered = 'existing'
  }

  let throttle: unknown
  try {
    throttle = new (throttleExports.LoginThrottle as Constructible)()
  } catch (thrown) {
    return {
      status: 'threw',
      error: { name: nameOf(thrown) || 'Error', message: describe(thrown) },
      context: 'new LoginThrottle() threw',
    }
  }
  const throttledLogin = throttleExports.throttledLogin as Callable
  let checked = false
  // the learner's AuthService as throttledLogin sees it, with login watched: a locked attempt never gets there
  const watched: AuthLike = Object.create(auth as object)
  watched.login = (username: string, password: string) => {
    checked = true
    return auth.login(username, password)
  }

  const attempts: BurstAttempt[] = []
  for (const step of burstPlan(action)) {
    checked = false
    const password = step.password === 'right' ? action.user.password : 'Wrong-Guess-0'
    let attempt: BurstAttempt
    try {
      await throttledLogin(watched, throttle, step.account, password, step.client)
      attempt = { ...step, outcome: 'signed-in', checkedPassword: checked }
    } catch (thrown) {
      if (isA(thrown, throttleExports.TooManyAttemptsError, 'TooManyAttemptsError')) {
        const retryAfter = (thrown as { retryAfter?: unknown }).retryAfter
        attempt = {
          ...step,
          outcome: 'locked',
          retryAfter: typeof retryAfter === 'number' ? retryAfter : preview(retryAfter),
          checkedPassword: checked,
        }
      } else if (isA(thrown, authExports.AuthError, 'AuthError')) {
        attempt = { ...step, outcome: 'refused', checkedPassword: checked }
      } else {
        attempt = { ...step, outcome: 'threw', message: describe(thrown), checkedPassword: checked }
      }
    }
    attempts.push(attempt)
    // Web Crypto answers without a task turn in between: let the sandbox's heartbeat through
    await new Promise((resolve) => setTimer(resolve, 0))
  }
  return { status: 'burst', registered, attempts }
}
