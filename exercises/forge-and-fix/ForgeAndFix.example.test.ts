import { describe, expect, it } from 'vitest'
import { FixedVerifier } from './FixedVerifier'
import { forgeAdminToken } from './forge'
import { encodeBase64url, encodeSegment } from './tokens'
import { VulnerableVerifier } from './VulnerableVerifier'

// How the hidden tests build things: a random key, a fixed clock, a reader token signed HS256.
const key = crypto.getRandomValues(new Uint8Array(32))
const now = () => 1_700_000_000
const claims = { sub: '42', username: 'ada', role: 'reader', exp: 1_700_000_600 }

async function readerToken(): Promise<string> {
  const input = `${encodeSegment({ alg: 'HS256', typ: 'JWT' })}.${encodeSegment(claims)}`
  const algorithm = { name: 'HMAC', hash: 'SHA-256' }
  const hmacKey = await crypto.subtle.importKey('raw', key, algorithm, false, ['sign'])
  const mac = await crypto.subtle.sign('HMAC', hmacKey, new TextEncoder().encode(input))
  return `${input}.${encodeBase64url(new Uint8Array(mac))}`
}

describe('examples', () => {
  it('the attack: VulnerableVerifier reads your forged token as an admin token', async () => {
    const forged = await forgeAdminToken(await readerToken())
    const vulnerable = new VulnerableVerifier(key, { now })
    expect(await vulnerable.verify(forged)).toMatchObject({ sub: '42', role: 'admin' })
  })

  it('the fix: FixedVerifier accepts the genuine token and refuses the forged one', async () => {
    const fixed = new FixedVerifier(key, { now })
    expect(await fixed.verify(await readerToken())).toEqual(claims)
    await expect(fixed.verify(await forgeAdminToken(await readerToken()))).rejects.toThrow()
  })
})
