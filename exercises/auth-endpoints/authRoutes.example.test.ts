import { afterEach, beforeEach, expect, it } from 'vitest'
import { AuthService } from './AuthService'
import { createAuthHandler } from './authRoutes'
import { PasswordManager } from './PasswordManager'
import { SimpleJWT } from './SimpleJWT'
import { openUserStore, type UserStore } from './UserStore'

// How the hidden tests call your handler: a real AuthService over a fresh IndexedDB store, and standard
// Fetch API Requests on http://localhost. No server is started: the handler is just a function.
let dbName: string
let users: UserStore & { close(): void }
let handler: (request: Request) => Promise<Response>

beforeEach(async () => {
  dbName = `authlab-example-${crypto.randomUUID()}`
  users = await openUserStore(dbName)
  const jwt = new SimpleJWT(crypto.getRandomValues(new Uint8Array(32)))
  const auth = new AuthService({ users, passwords: new PasswordManager({ iterations: 1000 }), jwt })
  handler = createAuthHandler(auth)
})

afterEach(async () => {
  users.close()
  await new Promise((resolve) => {
    indexedDB.deleteDatabase(dbName).onsuccess = resolve
  })
})

const alice = { username: 'alice', email: 'alice@example.com', password: 'Correct-Horse-42' }

function postJson(path: string, body: unknown): Request {
  return new Request(`http://localhost${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
}

it('registers alice with 201 and her public fields', async () => {
  const response = await handler(postJson('/register', alice))
  expect(response.status, 'a created user is 201').toBe(201)
  expect(response.headers.get('content-type'), 'every answer is JSON').toMatch(/^application\/json/)
  expect(await response.json(), 'the public user, never the hash').toEqual({
    id: 1,
    username: 'alice',
    email: 'alice@example.com',
    role: 'reader',
    isActive: true,
    createdAt: expect.any(String),
  })
})

it('logs alice in and reads her profile with the token', async () => {
  await handler(postJson('/register', alice))
  const login = await handler(postJson('/login', { username: 'alice', password: alice.password }))
  const { access_token, token_type } = await login.json()
  expect(token_type, 'RFC 6749 field names').toBe('bearer')
  const profile = await handler(
    new Request('http://localhost/profile', { headers: { authorization: `Bearer ${access_token}` } }),
  )
  expect(profile.status, 'a valid token opens /profile').toBe(200)
  expect((await profile.json()).username, 'the profile is alice').toBe('alice')
  const anonymous = await handler(new Request('http://localhost/profile'))
  expect(anonymous.status, 'no token: 401').toBe(401)
  expect(anonymous.headers.get('www-authenticate'), 'and a Bearer challenge').toBe('Bearer')
})
