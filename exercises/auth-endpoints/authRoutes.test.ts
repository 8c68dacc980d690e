import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { AuthService } from './AuthService'
import { createAuthHandler } from './authRoutes'
import { PasswordManager } from './PasswordManager'
import { SimpleJWT } from './SimpleJWT'
import { openUserStore, type PublicUser, type UserStore } from './UserStore'

const alice = { username: 'alice', email: 'alice@example.com', password: 'Correct-Horse-42' }
const bob = { username: 'bob', email: 'bob@example.com', password: 'Battery-Staple-7' }
const publicKeys = ['createdAt', 'email', 'id', 'isActive', 'role', 'username']
const LIMIT = 64 * 1024

let dbName: string
let users: UserStore & { close(): void }
let jwt: SimpleJWT
let now: number
let auth: AuthService
let handler: (request: Request) => Promise<Response>

beforeEach(async () => {
  dbName = `authlab-test-${crypto.randomUUID()}`
  users = await openUserStore(dbName)
  now = 1_900_000_000
  jwt = new SimpleJWT(crypto.getRandomValues(new Uint8Array(32)), { now: () => now })
  auth = new AuthService({ users, passwords: new PasswordManager({ iterations: 1000 }), jwt })
  handler = createAuthHandler(auth)
})

afterEach(async () => {
  vi.restoreAllMocks()
  users.close()
  await new Promise<void>((resolve, reject) => {
    const request = indexedDB.deleteDatabase(dbName)
    request.onsuccess = () => resolve()
    request.onerror = () => reject(request.error)
  })
})

const json = { 'content-type': 'application/json' }

/**
 * A POST as a server receives it: a body of known length comes with its Content-Length (RFC 9110 section
 * 8.6), which a browser will not let a script-made Request carry, so the test adds it afterwards.
 */
function post(path: string, body: unknown, headers: Record<string, string> = json): Request {
  const text = typeof body === 'string' ? body : JSON.stringify(body)
  const request = new Request(`http://localhost${path}`, { method: 'POST', headers, body: text })
  const received = new Headers(request.headers)
  received.set('content-length', String(new TextEncoder().encode(text).length))
  return Object.defineProperty(request, 'headers', { value: received })
}

/** A POST of `text` whose body arrives as a stream in several chunks, without a Content-Length. */
function streamedPost(path: string, text: string, chunkSize = 16 * 1024): Request {
  const bytes = new TextEncoder().encode(text)
  let at = 0
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (at >= bytes.length) {
        controller.close()
        return
      }
      controller.enqueue(bytes.slice(at, at + chunkSize))
      at += chunkSize
    },
  })
  const init = { method: 'POST', headers: json, body: stream, duplex: 'half' }
  return new Request(`http://localhost${path}`, init as RequestInit)
}

function get(path: string, authorization?: string): Request {
  const headers: Record<string, string> = authorization === undefined ? {} : { authorization }
  return new Request(`http://localhost${path}`, { headers })
}

interface Reply {
  status: number
  headers: Headers
  body: Record<string, unknown>
  text: string
}

/** Calls the handler and reads its JSON answer, failing with a readable message if it is not one. */
async function send(request: Request): Promise<Reply> {
  const what = `${request.method} ${new URL(request.url).pathname}`
  let response: Response
  try {
    response = await handler(request)
  } catch (error) {
    throw new Error(
      `the handler rejected on ${what} with "${String(error)}" instead of resolving with a Response: catch errors and answer with a status (500 for anything unexpected)`,
    )
  }
  expect(response instanceof Response, `the handler must resolve with a Response for ${what}`).toBe(true)
  const text = await response.text()
  // errors may also be RFC 9457 problem details, a JSON media type of their own
  const mediaType =
    response.status >= 400 ? /^application\/(?:problem\+)?json\s*(?:;|$)/i : /^application\/json\s*(?:;|$)/i
  expect(
    response.headers.get('content-type') ?? '(no content-type)',
    `${what} answered ${response.status} without Content-Type: application/json; every response must be JSON`,
  ).toMatch(mediaType)
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    body = undefined
  }
  expect(
    typeof body === 'object' && body !== null && !Array.isArray(body),
    `${what} answered ${response.status} with a body that is not a JSON object: ${text.slice(0, 120)}`,
  ).toBe(true)
  return { status: response.status, headers: response.headers, body: body as Record<string, unknown>, text }
}

