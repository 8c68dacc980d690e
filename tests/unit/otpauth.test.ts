import { describe, expect, test } from 'vitest'
import { base32, otpauthProblems } from '../../src/playground/otpauth'

const bytes = (text: string) => new TextEncoder().encode(text)

describe('base32 for the secret a learner types into an authenticator app', () => {
  test('RFC 4648 section 10 vectors, without padding', () => {
    expect(['', 'f', 'fo', 'foo', 'foob', 'fooba', 'foobar'].map((text) => base32(bytes(text)))).toEqual([
      '',
      'MY',
      'MZXQ',
      'MZXW6',
      'MZXW6YQ',
      'MZXW6YTB',
      'MZXW6YTBOI',
    ])
  })

  test('the RFC 6238 seed', () => {
    expect(base32(bytes('12345678901234567890'))).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ')
  })
})

describe("what an authenticator app needs from the learner's otpauth:// URI", () => {
  const expected = { secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', issuer: 'AuthLab' }

  test('a Key Uri Format URI with this secret (any case, padded or not) and the issuer passes', () => {
    for (const secret of ['GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 'gezdgnbvgy3tqojqgezdgnbvgy3tqojq'])
      expect(
        otpauthProblems(
          `otpauth://totp/AuthLab:alice%40example.com?secret=${secret}&issuer=AuthLab`,
          expected,
        ),
      ).toEqual([])
  })

  test('a wrong scheme, a missing or different secret and a missing issuer are each named', () => {
    expect(otpauthProblems('not a uri', expected)).toEqual(['it is not a URI'])
    expect(otpauthProblems('otpauth://hotp/AuthLab:alice?secret=X&issuer=AuthLab', expected)).toEqual([
      'it must start with otpauth://totp/ (it starts with otpauth://hotp/A)',
    ])
    expect(otpauthProblems('otpauth://totp/AuthLab:alice', expected)).toEqual([
      'it has no secret parameter',
      'its issuer parameter is not "AuthLab"',
    ])
    expect(otpauthProblems('otpauth://totp/AuthLab:alice?secret=MZXW6&issuer=AuthLab', expected)).toEqual([
      'its secret parameter is not this secret in base32',
    ])
  })
})
