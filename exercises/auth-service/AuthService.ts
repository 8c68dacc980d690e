import type { PasswordManager } from './PasswordManager'
import type { SimpleJWT } from './SimpleJWT'
import type { PublicUser, UserStore } from './UserStore'

type Field = 'username' | 'email' | 'password'

/** Registration input that breaks the rules; `issues` names every problem at once, one per broken rule. */
export class ValidationError extends Error {
  readonly issues: { field: Field; message: string }[]

  constructor(issues: { field: Field; message: string }[]) {
    super(`Invalid registration: ${issues.map((issue) => `${issue.field}: ${issue.message}`).join(' ')}`)
    this.name = 'ValidationError'
    this.issues = issues
  }
}

/** The username or the email is already registered (compared ignoring case). */
export class ConflictError extends Error {
  constructor(message = 'Username or email is already registered') {
    super(message)
    this.name = 'ConflictError'
  }
}

/** A failed login. The message is the same whatever went wrong, so it tells an attacker nothing. */
export class AuthError extends Error {
  constructor() {
    super('Invalid credentials')
    this.name = 'AuthError'
  }
}

/** Registration, login and token checks over a user store, a password hasher and a token signer. */
export class AuthService {
  private readonly users: UserStore
  private readonly passwords: PasswordManager
  private readonly jwt: SimpleJWT

  constructor(deps: { users: UserStore; passwords: PasswordManager; jwt: SimpleJWT }) {
    this.users = deps.users
    this.passwords = deps.passwords
    this.jwt = deps.jwt
  }

  /** Creates an active `reader` and returns it without its hash. */
  async register(input: { username: string; email: string; password: string }): Promise<PublicUser> {
    // TODO: collect every problem before throwing one ValidationError:
    //   username 3-32 characters of A-Z a-z 0-9 _, a valid email, this.passwords.validatePassword(password).errors
    // TODO: a taken username or email (ignoring case) is a ConflictError, also when this.users.create
    //   rejects with DuplicateUserError because another registration got there first; any other error
    //   from the store is not a conflict: rethrow it (or wrap it with { cause })
    // TODO: store this.passwords.hashPassword(password), never the password; role 'reader', isActive true
    // TODO: return the user without hashedPassword
    throw new Error('Not implemented yet: register — see the lesson')
  }

  /** Checks the credentials and issues an access token. */
  async login(
    username: string,
    password: string,
  ): Promise<{ accessToken: string; tokenType: 'bearer'; user: PublicUser }> {
    // TODO: unknown user, wrong password, inactive user: the same new AuthError() for all three
    // TODO: for an unknown user, still verify the password against a dummy hash made by this.passwords
    //   (await it: verifyPassword takes the hash string); for a known user, verify before checking isActive
    // TODO: the store finds "ALICE" as alice; token claims come from the stored user:
    //   sub = String(user.id), username = user.username, role = user.role (this.jwt adds iat and exp)
    throw new Error('Not implemented yet: login — see the lesson')
  }

  /** The user a valid token was issued to; null for any token that does not lead to an active user. */
  async getCurrentUser(token: string): Promise<PublicUser | null> {
    // TODO: this.jwt.decode(token) rejects for malformed, forged and expired tokens: return null then
    // TODO: look the user up by sub and return null unless it exists and is active
    throw new Error('Not implemented yet: getCurrentUser — see the lesson')
  }
}
