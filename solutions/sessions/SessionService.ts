import type { RefreshRecord, RefreshTokenStore } from './RefreshTokenStore'
import type { JwtPayload, SimpleJWT } from './SimpleJWT'
import type { UserStore } from './UserStore'

/** Why `refresh` refused a refresh token. */
export type SessionErrorCode = 'unknown' | 'expired' | 'reused' | 'revoked'

// Stryker disable all: SessionError comes ready-made in the starter; learners do not write it
const defaultMessages: Record<SessionErrorCode, string> = {
  unknown: 'This refresh token was never issued',
  expired: 'This refresh token has expired: log in again',
  reused: 'This refresh token was already used: the session is revoked, log in again',
  revoked: 'This session was ended: log in again',
}

/** The only error `refresh` rejects with; `code` says why, `message` says it in words. */
export class SessionError extends Error {
  override readonly name = 'SessionError'
  readonly code: SessionErrorCode

  constructor(code: SessionErrorCode, message = defaultMessages[code]) {
    super(message)
    this.code = code
  }
}
// Stryker restore all

/** What `start` and `refresh` hand out. */
export interface TokenPair {
  /** A short-lived JWT with the claims sub, username, role and sid (the session's family id). */
  accessToken: string
  /** An opaque, single-use token: 32 random bytes as base64url (43 characters). */
  refreshToken: string
  /** Seconds since the epoch: from this moment on, `refreshToken` is refused as expired. */
  refreshExpiresAt: number
}

export interface SessionOptions {
  /** How long a refresh token lives, in seconds, counted from when it is issued; default 14 days. */
  refreshTtlSeconds?: number
  /** The clock, in seconds since the epoch; default the system clock, rounded down to whole seconds. */
  now?: () => number
}

/** Who a session is for: what `start` needs of a user, and all the access token says about them. */
type SessionUser = { id: number; username: string; role: string }

const utf8 = new TextEncoder()
const systemClock = () => Math.floor(Date.now() / 1000)

function toBase64url(bytes: Uint8Array): string {
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/** 256 bits from the CSPRNG: no one can guess a live token, and a hash without salt is enough to store it. */
function newRefreshToken(): string {
  return toBase64url(crypto.getRandomValues(new Uint8Array(32)))
}

/** The key a token is stored under: base64url of the SHA-256 of its UTF-8 text. */
async function hashToken(token: string): Promise<string> {
  return toBase64url(new Uint8Array(await crypto.subtle.digest('SHA-256', utf8.encode(token))))
}

/**
 * Sessions as a short-lived access token plus a rotating refresh token. Every login starts a family; each
 * refresh uses up the presented token and issues the next one in the same family; a used token presented
 * again revokes the whole family (RFC 9700 4.14.2), and so do logout and a user who is gone.
 */
export class SessionService {
  private readonly jwt: SimpleJWT
  private readonly store: RefreshTokenStore
  private readonly users: UserStore
  /** Seconds a refresh token lives from when it is issued. */
  private readonly refreshTtlSeconds: number
  /** The clock, in seconds: read once per method, so one call sees one time. */
  private readonly now: () => number

  constructor(
    deps: { jwt: SimpleJWT; store: RefreshTokenStore; users: UserStore },
    options: SessionOptions = {},
  ) {
    this.jwt = deps.jwt
    this.store = deps.store
    this.users = deps.users
    this.refreshTtlSeconds = options.refreshTtlSeconds ?? 1_209_600
    this.now = options.now ?? systemClock
  }

  /** Starts a new session (a new family) for a user who has just logged in. */
  async start(user: SessionUser): Promise<TokenPair> {
    return this.#issue(user, crypto.randomUUID(), this.now())
  }

  /**
   * Uses up `refreshToken` and returns the next pair of the same session. Rejects with a `SessionError`:
   * `unknown`, `revoked` (also when the user is gone or inactive, which revokes the family), `reused` (the
   * token was used before, or a racing refresh used it first: the family is revoked), `expired`.
   */
  async refresh(refreshToken: string): Promise<TokenPair> {
    const now = this.now()
    const tokenHash = await hashToken(refreshToken)
    const record = await this.store.get(tokenHash)
    if (record === undefined) throw new SessionError('unknown')
    if (await this.store.isFamilyRevoked(record.familyId)) throw new SessionError('revoked')
    // a used token is a copy: its holder or the other one is not who we gave it to
    if (record.usedAt !== undefined) return this.#reused(record, now)
    if (record.expiresAt <= now) throw new SessionError('expired')
    const user = await this.users.findById(record.userId)
    if (!user?.isActive) {
      await this.store.revokeFamily(record.familyId, now)
      throw new SessionError('revoked')
    }
    // the check above and this write are not one step: only markUsed decides who used the token first
    if (!(await this.store.markUsed(tokenHash, now))) return this.#reused(record, now)
    return this.#issue(user, record.familyId, now)
  }

  /** The payload of a valid access token whose session is still alive; null otherwise. Never throws. */
  async verifyAccess(accessToken: string): Promise<JwtPayload | null> {
    try {
      const payload = await this.jwt.decode(accessToken)
      // without a session id, a token cannot be revoked: it is not one of ours
      if (typeof payload.sid !== 'string') return null
      return (await this.store.isFamilyRevoked(payload.sid)) ? null : payload
    } catch {
      // a forged, expired or malformed token, or a failed revocation check: refuse, never let it through
      return null
    }
  }

  /** Ends the session `refreshToken` belongs to: its refresh and access tokens stop working at once. */
  async logout(refreshToken: string): Promise<void> {
    const record = await this.store.get(await hashToken(refreshToken))
    if (record !== undefined) await this.store.revokeFamily(record.familyId, this.now())
  }

  /** Ends every session of the user, e.g. after a password change. Sessions started later are not affected. */
  async logoutEverywhere(userId: number): Promise<void> {
    await this.store.revokeUser(userId, this.now())
  }

  async #reused(record: RefreshRecord, now: number): Promise<never> {
    await this.store.revokeFamily(record.familyId, now)
    throw new SessionError('reused')
  }

  async #issue(user: SessionUser, familyId: string, now: number): Promise<TokenPair> {
    const refreshToken = newRefreshToken()
    const expiresAt = now + this.refreshTtlSeconds
    const tokenHash = await hashToken(refreshToken)
    await this.store.add({ tokenHash, familyId, userId: user.id, expiresAt })
    // field by field: whatever else the caller's user object holds stays out of the token
    const claims = { sub: String(user.id), username: user.username, role: user.role, sid: familyId }
    const accessToken = await this.jwt.encode(claims)
    return { accessToken, refreshToken, refreshExpiresAt: expiresAt }
  }
}
