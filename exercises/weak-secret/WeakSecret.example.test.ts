import { describe, expect, it } from 'vitest'
import { crackSecret } from './crack'
import { checkSecret, generateSecret } from './secrets'
import { encodeBase64url, encodeSegment } from './tokens'
import { WORDLIST } from './wordlist'

// How the hidden tests build things: an HS256 token signed with a human-chosen secret.
async function tokenSignedWith(secret: string): Promise<string> {
  const claims = { sub: '42', role: 'reader', exp: 1_700_003_600 }
  const input = `${encodeSegment({ alg: 'HS256', typ: 'JWT' })}.${encodeSegment(claims)}`
  const algorithm = { name: 'HMAC', hash: 'SHA-256' }
  const bytes = new TextEncoder().encode(secret)
  const key = await crypto.subtle.importKey('raw', bytes, algorithm, false, ['sign'])
  const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(input))
  return `${input}.${encodeBase64url(new Uint8Array(mac))}`
}

describe('examples', () => {
  it('the attack: finds the secret "Wonderland2026!" near the end of WORDLIST', {
    timeout: 20_000,
  }, async () => {
    const started = performance.now()
    const found = await crackSecret(await tokenSignedWith('Wonderland2026!'), WORDLIST)
    const seconds = (performance.now() - started) / 1000
    const rate = Math.round(WORDLIST.indexOf('Wonderland2026!') / seconds)
    console.log(`cracked in ${seconds.toFixed(2)} s, about ${rate} candidates per second`)
    expect(found).toBe('Wonderland2026!')
  })

  it('the fix: a generated secret passes the check, a typed one does not', () => {
    expect(checkSecret(generateSecret())).toEqual({ ok: true, problems: [] })
    expect(checkSecret('my-secret-key-123').ok).toBe(false)
  })
})
