/**
 * Base32 (RFC 4648 section 6) of `bytes`: alphabet A-Z then 2-7, upper case,
 * without `=` padding.
 */
export function base32Encode(bytes: Uint8Array): string {
  // TODO: take the bytes 5 bits at a time, most significant first; each group of 5
  //       is one character of 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'.
  // TODO: pad the last 1-4 bits on the right with zero bits to a whole character.
  void bytes // placeholder that keeps the linter quiet; delete it
  throw new Error('Not implemented yet: base32Encode — see the lesson')
}

/**
 * The bytes of base32 `text`. Letters in either case; spaces and `=` padding are
 * ignored; any other character throws an Error. Bits left over after the last
 * whole byte are dropped.
 */
export function base32Decode(text: string): Uint8Array {
  // TODO: skip ' ' and '='; throw for any character that is not A-Z, a-z or 2-7.
  // TODO: collect 5 bits per character; every time 8 bits are ready, push a byte.
  void text // placeholder; delete it
  throw new Error('Not implemented yet: base32Decode — see the lesson')
}

export interface TotpOptions {
  /** The HMAC hash; default 'SHA-1', the only one most apps support. */
  algorithm?: 'SHA-1' | 'SHA-256' | 'SHA-512'
  /** Length of a code: 6, 7 or 8; default 6. */
  digits?: number
  /** Seconds per time step (X in RFC 6238); default 30. */
  period?: number
  /** Steps `verify` accepts either side of the current one; default 1. */
  window?: number
  /** The clock in seconds since the epoch; default Date.now() / 1000. */
  now?: () => number
}

/** The second argument of `verify`. */
export interface VerifyOptions {
  /** The step of this user's last accepted code: steps <= lastStep are refused. */
  lastStep?: number
}

/** Time-based one-time passwords (RFC 6238) over HOTP (RFC 4226), Web Crypto only. */
export class Totp {
  /**
   * @param secret the shared secret: at least 16 bytes (RFC 4226 R6).
   * @throws RangeError for a shorter secret, or `digits` other than 6, 7 or 8.
   */
  constructor(secret: Uint8Array, options: TotpOptions = {}) {
    // TODO: throw new RangeError(...) for a secret under 16 bytes, and for digits
    //       that are not the integer 6, 7 or 8.
    // TODO: keep a copy of the secret (new Uint8Array(secret)) and import it once:
    //       crypto.subtle.importKey('raw', copy, { name: 'HMAC', hash: algorithm },
    //       false, ['sign']); keep the promise in a private field.
    // TODO: keep the options with their defaults: SHA-1, 6, 30, 1, Date.now() / 1000.
    void [secret, options] // placeholder; delete it
  }

  /**
   * The code for the time `atSeconds` (default: now()), as a string of exactly
   * `digits` digits, leading zeros kept.
   */
  async generate(atSeconds?: number): Promise<string> {
    // TODO: step = Math.floor(time / period).
    // TODO: HMAC of the step as 8 big-endian bytes (not 4: steps pass 2^32).
    // TODO: dynamic truncation: offset = last byte & 0x0f; 4 bytes from there,
    //       top bit cleared (& 0x7fffffff); modulo 10 ** digits; pad with zeros.
    void atSeconds // placeholder; delete it
    throw new Error('Not implemented yet: generate — see the lesson')
  }

  /**
   * Checks `code` against the steps within `window` of now. Resolves with the step
   * it matched (the caller stores it as the user's lastStep), or null for a wrong
   * format, no match, or a step <= `lastStep` (a replay).
   */
  async verify(code: string, options: VerifyOptions = {}): Promise<number | null> {
    // TODO: null unless code is exactly `digits` ASCII digits; compare text,
    //       never numbers.
    // TODO: for each step from current - window to current + window, skipping
    //       steps <= lastStep: compare its code with `code`, every character,
    //       every candidate, with no early exit.
    void [code, options] // placeholder; delete it
    throw new Error('Not implemented yet: verify — see the lesson')
  }

  /**
   * The Key Uri Format URI for a QR code:
   * otpauth://totp/Issuer:account?secret=BASE32&issuer=Issuer
   * &algorithm=SHA1&digits=6&period=30 (issuer and account percent-encoded).
   */
  uri(account: string, issuer: string): string {
    // TODO: encodeURIComponent the issuer and the account; algorithm is written
    //       SHA1, SHA256 or SHA512 (no hyphen).
    void [account, issuer] // placeholder; delete it
    throw new Error('Not implemented yet: uri — see the lesson')
  }
}
