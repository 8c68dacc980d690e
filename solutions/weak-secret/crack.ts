import { decodeBase64url } from './tokens'

const utf8 = new TextEncoder()
const HS256 = { name: 'HMAC', hash: 'SHA-256' }
const YIELD_EVERY = 1000

// A loop of awaited Web Crypto calls starves the timers of its thread (Chromium runs the
// crypto completions first), and the grader takes a worker whose heartbeat timer stays
// silent for a second for a hung one. A zero-delay timeout lets the due timers run.
const breathe = () => new Promise<void>((resolve) => setTimeout(resolve, 0))

/**
 * Finds the secret an HS256 token was signed with, if it is in `wordlist`: each candidate's
 * UTF-8 bytes become an HMAC key, and the first key under which the token's own signature
 * verifies over its "header.payload" is the answer. Resolves with null when none does.
 * Lets the thread's timers run every 1,000 candidates.
 */
export async function crackSecret(token: string, wordlist: readonly string[]): Promise<string | null> {
  const [header, payload, signatureSegment] = token.split('.') as [string, string, string]
  const input = utf8.encode(`${header}.${payload}`)
  const signature = decodeBase64url(signatureSegment)
  for (const [index, candidate] of wordlist.entries()) {
    const key = await crypto.subtle.importKey('raw', utf8.encode(candidate), HS256, false, ['verify'])
    // the token is its own oracle: no server, no rate limit, one HMAC per guess
    if (await crypto.subtle.verify('HMAC', key, signature, input)) return candidate
    if ((index + 1) % YIELD_EVERY === 0) await breathe()
  }
  return null
}
