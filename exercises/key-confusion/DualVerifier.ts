// A DELIBERATELY VULNERABLE token verifier, for this lab only. Never copy it.
// Our identity provider signs RS256 tokens with its RSA private key; some older services
// still sign HS256 tokens. The library this verifier is modelled on took one `key` for
// every algorithm, and the header's alg decided what the key meant. The comments are its
// authors' reasons.
import { pemToDer } from './pem'
import {
  type Claims,
  decodeBase64url,
  decodeSegment,
  systemClock,
  TokenError,
  type VerifierOptions,
} from './tokens'

const utf8 = new TextEncoder()
const RS256 = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }
const HS256 = { name: 'HMAC', hash: 'SHA-256' }

/** Verifies RS256 and HS256 tokens with one key. Has the mistake the lesson describes. */
export class DualVerifier {
  readonly #key: string
  readonly #now: () => number

  /** @param key the identity provider's RSA public key as PEM text (it is public) */
  constructor(key: string, options: VerifierOptions = {}) {
    this.#key = key
    this.#now = options.now ?? systemClock
  }

  /** Resolves with the token's claims, or rejects with a `TokenError`. */
  async verify(token: string): Promise<Claims> {
    const segments = token.split('.')
    if (segments.length !== 3) throw new TokenError('a JWS has 3 segments')
    const [header64, payload64, signature64] = segments as [string, string, string]
    const header = decodeSegment(header64)
    const signature = decodeBase64url(signature64)
    const input = utf8.encode(`${header64}.${payload64}`)
    let valid: boolean
    if (header.alg === 'RS256') {
      const der = pemToDer(this.#key)
      const key = await crypto.subtle.importKey('spki', der, RS256, false, ['verify'])
      valid = await crypto.subtle.verify(RS256, key, signature, input)
    } else if (header.alg === 'HS256') {
      // for HMAC the key is a shared secret string, so use its bytes
      const bytes = utf8.encode(this.#key)
      const key = await crypto.subtle.importKey('raw', bytes, HS256, false, ['verify'])
      valid = await crypto.subtle.verify(HS256, key, signature, input)
    } else {
      throw new TokenError(`unsupported alg ${JSON.stringify(header.alg)}`)
    }
    if (!valid) throw new TokenError('bad signature')
    const claims = decodeSegment(payload64)
    if (!Number.isFinite(claims.exp)) throw new TokenError('exp must be a number')
    const expired = (claims.exp as number) <= this.#now()
    if (expired) throw new TokenError('the token has expired')
    return claims
  }

  /** True only for a token `verify` accepts whose role is admin; never rejects. */
  async isAdmin(token: string): Promise<boolean> {
    try {
      return (await this.verify(token)).role === 'admin'
    } catch {
      return false
    }
  }
}
