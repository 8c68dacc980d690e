import {
  type Claims,
  decodeBase64url,
  decodeSegment,
  systemClock,
  TokenError,
  type VerifierOptions,
} from './tokens'

const utf8 = new TextEncoder()

/**
 * Verifies HS256 JWTs with one shared secret, the way RFC 8725 asks: the algorithm is this
 * verifier's, never the header's; the signature is checked with `crypto.subtle.verify` before
 * any claim is read; and every road to "admin" goes through `verify`.
 */
export class FixedVerifier {
  readonly #key: Promise<CryptoKey>
  readonly #now: () => number

  constructor(secret: string | Uint8Array, options: VerifierOptions = {}) {
    const bytes = typeof secret === 'string' ? utf8.encode(secret) : new Uint8Array(secret)
    // the key is bound to one algorithm here, once: HMAC with SHA-256
    const algorithm = { name: 'HMAC', hash: 'SHA-256' }
    this.#key = crypto.subtle.importKey('raw', bytes, algorithm, false, ['verify'])
    this.#now = options.now ?? systemClock
  }

  /** Resolves with the token's claims, or rejects with a `TokenError`. */
  async verify(token: string): Promise<Claims> {
    const segments = token.split('.')
    if (segments.length !== 3) {
      throw new TokenError(`a JWS has 3 dot-separated segments, this one has ${segments.length}`)
    }
    const [headerSegment, payloadSegment, signatureSegment] = segments as [string, string, string]
    const header = decodeSegment(headerSegment)
    // RFC 8725 3.1: the algorithm is ours; the header may only agree, exactly
    if (header.alg !== 'HS256') {
      throw new TokenError(`"alg" must be "HS256", not ${JSON.stringify(header.alg)}`)
    }
    // RFC 7515 4.1.11: extensions listed in crit must be understood, and we understand none
    if (header.crit !== undefined) throw new TokenError('critical header extensions are not supported')

    const signature = decodeBase64url(signatureSegment)
    const input = utf8.encode(`${headerSegment}.${payloadSegment}`)
    // an empty signature goes through here too, and fails
    if (!(await crypto.subtle.verify('HMAC', await this.#key, signature, input))) {
      throw new TokenError('the signature does not match')
    }

    const claims = decodeSegment(payloadSegment)
    // Number.isFinite is false for anything but a finite number: no exp, "9999999999", 1e400
    if (!Number.isFinite(claims.exp)) throw new TokenError('the "exp" claim must be a number of seconds')
    if ((claims.exp as number) <= this.#now()) throw new TokenError('the token has expired')
    return claims
  }

  /** True only for a token that `verify` accepts and whose role is admin; never rejects. */
  async isAdmin(token: string): Promise<boolean> {
    try {
      return (await this.verify(token)).role === 'admin'
    } catch {
      return false
    }
  }
}
