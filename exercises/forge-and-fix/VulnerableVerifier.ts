// A DELIBERATELY VULNERABLE token verifier, for this lab only. Never copy it.
// It is written the way JWT libraries and the apps around them were written before 2015:
// every line looks reasonable, and three of them let anyone with a reader token become
// admin. The comments are its authors' reasons. Read it as an attacker would, then fix it
// in FixedVerifier.ts.
import {
  type Claims,
  decodeBase64url,
  decodeSegment,
  systemClock,
  TokenError,
  type VerifierOptions,
} from './tokens'

// "be liberal in what you accept": one table for every algorithm the JWS spec lists,
// looked up case-insensitively
const ALGORITHMS: Record<string, string | null> = {
  NONE: null, // an Unsecured JWS (RFC 7519 6): there is no signature to check
  HS256: 'SHA-256',
  HS384: 'SHA-384',
  HS512: 'SHA-512',
}

const utf8 = new TextEncoder()

/** Verifies HMAC-signed JWTs with one shared secret. Has the lesson's three mistakes. */
export class VulnerableVerifier {
  readonly #secret: Uint8Array<ArrayBuffer>
  readonly #now: () => number

  constructor(secret: string | Uint8Array, options: VerifierOptions = {}) {
    const bytes = typeof secret === 'string' ? utf8.encode(secret) : secret
    this.#secret = new Uint8Array(bytes)
    this.#now = options.now ?? systemClock
  }

  /** Resolves with the token's claims, or rejects with a `TokenError`. */
  async verify(token: string): Promise<Claims> {
    const [headerSegment = '', payloadSegment = '', signature = ''] = token.split('.')
    const header = decodeSegment(headerSegment)
    // the token says how it was signed, so that is how we check it
    const alg = String(header.alg).toUpperCase()
    const hash = ALGORITHMS[alg]
    if (hash === undefined) throw new TokenError(`unsupported alg ${alg}`)
    if (hash !== null) {
      const algorithm = { name: 'HMAC', hash }
      const secret = this.#secret
      const usages: KeyUsage[] = ['verify']
      const key = await crypto.subtle.importKey('raw', secret, algorithm, false, usages)
      const mac = decodeBase64url(signature)
      const input = utf8.encode(`${headerSegment}.${payloadSegment}`)
      if (!(await crypto.subtle.verify('HMAC', key, mac, input))) {
        throw new TokenError('bad signature')
      }
    }
    const claims = decodeSegment(payloadSegment)
    if (typeof claims.exp === 'number' && claims.exp <= this.#now()) {
      throw new TokenError('the token has expired')
    }
    return claims
  }

  /**
   * For the admin pages. The request went through `verify` at the door (the middleware),
   * so the token is known to be good here: just read the role, no second HMAC needed.
   */
  async isAdmin(token: string): Promise<boolean> {
    try {
      const [, payloadSegment = ''] = token.split('.')
      return decodeSegment(payloadSegment).role === 'admin'
    } catch {
      return false
    }
  }
}
