// Visible examples: how the tests build a SimpleJWT, and two happy paths. Not graded.
import { expect, it } from 'vitest'
import { JwtError, SimpleJWT } from './SimpleJWT'

// The tests inject a fixed clock, in seconds since 1970, so iat, exp and expiry are predictable.
const NOW = 1_700_000_000
// At least 32 bytes (RFC 7518 3.2). A real service uses crypto.getRandomValues(new Uint8Array(32)) instead.
const SECRET = 'an-example-secret-of-at-least-32-bytes'

it('issues a token that decode gives back with iat and exp', async () => {
  const jwt = new SimpleJWT(SECRET, { now: () => NOW })
  const token = await jwt.encode({ sub: '42', role: 'author' })
  const [header] = token.split('.')
  // base64url of {"alg":"HS256","typ":"JWT"}
  expect(header).toBe('eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9')
  expect(await jwt.decode(token)).toEqual({ sub: '42', role: 'author', iat: NOW, exp: NOW + 3600 })
})

it('rejects an expired token with a JwtError whose code says why', async () => {
  let now = NOW
  const jwt = new SimpleJWT(SECRET, { now: () => now, expiresIn: 60 })
  const token = await jwt.encode({ sub: '42' })
  now += 60 // exp <= now: expired
  const error = await jwt.decode(token).catch((reason: unknown) => reason)
  expect(error).toBeInstanceOf(JwtError)
  expect((error as JwtError).code).toBe('expired')
})
