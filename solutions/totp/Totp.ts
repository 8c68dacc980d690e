/** RFC 4648 section 6: the base32 alphabet, value 0 to 31. */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'

/** Base32 (RFC 4648 section 6) of `bytes`, upper case, without `=` padding, as authenticator apps expect. */
export function base32Encode(bytes: Uint8Array): string {
  let text = ''
  let buffer = 0
  let bits = 0
  for (const byte of bytes) {
    // keep only the bits not yet written, so the buffer never outgrows 12 bits
    buffer = ((buffer & 0xf) << 8) | byte
    bits += 8
    while (bits >= 5) {
      bits -= 5
      text += ALPHABET[(buffer >> bits) & 31]
    }
  }
  // the last 1-4 bits, padded on the right with zero bits to a whole character
  if (bits > 0) text += ALPHABET[(buffer << (5 - bits)) & 31]
  return text
}

/**
 * The bytes of base32 `text` (RFC 4648 section 6). Letters in either case; spaces (as apps show secrets in
 * groups) and `=` padding are ignored; any other character throws a SyntaxError. Bits left over after the
 * last whole byte are dropped.
 */
export function base32Decode(text: string): Uint8Array {
  const bytes: number[] = []
  let buffer = 0
  let bits = 0
  for (const char of text) {
    if (char === ' ' || char === '=') continue
    // checked before toUpperCase(), which would also turn 'ı' into 'I' and 'ſ' into 'S'
    if (!/^[A-Za-z2-7]$/.test(char)) {
      throw new SyntaxError(`${JSON.stringify(char)} is not a base32 character (A-Z, 2-7)`)
    }
    const value = ALPHABET.indexOf(char.toUpperCase())
    buffer = ((buffer & 0xff) << 5) | value
    bits += 5
    if (bits >= 8) {
      bits -= 8
      bytes.push((buffer >> bits) & 0xff)
    }
  }
  return Uint8Array.from(bytes)
}

export interface TotpOptions {
  /** The HMAC hash (RFC 6238 section 1.2); default 'SHA-1', the only one most apps support. */
  algorithm?: 'SHA-1' | 'SHA-256' | 'SHA-512'
  /** Length of a code: 6, 7 or 8; default 6. */
  digits?: number
  /** Seconds per time step (X in RFC 6238 section 4.1); default 30. */
  period?: number
  /** Steps accepted either side of the current one by `verify` (RFC 6238 section 5.2); default 1. */
  window?: number
  /** The clock in seconds since the epoch; default the system clock (Date.now() / 1000). */
  now?: () => number
}

/** RFC 4226 R6: the shared secret must be at least 128 bits. */
const MIN_SECRET_BYTES = 16
const systemClock = () => Date.now() / 1000

/** The second argument of `verify`. */
export interface VerifyOptions {
  /** The step of this user's last accepted code: steps <= lastStep are refused. */
  lastStep?: number
}

/** Time-based one-time passwords (RFC 6238) over HOTP (RFC 4226) with Web Crypto HMAC. */
export class Totp {
  readonly #secret: Uint8Array<ArrayBuffer>
  readonly #key: Promise<CryptoKey>
  readonly #algorithm: 'SHA-1' | 'SHA-256' | 'SHA-512'
  readonly #digits: number
  readonly #period: number
  readonly #window: number
  readonly #now: () => number