async function registerAndLogin() {
  const registered = await auth.register(alice)
  const { accessToken } = await auth.login(alice.username, alice.password)
  return { registered, accessToken }
}

function challengeOf(reply: Reply): string {
  return reply.headers.get('www-authenticate') ?? '(no WWW-Authenticate header)'
}

const invalidToken = /(?:^|[\s,])error="?invalid_token"?/i
const invalidRequest = /(?:^|[\s,])error="?invalid_request"?/i

/** Every failure says what went wrong in a non-empty "error" string, as the lesson's `{ error }` bodies do. */
function expectError(reply: Reply): void {
  const error = reply.body.error
  expect(
    typeof error === 'string' && error.trim() !== '',
    `a ${reply.status} answer must say what went wrong in a non-empty "error" string, not ${JSON.stringify(error)}`,
  ).toBe(true)
}

/** Alice's login as a JSON text of exactly `bytes` UTF-8 bytes, padded with JSON whitespace (RFC 8259 2). */
function loginBodyOfBytes(bytes: number): string {
  const login = JSON.stringify({ username: alice.username, password: alice.password })
  const room = bytes - new TextEncoder().encode(login).length
  // insignificant whitespace on both sides of the object: the same login, whatever schema the handler applies
  const padded = `${' \n'.repeat(Math.floor(room / 4))}${login}${' \t'.repeat(Math.floor(room / 4))}`
  const text = padded + ' '.repeat(room % 4)
  if (new TextEncoder().encode(text).length !== bytes) throw new Error('test setup: wrong body size')
  return text
}

function fieldsOf(issues: unknown): string[] {
  if (!Array.isArray(issues)) return []
  return [...new Set(issues.map((issue: { field?: unknown }) => String(issue.field)))].sort()
}

describe('POST /register', () => {
  it('creates the user and answers 201 Created with the public user', async () => {
    const reply = await send(post('/register', alice))
    expect(reply.status, 'a registration creates a user: answer 201 Created, not 200').toBe(201)
    expect(
      Object.keys(reply.body).sort(),
      'answer with exactly the public fields of the new user, never hashedPassword',
    ).toEqual(publicKeys)
    expect(reply.body, 'the public user, as auth.register returned it').toEqual({
      id: expect.any(Number),
      username: 'alice',
      email: 'alice@example.com',
      role: 'reader',
      isActive: true,
      createdAt: expect.any(String),
    })
  })

  it('answers 400 with an error and every issue of the ValidationError', async () => {
    const reply = await send(post('/register', { username: 'a!', email: 'nope', password: 'weak' }))
    expect(reply.status, 'auth.register threw a ValidationError: answer 400').toBe(400)
    expectError(reply)
    expect(
      fieldsOf(reply.body.issues),
      'send error.issues of the ValidationError as "issues": all of them, for every field',
    ).toEqual(['email', 'password', 'username'])
    expect(reply.body.issues, 'each issue is { field, message }').toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'username', message: expect.any(String) })]),
    )
  })

  it.each([
    ['username', { ...bob, username: 'ALICE' }],
    ['email', { ...bob, email: 'Alice@Example.com' }],
  ])('answers 409 Conflict with an error when the %s is already registered', async (_, other) => {
    await auth.register(alice)
    const reply = await send(post('/register', other))
    expect(reply.status, 'auth.register threw a ConflictError: answer 409').toBe(409)
    expectError(reply)
  })

  it.each([
    ['the email is missing', { username: 'alice', password: alice.password }, 'email'],
    ['the username is a number', { ...alice, username: 42 }, 'username'],
    ['the password is null', { ...alice, password: null }, 'password'],
  ])('answers 400 naming the field when %s', async (_, body, field) => {
    const reply = await send(post('/register', body))
    expect(
      reply.status,
      'check that username, email and password are strings before calling auth.register: answer 400',
    ).toBe(400)
    expectError(reply)
    expect(
      reply.body.issues,
      `add an issue { field: "${field}", message } for the bad field, with a message that says what is wrong`,
    ).toEqual(
      expect.arrayContaining([expect.objectContaining({ field, message: expect.stringMatching(/\S/) })]),
    )
  })
})

