/**
 * The claims of a token: whatever the issuer put in, plus `iat` (issued at) and `exp` (expires at), both in
 * seconds since the epoch (RFC 7519 NumericDate). Tokens this class issues always carry both.
 */
export type JwtPayload = { [claim: string]: unknown; iat: number; exp: number }

/** Why `decode` rejected a token. */
export type JwtErrorCode = 'malformed' | 'unsupported_alg' | 'bad_signature' | 'expired' | 'not_yet_valid'

// Stryker disable all: JwtError comes ready-made in the starter; learners do not write it
/** The only error `decode` rejects with; `code` says why, `message` says it in words. */
export class JwtError extends Error {
  override readonly name = 'JwtError'
  readonly code: JwtErrorCode

  constructor(code: JwtErrorCode, message: string) {
    super(message)
    this.code = code
  }
}
// Stryker restore all

export interface SimpleJWTOptions {
  /** Lifetime of issued tokens in seconds; default 3600. */
  expiresIn?: number
  /** The clock, in seconds since the epoch; default the system clock, rounded down to whole seconds. */
  now?: () => number
}

/** RFC 7518 3.2: an HS256 key must be at least as long as the hash output, 256 bits. */
const MIN_SECRET_BYTES = 32
const utf8 = new TextEncoder()
// fatal: bytes that are not UTF-8 make the token malformed instead of turning into U+FFFD
const strictUtf8 = new TextDecoder('utf-8', { fatal: true })
const BASE64URL = /^[A-Za-z0-9_-]*$/

/** RFC 7515 2 "Base64url Encoding": the URL-safe alphabet of RFC 4648 5, with no `=` padding. */
function toBase64url(bytes: Uint8Array): string {
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

function fromBase64url(segment: string, part: string): Uint8Array<ArrayBuffer> {
  // atob alone would accept '=', '+', '/' and whitespace, none of which base64url allows
  if (!BASE64URL.test(segment) || segment.length % 4 === 1) {
    throw new JwtError('malformed', `the ${part} is not base64url (A-Z a-z 0-9 - _, no padding)`)
  }
  const binary = atob(segment.replace(/-/g, '+').replace(/_/g, '/'))
  const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0))
  // one byte string, one encoding: spare bits in the last character must be zero, so segments cannot be varied
  if (toBase64url(bytes) !== segment) {
    throw new JwtError('malformed', `the ${part} is not canonical base64url`)
  }
  return bytes
}

function parseObject(segment: string, part: 'header' | 'payload'): Record<string, unknown> {
  const bytes = fromBase64url(segment, part)
  let value: unknown
  try {
    value = JSON.parse(strictUtf8.decode(bytes))
  } catch {
    throw new JwtError('malformed', `the ${part} is not UTF-8 JSON`)
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new JwtError('malformed', `the ${part} must be a JSON object`)
  }
  return value as Record<string, unknown>
}

// NaN would mint "exp":null and a string a text exp; a negative lifetime is a caller's mistake, not a token
function checkSeconds(value: number, name: string): number {
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`${name} must be a finite number of seconds, 0 or more, got ${String(value)}`)
  }
  return value
}

// Number.isFinite also rules out an exp like 1e400, which JSON.parse turns into Infinity
const isSeconds = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value)

const systemClock = () => Math.floor(Date.now() / 1000)
const HEADER_SEGMENT = toBase64url(utf8.encode('{"alg":"HS256","typ":"JWT"}'))

/** Issues and checks HS256 JSON Web Tokens (RFC 7519) with one secret key, using Web Crypto only. */
export class SimpleJWT {
  readonly #key: Promise<CryptoKey>
  readonly #expiresIn: number
  readonly #now: () => number

