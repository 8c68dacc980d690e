import { decodeSegment, encodeBase64url, encodeSegment } from './tokens'

/**
 * THE ATTACK. Takes a valid RS256 reader token and the identity provider's PUBLIC key (a
 * PEM text; anyone may have it) and resolves with a token that DualVerifier accepts as an
 * admin token for the same user: keep the claims (`sub` above all), set `role` "admin".
 * You have no private key, so you cannot make an RS256 signature: read what DualVerifier
 * does with its one key when the header says HS256.
 * Only ever run this against your own code and lab targets.
 */
// biome-ignore format: short lines for the editor
export async function forgeAdminToken(
  userToken: string,
  publicKeyPem: string,
): Promise<string> {
  // TODO: the claims of the payload (decodeSegment) with role "admin"; alg "HS256".
  // TODO: sign "header.payload" with HMAC SHA-256 keyed with the UTF-8 bytes of the PEM
  //   exactly as given (crypto.subtle.importKey('raw', ...), crypto.subtle.sign).
  // TODO: append the signature with encodeBase64url.
  void [userToken, publicKeyPem] // placeholder; delete it
  void [decodeSegment, encodeBase64url, encodeSegment] // placeholder; delete it
  throw new Error('Not implemented yet: forgeAdminToken — see the lesson')
}
