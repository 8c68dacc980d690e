import { describe, expect, it } from 'vitest'
import { DualVerifier } from './DualVerifier'
import { FixedVerifier } from './FixedVerifier'
import { forgeAdminToken } from './forge'
import { encodeBase64url, encodeSegment } from './tokens'

// How the hidden tests build things: an RSA key pair, its public key as PEM text, RS256 tokens.
const RSA = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }
const now = () => 1_700_000_000
const claims = { sub: '42', username: 'ada', role: 'reader', exp: 1_700_000_600 }

async function setUp() {
  const pair = await crypto.subtle.generateKey(
    { ...RSA, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) },
    true,
    ['sign', 'verify'],
  )
  const spki = new Uint8Array(await crypto.subtle.exportKey('spki', pair.publicKey))
  const base64 = btoa(String.fromCharCode(...spki))
  const lines = base64.match(/.{1,64}/g) ?? []
  const publicKeyPem = `-----BEGIN PUBLIC KEY-----\n${lines.join('\n')}\n-----END PUBLIC KEY-----\n`
  const input = `${encodeSegment({ alg: 'RS256', typ: 'JWT' })}.${encodeSegment(claims)}`
  const mac = await crypto.subtle.sign(RSA, pair.privateKey, new TextEncoder().encode(input))
  return { publicKeyPem, readerToken: `${input}.${encodeBase64url(new Uint8Array(mac))}` }
}

describe('examples', () => {
  it('the attack: DualVerifier reads your forged token as an admin token', async () => {
    const { publicKeyPem, readerToken } = await setUp()
    const forged = await forgeAdminToken(readerToken, publicKeyPem)
    const dual = new DualVerifier(publicKeyPem, { now })
    expect(await dual.verify(forged)).toMatchObject({ sub: '42', role: 'admin' })
  })

  it('the fix: FixedVerifier accepts the genuine token and refuses the forged one', async () => {
    const { publicKeyPem, readerToken } = await setUp()
    const fixed = new FixedVerifier({ rs256: publicKeyPem }, { now })
    expect(await fixed.verify(readerToken)).toEqual(claims)
    await expect(fixed.verify(await forgeAdminToken(readerToken, publicKeyPem))).rejects.toThrow()
  })
})
