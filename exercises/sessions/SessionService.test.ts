import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { openRefreshTokenStore, type RefreshRecord, type RefreshTokenStore } from './RefreshTokenStore'
import { SessionError, SessionService, type TokenPair } from './SessionService'
import { SimpleJWT } from './SimpleJWT'
import { openUserStore, type User, type UserStore } from './UserStore'

const START = 1_900_000_000
const TTL = 86_400
const ACCESS_TTL = 900
const hash = 'pbkdf2_sha256$1000$abcDEF0123456789abcdXY$q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq80='

let now: number
let usersDb: string
let tokensDb: string
let users: UserStore & { close(): void }
let store: RefreshTokenStore & { close(): void }
let jwt: SimpleJWT
let sessions: SessionService
let alice: User
let bob: User

beforeEach(async () => {
  now = START
  const run = crypto.randomUUID()
  usersDb = `authlab-sessions-users-${run}`
  tokensDb = `authlab-sessions-tokens-${run}`
  users = await openUserStore(usersDb)
  store = await openRefreshTokenStore(tokensDb)
  jwt = new SimpleJWT(crypto.getRandomValues(new Uint8Array(32)), {
    now: () => now,
    expiresIn: ACCESS_TTL,
  })
  sessions = new SessionService({ jwt, store, users }, { refreshTtlSeconds: TTL, now: () => now })
  const person = { hashedPassword: hash, role: 'reader', isActive: true } as const
  alice = await users.create({ ...person, username: 'alice', email: 'alice@example.com' })
  bob = await users.create({ ...person, username: 'bob', email: 'bob@example.com' })
})

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name)
    request.onsuccess = () => resolve()
    request.onerror = () => reject(request.error)
  })
}

afterEach(async () => {
  vi.restoreAllMocks()
  users.close()
  store.close()
  await deleteDatabase(usersDb)
  await deleteDatabase(tokensDb)
})

/** "succeeded" when `promise` resolves, else the code of its SessionError (or what else it threw). */
async function outcomeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise
    return 'succeeded'
  } catch (error) {
    return error instanceof SessionError ? error.code : `not a SessionError: ${String(error)}`
  }
}

/** What verifyAccess resolves with, or a sentence saying what it threw: it must never throw. */
async function verified(token: string): Promise<unknown> {
  try {
    return await sessions.verifyAccess(token)
  } catch (error) {
    return `verifyAccess threw ${String(error)}`
  }
}

const claimsOf = (token: string) => jwt.decode(token)

function toBase64(bytes: Uint8Array): string {
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary)
}
const toBase64url = (bytes: Uint8Array) =>
  toBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
const toHex = (bytes: Uint8Array) => Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')

function fromBase64url(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return undefined
  try {
    return Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (char) => char.charCodeAt(0))
  } catch {
    return undefined
  }
}

const randomToken = () => toBase64url(crypto.getRandomValues(new Uint8Array(32)))

/**
 * Every common text form of a SHA-256 of the token: over its UTF-8 text (what the lesson does) or over the
 * 32 bytes it encodes, as hex, base64 or base64url.
 */
async function hashForms(token: string): Promise<string[]> {
  const inputs = [new TextEncoder().encode(token)]
  const bytes = fromBase64url(token)
  if (bytes) inputs.push(bytes)
  const forms: string[] = []
  for (const input of inputs) {
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', input))
    const hex = toHex(digest)
    forms.push(hex, hex.toUpperCase(), toBase64(digest), toBase64(digest).replace(/=+$/, ''))
    forms.push(toBase64url(digest))
  }
  return forms
}

/** The store's record of `token`, found under its SHA-256 in any common encoding. */
async function storedRecord(token: string): Promise<RefreshRecord | undefined> {
  for (const form of await hashForms(token)) {
    const record = await store.get(form)
    if (record) return record
  }
  return undefined
}

function requestResult<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result)
    request.onerror = () => reject(request.error)
  })
}

