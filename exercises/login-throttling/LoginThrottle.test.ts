import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { AuthError, AuthService } from './AuthService'
import {
  LoginThrottle,
  type ThrottleDecision,
  type ThrottleOptions,
  TooManyAttemptsError,
  throttledLogin,
} from './LoginThrottle'
import { PasswordManager } from './PasswordManager'
import { SimpleJWT } from './SimpleJWT'
import { openUserStore, type UserStore } from './UserStore'

// a quarter past the second, so a lock never ends on a whole second and retryAfter must round
const T0 = 1_900_000_000.25
const CLIENT = '203.0.113.7'
const OTHER_CLIENT = '198.51.100.4'

afterEach(() => {
  vi.restoreAllMocks()
})

/** A throttle on a clock the test moves by hand (`clock.now`, in seconds). */
function throttleAt(options: Omit<ThrottleOptions, 'now'> = {}) {
  const clock = { now: T0 }
  const throttle = new LoginThrottle({ ...options, now: () => clock.now })
  return { clock, throttle }
}

async function fail(throttle: LoginThrottle, account: string, times: number, client = CLIENT) {
  for (let i = 0; i < times; i++) await throttle.recordFailure(account, client)
}

/** `count` failures from one client, each on an account of its own (user1, user2, ...). */
async function failAcross(throttle: LoginThrottle, count: number, client = CLIENT) {
  for (let i = 1; i <= count; i++) await throttle.recordFailure(`user${i}`, client)
}

const allowed: ThrottleDecision = { allowed: true }
const refusedFor = (retryAfter: number): ThrottleDecision => ({ allowed: false, retryAfter })

describe('check and recordFailure: locking an account', () => {
  it('allows an account and a client it has never seen', async () => {
    const { throttle } = throttleAt()
    expect(
      await throttle.check('alice', CLIENT),
      'nothing was recorded yet: check must resolve with { allowed: true }',
    ).toEqual(allowed)
  })

  it('still allows the next attempt after maxFailures - 1 failures', async () => {
    const { throttle } = throttleAt({ maxFailures: 3 })
    await fail(throttle, 'alice', 2)
    expect(
      await throttle.check('alice', CLIENT),
      'maxFailures: 3 lets three wrong passwords through, so after 2 failures the third attempt must be allowed: lock when the count reaches maxFailures, not before',
    ).toEqual(allowed)
  })

  it('refuses attempt maxFailures + 1: maxFailures failures lock the account', async () => {
    const { throttle } = throttleAt({ maxFailures: 3 })
    await fail(throttle, 'alice', 3)
    const decision = await throttle.check('alice', CLIENT)
    expect(
      decision.allowed,
      'after 3 failures with maxFailures: 3, the fourth attempt must be refused ({ allowed: false, retryAfter })',
    ).toBe(false)
  })

  it('answers retryAfter in whole seconds, rounded up', async () => {
    const { clock, throttle } = throttleAt({ maxFailures: 3, lockSeconds: 300 })
    await fail(throttle, 'alice', 3)
    clock.now = T0 + 0.75
    expect(
      await throttle.check('alice', CLIENT),
      'the lock ends 299.25 s from now: retryAfter must be Math.ceil(299.25) = 300. Retry-After takes whole seconds, and rounding down or to the nearest would send the client back before the lock ends',
    ).toEqual(refusedFor(300))
  })

  it('never answers a retryAfter below 1 while the account is locked', async () => {
    const { clock, throttle } = throttleAt({ maxFailures: 3, lockSeconds: 300 })
    await fail(throttle, 'alice', 3)
    clock.now = T0 + 299.75
    expect(
      await throttle.check('alice', CLIENT),
      'a quarter of a second of lock is left: that is retryAfter 1 (round up), never 0, which would say "try now" to a client that will be refused',
    ).toEqual(refusedFor(1))
  })

  it('counts retryAfter down as time passes', async () => {
    const { clock, throttle } = throttleAt({ maxFailures: 3, lockSeconds: 300 })
    await fail(throttle, 'alice', 3)
    clock.now = T0 + 100
    expect(
      await throttle.check('alice', CLIENT),
      '100 s into a 300 s lock, retryAfter is what is left (200), not lockSeconds: keep the time the lock ends and subtract now()',
    ).toEqual(refusedFor(200))
    clock.now = T0 + 250
    expect(await throttle.check('alice', CLIENT), '250 s into a 300 s lock, 50 s are left').toEqual(
      refusedFor(50),
    )
  })

  it('ends the lock lockSeconds after the failure that set it', async () => {
    const { clock, throttle } = throttleAt({ maxFailures: 3, lockSeconds: 300 })
    await fail(throttle, 'alice', 3)
    clock.now = T0 + 299.5
    expect(
      (await throttle.check('alice', CLIENT)).allowed,
      'half a second before the lock ends the account is still locked',
    ).toBe(false)
    clock.now = T0 + 300
    expect(
      await throttle.check('alice', CLIENT),
      'the lock set at t ends at t + lockSeconds: from then on check must allow the attempt again (waiting retryAfter seconds must always be enough)',
    ).toEqual(allowed)
  })

  it('starts the account afresh when its lock ends', async () => {
    const { clock, throttle } = throttleAt({ maxFailures: 3, windowSeconds: 900, lockSeconds: 60 })
    await fail(throttle, 'alice', 3)
    clock.now = T0 + 60
    await fail(throttle, 'alice', 2)
    expect(
      await throttle.check('alice', CLIENT),
      'the three failures that set the lock end with it, although they are still inside the 900 s window: after the lock the account has maxFailures fresh attempts (empty its failures when you lock it)',
    ).toEqual(allowed)
    await fail(throttle, 'alice', 1)
    expect(
      (await throttle.check('alice', CLIENT)).allowed,
      'three new failures after the lock lock the account again',
    ).toBe(false)
  })
})

