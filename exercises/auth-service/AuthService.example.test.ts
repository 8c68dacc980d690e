import { afterEach, beforeEach, expect, it } from 'vitest'
import { AuthService } from './AuthService'
import { PasswordManager } from './PasswordManager'
import { SimpleJWT } from './SimpleJWT'
import { openUserStore, type UserStore } from './UserStore'

// How the hidden tests build a service: a fresh IndexedDB store per test, a cheap PasswordManager (1000
// iterations, so tests stay fast), and a SimpleJWT with a random secret and a clock the test controls.
let dbName: string
let users: UserStore & { close(): void }
let now: number
let jwt: SimpleJWT
let auth: AuthService

beforeEach(async () => {
  dbName = `authlab-example-${crypto.randomUUID()}`
  users = await openUserStore(dbName)
  now = 1_900_000_000
  jwt = new SimpleJWT(crypto.getRandomValues(new Uint8Array(32)), { now: () => now })
  auth = new AuthService({ users, passwords: new PasswordManager({ iterations: 1000 }), jwt })
})

afterEach(async () => {
  users.close()
  await new Promise((resolve) => {
    indexedDB.deleteDatabase(dbName).onsuccess = resolve
  })
})

const alice = { username: 'alice', email: 'alice@example.com', password: 'Correct-Horse-42' }

it('registers alice as an active reader, without her hash', async () => {
  const user = await auth.register(alice)
  expect(user, 'register returns the public user').toEqual({
    id: 1,
    username: 'alice',
    email: 'alice@example.com',
    role: 'reader',
    isActive: true,
    createdAt: expect.any(String),
  })
})

it('logs alice in and recognises her by the token', async () => {
  const registered = await auth.register(alice)
  const session = await auth.login('alice', alice.password)
  expect(session.tokenType, 'login returns a bearer token').toBe('bearer')
  expect(await jwt.decode(session.accessToken), 'the token names alice by her id').toMatchObject({
    sub: String(registered.id),
    username: 'alice',
    role: 'reader',
  })
  expect(await auth.getCurrentUser(session.accessToken), 'the token leads back to alice').toEqual(registered)
  expect(await auth.getCurrentUser('not-a-token'), 'anything else is null').toBeNull()
})
