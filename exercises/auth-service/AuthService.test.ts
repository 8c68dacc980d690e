import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { AuthError, AuthService, ConflictError, ValidationError } from './AuthService'
import { PasswordManager } from './PasswordManager'
import { SimpleJWT } from './SimpleJWT'
import { openUserStore, type PublicUser, type UserStore } from './UserStore'

const alice = { username: 'alice', email: 'alice@example.com', password: 'Correct-Horse-42' }
const bob = { username: 'bob', email: 'bob@example.com', password: 'Battery-Staple-7' }
const publicKeys = ['createdAt', 'email', 'id', 'isActive', 'role', 'username']

let dbName: string
let users: UserStore & { close(): void }
let passwords: PasswordManager
let jwt: SimpleJWT
let now: number
let auth: AuthService

beforeEach(async () => {
  dbName = `authlab-test-${crypto.randomUUID()}`
  users = await openUserStore(dbName)
  passwords = new PasswordManager({ iterations: 1000 })
  now = 1_900_000_000
  jwt = new SimpleJWT(crypto.getRandomValues(new Uint8Array(32)), { now: () => now })
  auth = new AuthService({ users, passwords, jwt })
})

afterEach(async () => {
  users.close()
  await new Promise<void>((resolve, reject) => {
    const request = indexedDB.deleteDatabase(dbName)
    request.onsuccess = () => resolve()
    request.onerror = () => reject(request.error)
  })
})

/** The error `promise` rejects with, or a marker that says it resolved. */
async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise
  } catch (error) {
    return error
  }
  return 'it resolved instead of rejecting'
}

/** `error`, then its `cause`, the cause's cause...: a wrapped error still carries the original. */
function causeChain(error: unknown): unknown[] {
  const chain: unknown[] = []
  for (let current = error; current !== undefined && chain.length < 10; ) {
    chain.push(current)
    current = current instanceof Error ? current.cause : undefined
  }
  return chain
}

/** The iteration count of each hash `passwords.verifyPassword` was called with, checking that each is a string. */
function iterationsVerified(calls: unknown[][]): (string | undefined)[] {
  return calls.map(([, encoded]) => {
    const what = encoded instanceof Promise ? 'a Promise' : typeof encoded
    expect(
      typeof encoded,
      `passwords.verifyPassword(password, hash) was given ${what} as the hash: pass the hash string (await the Promise that hashPassword returns)`,
    ).toBe('string')
    return String(encoded).split('$')[1]
  })
}

/** Every property name anywhere inside `value`, nested objects and arrays included. */
function allKeys(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(allKeys)
  if (value === null || typeof value !== 'object') return []
  return Object.entries(value).flatMap(([key, inner]) => [key, ...allKeys(inner)])
}