describe('the window', () => {
  it('forgets a failure windowSeconds after it happened', async () => {
    const { clock, throttle } = throttleAt({ maxFailures: 3, windowSeconds: 60 })
    await fail(throttle, 'alice', 2)
    clock.now = T0 + 60
    await fail(throttle, 'alice', 1)
    expect(
      await throttle.check('alice', CLIENT),
      'the two failures at t are 60 s old, and windowSeconds is 60: they no longer count (keep a failure while now - t < windowSeconds), so one failure in the window does not lock',
    ).toEqual(allowed)
  })

  it('still counts a failure that is inside the window', async () => {
    const { clock, throttle } = throttleAt({ maxFailures: 3, windowSeconds: 60 })
    await fail(throttle, 'alice', 2)
    clock.now = T0 + 59.5
    await fail(throttle, 'alice', 1)
    expect(
      (await throttle.check('alice', CLIENT)).allowed,
      'failures 59.5 s old are inside a 60 s window: with the new one that makes 3, which locks',
    ).toBe(false)
  })

  it('forgets each failure on its own, not the whole window at once', async () => {
    const { clock, throttle } = throttleAt({ maxFailures: 3, windowSeconds: 60 })
    await fail(throttle, 'alice', 1)
    clock.now = T0 + 30
    await fail(throttle, 'alice', 1)
    clock.now = T0 + 70
    await fail(throttle, 'alice', 1)
    expect(
      await throttle.check('alice', CLIENT),
      'at t + 70 the failure at t is forgotten but the one at t + 30 still counts: 2 failures, no lock yet',
    ).toEqual(allowed)
    clock.now = T0 + 80
    await fail(throttle, 'alice', 1)
    expect(
      (await throttle.check('alice', CLIENT)).allowed,
      'at t + 80 the failures at t + 30, t + 70 and t + 80 are all younger than 60 s: 3 failures lock. Keep the time of every failure, instead of one counter that is reset when the window runs out',
    ).toBe(false)
  })
})

