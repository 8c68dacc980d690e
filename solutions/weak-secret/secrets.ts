import { WORDLIST } from './wordlist'

/** Why a secret is not fit to be an HMAC key. */
export type SecretProblem = 'too_short' | 'common_password' | 'printable_text'

export interface SecretCheck {
  /** True when there are no problems. */
  ok: boolean
  /** Every problem found, each once, in any order. */
  problems: SecretProblem[]
}

/** RFC 7518 3.2: an HS256 key is at least as long as the hash output, 256 bits. */
const MIN_SECRET_BYTES = 32

const utf8 = new TextEncoder()
const strictUtf8 = new TextDecoder('utf-8', { fatal: true })
let commonPasswords: Set<string> | undefined

/** 32 bytes from the operating system's cryptographic random source: a key nobody chose. */
export function generateSecret(): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(MIN_SECRET_BYTES))
}

/** The bytes as text, or null when they are not UTF-8. */
function asText(bytes: Uint8Array): string | null {
  try {
    return strictUtf8.decode(bytes)
  } catch {
    return null
  }
}

/**
 * Judges a secret as an HMAC key by its bytes (a string means its UTF-8 bytes): fewer than
 * 32 is too short (RFC 7518 3.2); a wordlist entry is a common password; and bytes that
 * read as text without control characters were typed or chosen by a person, or are an
 * encoding nobody decoded (RFC 8725 3.5). Random bytes are almost never valid UTF-8.
 */
export function checkSecret(secret: string | Uint8Array): SecretCheck {
  const bytes = typeof secret === 'string' ? utf8.encode(secret) : secret
  const text = asText(bytes)
  const problems: SecretProblem[] = []
  if (bytes.length < MIN_SECRET_BYTES) problems.push('too_short')
  if (text !== null) {
    commonPasswords ??= new Set(WORDLIST)
    if (commonPasswords.has(text)) problems.push('common_password')
    // \p{Cc}: the control characters U+0000-U+001F and U+007F-U+009F
    if (!/\p{Cc}/u.test(text)) problems.push('printable_text')
  }
  return { ok: problems.length === 0, problems }
}
