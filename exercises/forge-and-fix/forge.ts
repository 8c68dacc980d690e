import { decodeSegment, encodeSegment } from './tokens'

/**
 * THE ATTACK. Takes a valid reader token (HS256, signed with a key you do not have) and
 * returns a token that VulnerableVerifier accepts, in `verify` and in `isAdmin`, as an
 * admin token for the same user: keep the claims (`sub` above all), set `role` "admin".
 *
 * Needs no key and no Web Crypto. It may be `async` if you like: the suite awaits it.
 * Only ever run this against your own code and lab targets.
 */
export function forgeAdminToken(userToken: string): string {
  // TODO: read the claims of the payload segment with decodeSegment; set role "admin".
  // TODO: write a header whose alg makes VulnerableVerifier check no signature (read how
  //   it looks the alg up), then join header.payload.signature; encodeSegment writes one.
  void [userToken, decodeSegment, encodeSegment] // placeholder; delete it
  throw new Error('Not implemented yet: forgeAdminToken — see the lesson')
}
