// PEM helpers for the RSA public key. Read-only: the same for every learner.
import { decodeBase64url, TokenError } from './tokens'

/**
 * The DER bytes inside a PEM block such as "-----BEGIN PUBLIC KEY-----": the lines
 * between the BEGIN and END lines, base64-decoded. Throws `TokenError` when there is no
 * PEM block. For a public key these bytes are a SubjectPublicKeyInfo: import them with
 * `crypto.subtle.importKey('spki', der, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
 * false, ['verify'])`.
 */
export function pemToDer(pem: string): Uint8Array<ArrayBuffer> {
  const block = /-----BEGIN [A-Z ]+-----([A-Za-z0-9+/=\s]+)-----END [A-Z ]+-----/
  const match = block.exec(pem)
  if (!match?.[1]) throw new TokenError('not a PEM block')
  const base64 = match[1].replace(/\s+/g, '')
  const base64url = base64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
  return decodeBase64url(base64url)
}
