import { WORDLIST } from './wordlist'

/** Why a secret is not fit to be an HMAC key. */
export type SecretProblem = 'too_short' | 'common_password' | 'printable_text'

export interface SecretCheck {
  /** True when there are no problems. */
  ok: boolean
  /** Every problem found, each once, in any order. */
  problems: SecretProblem[]
}

/**
 * THE FIX. A new HMAC key: 32 bytes from crypto.getRandomValues, as a Uint8Array.
 * Never Math.random, never fewer bytes.
 */
export function generateSecret(): Uint8Array<ArrayBuffer> {
  // TODO
  throw new Error('Not implemented yet: generateSecret — see the lesson')
}

/**
 * Judges a secret as an HMAC key by its BYTES (a string means its UTF-8 bytes) and lists
 * every problem:
 * - 'too_short': fewer than 32 bytes (RFC 7518 3.2: 256 bits for HS256);
 * - 'common_password': the bytes, read as UTF-8 text, are an entry of WORDLIST;
 * - 'printable_text': the bytes are UTF-8 text with no control characters (\p{Cc}): a
 *   person typed or chose it (RFC 8725 3.5), or it is an encoding nobody decoded.
 * `ok` is true only when `problems` is empty.
 */
export function checkSecret(secret: string | Uint8Array): SecretCheck {
  // TODO: bytes = new TextEncoder().encode(secret) for a string.
  // TODO: text = new TextDecoder('utf-8', { fatal: true }).decode(bytes), in try/catch:
  //   bytes that are not UTF-8 are not text.
  void [secret, WORDLIST] // placeholder; delete it
  throw new Error('Not implemented yet: checkSecret — see the lesson')
}