/** Every key and value of every object store of the database, read directly with indexedDB. */
async function everythingIn(dbName: string): Promise<unknown[]> {
  const db = await requestResult(indexedDB.open(dbName))
  try {
    const names = Array.from(db.objectStoreNames)
    if (names.length === 0) return []
    const tx = db.transaction(names, 'readonly')
    const contents = await Promise.all(
      names.flatMap((name) => [
        requestResult(tx.objectStore(name).getAll()),
        requestResult(tx.objectStore(name).getAllKeys()),
      ]),
    )
    return contents.flat()
  } finally {
    db.close()
  }
}

/** Every string in `value` (property names included); bytes as hex and as a byte string. */
function textsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  if (value instanceof ArrayBuffer) return textsIn(new Uint8Array(value))
  if (ArrayBuffer.isView(value)) {
    const bytes = new Uint8Array(value.buffer, value.byteOffset, value.byteLength)
    return [toHex(bytes), String.fromCharCode(...bytes)]
  }
  if (Array.isArray(value)) return value.flatMap(textsIn)
  if (value === null || typeof value !== 'object') return []
  return Object.entries(value).flatMap(([key, inner]) => [key, ...textsIn(inner)])
}

async function deactivate(user: User) {
  await users.update({ ...user, isActive: false })
}

describe('start', () => {
  it('returns an access token (a JWT), a refresh token and refreshExpiresAt', async () => {
    const pair: TokenPair = await sessions.start(alice)
    expect(pair.accessToken, 'accessToken is a JWT from this.jwt.encode: three dot-separated parts').toMatch(
      /^[\w-]+\.[\w-]+\.[\w-]+$/,
    )
    expect(typeof pair.refreshToken, 'refreshToken is a string').toBe('string')
    expect(typeof pair.refreshExpiresAt, 'refreshExpiresAt is a number of seconds').toBe('number')
  })

  it('signs sub (the id as a string), username, role and sid (the session id) into the access token', async () => {
    const { accessToken } = await sessions.start(alice)
    const claims = await claimsOf(accessToken)
    expect(typeof claims.sub, 'sub must be a string (RFC 7519 4.1.2): use String(user.id)').toBe('string')
    expect(
      claims,
      'encode { sub: String(user.id), username, role, sid: familyId } with the jwt you were given',
    ).toEqual(expect.objectContaining({ sub: String(alice.id), username: 'alice', role: 'reader', iat: now }))
    expect(typeof claims.sid, 'sid is the family id, a string such as crypto.randomUUID()').toBe('string')
    expect(String(claims.sid).length, 'sid must not be empty').toBeGreaterThan(0)
  })

  it('starts a new session with a sid of its own at every start, even for the same user', async () => {
    const first = await claimsOf((await sessions.start(alice)).accessToken)
    const second = await claimsOf((await sessions.start(alice)).accessToken)
    expect(
      first.sid,
      'every start is a new family: make a new id for it (crypto.randomUUID()), never derive it from the user',
    ).not.toBe(second.sid)
  })

  it('puts nothing else of the user into the access token: no password hash, no email', async () => {
    const { accessToken } = await sessions.start(alice)
    const text = JSON.stringify(await claimsOf(accessToken))
    expect(text, 'anyone holding the token can read it: copy only id, username and role').not.toContain(hash)
    expect(text, 'anyone holding the token can read it: copy only id, username and role').not.toContain(
      alice.email,
    )
  })

  it('sets refreshExpiresAt to now + refreshTtlSeconds', async () => {
    const { refreshExpiresAt } = await sessions.start(alice)
    expect(refreshExpiresAt, `the clock says ${now} and refreshTtlSeconds is ${TTL}: use this.now()`).toBe(
      now + TTL,
    )
  })

  it('reads the system clock, in seconds, when no clock is given', async () => {
    const service = new SessionService({ jwt, store, users }, { refreshTtlSeconds: TTL })
    const before = Math.floor(Date.now() / 1000)
    const { refreshExpiresAt } = await service.start(alice)
    const after = Math.floor(Date.now() / 1000)
    expect(
      refreshExpiresAt - TTL,
      'without options.now, now() is Math.floor(Date.now() / 1000): seconds, not milliseconds',
    ).toBeGreaterThanOrEqual(before)
    expect(refreshExpiresAt - TTL, 'the start time must be the current time in seconds').toBeLessThan(
      after + 1,
    )
  })

  it('defaults refreshTtlSeconds to 14 days (1,209,600 seconds)', async () => {
    const service = new SessionService({ jwt, store, users }, { now: () => now })
    const { refreshExpiresAt } = await service.start(alice)
    expect(refreshExpiresAt, 'without options.refreshTtlSeconds, a refresh token lives 1,209,600 s').toBe(
      now + 1_209_600,
    )
  })
})

