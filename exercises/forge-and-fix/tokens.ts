// Token helpers shared by both verifiers and by your forge. Read-only.

/** The claims of a token: a JSON object, to read only once its signature is checked. */
export type Claims = Record<string, unknown>

export interface VerifierOptions {
  /** The clock, in seconds since the epoch; default the system clock, rounded down. */
  now?: () => number
}

/** What a verifier rejects a token with; `message` says why in words. */
export class TokenError extends Error {
  override readonly name = 'TokenError'
}

const utf8 = new TextEncoder()
// fatal: bytes that are not UTF-8 are an error, not a silent U+FFFD
const strictUtf8 = new TextDecoder('utf-8', { fatal: true })
const BASE64URL = /^[A-Za-z0-9_-]*$/

/** The system clock in whole seconds: the default `now` of both verifiers. */
export const systemClock = (): number => Math.floor(Date.now() / 1000)

/** Bytes as base64url without `=` padding (RFC 7515 2). */
export function encodeBase64url(bytes: Uint8Array): string {
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/** The bytes of a base64url text; throws `TokenError` for '=', '+', '/', spaces... */
export function decodeBase64url(text: string): Uint8Array<ArrayBuffer> {
  const valid = BASE64URL.test(text) && text.length % 4 !== 1
  if (!valid) throw new TokenError('not base64url')
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'))
  return Uint8Array.from(binary, (char) => char.charCodeAt(0))
}

/** A JSON value as a token segment: JSON text, its UTF-8 bytes, base64url. */
export function encodeSegment(value: object): string {
  return encodeBase64url(utf8.encode(JSON.stringify(value)))
}

/**
 * The JSON object in a header or payload segment; throws `TokenError` when the segment
 * is not base64url, not UTF-8, not JSON, or not an object. It checks no signature: what
 * it returns is whatever the sender wrote.
 */
export function decodeSegment(segment: string): Record<string, unknown> {
  let value: unknown
  try {
    value = JSON.parse(strictUtf8.decode(decodeBase64url(segment)))
  } catch {
    throw new TokenError('a token segment must be base64url of a UTF-8 JSON object')
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TokenError('a token segment must hold a JSON object')
  }
  return value as Record<string, unknown>
}
