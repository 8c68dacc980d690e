/**
 * The claims of a token: whatever the issuer put in, plus `iat` (issued at) and `exp` (expires at), both in
 * seconds since the epoch (RFC 7519 NumericDate).
 */
export type JwtPayload = { [claim: string]: unknown; iat: number; exp: number }

/** Why `decode` rejected a token. */
export type JwtErrorCode = 'malformed' | 'unsupported_alg' | 'bad_signature' | 'expired' | 'not_yet_valid'

/** The only error `decode` rejects with; `code` says why, `message` says it in words. Ready to use. */
export class JwtError extends Error {
  override readonly name = 'JwtError'
  readonly code: JwtErrorCode

  constructor(code: JwtErrorCode, message: string) {
    super(message)
    this.code = code
  }
}

export interface SimpleJWTOptions {
  /** Lifetime of issued tokens in seconds; default 3600. */
  expiresIn?: number
  /** The clock, in seconds since the epoch; default the system clock (Date.now() / 1000, rounded down). */
  now?: () => number
}

/** Issues and checks HS256 JSON Web Tokens (RFC 7519) with one secret key, using Web Crypto only. */
export class SimpleJWT {
  /**
   * @param secret at least 32 bytes; a string counts as its UTF-8 bytes.
   */
  constructor(secret: string | Uint8Array, options: SimpleJWTOptions = {}) {
    // TODO: turn the secret into bytes (a string means new TextEncoder().encode(secret)) and throw if there are
    //       fewer than 32 of them (RFC 7518 3.2).
    // TODO: import the bytes once with crypto.subtle.importKey as an HMAC SHA-256 key for 'sign' and 'verify'
    //       and keep the promise in a private field.
    // TODO: keep options.expiresIn (default 3600) and options.now (default: whole seconds since the epoch).
    //       An expiresIn that is not a finite number of seconds from 0 up: RangeError (here or in encode).
    void [secret, options] // placeholder that keeps the linter quiet; delete it
  }

  /** Signs `claims` plus `iat` (now) and `exp` (now + expiresIn) as an HS256 JWT. */
  async encode(claims: Record<string, unknown>, options: { expiresIn?: number } = {}): Promise<string> {
    // TODO: header segment = base64url of '{"alg":"HS256","typ":"JWT"}' (no "=" padding, "-" and "_").
    // TODO: expiresIn = options.expiresIn ?? the constructor's (NaN, Infinity, negative, a string: RangeError).
    // TODO: payload segment = base64url of the UTF-8 bytes of JSON.stringify({ ...claims, iat, exp }).
    // TODO: signature = HMAC-SHA-256 (crypto.subtle.sign) of "header.payload", base64url too.
    void [claims, options] // placeholder; delete it
    throw new Error('Not implemented yet: encode — see the lesson')
  }

  /** Verifies `token` and resolves with its payload, or rejects with a `JwtError`. */
  async decode(token: string): Promise<JwtPayload> {
    // TODO: exactly 3 segments, each strict base64url, header and payload UTF-8 JSON objects, else 'malformed'.
    // TODO: header.alg must be exactly 'HS256' ('unsupported_alg'); a header with "crit" is 'malformed'.
    // TODO: crypto.subtle.verify the signature over the received "header.payload" text ('bad_signature');
    //       not a re-signed string compared with ===, which is not constant time.
    // TODO: only then the claims: exp a finite number, nbf and iat finite numbers when present ('malformed'),
    //       exp <= now ('expired'), nbf > now ('not_yet_valid').
    void token // placeholder; delete it
    throw new Error('Not implemented yet: decode — see the lesson')
  }
}