  /**
   * @param secret the shared secret, at least 16 bytes (RFC 4226 R6; 20 random bytes is usual).
   * @throws RangeError for a shorter secret, or `digits` other than 6, 7 or 8.
   */
  constructor(secret: Uint8Array, options: TotpOptions = {}) {
    if (secret.length < MIN_SECRET_BYTES) {
      throw new RangeError(`a TOTP secret needs at least ${MIN_SECRET_BYTES} bytes, got ${secret.length}`)
    }
    const digits = options.digits ?? 6
    if (!Number.isInteger(digits) || digits < 6 || digits > 8) {
      throw new RangeError(`digits must be 6, 7 or 8, got ${digits}`)
    }
    // a copy, so later changes to the caller's array change neither the key nor the URI
    this.#secret = new Uint8Array(secret)
    this.#algorithm = options.algorithm ?? 'SHA-1'
    const algorithm = { name: 'HMAC', hash: this.#algorithm }
    this.#key = crypto.subtle.importKey('raw', this.#secret, algorithm, false, ['sign'])
    this.#digits = digits
    this.#period = options.period ?? 30
    this.#window = options.window ?? 1
    this.#now = options.now ?? systemClock
  }

  /** RFC 6238 section 4.2: the step number T = floor((time - T0) / X), with T0 = 0. */
  #stepAt(seconds: number): number {
    return Math.floor(seconds / this.#period)
  }

  /** RFC 4226 section 5.3: HMAC of the 8-byte big-endian counter, dynamic truncation, last `digits` digits. */
  async #codeFor(step: number): Promise<string> {
    const counter = new DataView(new ArrayBuffer(8))
    // two 32-bit halves: steps pass 2^32 (RFC 6238 4.2: T beyond 32 bits), and bitwise operators stop at 2^31
    counter.setUint32(0, Math.floor(step / 2 ** 32))
    counter.setUint32(4, step % 2 ** 32)
    const mac = new Uint8Array(await crypto.subtle.sign('HMAC', await this.#key, counter))
    const offset = (mac[mac.length - 1] as number) & 0xf
    // the top bit is masked off so the number is the same signed or unsigned (RFC 4226 5.3)
    const binary = new DataView(mac.buffer, offset, 4).getUint32(0) & 0x7fffffff
    return String(binary % 10 ** this.#digits).padStart(this.#digits, '0')
  }

  /** The code for the time `atSeconds` (default: the clock's now), as a string of exactly `digits` digits. */
  generate(atSeconds: number = this.#now()): Promise<string> {
    return this.#codeFor(this.#stepAt(atSeconds))
  }

  /**
   * Checks `code` against the steps within `window` of now. Resolves with the step it matched, for the caller
   * to store as the user's `lastStep`, or null: wrong format, no match, or a step <= `lastStep` (a replay,
   * RFC 6238 5.2). Every candidate is compared in full, so the time taken says nothing about near misses.
   */
  async verify(code: string, options: VerifyOptions = {}): Promise<number | null> {
    if (!new RegExp(`^[0-9]{${this.#digits}}$`).test(code)) return null
    const current = this.#stepAt(this.#now())
    const steps: number[] = []
    for (let step = current - this.#window; step <= current + this.#window; step++) {
      if (options.lastStep === undefined || step > options.lastStep) steps.push(step)
    }
    const candidates = await Promise.all(steps.map((step) => this.#codeFor(step)))
    let matched: number | null = null
    for (const [index, candidate] of candidates.entries()) {
      // no early return: every candidate is compared whether or not an earlier one matched
      if (sameDigits(candidate, code) && matched === null) matched = steps[index] as number
    }
    return matched
  }

  /**
   * The Key Uri Format URI an authenticator app scans as a QR code:
   * `otpauth://totp/Issuer:account?secret=BASE32&issuer=Issuer&algorithm=SHA1&digits=6&period=30`.
   */
  uri(account: string, issuer: string): string {
    const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`
    const parameters = [
      `secret=${base32Encode(this.#secret)}`,
      `issuer=${encodeURIComponent(issuer)}`,
      `algorithm=${this.#algorithm.replace('-', '')}`,
      `digits=${this.#digits}`,
      `period=${this.#period}`,
    ]
    return `otpauth://totp/${label}?${parameters.join('&')}`
  }
}

/** Compares two codes of equal length without stopping at the first difference. */
function sameDigits(a: string, b: string): boolean {
  let difference = 0
  for (let index = 0; index < a.length; index++) {
    difference |= a.charCodeAt(index) ^ b.charCodeAt(index)
  }
  return difference === 0
}
