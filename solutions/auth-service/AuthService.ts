import type { PasswordManager } from './PasswordManager'
import type { JwtPayload, SimpleJWT } from './SimpleJWT'
import { DuplicateUserError, type PublicUser, type User, type UserStore } from './UserStore'

type Field = 'username' | 'email' | 'password'

// Stryker disable all: the three error classes come ready-made in the starter; learners do not write them

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
// Stryker restore all

// the WHATWG HTML definition of a valid email address, the one <input type="email"> applies
const emailPattern =
  /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/

// an allow-list: a field added to User later stays private until someone decides otherwise
function toPublicUser(user: User): PublicUser {
  const { id, username, email, role, isActive, createdAt } = user
  return { id, username, email, role, isActive, createdAt }
}

function conflict(field: 'username' | 'email'): ConflictError {
  return new ConflictError(
    field === 'username' ? 'Username is already registered' : 'Email is already registered',
  )
}

/** Registration, login and token checks over a user store, a password hasher and a token signer. */
export class AuthService {
  private readonly users: UserStore
  private readonly passwords: PasswordManager
  private readonly jwt: SimpleJWT
  private dummyHash: Promise<string> | undefined

  constructor(deps: { users: UserStore; passwords: PasswordManager; jwt: SimpleJWT }) {
    this.users = deps.users
    this.passwords = deps.passwords
    this.jwt = deps.jwt
  }

  /**
   * Creates an active `reader` and returns it without its hash. Rejects with a {@link ValidationError}
   * listing every problem, or a {@link ConflictError} if the username or email is taken.
   */
  async register(input: { username: string; email: string; password: string }): Promise<PublicUser> {
    const { username, email, password } = input
    const issues: { field: Field; message: string }[] = []
    if (username.length < 3 || username.length > 32) {
      issues.push({ field: 'username', message: 'Username must be 3 to 32 characters long' })
    }
    if (!/^[A-Za-z0-9_]*$/.test(username)) {
      issues.push({ field: 'username', message: 'Username may contain only letters, digits and underscores' })
    }
    if (email.length > 254 || !emailPattern.test(email)) {
      issues.push({ field: 'email', message: 'Email must be a valid address, like ada@example.com' })
    }
    for (const message of this.passwords.validatePassword(password).errors) {
      issues.push({ field: 'password', message })
    }
    if (issues.length > 0) throw new ValidationError(issues)

    // a quick answer before paying for the hash; the store's unique indexes are the real guarantee
    if (await this.users.findByUsername(username)) throw conflict('username')
    if (await this.users.findByEmail(email)) throw conflict('email')

    const hashedPassword = await this.passwords.hashPassword(password)
    try {
      return toPublicUser(
        await this.users.create({ username, email, hashedPassword, role: 'reader', isActive: true }),
      )
    } catch (error) {
      // another registration took the name between our check and our insert
      if (error instanceof DuplicateUserError) throw conflict(error.field)
      throw error
    }
  }

  /**
   * Checks the credentials and issues an access token with `sub`, `username` and `role`. Rejects with the
   * same {@link AuthError} for an unknown user, a wrong password and an inactive user.
   */
  async login(
    username: string,
    password: string,
  ): Promise<{ accessToken: string; tokenType: 'bearer'; user: PublicUser }> {
    const user = await this.users.findByUsername(username)
    if (!user) {
      // verify anyway, against a hash as costly as a real one, so the response time does not tell
      this.dummyHash ??= this.passwords.hashPassword(crypto.randomUUID())
      await this.passwords.verifyPassword(password, await this.dummyHash)
      throw new AuthError()
    }
    const passwordMatches = await this.passwords.verifyPassword(password, user.hashedPassword)
    if (!passwordMatches || !user.isActive) throw new AuthError()

    const accessToken = await this.jwt.encode({
      sub: String(user.id),
      username: user.username,
      role: user.role,
    })
    return { accessToken, tokenType: 'bearer', user: toPublicUser(user) }
  }

  /**
   * The user a valid token was issued to, read fresh from the store; null if the token is malformed,
   * forged or expired, or its user no longer exists or is inactive.
   */
  async getCurrentUser(token: string): Promise<PublicUser | null> {
    let payload: JwtPayload
    try {
      payload = await this.jwt.decode(token)
    } catch {
      return null
    }
    const { sub } = payload
    // ids are positive integers, issued as strings (RFC 7519 4.1.2: sub is a string)
    if (typeof sub !== 'string' || !/^[1-9][0-9]{0,15}$/.test(sub)) return null
    const user = await this.users.findById(Number(sub))
    return user?.isActive ? toPublicUser(user) : null
  }
}