describe('POST /login', () => {
  it('answers 200 with access_token, token_type "bearer" and the public user', async () => {
    const registered = await auth.register(alice)
    const reply = await send(post('/login', { username: 'alice', password: alice.password }))
    expect(reply.status, 'right username and password: answer 200').toBe(200)
    expect(
      reply.body.token_type,
      'use the field names of RFC 6749 section 5.1: access_token and token_type, with token_type "bearer"',
    ).toBe('bearer')
    const token = String(reply.body.access_token)
    expect(token, 'access_token must be the JWT from auth.login').toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/)
    expect((await jwt.decode(token)).sub, 'access_token must be the token auth.login issued').toBe(
      String(registered.id),
    )
    expect(reply.body.user, 'send the public user that auth.login returned').toEqual(registered)
  })

  it('forbids caching the token response with Cache-Control: no-store (RFC 6749 section 5.1)', async () => {
    await auth.register(alice)
    const reply = await send(post('/login', { username: 'alice', password: alice.password }))
    expect(reply.status, 'right username and password: answer 200').toBe(200)
    expect(
      reply.headers.get('cache-control') ?? '(no Cache-Control header)',
      'a response carrying a token must say Cache-Control: no-store, so no cache or proxy keeps it',
    ).toMatch(/(?:^|,)\s*no-store\s*(?:,|$)/i)
  })

  it('answers a wrong password and an unknown username alike: 401 {"error":"Invalid credentials"}', async () => {
    await auth.register(alice)
    const wrongPassword = await send(post('/login', { username: 'alice', password: 'Wrong-Horse-42' }))
    const unknownUser = await send(post('/login', { username: 'mallory', password: alice.password }))
    for (const reply of [wrongPassword, unknownUser]) {
      expect(reply.status, 'a failed login is 401 Unauthorized').toBe(401)
      expect(reply.body.error, 'say only "Invalid credentials", whatever went wrong').toBe(
        'Invalid credentials',
      )
    }
    // RFC 9457's "instance" names one occurrence of a problem, so it may differ between two answers
    const { instance: _unknown, ...unknownBody } = unknownUser.body
    const { instance: _wrong, ...wrongBody } = wrongPassword.body
    expect(
      unknownBody,
      'an unknown username must be answered exactly like a wrong password, or it tells who has an account',
    ).toEqual(wrongBody)
  })

  it('sends a WWW-Authenticate challenge with a failed login, as every 401 must (RFC 9110 section 15.5.2)', async () => {
    await auth.register(alice)
    const reply = await send(post('/login', { username: 'alice', password: 'Wrong-Horse-42' }))
    expect(reply.status, 'a failed login is 401 Unauthorized').toBe(401)
    expect(challengeOf(reply), 'add the header WWW-Authenticate: Bearer to the 401').toMatch(/^Bearer\b/i)
  })

  it.each([
    ['the password is missing', { username: 'alice' }],
    ['the username is missing', { password: alice.password }],
    ['the username is not a string', { username: ['alice'], password: alice.password }],
  ])('answers 400, not 401 or 500, when %s', async (_, body) => {
    await auth.register(alice)
    const reply = await send(post('/login', body))
    expect(
      reply.status,
      'a request without string username and password is malformed: answer 400 before calling auth.login',
    ).toBe(400)
    expectError(reply)
  })
})

