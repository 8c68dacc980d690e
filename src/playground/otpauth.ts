/**
 * What the TOTP view checks the learner's `otpauth://` URI against, page-side and pure: the secret in base32
 * (RFC 4648, the alphabet authenticator apps read) and the Key Uri Format's parts an app needs to add the account.
 */

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'

/** `bytes` in RFC 4648 base32, without padding (as Key Uri Format secrets are written). */
export function base32(bytes: Uint8Array): string {
  let bits = 0
  let value = 0
  let text = ''
  for (const byte of bytes) {
    value = (value << 8) | byte
    bits += 8
    while (bits >= 5) {
      text += alphabet[(value >>> (bits - 5)) & 31]
      bits -= 5
    }
  }
  if (bits > 0) text += alphabet[(value << (5 - bits)) & 31]
  return text
}

/**
 * Why an authenticator app would not add `uri` as the account for `secret`, one short line each; empty when it
 * would. Checks the scheme and type, the secret (case and `=` padding aside) and the issuer parameter.
 */
export function otpauthProblems(uri: string, expected: { secret: string; issuer: string }): string[] {
  let url: URL
  try {
    url = new URL(uri)
  } catch {
    return ['it is not a URI']
  }
  if (url.protocol !== 'otpauth:' || url.host !== 'totp')
    return [`it must start with otpauth://totp/ (it starts with ${uri.slice(0, 16)})`]
  const problems: string[] = []
  const secret = url.searchParams.get('secret')
  if (!secret) problems.push('it has no secret parameter')
  else if (secret.toUpperCase().replace(/=+$/, '') !== expected.secret)
    problems.push('its secret parameter is not this secret in base32')
  if (url.searchParams.get('issuer') !== expected.issuer)
    problems.push(`its issuer parameter is not "${expected.issuer}"`)
  return problems
}