describe('refresh tokens', () => {
  it('makes each refresh token 43 base64url characters: 32 bytes without padding', async () => {
    const { refreshToken } = await sessions.start(alice)
    expect(
      refreshToken,
      '32 bytes in base64url (A-Z a-z 0-9 - _, no "=") are 43 characters; 16 bytes would be only 22',
    ).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(fromBase64url(refreshToken)?.length, 'the token must encode exactly 32 bytes').toBe(32)
  })

  it('takes the 32 bytes of a refresh token from crypto.getRandomValues', async () => {
    // a recognisable stand-in for random bytes, to see where the token came from
    const pattern = (length: number) => Uint8Array.from({ length }, (_, i) => (i * 37 + 11) & 0xff)
    const getRandomValues = vi.spyOn(crypto, 'getRandomValues')
    getRandomValues.mockImplementation(<T extends ArrayBufferView | null>(array: T): T => {
      if (array) {
        const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength)
        bytes.set(pattern(bytes.length))
      }
      return array
    })
    let refreshToken: string
    try {
      refreshToken = (await sessions.start(alice)).refreshToken
    } finally {
      // mockRestore, not only restoreAllMocks: it also puts the real implementation back in the grader
      getRandomValues.mockRestore()
    }
    expect(
      refreshToken,
      'fill a new Uint8Array(32) with crypto.getRandomValues and base64url-encode it: Math.random and ' +
        'timestamps can be predicted',
    ).toBe(toBase64url(pattern(32)))
  })

  it('makes a new refresh token every time', async () => {
    const tokens = new Set<string>()
    for (let i = 0; i < 3; i++) tokens.add((await sessions.start(alice)).refreshToken)
    expect(tokens.size, 'three sessions got the same refresh token: draw new random bytes for each').toBe(3)
  })
})

describe('storage', () => {
  it('stores the SHA-256 of the refresh token with its session (sid), user and expiry', async () => {
    const { accessToken, refreshToken, refreshExpiresAt } = await sessions.start(alice)
    const record = await storedRecord(refreshToken)
    expect(
      record,
      'no record is stored under the SHA-256 of the refresh token: store.add({ tokenHash, ... }) with ' +
        'tokenHash = the SHA-256 of the token as hex or base64url (crypto.subtle.digest)',
    ).toBeDefined()
    const { sid } = await claimsOf(accessToken)
    expect(record?.familyId, "the record's familyId must be the access token's sid").toBe(sid)
    expect(record?.userId, "the record's userId is the user's id").toBe(alice.id)
    expect(record?.expiresAt, 'expiresAt is the same moment as refreshExpiresAt').toBe(refreshExpiresAt)
    expect(record?.usedAt, 'a new token is unused: leave usedAt out').toBeUndefined()
  })

  it('never writes a refresh token itself to IndexedDB, in any encoding', async () => {
    const first = await sessions.start(alice)
    now += 60
    const second = await sessions.refresh(first.refreshToken)
    await sessions.logout(second.refreshToken)
    const texts = [...textsIn(await everythingIn(tokensDb)), ...textsIn(await everythingIn(usersDb))]
    for (const token of [first.refreshToken, second.refreshToken]) {
      const bytes = fromBase64url(token) ?? new Uint8Array()
      const forms = [token, toBase64(bytes), toBase64(bytes).replace(/=+$/, ''), toHex(bytes)]
      for (const form of forms) {
        expect(
          texts.filter((text) => text.includes(form)),
          'a copy of the database must not hand out sessions: store only the SHA-256 of a refresh token',
        ).toEqual([])
      }
    }
  })
})