describe('GET /profile', () => {
  it('answers 200 with the public user for a valid bearer token, marked Cache-Control: no-store', async () => {
    const { registered, accessToken } = await registerAndLogin()
    const reply = await send(get('/profile', `Bearer ${accessToken}`))
    expect(reply.status, 'a valid token in Authorization: Bearer <token> gets 200').toBe(200)
    expect(reply.body, 'send the public user from auth.getCurrentUser').toEqual(registered)
    expect(
      reply.headers.get('cache-control') ?? '(no Cache-Control header)',
      'personal data must not be cached either: Cache-Control: no-store',
    ).toMatch(/(?:^|,)\s*no-store\s*(?:,|$)/i)
  })

  it.each(['bearer', 'BEARER', 'bEaReR'])(
    'accepts the scheme written "%s": auth schemes are case-insensitive (RFC 9110 section 11.1)',
    async (scheme) => {
      const { registered, accessToken } = await registerAndLogin()
      const reply = await send(get('/profile', `${scheme} ${accessToken}`))
      expect(reply.status, 'compare the scheme ignoring case; the token itself is case-sensitive').toBe(200)
      expect(reply.body, 'send the public user from auth.getCurrentUser').toEqual(registered)
    },
  )

  it('answers 401 with WWW-Authenticate: Bearer and no error code when no Authorization header is sent', async () => {
    await registerAndLogin()
    const reply = await send(get('/profile'))
    expect(reply.status, 'no credentials: 401').toBe(401)
    expect(challengeOf(reply), 'a 401 must say how to authenticate: WWW-Authenticate: Bearer').toMatch(
      /^Bearer\b/i,
    )
    expect(
      challengeOf(reply),
      'RFC 6750 section 3: when no credentials were sent, the challenge carries no error code',
    ).not.toMatch(/error=/i)
    expectError(reply)
  })

  it('answers 401 with error="invalid_token" for a token with one character changed', async () => {
    const { accessToken } = await registerAndLogin()
    const at = accessToken.length - 10
    const swapped = accessToken[at] === 'A' ? 'B' : 'A'
    const tampered = `${accessToken.slice(0, at)}${swapped}${accessToken.slice(at + 1)}`
    const reply = await send(get('/profile', `Bearer ${tampered}`))
    expect(reply.status, 'auth.getCurrentUser returned null: 401').toBe(401)
    expect(
      challengeOf(reply),
      'a token was sent but is not valid: WWW-Authenticate: Bearer error="invalid_token" (RFC 6750 section 3.1)',
    ).toMatch(invalidToken)
    expectError(reply)
  })

  it('answers 401 with error="invalid_token" once the token has expired', async () => {
    const { accessToken } = await registerAndLogin()
    now = (await jwt.decode(accessToken)).exp
    const reply = await send(get('/profile', `Bearer ${accessToken}`))
    expect(reply.status, 'an expired token is no credential: 401').toBe(401)
    expect(challengeOf(reply), 'WWW-Authenticate: Bearer error="invalid_token"').toMatch(invalidToken)
  })

  it('answers 401 with error="invalid_token" for a bearer token that is not a JWT at all', async () => {
    await registerAndLogin()
    const reply = await send(get('/profile', 'Bearer not-a-jwt'))
    expect(
      reply.status,
      '"not-a-jwt" is a well-formed bearer token that auth.getCurrentUser refuses: 401',
    ).toBe(401)
    expect(challengeOf(reply), 'WWW-Authenticate: Bearer error="invalid_token"').toMatch(invalidToken)
  })

  it.each(['Basic', 'XBearer'])(
    'refuses a valid token sent under another scheme ("%s <token>") with a Bearer challenge',
    async (scheme) => {
      const { accessToken } = await registerAndLogin()
      const reply = await send(get('/profile', `${scheme} ${accessToken}`))
      expect(
        reply.status,
        'only the Bearer scheme carries tokens here: check the scheme, not just the second word',
      ).toBe(401)
      expect(challengeOf(reply), 'tell the client which scheme to use: WWW-Authenticate: Bearer').toMatch(
        /^Bearer\b/i,
      )
      expect(
        challengeOf(reply),
        'RFC 6750 section 3: a request "attempted using an unsupported authentication method" gets no error code',
      ).not.toMatch(/error=/i)
    },
  )

  it('accepts several spaces between "Bearer" and the token (RFC 6750 section 2.1: 1*SP)', async () => {
    const { registered, accessToken } = await registerAndLogin()
    const reply = await send(get('/profile', `Bearer   ${accessToken}`))
    expect(reply.status, 'one or more spaces may separate the scheme and the token: match " +"').toBe(200)
    expect(reply.body, 'send the public user from auth.getCurrentUser').toEqual(registered)
  })

  it.each([
    ['more text after the token', (token: string) => `Bearer ${token} ${token}`],
    ['a character no token can hold', (token: string) => `Bearer ${token}!`],
  ])(
    'refuses a Bearer credential with %s: 401 error="invalid_token" or 400 error="invalid_request"',
    async (_, header) => {
      const { accessToken } = await registerAndLogin()
      const reply = await send(get('/profile', header(accessToken)))
      expect(
        reply.status,
        'the whole header must be "Bearer <token>" with b64token characters only (RFC 6750 section 2.1): anchor both ends, and refuse anything else',
      ).not.toBe(200)
      if (reply.status === 400) {
        expect(
          challengeOf(reply),
          'a 400 for a malformed Bearer credential names the problem: WWW-Authenticate: Bearer error="invalid_request" (RFC 6750 section 3.1)',
        ).toMatch(invalidRequest)
      } else {
        expect(
          reply.status,
          'a malformed Bearer credential is an invalid token (401) or a malformed request (400, RFC 6750 section 3.1)',
        ).toBe(401)
        expect(
          challengeOf(reply),
          'a Bearer credential was sent but it is not a valid token: WWW-Authenticate: Bearer error="invalid_token"',
        ).toMatch(invalidToken)
      }
      expectError(reply)
    },
  )

  it('ignores a token in the query string, which would end up in logs and history (RFC 9700 section 4.3.2)', async () => {
    const { accessToken } = await registerAndLogin()
    const reply = await send(get(`/profile?access_token=${accessToken}`))
    expect(reply.status, 'read the token from the Authorization header only, never from the URL').toBe(401)
  })
})

