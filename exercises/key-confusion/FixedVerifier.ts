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
  /** The identity provider's RSA public key (SPKI PEM): RS256 tokens only. */
  rs256: string
  /** The older services' shared secret (a string means its UTF-8 bytes): HS256 only. */
  hs256?: string | Uint8Array
}

/**
 * THE FIX. Verifies RS256 tokens with the RSA key and, when `keys.hs256` is given, HS256
 * tokens with that secret. Each key is bound to its one algorithm when it is imported;
 * the header's alg only picks among the keys this verifier holds. Rejections are
 * `TokenError`s with a message saying why.
 */
export class FixedVerifier {
  /**
   * @param keys `rs256`: import pemToDer(pem) as 'spki', RSASSA-PKCS1-v1_5 with SHA-256.
   *   `hs256` (optional): import as 'raw' for HMAC with SHA-256. Both for 'verify', once.
   * @param options `now`: the clock in seconds; default `systemClock`.
   */
  constructor(keys: VerifierKeys, options: VerifierOptions = {}) {
    // TODO: a Map from "RS256" (and "HS256" when keys.hs256 is set) to its imported key.
    void [keys, options, pemToDer, systemClock] // placeholder; delete it
  }

  /**
   * Resolves with the claims of a genuine token, or rejects with a TokenError:
   * - exactly 3 segments; header.alg a string you hold a key for ("RS256", or "HS256"
   *   only with an hs256 secret): no case folding, no guessing, never "none";
   * - no "crit";
   * - crypto.subtle.verify(key.algorithm, key, signature, "header.payload"): the
   *   algorithm comes from the key, not from the header; BEFORE any claim is read;
   * - then exp: a number, and exp <= now is expired.
   */
  async verify(token: string): Promise<Claims> {
    // TODO: the checks above, in that order.
    void [token, decodeBase64url, decodeSegment, TokenError] // placeholder; delete it
    throw new Error('Not implemented yet: verify — see the lesson')
  }

  /** True only when `verify` accepts the token and its role is "admin"; never rejects. */
  async isAdmin(token: string): Promise<boolean> {
    // TODO: await this.verify(token) inside try/catch.
    void token // placeholder; delete it
    throw new Error('Not implemented yet: isAdmin — see the lesson')
  }
}
