import {
  type Claims,
  decodeBase64url,
  decodeSegment,
  systemClock,
  TokenError,
  type VerifierOptions,
} from './tokens'

/**
 * THE FIX. The same API as VulnerableVerifier, without its mistakes. Every rejection is a
 * `TokenError` (from ./tokens); `decodeSegment` and `decodeBase64url` already throw one.
 */
export class FixedVerifier {
  /**
   * @param secret the HMAC key; a string means its UTF-8 bytes.
   * @param options `now`: the clock in seconds; default `systemClock`.
   */
  constructor(secret: string | Uint8Array, options: VerifierOptions = {}) {
    // TODO: import the key once, bound to one algorithm: HMAC with SHA-256, for 'verify'
    //   (crypto.subtle.importKey('raw', bytes, { name: 'HMAC', hash: 'SHA-256' }, ...)).
    // TODO: keep options.now ?? systemClock.
    void [secret, options, systemClock] // placeholder; delete it
  }

  /**
   * Resolves with the claims of a genuine HS256 token, or rejects with a TokenError:
   * - exactly 3 segments;
   * - header.alg exactly "HS256": not "none" in any case, not HS384/HS512, not missing;
   * - no "crit" in the header;
   * - the signature checked with crypto.subtle.verify over "header.payload", always (an
   *   empty one too), BEFORE any claim is read;
   * - then exp: a number, and exp <= now is expired.
   */
  async verify(token: string): Promise<Claims> {
    // TODO: the checks above, in that order; throw new TokenError('why') at the first.
    void [token, decodeBase64url, decodeSegment, TokenError] // placeholder; delete it
    throw new Error('Not implemented yet: verify — see the lesson')
  }

  /**
   * True only when `verify` accepts the token AND its role is "admin". Never rejects:
   * resolves false for any token verify rejects. No shortcut that reads the role
   * without verifying.
   */
  async isAdmin(token: string): Promise<boolean> {
    // TODO: await this.verify(token) inside try/catch.
    void token // placeholder; delete it
    throw new Error('Not implemented yet: isAdmin — see the lesson')
  }
}