describe('routing', () => {
  it.each(['/', '/admin', '/registered', '/profile/settings'])(
    'answers 404 with a JSON error for the unknown path %s',
    async (path) => {
      const reply = await send(get(path))
      expect(reply.status, 'match the exact pathname; anything else is 404').toBe(404)
      expectError(reply)
    },
  )

  it.each([
    ['GET', '/register', 'POST'],
    ['DELETE', '/register', 'POST'],
    ['PUT', '/login', 'POST'],
    ['POST', '/profile', 'GET'],
  ])('answers %s %s with 405 and Allow: %s', async (method, path, allowed) => {
    const request = new Request(`http://localhost${path}`, {
      method,
      headers: json,
      ...(method === 'GET' ? {} : { body: '{}' }),
    })
    const reply = await send(request)
    expect(reply.status, 'the path exists but not for this method: 405, not 404').toBe(405)
    const allow = (reply.headers.get('allow') ?? '').split(',').map((name) => name.trim())
    expect(
      allow,
      `a 405 must list the methods the path supports in an Allow header (RFC 9110 section 15.5.6)`,
    ).toContain(allowed)
    expect(allow, `${method} is not allowed here, so Allow must not list it`).not.toContain(method)
    expectError(reply)
  })

  it('routes on the pathname only, so a query string does not change the route', async () => {
    await auth.register(alice)
    const reply = await send(post('/login?next=%2Fprofile', { username: 'alice', password: alice.password }))
    expect(reply.status, 'compare new URL(request.url).pathname, not the whole URL').toBe(200)
  })
})