  /**
   * @param secret at least 32 bytes; a string counts as its UTF-8 bytes.
   * @throws RangeError for a shorter secret, or an `expiresIn` that is not a finite number of seconds >= 0.
   */
  constructor(secret: string | Uint8Array, options: SimpleJWTOptions = {}) {
    // a copy, so later changes to the caller's array cannot change the key
    const bytes = typeof secret === 'string' ? utf8.encode(secret) : new Uint8Array(secret)
    if (bytes.length < MIN_SECRET_BYTES) {
      throw new RangeError(`an HS256 secret needs at least ${MIN_SECRET_BYTES} bytes, got ${bytes.length}`)
    }
    const algorithm = { name: 'HMAC', hash: 'SHA-256' }
    this.#key = crypto.subtle.importKey('raw', bytes, algorithm, false, ['sign', 'verify'])
    this.#expiresIn = checkSeconds(options.expiresIn ?? 3600, 'expiresIn')
    this.#now = options.now ?? systemClock
  }

  /**
   * Signs `claims` plus `iat` (now) and `exp` (now + expiresIn). `iat` and `exp` are always this method's own:
   * claims of those names are replaced. An `expiresIn` of 0 gives a token that is already expired.
   * @throws RangeError (as a rejection) for an `expiresIn` that is not a finite number of seconds >= 0.
   */
  async encode(claims: Record<string, unknown>, options: { expiresIn?: number } = {}): Promise<string> {
    const expiresIn = checkSeconds(options.expiresIn ?? this.#expiresIn, 'expiresIn')
    const iat = this.#now()
    const payload = toBase64url(utf8.encode(JSON.stringify({ ...claims, iat, exp: iat + expiresIn })))
    const signingInput = `${HEADER_SEGMENT}.${payload}`
    const signature = await crypto.subtle.sign('HMAC', await this.#key, utf8.encode(signingInput))
    return `${signingInput}.${toBase64url(new Uint8Array(signature))}`
  }

  /**
   * Verifies `token` and resolves with its payload, or rejects with a `JwtError`. The header is checked first,
   * then the signature, and only then the claims, with no clock leeway: `exp <= now` is expired.
   */
  async decode(token: string): Promise<JwtPayload> {
    const segments = token.split('.')
    if (segments.length !== 3) {
      throw new JwtError('malformed', `a JWT has 3 dot-separated segments, this one has ${segments.length}`)
    }
    const [headerSegment, payloadSegment, signatureSegment] = segments as [string, string, string]

    const header = parseObject(headerSegment, 'header')
    // the key and the algorithm are ours: the header only has to agree (RFC 8725 2.1, 3.1)
    if (header.alg !== 'HS256') {
      throw new JwtError('unsupported_alg', `"alg" must be "HS256", not ${JSON.stringify(header.alg)}`)
    }
    // RFC 7515 4.1.11: extensions listed in crit must be understood, and this decoder understands none
    if (header.crit !== undefined) {
      throw new JwtError('malformed', 'the header lists critical extensions ("crit"); none are supported')
    }

    const signature = fromBase64url(signatureSegment, 'signature')
    const signingInput = utf8.encode(`${headerSegment}.${payloadSegment}`)
    // verify() compares in constant time; re-signing and comparing strings with === would not
    if (!(await crypto.subtle.verify('HMAC', await this.#key, signature, signingInput))) {
      throw new JwtError('bad_signature', 'the signature does not match: wrong secret or altered token')
    }

    const payload = parseObject(payloadSegment, 'payload')
    const { exp, nbf, iat } = payload
    if (!isSeconds(exp)) throw new JwtError('malformed', 'the "exp" claim must be a number of seconds')
    if (nbf !== undefined && !isSeconds(nbf)) {
      throw new JwtError('malformed', 'the "nbf" claim must be a number of seconds')
    }
    if (iat !== undefined && !isSeconds(iat)) {
      throw new JwtError('malformed', 'the "iat" claim must be a number of seconds')
    }
    const now = this.#now()
    if (exp <= now) throw new JwtError('expired', 'the token has expired (exp <= now)')
    if (nbf !== undefined && nbf > now) {
      throw new JwtError('not_yet_valid', 'the token is not valid yet (nbf > now)')
    }
    return payload as JwtPayload
  }
}