describe('verifyAccess', () => {
  it('returns the payload of a valid access token: sub, username, role and sid', async () => {
    const { accessToken } = await sessions.start(alice)
    const payload = await verified(accessToken)
    expect(payload, 'a fresh access token of a live session is valid: return jwt.decode(token)').toEqual(
      await claimsOf(accessToken),
    )
  })

  it.each(['', 'garbage', 'a.b.c', 'e30.e30.'])(
    'returns null without throwing for the malformed token "%s"',
    async (token) => {
      expect(await verified(token), 'jwt.decode rejects bad tokens: catch that and return null').toBeNull()
    },
  )

  it('returns null for an access token signed with another secret', async () => {
    const other = new SimpleJWT(crypto.getRandomValues(new Uint8Array(32)), { now: () => now })
    const { sid } = await claimsOf((await sessions.start(alice)).accessToken)
    const forged = await other.encode({ sub: String(alice.id), username: 'alice', role: 'admin', sid })
    expect(await verified(forged), 'only tokens signed with your jwt count: return null').toBeNull()
  })

  it('returns null for an access token from the second it expires', async () => {
    const { accessToken } = await sessions.start(alice)
    now += ACCESS_TTL
    expect(await verified(accessToken), 'at exp the access token has expired: return null').toBeNull()
  })

  it('returns null for a correctly signed token without sid, such as one from AuthService.login', async () => {
    const token = await jwt.encode({ sub: String(alice.id), username: 'alice', role: 'reader' })
    expect(
      await verified(token),
      'a token without a session id cannot be revoked, so it is not a session token: return null',
    ).toBeNull()
  })

  it.each([
    ['a number', 42],
    ['an object', { id: 'x' }],
    ['null', null],
  ])('returns null for a correctly signed token whose sid is %s', async (_, sid) => {
    const token = await jwt.encode({ sub: String(alice.id), username: 'alice', role: 'reader', sid })
    expect(
      await verified(token),
      'check typeof payload.sid === "string" before asking the store (an object is not even a valid key)',
    ).toBeNull()
  })

  it('returns null, and does not throw, when the revocation check fails', async () => {
    const { accessToken } = await sessions.start(alice)
    vi.spyOn(store, 'isFamilyRevoked').mockRejectedValue(
      new DOMException('The database connection is closing.', 'InvalidStateError'),
    )
    expect(
      await verified(accessToken),
      'if you cannot tell whether the session was ended, refuse the token: catch and return null',
    ).toBeNull()
  })
})