describe('request bodies', () => {
  it.each([
    ['/login', 'an unfinished object', '{"username":"alice"'],
    ['/login', 'an empty body', ''],
    ['/login', 'a trailing comma', '{"username":"alice","password":"x",}'],
    ['/login', 'single quotes', "{'username':'alice','password':'x'}"],
    ['/register', 'an unfinished object', '{"username":'],
  ])('answers POST %s with 400, not 500, for malformed JSON: %s', async (path, _, text) => {
    await auth.register(alice)
    const reply = await send(post(path, text))
    expect(reply.status, 'JSON.parse throws on malformed JSON: catch it and answer 400').toBe(400)
    expectError(reply)
  })

  it.each(['[]', '"alice"', 'null', '42'])(
    'answers 400 to the JSON %s, which is not an object',
    async (text) => {
      const reply = await send(post('/login', text))
      expect(reply.status, 'the body must be a JSON object with the fields; anything else is 400').toBe(400)
      expectError(reply)
    },
  )

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'])(
    'answers 415 Unsupported Media Type to a POST sent as %s, even if the body is JSON',
    async (contentType) => {
      await auth.register(alice)
      const body = JSON.stringify({ username: 'alice', password: alice.password })
      const reply = await send(post('/login', body, { 'content-type': contentType }))
      expect(
        reply.status,
        'accept only Content-Type: application/json; a cross-site form can send the other types without a CORS preflight',
      ).toBe(415)
      expectError(reply)
    },
  )

  it('answers 415 to a POST without any Content-Type', async () => {
    await auth.register(alice)
    const bytes = new TextEncoder().encode(JSON.stringify({ username: 'alice', password: alice.password }))
    const reply = await send(new Request('http://localhost/login', { method: 'POST', body: bytes }))
    expect(reply.status, 'no Content-Type is not application/json: 415').toBe(415)
  })

  it.each(['application/json; charset=utf-8', 'Application/JSON', 'application/json ; charset=utf-8'])(
    'accepts the content type "%s"',
    async (contentType) => {
      await auth.register(alice)
      const body = { username: 'alice', password: alice.password }
      const reply = await send(post('/login', body, { 'content-type': contentType }))
      expect(
        reply.status,
        'media types ignore case and may carry parameters: compare the part before ";", trimmed, in lower case',
      ).toBe(200)
    },
  )

  it.each([
    ['with its Content-Length', (text: string) => post('/login', text)],
    ['streamed, without Content-Length', (text: string) => streamedPost('/login', text)],
  ])('answers 413 to a body one byte over 64 KiB, sent %s', async (_, request) => {
    await auth.register(alice)
    const reply = await send(request(loginBodyOfBytes(LIMIT + 1)))
    expect(
      reply.status,
      'refuse bodies over 64 KiB (65,536 bytes) with 413 Content Too Large; count the bytes as you read them, since a streamed body has no Content-Length',
    ).toBe(413)
    expectError(reply)
  })

  it('accepts a body of exactly 64 KiB', async () => {
    await auth.register(alice)
    const reply = await send(post('/login', loginBodyOfBytes(LIMIT)))
    expect(reply.status, '65,536 bytes is still within the limit; only more is too large').toBe(200)
  })

  it('counts the limit in bytes, not characters: 40,000 "é" are 80,000 bytes', async () => {
    await auth.register(alice)
    const text = JSON.stringify({ username: alice.username, password: 'é'.repeat(40_000) })
    expect(text.length, 'test setup: the body is under the limit in characters').toBeLessThan(LIMIT)
    expect(
      new TextEncoder().encode(text).length,
      'test setup: the body is over the limit in bytes',
    ).toBeGreaterThan(LIMIT)
    const reply = await send(post('/login', text))
    expect(
      reply.status,
      'text.length counts UTF-16 code units; the limit is on bytes: count the bytes you read from request.body',
    ).toBe(413)
  })

  it('stops reading a streamed body soon after it passes 64 KiB', async () => {
    let pulled = 0
    const chunk = new TextEncoder().encode(' '.repeat(16 * 1024))
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled >= 8 * 1024 * 1024) {
          controller.close()
          return
        }
        pulled += chunk.byteLength
        controller.enqueue(chunk.slice())
      },
    })
    const init = { method: 'POST', headers: json, body: stream, duplex: 'half' }
    const reply = await send(new Request('http://localhost/login', init as RequestInit))
    expect(reply.status, 'an 8 MiB body is over the limit: 413').toBe(413)
    expect(
      pulled,
      'read request.body chunk by chunk and stop (reader.cancel()) past 64 KiB: reading the whole body first lets a client fill your memory',
    ).toBeLessThanOrEqual(256 * 1024)
  })

  it('answers 400, not 500, to a POST /login with no body at all', async () => {
    const reply = await send(new Request('http://localhost/login', { method: 'POST', headers: json }))
    expect(
      reply.status,
      'request.body is null when nothing was sent: treat it as an empty body, which is not JSON: 400',
    ).toBe(400)
    expectError(reply)
  })

  it('puts together a body that arrives in several chunks', async () => {
    await auth.register(alice)
    const text = JSON.stringify({ username: 'alice', password: alice.password })
    const reply = await send(streamedPost('/login', text, 20))
    expect(
      reply.status,
      'a login sent in chunks of 20 bytes: keep every chunk, in order, and join them before JSON.parse',
    ).toBe(200)
  })
})

