import type { RefreshTokenStore } from './RefreshTokenStore'
import type { JwtPayload, SimpleJWT } from './SimpleJWT'
import type { UserStore } from './UserStore'

/** Why `refresh` refused a refresh token. */
export type SessionErrorCode = 'unknown' | 'expired' | 'reused' | 'revoked'

const defaultMessages: Record<SessionErrorCode, string> = {
  unknown: 'This refresh token was never issued',
  expired: 'This refresh token has expired: log in again',
  reused: 'This refresh token was already used: the session is revoked, log in again',
  revoked: 'This session was ended: log in again',
}

/** The only error `refresh` rejects with: `new SessionError('reused')`. */
export class SessionError extends Error {
  override readonly name = 'SessionError'
  readonly code: SessionErrorCode

  constructor(code: SessionErrorCode, message = defaultMessages[code]) {
    super(message)
    this.code = code
  }
}

/** What `start` and `refresh` hand out. */
export interface TokenPair {
  /** A short-lived JWT with the claims sub, username, role and sid (the family id). */
  accessToken: string
  /** An opaque, single-use token: 32 random bytes as base64url (43 characters). */
  refreshToken: string
  /** Seconds since the epoch: from then on, `refreshToken` is refused as expired. */
  refreshExpiresAt: number
}

export interface SessionOptions {
  /** Seconds a refresh token lives, counted from when it is issued; default 14 days. */
  refreshTtlSeconds?: number
  /** The clock, in seconds since the epoch; default Math.floor(Date.now() / 1000). */
  now?: () => number
}

/**
 * Sessions as a short-lived access token plus a rotating refresh token. Every login
 * starts a family; each refresh uses up the presented token and issues the next one in
 * the same family.
 */
export class SessionService {
  private readonly jwt: SimpleJWT
  private readonly store: RefreshTokenStore
  private readonly users: UserStore
  /** Seconds a refresh token lives from when it is issued. */
  private readonly refreshTtlSeconds: number
  /** The clock, in seconds: call this.now() once per method and use that value. */
  private readonly now: () => number

  constructor(
    deps: { jwt: SimpleJWT; store: RefreshTokenStore; users: UserStore },
    options: SessionOptions = {},
  ) {
    this.jwt = deps.jwt
    this.store = deps.store
    this.users = deps.users
    this.refreshTtlSeconds = options.refreshTtlSeconds ?? 1_209_600
    this.now = options.now ?? (() => Math.floor(Date.now() / 1000))
  }

  /** Starts a new session (a new family) for a user who has just logged in. */
  async start(user: { id: number; username: string; role: string }): Promise<TokenPair> {
    // TODO: a new family id (crypto.randomUUID()), then issue a pair in it:
    //   refresh token: 32 bytes from crypto.getRandomValues, base64url (43 characters)
    //   store only its SHA-256 (crypto.subtle.digest) as hex or base64url text:
    //     this.store.add({ tokenHash, familyId, userId, expiresAt })
    //     with expiresAt = now + this.refreshTtlSeconds
    //   access token: this.jwt.encode({ sub: String(id), username, role, sid: familyId })
    throw new Error('Not implemented yet: start — see the lesson')
  }

  /** Uses up `refreshToken` and returns the next pair of the same session. */
  async refresh(refreshToken: string): Promise<TokenPair> {
    // TODO: find the record by the token's hash, then refuse with a SessionError:
    //   no record: 'unknown'
    //   family revoked: 'revoked'
    //   used before: revoke the family, then 'reused'
    //   expiresAt <= now: 'expired'
    //   user missing or inactive (users.findById): revoke the family, then 'revoked'
    // TODO: store.markUsed decides who used the token first: false is 'reused' as above
    // TODO: issue the next pair in the same family, with the user's current claims
    throw new Error('Not implemented yet: refresh — see the lesson')
  }

  /** The payload of a valid access token whose session is still alive; null otherwise. */
  async verifyAccess(accessToken: string): Promise<JwtPayload | null> {
    // TODO: jwt.decode; sid must be a string whose family is not revoked; never throw
    throw new Error('Not implemented yet: verifyAccess — see the lesson')
  }

  /** Ends the session `refreshToken` belongs to; an unknown token is ignored. */
  async logout(refreshToken: string): Promise<void> {
    // TODO: revoke the family of the token's record, if there is one
    throw new Error('Not implemented yet: logout — see the lesson')
  }

  /** Ends every session of the user, e.g. after a password change. */
  async logoutEverywhere(userId: number): Promise<void> {
    // TODO: one call to the store
    throw new Error('Not implemented yet: logoutEverywhere — see the lesson')
  }
}
