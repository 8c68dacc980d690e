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

// Stryker disable all: the error class comes ready-made in the starter; learners do not write it
/** A login refused because the account or the client is locked; `retryAfter` is in whole seconds. */
export class TooManyAttemptsError extends Error {
  readonly retryAfter: number

  constructor(retryAfter: number) {
    super(`Too many failed login attempts: try again in ${retryAfter} seconds`)
    this.name = 'TooManyAttemptsError'
    this.retryAfter = retryAfter
  }
}
// Stryker restore all

/** The recent failures of one account or one client, and the end of its lock (0: never locked). */
interface Counter {
  failures: number[]
  lockedUntil: number
}

// the user store finds "Alice" as "alice", so the throttle must count them as one account
const accountKey = (account: string) => account.toLowerCase()

/**
 * Counts failed logins per account and per client, and locks either for a while once it has too many.
 * It knows nothing of users, so names that belong to nobody are counted like any other.
 */
export class LoginThrottle {
  private readonly maxFailures: number
  private readonly windowSeconds: number
  private readonly lockSeconds: number
  private readonly maxClientFailures: number
  private readonly now: () => number
  // two maps, so an account that is named like a client address never shares its counter
  private readonly accounts = new Map<string, Counter>()
  private readonly clients = new Map<string, Counter>()

  constructor(options: ThrottleOptions = {}) {
    this.maxFailures = options.maxFailures ?? 5
    this.windowSeconds = options.windowSeconds ?? 900
    this.lockSeconds = options.lockSeconds ?? 900
    this.maxClientFailures = options.maxClientFailures ?? 50
    this.now = options.now ?? (() => Date.now() / 1000)
  }

  /** Refuses while the account or the client is locked; `retryAfter` is the later of the two ends. */
  async check(account: string, client: string): Promise<ThrottleDecision> {
    const now = this.now()
    const accountLock = this.accounts.get(accountKey(account))?.lockedUntil ?? 0
    const clientLock = this.clients.get(client)?.lockedUntil ?? 0
    const wait = Math.max(accountLock, clientLock) - now
    // Retry-After is whole seconds: round up, so that waiting retryAfter seconds is always enough
    return wait > 0 ? { allowed: false, retryAfter: Math.ceil(wait) } : { allowed: true }
  }

  /** Counts a failed login against the account and against the client. */
  async recordFailure(account: string, client: string): Promise<void> {
    const now = this.now()
    this.count(this.accounts, accountKey(account), this.maxFailures, now)
    this.count(this.clients, client, this.maxClientFailures, now)
  }

  /** Clears the failures of this account only; the client's failures stay counted. */
  async recordSuccess(account: string, _client: string): Promise<void> {
    // a success on the attacker's own account must not buy more guesses at anyone else's,
    // so neither other accounts nor the client are touched
    this.accounts.delete(accountKey(account))
  }

  private count(counters: Map<string, Counter>, key: string, limit: number, now: number): void {
    const counter = counters.get(key) ?? { failures: [], lockedUntil: 0 }
    // each failure is forgotten windowSeconds after it happened
    counter.failures = counter.failures.filter((at) => now - at < this.windowSeconds)
    counter.failures.push(now)
    if (counter.failures.length >= limit) {
      counter.lockedUntil = now + this.lockSeconds
      // the lock stands for these failures: when it ends, the count starts again from zero
      counter.failures = []
    }
    counters.set(key, counter)
  }
}

/**
 * `auth.login` behind the throttle: refuses a locked account or client with {@link TooManyAttemptsError}
 * before any password is checked, counts each `AuthError` and rethrows it, and clears the account's
 * failures after a successful login. Other errors pass through uncounted.
 */
export async function throttledLogin(
  auth: AuthService,
  throttle: LoginThrottle,
  username: string,
  password: string,
  client: string,
): ReturnType<AuthService['login']> {
  const decision = await throttle.check(username, client)
  // before auth.login: a locked account never reaches the password hash, right password or not
  if (!decision.allowed) throw new TooManyAttemptsError(decision.retryAfter)
  let session: Awaited<ReturnType<AuthService['login']>>
  try {
    session = await auth.login(username, password)
  } catch (error) {
    // only wrong credentials count: a failing database is not the user's mistake
    if (error instanceof AuthError) await throttle.recordFailure(username, client)
    throw error
  }
  await throttle.recordSuccess(username, client)
  return session
}
