import { pemToDer } from './pem'
import {
  type Claims,
  decodeBase64url,
  decodeSegment,
  systemClock,
  TokenError,
  type VerifierOptions,
} from './tokens'

/** The keys a verifier holds, each for one algorithm only. */
export interface VerifierKeys {
  /** The identity provider's RSA public key (SPKI PEM): verifies RS256 tokens, nothing else. */
  rs256: string
  /** The older services' shared secret (a string means its UTF-8 bytes): HS256 tokens only. */
  hs256?: string | Uint8Array
}

const utf8 = new TextEncoder()

/**
 * Verifies RS256 and, when a secret is given, HS256 tokens, with each key bound to its one
 * algorithm when it is imported: the header's alg only picks among the keys the verifier has,
 * and a key imported for RSASSA-PKCS1-v1_5 can never act as an HMAC secret.
 */
export class FixedVerifier {
  readonly #keys = new Map<string, Promise<CryptoKey>>()
  readonly #now: () => number

  constructor(keys: VerifierKeys, options: VerifierOptions = {}) {
    const rsa = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }
    this.#keys.set('RS256', crypto.subtle.importKey('spki', pemToDer(keys.rs256), rsa, false, ['verify']))
    if (keys.hs256 !== undefined) {
      const secret = typeof keys.hs256 === 'string' ? utf8.encode(keys.hs256) : new Uint8Array(keys.hs256)
      const hmac = { name: 'HMAC', hash: 'SHA-256' }
      this.#keys.set('HS256', crypto.subtle.importKey('raw', secret, hmac, false, ['verify']))
    }
    this.#now = options.now ?? systemClock
  }

  /** Resolves with the token's claims, or rejects with a `TokenError`. */
  async verify(token: string): Promise<Claims> {
    const segments = token.split('.')
    if (segments.length !== 3) throw new TokenError(`a JWS has 3 segments, not ${segments.length}`)
    const [headerSegment, payloadSegment, signatureSegment] = segments as [string, string, string]
    const header = decodeSegment(headerSegment)
    // RFC 8725 3.1: the alg must be one we hold a key for, exactly (a Map matches no array
    // or other case); never "none"
    const pending = this.#keys.get(header.alg as string)
    if (pending === undefined) throw new TokenError(`no key for alg ${JSON.stringify(header.alg)}`)
    if (header.crit !== undefined) throw new TokenError('critical header extensions are not supported')

    const key = await pending
    const signature = decodeBase64url(signatureSegment)
    const input = utf8.encode(`${headerSegment}.${payloadSegment}`)
    // the algorithm comes from the key, fixed when it was imported, not from the header
    if (!(await crypto.subtle.verify(key.algorithm, key, signature, input))) {
      throw new TokenError('the signature does not match')
    }

    const claims = decodeSegment(payloadSegment)
    if (!Number.isFinite(claims.exp)) throw new TokenError('the "exp" claim must be a number of seconds')
    if ((claims.exp as number) <= this.#now()) throw new TokenError('the token has expired')
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