describe('errors and secrets', () => {
  it.each([
    ['POST /register', 'register' as const, () => post('/register', alice)],
    ['POST /login', 'login' as const, () => post('/login', { username: 'alice', password: alice.password })],
    ['GET /profile', 'getCurrentUser' as const, () => get('/profile', 'Bearer abc.def.ghi')],
  ])(
    'answers %s with 500 and a generic JSON error when the service fails unexpectedly',
    async (_, method, request) => {
      vi.spyOn(auth, method).mockRejectedValue(
        new Error('IndexedDB failed in users.findById (internal-detail)'),
      )
      // a handler may bind the service's methods when it is created: create it after the spy
      handler = createAuthHandler(auth)
      const reply = await send(request())
      expect(reply.status, 'an error you did not expect is 500 Internal Server Error').toBe(500)
      expectError(reply)
      expect(
        reply.text,
        'never send the message or stack of an unexpected error: it tells attackers about your internals',
      ).not.toContain('internal-detail')
    },
  )

  it.each([
    [
      'POST /register',
      () => post('/register', alice),
      (leaky: PublicUser) => vi.spyOn(auth, 'register').mockResolvedValue(leaky),
    ],
    [
      'POST /login',
      () => post('/login', { username: 'alice', password: alice.password }),
      (leaky: PublicUser) =>
        vi.spyOn(auth, 'login').mockResolvedValue({ accessToken: 'a.b.c', tokenType: 'bearer', user: leaky }),
    ],
    [
      'GET /profile',
      () => get('/profile', 'Bearer abc.def.ghi'),
      (leaky: PublicUser) => vi.spyOn(auth, 'getCurrentUser').mockResolvedValue(leaky),
    ],
  ])(
    '%s sends only the public user fields, even when the service hands over a user with hashedPassword',
    async (_, request, stub) => {
      const hash = 'pbkdf2_sha256$1000$leakedsalt$leakedhash='
      const leaky = {
        id: 1,
        username: 'alice',
        email: 'alice@example.com',
        role: 'reader',
        isActive: true,
        createdAt: new Date(0).toISOString(),
        hashedPassword: hash,
      } as PublicUser
      stub(leaky)
      handler = createAuthHandler(auth)
      const reply = await send(request())
      expect(reply.status, 'the stubbed service succeeded').toBeLessThan(300)
      expect(
        reply.text,
        'copy id, username, email, role, isActive and createdAt into a new object before sending a user: an allow-list at the edge',
      ).not.toContain(hash)
    },
  )

  it('never sends the password or its hash, in any response of a whole session', async () => {
    const weak = 'zebra-lowercase'
    const replies = [
      await send(post('/register', alice)),
      await send(post('/register', { ...bob, username: 'Alice' })),
      await send(post('/register', { ...bob, password: weak })),
      await send(post('/login', { username: 'alice', password: 'Wrong-Horse-42' })),
      await send(post('/login', { username: 'alice', password: alice.password })),
    ]
    const token = String(replies[4]?.body.access_token)
    replies.push(await send(get('/profile', `Bearer ${token}`)))
    const hash = (await users.findByUsername('alice'))?.hashedPassword ?? 'no stored hash'
    for (const reply of replies) {
      const where = `a ${reply.status} response`
      expect(reply.text, `${where} contains "hashedPassword"`).not.toContain('hashedPassword')
      expect(reply.text, `${where} contains the stored hash`).not.toContain(hash)
      expect(reply.text, `${where} contains the password: never echo the request body`).not.toContain(
        alice.password,
      )
      expect(
        reply.text,
        `${where} contains the rejected password: never echo the request body`,
      ).not.toContain(weak)
    }
  })

  it('marks every response X-Content-Type-Options: nosniff, errors included', async () => {
    const replies = [
      await send(post('/register', alice)),
      await send(post('/login', { username: 'alice', password: 'Wrong-Horse-42' })),
      await send(get('/profile')),
      await send(get('/nowhere')),
    ]
    for (const reply of replies) {
      expect(
        reply.headers.get('x-content-type-options') ?? '(no X-Content-Type-Options header)',
        `a ${reply.status} response: send X-Content-Type-Options: nosniff from the one helper that builds every response`,
      ).toMatch(/^\s*nosniff\s*$/i)
    }
  })
})

describe('the whole flow', () => {
  it('registers, logs in, and reads the profile with the token it got', async () => {
    const registered = await send(post('/register', alice))
    expect(registered.status, 'POST /register').toBe(201)
    const session = await send(post('/login', { username: 'alice', password: alice.password }))
    expect(session.status, 'POST /login').toBe(200)
    const profile = await send(get('/profile', `Bearer ${String(session.body.access_token)}`))
    expect(profile.status, 'GET /profile with the access_token from /login').toBe(200)
    expect(profile.body, 'the profile is the user who registered').toEqual(registered.body)
  })
})
