import { decodeBase64url } from './tokens'

/**
 * THE ATTACK. Finds the secret an HS256 token was signed with, if it is in `wordlist`.
 * For each candidate, in order: its UTF-8 bytes become an HMAC SHA-256 key, and if the
 * token's own signature verifies under that key over the token's "header.payload", that
 * candidate is the secret. Resolves with it, exactly as written in the list, or with null
 * when no candidate fits. Web Crypto only.
 * Only ever run this against your own tokens and lab targets.
 */
// biome-ignore format: short lines for the editor
export async function crackSecret(
  token: string,
  wordlist: readonly string[],
): Promise<string | null> {
  // TODO: split the token; the signing input is the bytes of "header.payload".
  // TODO: decodeBase64url(signature) gives the bytes to check; never compare base64 text.
  // TODO: per candidate: crypto.subtle.importKey('raw', bytes, HMAC SHA-256, ...), then
  //   crypto.subtle.verify('HMAC', key, signature, input); stop at the first true.
  void [token, wordlist, decodeBase64url] // placeholder; delete it
  throw new Error('Not implemented yet: crackSecret — see the lesson')
}