describe('refresh: rotation', () => {
  it('exchanges a refresh token for a new pair with a different refresh token', async () => {
    const first = await sessions.start(alice)
    now += 60
    const second = await sessions.refresh(first.refreshToken)
    expect(second.refreshToken, 'rotate: every refresh issues a new refresh token').not.toBe(
      first.refreshToken,
    )
    expect(second.refreshToken, 'the new refresh token has the same form: 43 base64url characters').toMatch(
      /^[A-Za-z0-9_-]{43}$/,
    )
    expect(second.accessToken, 'and a new access token, signed now').not.toBe(first.accessToken)
  })

  it('keeps the session: the new access token has the same sid, user and claims', async () => {
    const first = await sessions.start(alice)
    now += 60
    const second = await sessions.refresh(first.refreshToken)
    const before = await claimsOf(first.accessToken)
    const after = await claimsOf(second.accessToken)
    expect(
      after,
      'a refresh continues the same family: sid stays, and sub, username and role are signed',
    ).toEqual(
      expect.objectContaining({ sub: String(alice.id), username: 'alice', role: 'reader', sid: before.sid }),
    )
    expect(after.iat, 'the new access token is issued now').toBe(now)
  })

  it('marks the presented refresh token as used, at the time of the refresh', async () => {
    const first = await sessions.start(alice)
    now += 60
    await sessions.refresh(first.refreshToken)
    expect(
      (await storedRecord(first.refreshToken))?.usedAt,
      'call store.markUsed(tokenHash, now) for the token you exchange',
    ).toBe(now)
  })

  it('stores the new refresh token in the same session, unused', async () => {
    const first = await sessions.start(alice)
    now += 60
    const second = await sessions.refresh(first.refreshToken)
    const record = await storedRecord(second.refreshToken)
    const { sid } = await claimsOf(first.accessToken)
    expect(record, 'store the SHA-256 of the new refresh token too').toBeDefined()
    expect(record?.familyId, 'the new token belongs to the same family').toBe(sid)
    expect(record?.userId, 'and to the same user').toBe(alice.id)
    expect(record?.usedAt, 'and is unused').toBeUndefined()
  })

  it('keeps rotating: each newest refresh token works in turn, and earlier access tokens stay valid', async () => {
    let pair = await sessions.start(alice)
    const accessTokens = [pair.accessToken]
    for (let i = 0; i < 3; i++) {
      now += 60
      pair = await sessions.refresh(pair.refreshToken)
      accessTokens.push(pair.accessToken)
    }
    for (const token of accessTokens) {
      expect(
        await verified(token),
        'an ordinary refresh does not end the session: do not revoke the family when rotating',
      ).not.toBeNull()
    }
  })

  it("puts the user's current username and role into the new access token", async () => {
    const first = await sessions.start(alice)
    await users.update({ ...alice, username: 'alice_w', role: 'author' })
    now += 60
    const second = await sessions.refresh(first.refreshToken)
    expect(
      await claimsOf(second.accessToken),
      'sign the claims of the user users.findById returned, not of the one the session started with',
    ).toEqual(expect.objectContaining({ username: 'alice_w', role: 'author' }))
  })

  it('gives a new refresh token refreshTtlSeconds from its refresh, not from the login', async () => {
    const first = await sessions.start(alice)
    now += 1000
    const second = await sessions.refresh(first.refreshToken)
    expect(second.refreshExpiresAt, 'refreshExpiresAt = the time of the refresh + refreshTtlSeconds').toBe(
      now + TTL,
    )
    now = second.refreshExpiresAt - 1
    expect(
      await outcomeOf(sessions.refresh(second.refreshToken)),
      'the new token must still work one second before its own refreshExpiresAt, after the first one expired',
    ).toBe('succeeded')
  })
})

describe('refresh: refusals', () => {
  it.each([
    ['an empty string', ''],
    ['"garbage"', 'garbage'],
    ['a well-formed random token', randomToken()],
  ])('refuses %s, a token it never issued, as "unknown"', async (_, token) => {
    expect(
      await outcomeOf(sessions.refresh(token)),
      'no record under the hash of this token: throw new SessionError("unknown")',
    ).toBe('unknown')
  })

  it('accepts a refresh token until the second before refreshExpiresAt, and refuses it as "expired" from then on', async () => {
    const early = await sessions.start(alice)
    const late = await sessions.start(alice)
    now = early.refreshExpiresAt - 1
    expect(
      await outcomeOf(sessions.refresh(early.refreshToken)),
      'one second before refreshExpiresAt the token is still valid',
    ).toBe('succeeded')
    now = late.refreshExpiresAt
    expect(
      await outcomeOf(sessions.refresh(late.refreshToken)),
      'at refreshExpiresAt the token has expired (expiresAt <= now), as exp does for a JWT',
    ).toBe('expired')
  })

  it('refuses the refresh token of a deactivated user as "revoked", and the session stays ended', async () => {
    const session = await sessions.start(alice)
    await deactivate(alice)
    now += 60
    expect(
      await outcomeOf(sessions.refresh(session.refreshToken)),
      'look the user up with users.findById: an inactive user gets no new tokens',
    ).toBe('revoked')
    expect(
      await verified(session.accessToken),
      "revoke the family: the session's access token dies too",
    ).toBeNull()
    await users.update({ ...alice, isActive: true })
    expect(
      await outcomeOf(sessions.refresh(session.refreshToken)),
      'the session was revoked (store.revokeFamily), so reactivating the user does not bring it back',
    ).toBe('revoked')
  })

  it('refuses the refresh token of a user who no longer exists as "revoked"', async () => {
    const session = await sessions.start({ id: 999, username: 'ghost', role: 'reader' })
    now += 60
    expect(
      await outcomeOf(sessions.refresh(session.refreshToken)),
      'users.findById found nobody: revoke the family and throw new SessionError("revoked")',
    ).toBe('revoked')
    expect(await verified(session.accessToken), "the session's access token must stop working too").toBeNull()
  })
})