function toBase64url(text: string): string {
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

function payloadOf(token: string): Record<string, unknown> {
  const segment = token.split('.')[1] ?? ''
  return JSON.parse(atob(segment.replace(/-/g, '+').replace(/_/g, '/')))
}

async function registerAndLogin(input = alice) {
  const registered = await auth.register(input)
  const session = await auth.login(input.username, input.password)
  return { registered, ...session }
}

async function deactivate(username: string) {
  const user = await users.findByUsername(username)
  if (!user) throw new Error(`test setup: ${username} was not stored`)
  await users.update({ ...user, isActive: false })
}

describe('register', () => {
  it('creates an active reader and returns it without the password hash', async () => {
    const user = await auth.register(alice)
    expect(user, 'never return hashedPassword: copy the public fields into a new object').not.toHaveProperty(
      'hashedPassword',
    )
    expect(
      Object.keys(user).sort(),
      'register must return exactly the public fields (no hashedPassword)',
    ).toEqual(publicKeys)
    expect(
      user,
      'register returns the new user: an id from the store, the fields given, role reader, active',
    ).toEqual({
      id: expect.any(Number),
      username: 'alice',
      email: 'alice@example.com',
      role: 'reader',
      isActive: true,
      createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    })
  })

  it('stores a pbkdf2_sha256 hash that verifies, and never the password itself', async () => {
    await auth.register(alice)
    const stored = await users.findByUsername('alice')
    expect(stored, 'the user should be in the store after register').toBeDefined()
    expect(stored?.hashedPassword, 'store the result of passwords.hashPassword(password)').toMatch(
      /^pbkdf2_sha256\$/,
    )
    expect(
      await passwords.verifyPassword(alice.password, stored?.hashedPassword ?? ''),
      'the stored hash should verify against the password the user registered with',
    ).toBe(true)
    expect(
      JSON.stringify(stored),
      'the plain password must not appear anywhere in the stored user',
    ).not.toContain(alice.password)
  })

  it('ignores role and isActive sent along with the input, so nobody can register as an admin', async () => {
    const sneaky = { ...alice, role: 'admin', isActive: false }
    const user = await auth.register(sneaky)
    expect(user.role, 'new users are always readers: build the new user field by field').toBe('reader')
    expect(user.isActive, 'new users are always active').toBe(true)
    expect((await users.findByUsername('alice'))?.role, 'the stored role must be reader too').toBe('reader')
  })

  it.each(['alice', 'Alice', 'ALICE'])(
    'rejects the taken username "%s" with a ConflictError',
    async (username) => {
      await auth.register(alice)
      const error = await rejectionOf(auth.register({ ...bob, username }))
      expect(error, 'usernames are unique ignoring case').toBeInstanceOf(ConflictError)
      expect(
        (error as Error).message,
        'the ConflictError message is what the 409 answer will say: leave the default or say what is taken',
      ).toMatch(/\S/)
    },
  )

  it.each(['alice@example.com', 'Alice@Example.com'])(
    'rejects the taken email "%s" with a ConflictError',
    async (email) => {
      await auth.register(alice)
      const error = await rejectionOf(auth.register({ ...bob, email }))
      expect(error, 'emails are unique ignoring case').toBeInstanceOf(ConflictError)
      expect(
        (error as Error).message,
        'the ConflictError message is what the 409 answer will say: leave the default or say what is taken',
      ).toMatch(/\S/)
    },
  )

  it.each([
    ['username', { ...bob, username: 'Alice' }],
    ['email', { ...bob, email: 'ALICE@example.com' }],
  ])(
    'lets only one of two simultaneous registrations with one %s succeed; the other gets a ConflictError',
    async (_, other) => {
      const results = await Promise.allSettled([auth.register(alice), auth.register(other)])
      const fulfilled = results.filter((result) => result.status === 'fulfilled')
      const reasons = results.flatMap((result) => (result.status === 'rejected' ? [result.reason] : []))
      expect(fulfilled, 'exactly one of the two registrations should succeed').toHaveLength(1)
      expect(
        reasons[0],
        'both passed the "is it taken?" check before either was saved: catch the DuplicateUserError that users.create throws',
      ).toBeInstanceOf(ConflictError)
    },
  )

  it('passes on a store failure that is not a duplicate, instead of calling it a conflict', async () => {
    const failure = new DOMException('The disk is full', 'QuotaExceededError')
    vi.spyOn(users, 'create').mockRejectedValueOnce(failure)
    const service = new AuthService({ users, passwords, jwt })
    const error = await rejectionOf(service.register(alice))
    expect(error, 'users.create failed, so register must reject').not.toBe('it resolved instead of rejecting')
    expect(
      error instanceof ConflictError,
      `register rejected with ${String(error)}: only a DuplicateUserError means "already registered", a full disk is not a conflict`,
    ).toBe(false)
    expect(
      causeChain(error),
      'do not hide a real failure: rethrow the error from users.create, or wrap it as the cause (new Error("...", { cause: error }))',
    ).toContain(failure)
  })

  it("turns the store's DuplicateUserError into a ConflictError", async () => {
    await auth.register(alice)
    // a store whose lookups miss, as they do when another registration is saved between lookup and create
    const racing: UserStore = {
      ...users,
      findByUsername: async () => undefined,
      findByEmail: async () => undefined,
    }
    const service = new AuthService({ users: racing, passwords, jwt })
    const error = await rejectionOf(service.register({ ...bob, username: 'alice' }))
    expect(error, 'users.create rejects with DuplicateUserError: answer with a ConflictError').toBeInstanceOf(
      ConflictError,
    )
  })
})

describe('register validation', () => {
  async function issuesFor(input: { username: string; email: string; password: string }) {
    const error = await rejectionOf(auth.register(input))
    expect(error, 'invalid input must be rejected with a ValidationError').toBeInstanceOf(ValidationError)
    expect(
      await users.findByEmail(input.email),
      'nothing may be stored when validation fails',
    ).toBeUndefined()
    const issues = error instanceof ValidationError ? error.issues : []
    for (const issue of issues) {
      expect(
        issue.message,
        `the ${issue.field} issue has an empty message: say what is wrong in words the user can act on`,
      ).toMatch(/\S/)
    }
    return issues
  }

  it.each([
    ['ab', 'is shorter than 3 characters'],
    ['a'.repeat(33), 'is longer than 32 characters'],
    ['', 'is empty'],
    ['alice smith', 'contains a space'],
    ['alice!', 'contains "!"'],
    ['alice-smith', 'contains "-"'],
    ['ålice', 'contains a letter outside A-Z'],
  ])('rejects the username "%s", which %s', async (username) => {
    const issues = await issuesFor({ ...alice, username })
    expect(issues.length, 'issues should name the problem').toBeGreaterThan(0)
    expect(
      issues.map((issue) => issue.field),
      'only the username is wrong here: 3-32 characters of A-Z, a-z, 0-9 and _',
    ).toEqual(issues.map(() => 'username'))
  })

  it.each(['abc', 'a'.repeat(32), 'Ada_Lovelace_1815'])('accepts the username "%s"', async (username) => {
    const user = await auth.register({ ...alice, username })
    expect(user.username, 'usernames of 3 to 32 letters, digits and underscores are valid').toBe(username)
  })

  it.each([
    'not-an-email',
    'alice@',
    '@example.com',
    'alice@example com',
    'alice@@example.com',
    'alice example.com',
    'alice smith@example.com',
  ])('rejects the email "%s"', async (email) => {
    const issues = await issuesFor({ ...alice, email })
    expect(issues.length, 'issues should name the problem').toBeGreaterThan(0)
    expect(
      issues.map((issue) => issue.field),
      'only the email is wrong here',
    ).toEqual(issues.map(() => 'email'))
  })

  it.each(['ada@x.org', 'ada@a.b.co', 'ada@mail.example.com', 'ada@example.info'])(
    'accepts the email "%s"',
    async (email) => {
      const user = await auth.register({ ...alice, email })
      expect(
        user.email,
        'one-letter labels, several dots and long top-level domains are all valid (<input type="email">)',
      ).toBe(email)
    },
  )

  it.each(['short1!', 'alllowercase1!', 'NoDigitsHere!', 'NoSpecial123', 'weak'])(
    'rejects the password "%s" with every message from passwords.validatePassword',
    async (password) => {
      const issues = await issuesFor({ ...alice, password })
      const messages = issues.map((issue) => issue.message)
      for (const expected of passwords.validatePassword(password).errors) {
        expect(
          messages,
          'add one issue { field: "password", message } per entry of passwords.validatePassword(password).errors',
        ).toContain(expected)
      }
      expect(
        issues.map((issue) => issue.field),
        'only the password is wrong here',
      ).toEqual(issues.map(() => 'password'))
    },
  )

  it('reports the problems of every field at once, in one ValidationError', async () => {
    const issues = await issuesFor({ username: 'a!', email: 'nope', password: 'weak' })
    expect(
      [...new Set(issues.map((issue) => issue.field))].sort(),
      'collect the issues of all three fields before throwing, instead of stopping at the first',
    ).toEqual(['email', 'password', 'username'])
  })
})

describe('login', () => {
  it('returns a bearer token and the public user for the right password', async () => {
    const registered = await auth.register(alice)
    const session = await auth.login('alice', alice.password)
    expect(session.tokenType, 'login resolves with { accessToken, tokenType: "bearer", user }').toBe('bearer')
    expect(session.accessToken, 'accessToken should be a JWT: three dot-separated parts').toMatch(
      /^[\w-]+\.[\w-]+\.[\w-]+$/,
    )
    expect(session.user, 'login should return the same public user that register returned').toEqual(
      registered,
    )
  })

  it('issues a token with the claims sub (the id as a string), username, role, iat and exp', async () => {
    const { registered, accessToken } = await registerAndLogin()
    const payload = await jwt.decode(accessToken)
    expect(typeof payload.sub, 'sub must be a string (RFC 7519 4.1.2): use String(user.id)').toBe('string')
    expect(payload, 'sign { sub: String(user.id), username, role } with the jwt you were given').toEqual(
      expect.objectContaining({ sub: String(registered.id), username: 'alice', role: 'reader', iat: now }),
    )
    expect(payload.exp, 'the token must expire after it was issued').toBeGreaterThan(now)
  })

  it('puts neither the password nor its hash into the token', async () => {
    const { accessToken } = await registerAndLogin()
    const stored = await users.findByUsername('alice')
    const payload = JSON.stringify(await jwt.decode(accessToken))
    expect(payload, 'anyone holding the token can read its payload').not.toContain(alice.password)
    expect(payload, 'anyone holding the token can read its payload').not.toContain(
      stored?.hashedPassword ?? '',
    )
  })

  it('rejects a wrong password with AuthError "Invalid credentials"', async () => {
    await auth.register(alice)
    const error = await rejectionOf(auth.login('alice', 'Wrong-Horse-42'))
    expect(error, 'a wrong password must reject with new AuthError()').toBeInstanceOf(AuthError)
    expect((error as Error).message, 'the AuthError message is always "Invalid credentials"').toBe(
      'Invalid credentials',
    )
  })

  it('rejects an unknown username with the very same AuthError "Invalid credentials"', async () => {
    await auth.register(alice)
    const error = await rejectionOf(auth.login('mallory', alice.password))
    expect(error, 'an unknown user must look exactly like a wrong password').toBeInstanceOf(AuthError)
    expect(
      (error as Error).message,
      'do not say "user not found": it tells attackers which names exist',
    ).toBe('Invalid credentials')
  })

  it('rejects an inactive user with the same AuthError, even with the right password', async () => {
    await auth.register(alice)
    await deactivate('alice')
    const error = await rejectionOf(auth.login('alice', alice.password))
    expect(error, 'check user.isActive before issuing a token').toBeInstanceOf(AuthError)
    expect(
      (error as Error).message,
      'do not say "account disabled": that tells an attacker the account exists',
    ).toBe('Invalid credentials')
  })

  it('still verifies the password of an inactive account, so it answers no faster than an active one', async () => {
    await auth.register(alice)
    await deactivate('alice')
    const real = (await users.findByUsername('alice'))?.hashedPassword.split('$')[1]
    const verify = vi.spyOn(passwords, 'verifyPassword')
    const service = new AuthService({ users, passwords, jwt })
    const error = await rejectionOf(service.login('alice', alice.password))
    expect(error, 'an inactive account gets the same AuthError').toBeInstanceOf(AuthError)
    const iterations = iterationsVerified(verify.mock.calls)
    expect(
      iterations.length,
      'verify the password before looking at isActive: a quick "no" for a disabled account tells that it exists',
    ).toBeGreaterThan(0)
    expect(iterations, 'verify against a hash made by passwords, as costly as a real one').toEqual(
      iterations.map(() => real),
    )
  })

  it('logs "ALICE" in as alice, and takes the claims from the stored user, not from what was typed', async () => {
    const registered = await auth.register(alice)
    const outcome = await auth.login('ALICE', alice.password).catch((error: unknown) => String(error))
    expect(
      typeof outcome === 'string' ? outcome : undefined,
      'usernames are unique ignoring case and users.findByUsername ignores case: "ALICE" is alice\'s account, so log her in',
    ).toBeUndefined()
    if (typeof outcome === 'string') return
    expect(outcome.user, 'the user is the stored one, spelled "alice"').toEqual(registered)
    expect(
      (await jwt.decode(outcome.accessToken)).username,
      'sign username: user.username (the stored spelling), not the name as typed: claims come from the store',
    ).toBe('alice')
  })

  it('still verifies a password for an unknown username, so the response time does not reveal it', async () => {
    await auth.register(alice)
    const verify = vi.spyOn(passwords, 'verifyPassword')
    const service = new AuthService({ users, passwords, jwt })
    await rejectionOf(service.login('mallory', alice.password))
    expect(
      verify,
      'without a user, call passwords.verifyPassword(password, dummyHash) anyway: skipping it answers faster',
    ).toHaveBeenCalled()
  })

  it('verifies unknown usernames against a hash with the same iteration count as real ones', async () => {
    await auth.register(alice)
    const real = (await users.findByUsername('alice'))?.hashedPassword.split('$')[1]
    const verify = vi.spyOn(passwords, 'verifyPassword')
    const service = new AuthService({ users, passwords, jwt })
    await rejectionOf(service.login('mallory', alice.password))
    const iterations = iterationsVerified(verify.mock.calls)
    expect(
      iterations.length,
      'passwords.verifyPassword should be called for an unknown user',
    ).toBeGreaterThan(0)
    expect(
      iterations,
      'make the dummy hash with passwords.hashPassword, so verifying it costs what a real one costs',
    ).toEqual(iterations.map(() => real))
  })
})

describe('getCurrentUser', () => {
  /** What getCurrentUser resolves with, or a sentence saying what it threw: it must never throw. */
  async function currentUser(token: string): Promise<PublicUser | null | string> {
    try {
      return await auth.getCurrentUser(token)
    } catch (error) {
      return `getCurrentUser threw ${String(error)}`
    }
  }

  it('returns the public user a valid token was issued to', async () => {
    const { registered, accessToken } = await registerAndLogin()
    const user = await currentUser(accessToken)
    expect(user, 'decode the token, then look the user up by Number(payload.sub)').not.toBeNull()
    expect(user, 'return only the public fields: never hashedPassword').not.toHaveProperty('hashedPassword')
    expect(user, 'return the same public user that register returned').toEqual(registered)
  })

  it('reads the user fresh from the store, so a role change shows at once', async () => {
    const { accessToken } = await registerAndLogin()
    const stored = await users.findByUsername('alice')
    if (!stored) throw new Error('test setup: alice was not stored')
    await users.update({ ...stored, role: 'author' })
    expect(await currentUser(accessToken), 'the store, not the token, has the current role').toEqual(
      expect.objectContaining({ role: 'author' }),
    )
  })

  it('accepts a token until the second before exp, and returns null from exp on', async () => {
    const { registered, accessToken } = await registerAndLogin()
    const { exp } = await jwt.decode(accessToken)
    now = exp - 1
    expect(await currentUser(accessToken), 'one second before exp the token is still valid').toEqual(
      registered,
    )
    now = exp
    expect(await currentUser(accessToken), 'at exp the token has expired: return null').toBeNull()
  })

  it('returns null for a token whose payload was edited to say role "admin"', async () => {
    const { accessToken } = await registerAndLogin()
    const [header, , signature] = accessToken.split('.')
    const forged = toBase64url(JSON.stringify({ ...payloadOf(accessToken), role: 'admin' }))
    expect(
      await currentUser(`${header}.${forged}.${signature}`),
      'the signature no longer matches the payload: return null',
    ).toBeNull()
  })

  it('returns null for a token signed with another secret', async () => {
    const { registered } = await registerAndLogin()
    const otherJwt = new SimpleJWT(crypto.getRandomValues(new Uint8Array(32)), { now: () => now })
    const token = await otherJwt.encode({ sub: String(registered.id), username: 'alice', role: 'admin' })
    expect(await currentUser(token), 'only tokens signed with your secret count: return null').toBeNull()
  })

  it('returns null for an unsigned token with alg "none"', async () => {
    const { accessToken } = await registerAndLogin()
    const header = toBase64url(JSON.stringify({ alg: 'none', typ: 'JWT' }))
    const payload = accessToken.split('.')[1]
    expect(
      await currentUser(`${header}.${payload}.`),
      'alg "none" must never be accepted: return null',
    ).toBeNull()
  })

  it('returns null for the token of a user deactivated after logging in', async () => {
    const { accessToken } = await registerAndLogin()
    await deactivate('alice')
    expect(
      await currentUser(accessToken),
      'a valid token is not enough: return null unless the user is still active',
    ).toBeNull()
  })

  it.each([
    ['an unknown id', { sub: '999' }],
    ['a sub that is not a number', { sub: 'abc' }],
    ['no sub at all', {}],
    ['a numeric sub (1 instead of "1")', { sub: 1 }],
    ['text before the id in sub ("x1")', { sub: 'x1' }],
    ['text after the id in sub ("1x")', { sub: '1x' }],
  ])('returns null for a correctly signed token with %s', async (_, claims) => {
    await registerAndLogin()
    const token = await jwt.encode({ username: 'alice', role: 'reader', ...claims })
    expect(
      await currentUser(token),
      'check that sub is a string of digits before looking it up (findById(NaN) throws); null if no user has that id',
    ).toBeNull()
  })

  it('recognises the token of a user whose id has two digits (the 10th user)', async () => {
    for (let i = 1; i < 10; i++) {
      await auth.register({ ...bob, username: `user_${i}`, email: `user${i}@example.com` })
    }
    const { registered, accessToken } = await registerAndLogin()
    expect(registered.id, 'test setup: alice is the 10th user').toBeGreaterThanOrEqual(10)
    expect(
      await currentUser(accessToken),
      `the token's sub is "${registered.id}": accept every string of digits that is a user's id`,
    ).toEqual(registered)
  })

  it.each(['', 'garbage', 'a.b.c', 'Bearer x.y.z', 'e30.e30.'])(
    'returns null without throwing for the malformed token "%s"',
    async (token) => {
      await registerAndLogin()
      expect(await currentUser(token), 'jwt.decode rejects bad tokens: catch that and return null').toBeNull()
    },
  )
})

describe('secrets', () => {
  it('never returns the password or its hash from register, login or getCurrentUser', async () => {
    const { registered, accessToken, user } = await registerAndLogin()
    const current: PublicUser | null = await auth.getCurrentUser(accessToken)
    const stored = await users.findByUsername('alice')
    const everything = { registered, session: { accessToken, user }, current }
    expect(
      allKeys(everything).filter((key) => key === 'hashedPassword' || key === 'password'),
      'no returned object may hold a hashedPassword or password field: return public users only',
    ).toEqual([])
    const text = JSON.stringify(everything)
    expect(text, 'the plain password must not be returned').not.toContain(alice.password)
    expect(text, 'the password hash must not be returned').not.toContain(stored?.hashedPassword ?? '')
  })
})