describe('accounts', () => {
  it('counts "Alice", "ALICE" and "alice" as one account', async () => {
    const { throttle } = throttleAt({ maxFailures: 3 })
    await throttle.recordFailure('Alice', CLIENT)
    await throttle.recordFailure('ALICE', CLIENT)
    await throttle.recordFailure('alice', CLIENT)
    expect(
      (await throttle.check('aLiCe', CLIENT)).allowed,
      'the user store finds "Alice" when asked for "alice", so all these are one account with 3 failures: compare account names ignoring case (toLowerCase)',
    ).toBe(false)
  })

  it("keeps each account's failures apart", async () => {
    const { throttle } = throttleAt({ maxFailures: 3 })
    await fail(throttle, 'alice', 3)
    expect(
      await throttle.check('bob', OTHER_CLIENT),
      'alice is locked, but bob has no failures: keep one counter per account',
    ).toEqual(allowed)
  })

  it('keeps accounts and clients apart, even when one name is both', async () => {
    const { throttle } = throttleAt({ maxFailures: 3, maxClientFailures: 10 })
    await fail(throttle, CLIENT, 3, OTHER_CLIENT)
    expect(
      await throttle.check('alice', CLIENT),
      `the account named "${CLIENT}" is locked, but the client ${CLIENT} has no failures: keep accounts and clients in separate maps (or prefix their keys)`,
    ).toEqual(allowed)
  })
})

describe('recordSuccess', () => {
  it('clears the failures of its own account', async () => {
    const { throttle } = throttleAt({ maxFailures: 3 })
    await fail(throttle, 'alice', 2)
    await throttle.recordSuccess('alice', CLIENT)
    await fail(throttle, 'alice', 2)
    expect(
      await throttle.check('alice', CLIENT),
      "a successful login forgets the account's earlier failures: 2 failures after it do not lock",
    ).toEqual(allowed)
  })

  it('clears its account whatever the case of the name', async () => {
    const { throttle } = throttleAt({ maxFailures: 3 })
    await fail(throttle, 'alice', 2)
    await throttle.recordSuccess('ALICE', CLIENT)
    await fail(throttle, 'alice', 2)
    expect(
      await throttle.check('alice', CLIENT),
      'a success as "ALICE" is a success of the account "alice": lower-case the name in recordSuccess too',
    ).toEqual(allowed)
  })

  it("does not clear another account's failures (the interleaving bypass)", async () => {
    const { throttle } = throttleAt({ maxFailures: 3 })
    await fail(throttle, 'alice', 2)
    await throttle.recordSuccess('mallory', CLIENT)
    await fail(throttle, 'alice', 1)
    expect(
      (await throttle.check('alice', CLIENT)).allowed,
      "an attacker who owns the account mallory logs in to it between guesses at alice's password: clear only the account that succeeded, or the attacker gets unlimited guesses",
    ).toBe(false)
  })

  it("does not clear the client's failures", async () => {
    const { throttle } = throttleAt({ maxClientFailures: 4 })
    await failAcross(throttle, 3)
    await throttle.recordSuccess('mallory', CLIENT)
    await throttle.recordFailure('user4', CLIENT)
    expect(
      (await throttle.check('user5', CLIENT)).allowed,
      'the client tried 4 accounts and failed (maxClientFailures: 4); its success on its own account in between must not reset the client count, or the interleaving bypass works against the client limit',
    ).toBe(false)
  })
})

describe('the client limit', () => {
  it('locks a client after maxClientFailures failures across many accounts (credential stuffing)', async () => {
    const { throttle } = throttleAt({ maxClientFailures: 4, lockSeconds: 120 })
    await failAcross(throttle, 4)
    expect(
      await throttle.check('someone-new', CLIENT),
      'one client failed once on each of 4 accounts (maxClientFailures: 4): no account is locked, but the client is, for lockSeconds (120), whatever account it tries next',
    ).toEqual(refusedFor(120))
  })

  it('still allows a client with maxClientFailures - 1 failures', async () => {
    const { throttle } = throttleAt({ maxClientFailures: 4 })
    await failAcross(throttle, 3)
    expect(
      await throttle.check('someone-new', CLIENT),
      'the client has 3 failures and maxClientFailures is 4: lock the client when its count reaches the limit, not before',
    ).toEqual(allowed)
  })

  it('still lets other clients try those accounts', async () => {
    const { throttle } = throttleAt({ maxClientFailures: 4 })
    await failAcross(throttle, 4)
    expect(
      await throttle.check('user1', OTHER_CLIENT),
      'the client lock is for that client only: user1 has a single failure, so another client may still try it',
    ).toEqual(allowed)
  })

  it('ends the client lock lockSeconds after the failure that set it', async () => {
    const { clock, throttle } = throttleAt({ maxClientFailures: 4, lockSeconds: 120 })
    await failAcross(throttle, 4)
    clock.now = T0 + 119.75
    expect(
      await throttle.check('someone-new', CLIENT),
      'a quarter of a second of the client lock is left: retryAfter 1',
    ).toEqual(refusedFor(1))
    clock.now = T0 + 120
    expect(
      await throttle.check('someone-new', CLIENT),
      'a client lock ends lockSeconds after the failure that set it, like an account lock',
    ).toEqual(allowed)
  })

  it('answers the later end when both the account and the client are locked', async () => {
    const { clock, throttle } = throttleAt({ maxFailures: 3, maxClientFailures: 5, lockSeconds: 100 })
    await fail(throttle, 'alice', 3)
    clock.now = T0 + 40
    await fail(throttle, 'bob', 2)
    expect(
      await throttle.check('alice', CLIENT),
      "alice's lock ends in 60 s and the client's (set by its fifth failure, on bob) in 100 s: the attempt may go ahead only when both have ended, so retryAfter is 100",
    ).toEqual(refusedFor(100))
    expect(
      await throttle.check('alice', OTHER_CLIENT),
      'from another client only the account lock applies: 60 s',
    ).toEqual(refusedFor(60))
  })
})

