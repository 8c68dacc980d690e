import { expect, it } from 'vitest'
import { base32Encode, Totp } from './Totp'

// RFC 6238 Appendix B: the SHA-1 seed is the 20 ASCII bytes "12345678901234567890"
const secret = new TextEncoder().encode('12345678901234567890')

it('gives the RFC 6238 code at 59 seconds and accepts it once', async () => {
  const totp = new Totp(secret, { digits: 8, now: () => 59 })
  expect(await totp.generate(59)).toBe('94287082')
  const step = await totp.verify('94287082')
  expect(step).toBe(1)
  expect(await totp.verify('94287082', { lastStep: 1 })).toBeNull()
})

it('writes the secret in base32 for an authenticator app', () => {
  expect(base32Encode(secret)).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ')
})
