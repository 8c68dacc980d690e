import { decodeBase64url } from './tokens'

const utf8 = new TextEncoder()
const HS256 = { name: 'HMAC', hash: 'SHA-256' }

/**
 * Finds the secret an HS256 token was signed with, if it is in `wordlist`: each candidate's
 * UTF-8 bytes become an HMAC key, and the first key under which the token's own signature
 * verifies over its "header.payload" is the answer. Resolves with null when none does.
 */
export async function crackSecret(token: string, wordlist: readonly string[]): Promise<string | null> {
  const [header, payload, signatureSegment] = token.split('.') as [string, string, string]
  const input = utf8.encode(`${header}.${payload}`)
  const signature = decodeBase64url(signatureSegment)
  for (const candidate of wordlist) {
    const key = await crypto.subtle.importKey('raw', utf8.encode(candidate), HS256, false, ['verify'])
    // the token is its own oracle: no server, no rate limit, one HMAC per guess
    if (await crypto.subtle.verify('HMAC', key, signature, input)) return candidate
  }
  return null
}
