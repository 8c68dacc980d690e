// Examples of how the hidden tests use your code. Run them; they are not graded.
import { expect, it } from 'vitest'
import { AuthError, AuthService } from './AuthService'
import { LoginThrottle, TooManyAttemptsError, throttledLogin } from './LoginThrottle'
import { PasswordManager } from './PasswordManager'
import { SimpleJWT } from './SimpleJWT'
import { openUserStore } from './UserStore'

it('locks an account after maxFailures failures, until lockSeconds have passed', async () => {
  let now = 1_900_000_000 // the tests move a clock by hand (seconds) instead of waiting
  const throttle = new LoginThrottle({ maxFailures: 3, lockSeconds: 60, now: () => now })
  for (let i = 0; i < 3; i++) {
    expect(await throttle.check('alice', '203.0.113.7')).toEqual({ allowed: true })
    await throttle.recordFailure('alice', '203.0.113.7')
  }
  expect(await throttle.check('alice', '203.0.113.7')).toEqual({ allowed: false, retryAfter: 60 })
  now += 60
  expect(await throttle.check('alice', '203.0.113.7')).toEqual({ allowed: true })
})

it('puts a real AuthService behind the throttle', async () => {
  const dbName = `authlab-example-${crypto.randomUUID()}`
  const users = await openUserStore(dbName)
  try {
    const auth = new AuthService({
      users,
      passwords: new PasswordManager({ iterations: 1000 }),
      jwt: new SimpleJWT(crypto.getRandomValues(new Uint8Array(32))),
    })
    await auth.register({ username: 'alice', email: 'alice@example.com', password: 'Correct-Horse-42' })
    const throttle = new LoginThrottle({ maxFailures: 1 })
    const wrong = throttledLogin(auth, throttle, 'alice', 'Wrong-Guess-1', '203.0.113.7')
    await expect(wrong).rejects.toBeInstanceOf(AuthError)
    const locked = throttledLogin(auth, throttle, 'alice', 'Correct-Horse-42', '203.0.113.7')
    await expect(locked).rejects.toBeInstanceOf(TooManyAttemptsError)
  } finally {
    users.close()
    indexedDB.deleteDatabase(dbName)
  }
})
