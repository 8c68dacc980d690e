/** Options for {@link PasswordManager}. */
export interface PasswordManagerOptions {
  /** PBKDF2 iterations for new hashes. Defaults to 600,000, OWASP's figure for PBKDF2-HMAC-SHA256. */
  iterations?: number
}

/** The outcome of {@link PasswordManager.validatePassword}: `valid` is true exactly when `errors` is empty. */
export interface PasswordCheck {
  valid: boolean
  /** One sentence per broken rule, saying what to add or change. */
  errors: string[]
}

const ALGORITHM = 'pbkdf2_sha256'
const DEFAULT_ITERATIONS = 600_000
// ~16x today's recommendation: room to grow, yet a tampered hash cannot keep a core busy for minutes
const MAX_ITERATIONS = 10_000_000
const SALT_LENGTH = 22
const SALT_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
// the largest multiple of 62 that fits in a byte: bytes at or above it would favour the first 8 letters
const UNBIASED_LIMIT = 256 - (256 % SALT_ALPHABET.length)
const HASH_BYTES = 32
// 32 bytes in standard base64: 43 characters and one '=' of padding
const HASH_PATTERN = /^[A-Za-z0-9+/]{43}=$/
const ITERATIONS_PATTERN = /^[1-9][0-9]*$/

const encoder = new TextEncoder()

interface StoredHash {
  iterations: number
  salt: string
  hash: Uint8Array
}

/** Hashes, verifies and checks passwords. Stored hashes use Django's `pbkdf2_sha256$<iterations>$<salt>$<hash>`. */
export class PasswordManager {
  readonly #iterations: number

  /** @throws {RangeError} if `iterations` is not a whole number from 1 to 10,000,000. */
  constructor(options: PasswordManagerOptions = {}) {
    const iterations = options.iterations ?? DEFAULT_ITERATIONS
    if (!Number.isSafeInteger(iterations) || iterations < 1 || iterations > MAX_ITERATIONS) {
      throw new RangeError(`iterations must be a whole number from 1 to ${MAX_ITERATIONS}, got ${iterations}`)
    }
    this.#iterations = iterations
  }

  /** Hashes `password` (its UTF-8 bytes, exactly as given) with a fresh random salt. */
  async hashPassword(password: string): Promise<string> {
    if (typeof password !== 'string') throw new TypeError('password must be a string')
    const salt = randomSalt()
    const hash = await pbkdf2(password, salt, this.#iterations)
    return `${ALGORITHM}$${this.#iterations}$${salt}$${toBase64(hash)}`
  }

  /**
   * Whether `password` matches `encoded`, using the iterations and salt stored in `encoded`.
   * Resolves to false, never rejects, for a wrong password and for anything malformed.
   */
  async verifyPassword(password: string, encoded: string): Promise<boolean> {
    if (typeof password !== 'string') return false
    const stored = parse(encoded)
    if (!stored) return false
    try {
      const actual = await pbkdf2(password, stored.salt, stored.iterations)
      return constantTimeEqual(actual, stored.hash)
    } catch {
      return false
    }
  }

  /** Checks `password` against the sign-up policy and lists every rule it breaks. */
  validatePassword(password: string): PasswordCheck {
    const text = typeof password === 'string' ? password : ''
    const errors = RULES.filter((rule) => !rule.test(text)).map((rule) => rule.error)
    return { valid: errors.length === 0, errors }
  }
}

const RULES: readonly { test: (password: string) => boolean; error: string }[] = [
  // NIST SP 800-63B counts each Unicode code point as one character, so '🔑' is 1, not 2
  { test: (password) => [...password].length >= 8, error: 'Use at least 8 characters.' },
  { test: (password) => /\p{Nd}/u.test(password), error: 'Add at least one digit (0-9).' },
  { test: (password) => /\p{Ll}/u.test(password), error: 'Add at least one lowercase letter (a-z).' },
  { test: (password) => /\p{Lu}/u.test(password), error: 'Add at least one uppercase letter (A-Z).' },
  {
    test: (password) => /[^\p{L}\p{M}\p{N}\s]/u.test(password),
    error: 'Add at least one special character, such as ! ? # % or @.',
  },
]

/** 22 characters of [A-Za-z0-9] (about 131 bits), drawn without modulo bias. */
function randomSalt(): string {
  let salt = ''
  while (salt.length < SALT_LENGTH) {
    for (const byte of crypto.getRandomValues(new Uint8Array(32))) {
      if (byte < UNBIASED_LIMIT && salt.length < SALT_LENGTH) {
        salt += SALT_ALPHABET.charAt(byte % SALT_ALPHABET.length)
      }
    }
  }
  return salt
}

async function pbkdf2(password: string, salt: string, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(password), 'PBKDF2', false, ['deriveBits'])
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: encoder.encode(salt), iterations },
    key,
    HASH_BYTES * 8,
  )
  return new Uint8Array(bits)
}

/** Splits and checks a stored hash; undefined if any part is malformed. */
function parse(encoded: unknown): StoredHash | undefined {
  if (typeof encoded !== 'string') return undefined
  const parts = encoded.split('$')
  if (parts.length !== 4) return undefined
  const [algorithm, iterationsText = '', salt = '', hashText = ''] = parts
  if (algorithm !== ALGORITHM || salt === '') return undefined
  if (!ITERATIONS_PATTERN.test(iterationsText) || !HASH_PATTERN.test(hashText)) return undefined
  const iterations = Number(iterationsText)
  if (iterations > MAX_ITERATIONS) return undefined
  return { iterations, salt, hash: fromBase64(hashText) }
}

function toBase64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes))
}

function fromBase64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (char) => char.charCodeAt(0))
}

/** Compares every byte whatever the earlier ones were, so the time taken does not reveal where they differ. */
function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  let difference = 0
  for (let i = 0; i < a.length; i++) difference |= (a[i] ?? 0) ^ (b[i] ?? 0)
  return difference === 0
}