describe('defaults', () => {
  it('locks an account after 5 failures by default', async () => {
    const { throttle } = throttleAt()
    await fail(throttle, 'alice', 4)
    expect(
      await throttle.check('alice', CLIENT),
      'maxFailures defaults to 5: 4 failures do not lock',
    ).toEqual(allowed)
    await fail(throttle, 'alice', 1)
    expect(
      (await throttle.check('alice', CLIENT)).allowed,
      'maxFailures defaults to 5: 5 failures lock',
    ).toBe(false)
  })

  it('locks for 900 seconds by default', async () => {
    const { clock, throttle } = throttleAt()
    await fail(throttle, 'alice', 5)
    expect(await throttle.check('alice', CLIENT), 'lockSeconds defaults to 900').toEqual(refusedFor(900))
    clock.now = T0 + 900
    expect(await throttle.check('alice', CLIENT), 'the default lock ends after 900 s').toEqual(allowed)
  })

  it('forgets failures after 900 seconds by default', async () => {
    const { clock, throttle } = throttleAt()
    await fail(throttle, 'alice', 4)
    await fail(throttle, 'bob', 4)
    clock.now = T0 + 899.5
    await fail(throttle, 'alice', 1)
    expect(
      (await throttle.check('alice', CLIENT)).allowed,
      'windowSeconds defaults to 900: failures 899.5 s old still count, so this fifth one locks',
    ).toBe(false)
    clock.now = T0 + 900
    await fail(throttle, 'bob', 1)
    expect(
      await throttle.check('bob', CLIENT),
      'windowSeconds defaults to 900: failures 900 s old are forgotten, so one new failure does not lock',
    ).toEqual(allowed)
  })

  it('locks a client after 50 failures by default', async () => {
    const { throttle } = throttleAt()
    await failAcross(throttle, 49)
    expect(
      await throttle.check('someone-new', CLIENT),
      'maxClientFailures defaults to 50: 49 failures do not lock the client',
    ).toEqual(allowed)
    await throttle.recordFailure('user50', CLIENT)
    expect(
      (await throttle.check('someone-new', CLIENT)).allowed,
      'maxClientFailures defaults to 50: the fiftieth failure locks the client',
    ).toBe(false)
  })

  it('reads the system clock in seconds when no clock is given', async () => {
    const throttle = new LoginThrottle()
    await fail(throttle, 'alice', 5)
    await new Promise((resolve) => setTimeout(resolve, 20))
    const decision = await throttle.check('alice', CLIENT)
    const retryAfter = decision.allowed ? 0 : decision.retryAfter
    expect(
      retryAfter,
      'about 900 s of lock should be left 20 ms after locking: the default clock is Date.now() / 1000 (seconds), not Date.now() (milliseconds)',
    ).toBeGreaterThanOrEqual(895)
    expect(retryAfter, 'a 900 s lock cannot have more than 900 s left').toBeLessThanOrEqual(900)
  })
})

