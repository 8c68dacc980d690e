import { AuthError, type AuthService } from './AuthService'

/** How strict the throttle is. Times are in seconds. */
export interface ThrottleOptions {
  /** Failures of one account within the window that lock it; the next attempt is refused. Default 5. */
  maxFailures?: number
  /** A failure counts for this many seconds, then it is forgotten. Default 900 (15 minutes). */
  windowSeconds?: number
  /** How long a lock lasts, from the failure that set it. Default 900. */
  lockSeconds?: number
  /** Failures of one client (e.g. an IP address) within the window, across all accounts. Default 50. */
  maxClientFailures?: number
  /** The clock, in seconds since the epoch; default `Date.now() / 1000`. */
  now?: () => number
}

/** May this login attempt go ahead? If not, `retryAfter` is the wait in whole seconds, at least 1. */
export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfter: number }

/** A login refused because the account or the client is locked. Ready to use. */
export class TooManyAttemptsError extends Error {
  /** Whole seconds to wait, as in an HTTP `Retry-After` header. */
  readonly retryAfter: number

  constructor(retryAfter: number) {
    super(`Too many failed login attempts: try again in ${retryAfter} seconds`)
    this.name = 'TooManyAttemptsError'
    this.retryAfter = retryAfter
  }
}

/**
 * Counts failed logins per account and per client, and locks either for a while once it has
 * too many. It knows nothing of users: a name that belongs to nobody counts like any other.
 */
export class LoginThrottle {
  constructor(options: ThrottleOptions = {}) {
    // TODO: keep each option, or its default: 5, 900, 900, 50, () => Date.now() / 1000.
    // TODO: two Maps, one for accounts and one for clients, each key -> its recent failure
    //       times and the time its lock ends.
    void options // placeholder that keeps the linter quiet; delete it
  }

  /**
   * Refuses while the account (compared ignoring case) or the client is locked. `retryAfter`
   * is the time until the later lock ends, rounded UP to whole seconds (so at least 1).
   */
  async check(account: string, client: string): Promise<ThrottleDecision> {
    // TODO: lockedUntil of the account and of the client; wait = the later one - now.
    // TODO: wait > 0: { allowed: false, retryAfter: Math.ceil(wait) }; else { allowed: true }.
    throw new Error('Not implemented yet: check — see the lesson')
  }

  /**
   * Counts a failed login against the account and the client. Failures older than
   * windowSeconds are forgotten. The failure that brings an account to maxFailures (a client
   * to maxClientFailures) locks it for lockSeconds; the lock replaces its failures.
   */
  async recordFailure(account: string, client: string): Promise<void> {
    // TODO: for the account (lower-cased) and for the client: drop failures with
    //       now - at >= windowSeconds, add now, and at the limit lock until now + lockSeconds
    //       and empty the list.
    throw new Error('Not implemented yet: recordFailure — see the lesson')
  }

  /** After a correct password: clears this account's failures, and nothing else. */
  async recordSuccess(account: string, client: string): Promise<void> {
    // TODO: forget this account (lower-cased). Leave other accounts and the client alone.
    throw new Error('Not implemented yet: recordSuccess — see the lesson')
  }
}

/**
 * `auth.login` behind the throttle. Checks first: when refused, throws TooManyAttemptsError
 * without calling auth.login. An AuthError is counted with recordFailure and rethrown; any
 * other error is rethrown uncounted; a successful login is recorded and its result returned.
 */
export async function throttledLogin(
  auth: AuthService,
  throttle: LoginThrottle,
  username: string,
  password: string,
  client: string,
): ReturnType<AuthService['login']> {
  // TODO: throttle.check, then auth.login inside try/catch (error instanceof AuthError),
  //       then throttle.recordSuccess.
  void [AuthError, auth, throttle, username, password, client] // placeholder; delete it
  throw new Error('Not implemented yet: throttledLogin — see the lesson')
}