describe('reuse detection', () => {
  it('refuses a refresh token that was already used as "reused"', async () => {
    const first = await sessions.start(alice)
    now += 60
    await sessions.refresh(first.refreshToken)
    now += 60
    expect(
      await outcomeOf(sessions.refresh(first.refreshToken)),
      'a refresh token works once: a used one presented again is a stolen copy, throw SessionError("reused")',
    ).toBe('reused')
  })

  it('treats a used token as reuse even after it expired: the late replay still ends the session', async () => {
    const first = await sessions.start(alice)
    now += 60
    const second = await sessions.refresh(first.refreshToken)
    now = first.refreshExpiresAt
    expect(
      await outcomeOf(sessions.refresh(first.refreshToken)),
      'check usedAt before expiresAt: a used token presented again is a stolen copy, however old',
    ).toBe('reused')
    expect(
      await outcomeOf(sessions.refresh(second.refreshToken)),
      'the replay must revoke the family, although the replayed token had expired',
    ).toBe('revoked')
  })

  it('ends the whole session on reuse: the newest refresh token then fails as "revoked"', async () => {
    const first = await sessions.start(alice)
    now += 60
    const second = await sessions.refresh(first.refreshToken)
    now += 60
    await outcomeOf(sessions.refresh(first.refreshToken))
    expect(
      await outcomeOf(sessions.refresh(second.refreshToken)),
      'you cannot tell the thief from the user: revoke the family (store.revokeFamily) so neither goes on',
    ).toBe('revoked')
  })

  it('stops the access tokens of the session at once when a reuse is detected', async () => {
    const first = await sessions.start(alice)
    now += 60
    const second = await sessions.refresh(first.refreshToken)
    now += 60
    await outcomeOf(sessions.refresh(first.refreshToken))
    expect(
      await verified(second.accessToken),
      'verifyAccess must return null for an access token whose sid belongs to a revoked family',
    ).toBeNull()
    expect(await verified(first.accessToken), 'the older access token of the family too').toBeNull()
  })

  it("ends only the reused token's session: the user's other sessions keep working", async () => {
    const first = await sessions.start(alice)
    const other = await sessions.start(alice)
    now += 60
    await sessions.refresh(first.refreshToken)
    await outcomeOf(sessions.refresh(first.refreshToken))
    expect(await verified(other.accessToken), 'revoke the family of the reused token only').not.toBeNull()
    expect(
      await outcomeOf(sessions.refresh(other.refreshToken)),
      'another session (another family) of the same user must still refresh',
    ).toBe('succeeded')
  })
})

describe('two refreshes at once', () => {
  it('lets only one of two simultaneous refreshes of one token succeed; the other fails as "reused"', async () => {
    const first = await sessions.start(alice)
    now += 60
    const results = await Promise.allSettled([
      sessions.refresh(first.refreshToken),
      sessions.refresh(first.refreshToken),
    ])
    const winners = results.filter((result) => result.status === 'fulfilled')
    const losers = results.flatMap((result) => (result.status === 'rejected' ? [result.reason] : []))
    expect(
      winners,
      'both read the record before either marked it used: only store.markUsed, which returns true to the ' +
        'first caller alone, can decide; treat false as reuse',
    ).toHaveLength(1)
    expect(
      losers.map((error) => (error instanceof SessionError ? error.code : String(error))),
      'the refresh that lost the race presented a used token: SessionError("reused")',
    ).toEqual(['reused'])
  })

  it("ends the session after such a race, so the winner's new tokens stop working too", async () => {
    const first = await sessions.start(alice)
    now += 60
    const results = await Promise.allSettled([
      sessions.refresh(first.refreshToken),
      sessions.refresh(first.refreshToken),
    ])
    const winner = results.find((result) => result.status === 'fulfilled')?.value
    expect(winner, 'one of the two refreshes must succeed').toBeDefined()
    now += 60
    expect(
      await outcomeOf(sessions.refresh(winner?.refreshToken ?? '')),
      'losing the race is a reuse like any other: revoke the family, so the new refresh token is revoked',
    ).toBe('revoked')
    expect(
      await verified(winner?.accessToken ?? ''),
      "and the winner's access token stops verifying",
    ).toBeNull()
  })
})

