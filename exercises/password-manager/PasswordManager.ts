/** Options for {@link PasswordManager}. */
export interface PasswordManagerOptions {
  /** PBKDF2 iterations for new hashes. Should default to 600,000 (OWASP, PBKDF2-HMAC-SHA256). */
  iterations?: number
}

/** The outcome of {@link PasswordManager.validatePassword}: `valid` is true exactly when `errors` is empty. */
export interface PasswordCheck {
  valid: boolean
  /** One sentence per broken rule, saying what to add or change. */
  errors: string[]
}

/** Hashes, verifies and checks passwords. Stored hashes use Django's `pbkdf2_sha256$<iterations>$<salt>$<hash>`. */
export class PasswordManager {
  constructor(options: PasswordManagerOptions = {}) {
    // TODO: keep the iteration count for hashPassword: options.iterations, or 600_000 when it is not given.
    //       A count that is not a whole number from 1 up (1000.5, NaN): throw a RangeError (or round it, as
    //       long as the count stored in the hash is the one you derived with).
    void options
  }

  /** Hashes `password` (its UTF-8 bytes, exactly as given) with a fresh random salt. */
  async hashPassword(password: string): Promise<string> {
    // TODO: salt = 22 random characters of [A-Za-z0-9] from crypto.getRandomValues (no modulo bias)
    // TODO: hash = 32 bytes of PBKDF2-HMAC-SHA256 via crypto.subtle, in standard base64
    // TODO: return `pbkdf2_sha256$<iterations>$<salt>$<hash>`
    throw new Error('Not implemented yet: hashPassword — see the lesson')
  }

  /**
   * Whether `password` matches `encoded`, using the iterations and salt stored in `encoded`.
   * Must resolve to false, never reject, for a wrong password and for anything malformed.
   */
  async verifyPassword(password: string, encoded: string): Promise<boolean> {
    // TODO: split `encoded` into its 4 parts and check each one before using it (a count up to 6,000,000 or
    //       more must still be accepted; an absurd one such as 100,000,000 refused)
    // TODO: derive again with the stored salt and iterations, then compare all 32 bytes in constant time
    throw new Error('Not implemented yet: verifyPassword — see the lesson')
  }

  /** Checks `password` against the sign-up policy and lists every rule it breaks. */
  validatePassword(password: string): PasswordCheck {
    // TODO: at least 8 characters, a digit, a lowercase letter, an uppercase letter, a special character
    // TODO: one error per broken rule, in words the user can act on, naming the rule (see the lesson)
    throw new Error('Not implemented yet: validatePassword — see the lesson')
  }
}