describe('throttledLogin', () => {
  const alice = { username: 'alice', email: 'alice@example.com', password: 'Correct-Horse-42' }
  const wrong = 'Wrong-Guess-1'
  let dbName: string
  let users: UserStore & { close(): void }
  let auth: AuthService
  let clock: { now: number }
  let throttle: LoginThrottle

  beforeEach(async () => {
    dbName = `authlab-test-${crypto.randomUUID()}`
    users = await openUserStore(dbName)
    const jwt = new SimpleJWT(crypto.getRandomValues(new Uint8Array(32)), { now: () => 1_900_000_000 })
    auth = new AuthService({ users, passwords: new PasswordManager({ iterations: 1000 }), jwt })
    await auth.register(alice)
    ;({ clock, throttle } = throttleAt({ maxFailures: 3, lockSeconds: 60 }))
  })

  afterEach(async () => {
    users.close()
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.deleteDatabase(dbName)
      request.onsuccess = () => resolve()
      request.onerror = () => reject(request.error)
    })
  })

  /** What throttledLogin resolved with, or the error it rejected with. */
  async function attempt(username: string, password: string, client = CLIENT, using = throttle) {
    try {
      return await throttledLogin(auth, using, username, password, client)
    } catch (error) {
      return error
    }
  }

  it('returns what auth.login returns for the right password', async () => {
    const login = vi.spyOn(auth, 'login')
    const outcome = await attempt('alice', alice.password)
    expect(login, 'throttledLogin must call auth.login(username, password)').toHaveBeenCalledWith(
      'alice',
      alice.password,
    )
    expect(outcome, 'resolve with the session auth.login resolved with').toEqual(
      await login.mock.results[0]?.value,
    )
  })

  it('rejects with the AuthError of a wrong password', async () => {
    const outcome = await attempt('alice', wrong)
    expect(
      outcome,
      "a wrong password is still a failed login: record the failure, then rethrow auth.login's AuthError",
    ).toBeInstanceOf(AuthError)
    expect((outcome as Error).message, 'rethrow the AuthError itself').toBe('Invalid credentials')
  })

  it('counts each wrong password: attempt maxFailures + 1 rejects with TooManyAttemptsError', async () => {
    for (let i = 1; i <= 3; i++) {
      expect(
        await attempt('alice', wrong),
        `attempt ${i} of 3 (maxFailures: 3) must still reach auth.login and fail with its AuthError`,
      ).toBeInstanceOf(AuthError)
    }
    const outcome = await attempt('alice', wrong)
    expect(
      outcome,
      'the fourth attempt after 3 wrong passwords must be refused: record a failure for each AuthError, and check before calling auth.login',
    ).toBeInstanceOf(TooManyAttemptsError)
    expect((outcome as TooManyAttemptsError).retryAfter, 'the lock was set just now: 60 s are left').toBe(60)
  })

  it('gives TooManyAttemptsError the retryAfter that check answers', async () => {
    for (let i = 0; i < 3; i++) await attempt('alice', wrong)
    clock.now = T0 + 20.5
    const outcome = await attempt('alice', wrong)
    expect(outcome, 'the account is locked').toBeInstanceOf(TooManyAttemptsError)
    expect(
      (outcome as TooManyAttemptsError).retryAfter,
      'throw new TooManyAttemptsError(decision.retryAfter) with the retryAfter from check: 39.5 s are left, so 40',
    ).toBe(40)
  })

  it('does not call auth.login while the account is locked, so no password is verified', async () => {
    for (let i = 0; i < 3; i++) await attempt('alice', wrong)
    const login = vi.spyOn(auth, 'login')
    expect(await attempt('alice', wrong), 'the account is locked').toBeInstanceOf(TooManyAttemptsError)
    expect(await attempt('alice', alice.password), 'the account is locked').toBeInstanceOf(
      TooManyAttemptsError,
    )
    expect(
      login,
      'while the account is locked, refuse before auth.login: the password must not reach PBKDF2 at all (check first, then log in)',
    ).not.toHaveBeenCalled()
  })

  it('refuses even the correct password while the account is locked', async () => {
    for (let i = 0; i < 3; i++) await attempt('alice', wrong)
    expect(
      await attempt('alice', alice.password),
      'a lock that lets the right password through tells the attacker when a guess was right: refuse every attempt while locked',
    ).toBeInstanceOf(TooManyAttemptsError)
  })

  it('lets the correct password in once the lock has ended', async () => {
    for (let i = 0; i < 3; i++) await attempt('alice', wrong)
    clock.now = T0 + 60
    const outcome = (await attempt('alice', alice.password)) as { user?: { username?: string } }
    expect(outcome?.user?.username, 'after lockSeconds the account may log in again').toBe('alice')
  })

  it("clears the account's failures after a successful login", async () => {
    await attempt('alice', wrong)
    await attempt('alice', wrong)
    await attempt('alice', alice.password)
    for (let i = 1; i <= 2; i++) {
      expect(
        await attempt('alice', wrong),
        `wrong password ${i} after a successful login: the success cleared the earlier failures (throttle.recordSuccess after auth.login resolves), so this must still reach auth.login`,
      ).toBeInstanceOf(AuthError)
    }
  })

  it('throttles an unknown username exactly like a registered one (no enumeration)', async () => {
    for (let i = 0; i < 3; i++) {
      await attempt('alice', wrong, CLIENT)
      await attempt('nobody', wrong, OTHER_CLIENT)
    }
    clock.now = T0 + 10
    const known = await attempt('alice', wrong, CLIENT)
    const unknown = await attempt('nobody', wrong, OTHER_CLIENT)
    expect(known, 'alice (registered) failed 3 times: locked').toBeInstanceOf(TooManyAttemptsError)
    expect(
      unknown,
      'nobody (no such user) failed 3 times too and must be locked the same way: if only real accounts lock, the lock tells an attacker which usernames exist',
    ).toBeInstanceOf(TooManyAttemptsError)
    expect(
      (unknown as TooManyAttemptsError).retryAfter,
      'same failures at the same times, same retryAfter, registered or not',
    ).toBe((known as TooManyAttemptsError).retryAfter)
  })

  it('throttles "Alice" and "alice" as one account', async () => {
    await attempt('Alice', wrong)
    await attempt('ALICE', wrong)
    await attempt('alice', wrong)
    expect(
      await attempt('alice', alice.password),
      'auth.login accepts "Alice" for alice, so three wrong passwords under three spellings are three failures of one account',
    ).toBeInstanceOf(TooManyAttemptsError)
  })

  it('passes any other error on unchanged, without counting it as a failure', async () => {
    const failure = new Error('The disk is full')
    vi.spyOn(auth, 'login').mockRejectedValue(failure)
    for (let i = 1; i <= 4; i++) {
      expect(
        await attempt('alice', wrong),
        `call ${i}: auth.login failed for a reason that is not the user's (not an AuthError): rethrow that error as it is, and do not record a failure`,
      ).toBe(failure)
    }
    expect(
      await throttle.check('alice', CLIENT),
      'four store failures are not four wrong passwords: the account must not be locked',
    ).toEqual(allowed)
  })

  it('does not clear the failures when login fails for another reason', async () => {
    await attempt('alice', wrong)
    await attempt('alice', wrong)
    vi.spyOn(auth, 'login').mockRejectedValueOnce(new Error('The disk is full'))
    await attempt('alice', alice.password)
    await attempt('alice', wrong)
    expect(
      await attempt('alice', alice.password),
      'a failed store is not a successful login: record a success only when auth.login resolves, so 3 wrong passwords still lock',
    ).toBeInstanceOf(TooManyAttemptsError)
  })

  it('stops one client that tries a password on many accounts', async () => {
    const { throttle: strict } = throttleAt({ maxClientFailures: 4 })
    for (let i = 1; i <= 4; i++) await attempt(`user${i}`, wrong, CLIENT, strict)
    expect(
      await attempt('alice', alice.password, CLIENT, strict),
      'this client failed on 4 accounts (maxClientFailures: 4): refuse it on any account, before auth.login',
    ).toBeInstanceOf(TooManyAttemptsError)
    const outcome = (await attempt('alice', alice.password, OTHER_CLIENT, strict)) as {
      user?: { username?: string }
    }
    expect(outcome?.user?.username, 'alice herself, from another client, may still log in').toBe('alice')
  })
})
