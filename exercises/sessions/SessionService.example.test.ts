// Visible examples: how the tests build a SessionService, and one happy path. Not graded.
import { afterEach, expect, it } from 'vitest'
import { openRefreshTokenStore } from './RefreshTokenStore'
import { SessionService } from './SessionService'
import { SimpleJWT } from './SimpleJWT'
import { openUserStore } from './UserStore'

const names: string[] = []
const closers: (() => void)[] = []

afterEach(async () => {
  for (const close of closers.splice(0)) close()
  for (const name of names.splice(0)) {
    await new Promise((resolve) => {
      const request = indexedDB.deleteDatabase(name)
      request.onsuccess = request.onerror = resolve
    })
  }
})

async function setUp() {
  let now = 1_900_000_000
  const run = crypto.randomUUID()
  names.push(`example-users-${run}`, `example-tokens-${run}`)
  const users = await openUserStore(`example-users-${run}`)
  const store = await openRefreshTokenStore(`example-tokens-${run}`)
  closers.push(users.close, store.close)
  // one clock for both, in seconds: the tests move it forward with `now += 60`
  const clock = () => now
  const jwt = new SimpleJWT(crypto.getRandomValues(new Uint8Array(32)), { now: clock, expiresIn: 900 })
  const sessions = new SessionService({ jwt, store, users }, { refreshTtlSeconds: 86_400, now: clock })
  const alice = await users.create({
    username: 'alice',
    email: 'alice@example.com',
    hashedPassword: 'pbkdf2_sha256$...',
    role: 'reader',
    isActive: true,
  })
  return { sessions, jwt, alice, later: (seconds: number) => (now += seconds) }
}

it('starts a session whose access token verifies and names the user', async () => {
  const { sessions, alice } = await setUp()
  const { accessToken, refreshToken, refreshExpiresAt } = await sessions.start(alice)
  expect(refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/)
  expect(refreshExpiresAt).toBe(1_900_000_000 + 86_400)
  expect(await sessions.verifyAccess(accessToken)).toEqual(
    expect.objectContaining({ sub: String(alice.id), username: 'alice', role: 'reader' }),
  )
})

it('refreshes into a new pair of the same session', async () => {
  const { sessions, jwt, alice, later } = await setUp()
  const first = await sessions.start(alice)
  later(60)
  const second = await sessions.refresh(first.refreshToken)
  expect(second.refreshToken).not.toBe(first.refreshToken)
  expect((await jwt.decode(second.accessToken)).sid).toBe((await jwt.decode(first.accessToken)).sid)
})