describe('logout', () => {
  it('ends the session: its refresh token fails as "revoked" and its access token stops verifying', async () => {
    const session = await sessions.start(alice)
    await sessions.logout(session.refreshToken)
    expect(
      await verified(session.accessToken),
      'logout revokes the family (store.revokeFamily): its access tokens are refused at once, via sid',
    ).toBeNull()
    expect(
      await outcomeOf(sessions.refresh(session.refreshToken)),
      'after logout the refresh token belongs to a revoked family',
    ).toBe('revoked')
  })

  it('ends the whole session when given the newest refresh token after rotations', async () => {
    const first = await sessions.start(alice)
    now += 60
    const second = await sessions.refresh(first.refreshToken)
    await sessions.logout(second.refreshToken)
    expect(
      await verified(first.accessToken),
      "revoke the token's family, not the token: every access token of the session stops",
    ).toBeNull()
    expect(await verified(second.accessToken), 'the newest access token too').toBeNull()
  })

  it("leaves the user's other sessions alone", async () => {
    const phone = await sessions.start(alice)
    const laptop = await sessions.start(alice)
    await sessions.logout(phone.refreshToken)
    expect(
      await verified(laptop.accessToken),
      'logging out on one device ends that session only',
    ).not.toBeNull()
    expect(await outcomeOf(sessions.refresh(laptop.refreshToken)), 'the other session still refreshes').toBe(
      'succeeded',
    )
  })

  it.each([
    ['an empty string', ''],
    ['"garbage"', 'garbage'],
    ['a well-formed random token', randomToken()],
  ])('ignores %s, a token it never issued, without throwing or ending anything', async (_, token) => {
    const session = await sessions.start(alice)
    expect(
      await outcomeOf(sessions.logout(token)),
      'logout of an unknown token does nothing: no record, nothing to revoke, no error',
    ).toBe('succeeded')
    expect(await verified(session.accessToken), 'other sessions are untouched').not.toBeNull()
  })
})

describe('logoutEverywhere', () => {
  it('ends every session of the user, rotated ones included', async () => {
    const phone = await sessions.start(alice)
    now += 60
    const phoneNow = await sessions.refresh(phone.refreshToken)
    const laptop = await sessions.start(alice)
    await sessions.logoutEverywhere(alice.id)
    for (const [name, pair] of [
      ['the rotated session', phoneNow],
      ['the other session', laptop],
    ] as const) {
      expect(
        await outcomeOf(sessions.refresh(pair.refreshToken)),
        `${name}: revoke every family of the user (store.revokeUser)`,
      ).toBe('revoked')
      expect(await verified(pair.accessToken), `${name}: its access token stops verifying at once`).toBeNull()
    }
  })

  it("leaves other users' sessions alone", async () => {
    await sessions.start(alice)
    const bobs = await sessions.start(bob)
    await sessions.logoutEverywhere(alice.id)
    expect(await verified(bobs.accessToken), "only alice's sessions end").not.toBeNull()
    expect(await outcomeOf(sessions.refresh(bobs.refreshToken)), "bob's session still refreshes").toBe(
      'succeeded',
    )
  })

  it('lets the user start a new session afterwards', async () => {
    await sessions.start(alice)
    await sessions.logoutEverywhere(alice.id)
    now += 60
    const fresh = await sessions.start(alice)
    expect(
      await verified(fresh.accessToken),
      'a login after "log out everywhere" starts a live session',
    ).not.toBeNull()
    expect(await outcomeOf(sessions.refresh(fresh.refreshToken)), 'and its refresh token works').toBe(
      'succeeded',
    )
  })
})
