import { describe, expect, it, vi } from 'vitest'
import { JwtError, type JwtErrorCode, SimpleJWT } from './SimpleJWT'

// Expected tokens below were computed outside the browser with node:crypto createHmac, not with Web Crypto.
// Tests of encode check each part of the learner's token on its own (header exact, payload decoded, signature
// recomputed over the learner's own two segments), so a diff shows which part is wrong.
const SECRET = 'authlab-simple-jwt-test-secret-0123456789' // 41 bytes
const NOW = 1_700_000_000
const HEADER_SEGMENT = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9' // {"alg":"HS256","typ":"JWT"}
const EXPECTED_TOKEN =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9' +
  '.eyJzdWIiOiI0MiIsInVzZXJuYW1lIjoiYWRhIiwicm9sZSI6ImF1dGhvciIsImlhdCI6MTcwMDAwMDAwMCwiZXhwIjoxNzAwMDAzNjAwfQ' +
  '.5WFLq_-PngWtZBOrCBkPNEKDaCJP17crXQuBqiDjm14'
const UNICODE_CLAIMS = { name: 'Zoë Ñandú', greeting: 'こんにちは 🙂' }
const UNICODE_TOKEN =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9' +
  '.eyJuYW1lIjoiWm_DqyDDkWFuZMO6IiwiZ3JlZXRpbmciOiLjgZPjgpPjgavjgaHjga8g8J-ZgiIsImlhdCI6MTcwMDAwMDAwMCwiZXhwIjoxNzAwMDAwMDYwfQ' +
  '.9skvrEcocV_qd4wWce0NTeIRGgQsbKhpLsydJIz0mHA'

// RFC 7515 Appendix A.1: an HS256 JWS, its JWK key "k" and its payload
const RFC_TOKEN =
  'eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9' +
  '.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ' +
  '.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'
const RFC_KEY = 'AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow'
const RFC_PAYLOAD = { iss: 'joe', exp: 1300819380, 'http://example.com/is_root': true }

const utf8 = new TextEncoder()
const clock = (seconds: number) => () => seconds

function toBase64url(data: string | Uint8Array): string {
  const bytes = typeof data === 'string' ? utf8.encode(data) : data
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

function fromBase64url(segment: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(segment.replace(/-/g, '+').replace(/_/g, '/')), (char) => char.charCodeAt(0))
}

function segmentsOf(token: unknown): string[] {
  expect(typeof token, 'encode should resolve with the token as a string').toBe('string')
  const segments = String(token).split('.')
  expect(
    segments.length,
    'a token is three base64url segments joined by dots: header.payload.signature',
  ).toBe(3)
  return segments
}

/** The payload segment of `token` decoded as base64url, then UTF-8, then JSON; a failed step fails the test. */
function payloadOf(token: unknown): unknown {
  const segment = segmentsOf(token)[1] ?? ''
  let problem: string | undefined
  let value: unknown
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(fromBase64url(segment)))
  } catch (error) {
    problem = describeError(error)
  }
  expect(
    problem,
    `the payload segment ${JSON.stringify(segment)} must be base64url of the UTF-8 bytes of JSON.stringify({ ...claims, iat, exp })`,
  ).toBeUndefined()
  return value
}

async function hmac(input: string, key: Uint8Array<ArrayBuffer> = utf8.encode(SECRET), hash = 'SHA-256') {
  const cryptoKey = await crypto.subtle.importKey('raw', key, { name: 'HMAC', hash }, false, ['sign'])
  return toBase64url(new Uint8Array(await crypto.subtle.sign('HMAC', cryptoKey, utf8.encode(input))))
}

/** Signs the two segments exactly as given (HMAC-SHA-256 with SECRET unless told otherwise). */
async function signed(header: string, payload: string, key?: Uint8Array<ArrayBuffer>, hash?: string) {
  return `${header}.${payload}.${await hmac(`${header}.${payload}`, key, hash)}`
}

/** A correctly signed HS256 token whose payload is exactly this JSON text. */
const tokenWithPayload = (json: string) => signed(HEADER_SEGMENT, toBase64url(json))
const tokenFor = (claims: Record<string, unknown>) => tokenWithPayload(JSON.stringify(claims))

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : `the non-Error value ${String(error)}`
}

type Outcome = { resolved: true; value: unknown } | { resolved: false; error: unknown }

async function settle(pending: Promise<unknown>): Promise<Outcome> {
  try {
    return { resolved: true, value: await pending }
  } catch (error) {
    return { resolved: false, error }
  }
}

/** Asserts that `pending` rejects with a JwtError of `code`; `why` (optional) is added to every message. */
async function expectJwtError(pending: Promise<unknown>, code: JwtErrorCode, why = ''): Promise<void> {
  const outcome = await settle(pending)
  const because = why ? `: ${why}` : ''
  if (outcome.resolved) {
    const shown = JSON.stringify(outcome.value) ?? String(outcome.value)
    expect(
      outcome.resolved,
      `expected decode to reject with JwtError code '${code}', but it resolved with ${shown}${because}`,
    ).toBe(false)
    return
  }
  expect(
    outcome.error,
    `expected JwtError with code '${code}', got ${describeError(outcome.error)}${because}`,
  ).toBeInstanceOf(JwtError)
  expect(
    (outcome.error as JwtError).code,
    `expected JwtError with code '${code}', got '${(outcome.error as JwtError).code}' (${describeError(outcome.error)})${because}`,
  ).toBe(code)
  expect(
    (outcome.error as JwtError).message,
    `the JwtError '${code}' has an empty message: say in words what is wrong with the token`,
  ).toMatch(/\S/)
}

describe('new SimpleJWT(secret)', () => {
  it('throws for a string secret of 31 bytes: HS256 needs a key of at least 32 bytes (RFC 7518 3.2)', () => {
    expect(() => new SimpleJWT('x'.repeat(31)), 'a 31-byte secret must make the constructor throw').toThrow()
    expect(
      () => new SimpleJWT('x'.repeat(31)),
      'the error has an empty message: say that the secret needs at least 32 bytes',
    ).toThrow(/\S/)
  })

  it('accepts a string secret of exactly 32 bytes', () => {
    expect(() => new SimpleJWT('x'.repeat(32)), '32 bytes is the minimum and must be accepted').not.toThrow()
  })

  it('throws for a Uint8Array secret of 31 bytes', () => {
    expect(
      () => new SimpleJWT(new Uint8Array(31).fill(7)),
      'a 31-byte key must make the constructor throw',
    ).toThrow()
  })

  it('accepts a Uint8Array secret of exactly 32 bytes', () => {
    expect(() => new SimpleJWT(new Uint8Array(32).fill(7)), 'a 32-byte key must be accepted').not.toThrow()
  })

  it('counts a string secret in UTF-8 bytes, not characters: 16 × "é" is 32 bytes and is accepted', () => {
    expect(
      () => new SimpleJWT('é'.repeat(16)),
      'measure new TextEncoder().encode(secret).length, not secret.length: "é" is 2 bytes in UTF-8',
    ).not.toThrow()
  })

  it('counts a string secret in UTF-8 bytes: 15 × "é" plus "a" is 31 bytes and throws', () => {
    expect(() => new SimpleJWT(`${'é'.repeat(15)}a`), '31 UTF-8 bytes are too short').toThrow()
  })

  it("uses a string secret's UTF-8 bytes as the key: the same bytes as a Uint8Array verify its tokens", async () => {
    const token = await new SimpleJWT('é'.repeat(16), { now: clock(NOW) }).encode({ sub: '1' })
    const sameKey = new SimpleJWT(utf8.encode('é'.repeat(16)), { now: clock(NOW) })
    await expect(sameKey.decode(token), 'the string secret must be used as its UTF-8 bytes').resolves.toEqual(
      {
        sub: '1',
        iat: NOW,
        exp: NOW + 3600,
      },
    )
  })
})

describe('encode', () => {
  it('starts every token with the header {"alg":"HS256","typ":"JWT"}, byte for byte', async () => {
    const token = await new SimpleJWT(SECRET, { now: clock(NOW) }).encode({ sub: '1' })
    const header = new TextDecoder().decode(fromBase64url(segmentsOf(token)[0] ?? ''))
    expect(
      header,
      'the header JSON must be exactly {"alg":"HS256","typ":"JWT"}, in that order, no spaces',
    ).toBe('{"alg":"HS256","typ":"JWT"}')
    expect(segmentsOf(token)[0], 'base64url of the header, without "=" padding').toBe(HEADER_SEGMENT)
  })

  it('puts the claims plus iat (now) and exp (now + 3600) in the payload, as base64url of UTF-8 JSON', async () => {
    const token = await new SimpleJWT(SECRET, { now: clock(NOW) }).encode({
      sub: '42',
      username: 'ada',
      role: 'author',
    })
    expect(payloadOf(token), 'payload = { ...claims, iat: now, exp: now + 3600 }').toEqual({
      sub: '42',
      username: 'ada',
      role: 'author',
      iat: NOW,
      exp: NOW + 3600,
    })
  })

  it('signs the text "header.payload" with HMAC-SHA-256 and the secret, in base64url', async () => {
    const token = await new SimpleJWT(SECRET, { now: clock(NOW) }).encode({
      sub: '42',
      username: 'ada',
      role: 'author',
    })
    const [header = '', payload = '', signature] = segmentsOf(token)
    expect(
      signature,
      `the third segment must be base64url (no padding) of HMAC-SHA-256 over the UTF-8 text "${header}.${payload}" ` +
        '(your own first two segments and a dot), keyed with the UTF-8 bytes of the secret',
    ).toBe(await hmac(`${header}.${payload}`))
  })

  it('writes every segment in base64url without padding: no "=", "+" or "/"', async () => {
    const jwt = new SimpleJWT(SECRET, { now: clock(NOW) })
    for (const filler of ['', 'a', 'ab', 'abc']) {
      const token = await jwt.encode({ filler, odd: '~~~???>>>' })
      for (const segment of segmentsOf(token)) {
        expect(
          segment,
          'base64url uses A-Z a-z 0-9 "-" "_" and drops the "=" padding: replace + with -, / with _, strip =',
        ).toMatch(/^[A-Za-z0-9_-]+$/)
      }
      expect(segmentsOf(token)[2], 'a 32-byte HMAC-SHA-256 is 43 base64url characters').toHaveLength(43)
    }
  })

  it('adds iat from the clock and exp = iat + 3600 by default to the claims', async () => {
    const token = await new SimpleJWT(SECRET, { now: clock(NOW) }).encode({ sub: '7', role: 'reader' })
    expect(payloadOf(token), 'payload = the claims plus iat (now) and exp (now + 3600)').toEqual({
      sub: '7',
      role: 'reader',
      iat: NOW,
      exp: NOW + 3600,
    })
  })

  it('uses the expiresIn option given to the constructor', async () => {
    const token = await new SimpleJWT(SECRET, { now: clock(NOW), expiresIn: 60 }).encode({ sub: '7' })
    expect(payloadOf(token), 'with { expiresIn: 60 }, exp must be iat + 60').toEqual({
      sub: '7',
      iat: NOW,
      exp: NOW + 60,
    })
  })

  it('lets encode(claims, { expiresIn }) change the lifetime of one token only', async () => {
    const jwt = new SimpleJWT(SECRET, { now: clock(NOW), expiresIn: 60 })
    const longer = await jwt.encode({ sub: '7' }, { expiresIn: 900 })
    expect(payloadOf(longer), 'encode(claims, { expiresIn: 900 }) must give exp = iat + 900').toEqual({
      sub: '7',
      iat: NOW,
      exp: NOW + 900,
    })
    const usual = await jwt.encode({ sub: '7' })
    expect(
      payloadOf(usual),
      'the next token without the option must use the constructor expiresIn again',
    ).toEqual({
      sub: '7',
      iat: NOW,
      exp: NOW + 60,
    })
  })

  // a lifetime that is not a finite number of seconds from 0 up would mint "exp":null, a text exp or a token
  // that expired before it was issued
  const badLifetimes: [label: string, value: unknown][] = [
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['-Infinity', Number.NEGATIVE_INFINITY],
    ['a negative number (-60)', -60],
    ['the string "3600"', '3600'],
  ]

  /** Whether `outcome` is a RangeError (or, for a value that is not a number at all, a TypeError). */
  const refusedAsRange = (outcome: Outcome, value: unknown) =>
    !outcome.resolved &&
    (outcome.error instanceof RangeError || (typeof value !== 'number' && outcome.error instanceof TypeError))

  it.each(badLifetimes)('refuses a constructor expiresIn of %s with a RangeError', async (label, value) => {
    const outcome = await settle(
      (async () =>
        new SimpleJWT(SECRET, { now: clock(NOW), expiresIn: value as number }).encode({ sub: '1' }))(),
    )
    const got = outcome.resolved
      ? `a token with payload ${JSON.stringify(payloadOf(outcome.value))}`
      : describeError(outcome.error)
    expect(
      refusedAsRange(outcome, value),
      `new SimpleJWT(secret, { expiresIn: ${label} }) then encode(...) gave ${got}: throw a RangeError (in the ` +
        'constructor or in encode) unless expiresIn is a finite number of seconds, 0 or more',
    ).toBe(true)
  })

  it.each(badLifetimes)(
    'refuses encode(claims, { expiresIn: %s }) with a RangeError',
    async (label, value) => {
      const jwt = new SimpleJWT(SECRET, { now: clock(NOW) })
      const outcome = await settle(jwt.encode({ sub: '1' }, { expiresIn: value as number }))
      const got = outcome.resolved
        ? `a token with payload ${JSON.stringify(payloadOf(outcome.value))}`
        : describeError(outcome.error)
      expect(
        refusedAsRange(outcome, value),
        `encode({ sub: '1' }, { expiresIn: ${label} }) gave ${got}: reject with a RangeError unless expiresIn is a ` +
          'finite number of seconds, 0 or more',
      ).toBe(true)
    },
  )

  it('sets iat and exp itself, replacing claims of those names', async () => {
    const token = await new SimpleJWT(SECRET, { now: clock(NOW) }).encode({
      sub: '7',
      iat: 1,
      exp: 9_999_999_999,
    })
    expect(
      payloadOf(token),
      'iat and exp come from the clock and expiresIn, never from the claims: put them after ...claims',
    ).toEqual({ sub: '7', iat: NOW, exp: NOW + 3600 })
  })

  it('reads the system clock in seconds by default (Date.now() / 1000), not milliseconds', async () => {
    const before = Date.now() / 1000
    const payload = payloadOf(await new SimpleJWT(SECRET).encode({ sub: '7' })) as {
      iat: number
      exp: number
    }
    const after = Date.now() / 1000
    expect(
      payload.iat,
      'without a now option, iat must be the current time in seconds',
    ).toBeGreaterThanOrEqual(Math.floor(before) - 1)
    expect(payload.iat, 'without a now option, iat must be the current time in seconds').toBeLessThanOrEqual(
      after + 1,
    )
    expect(payload.exp - payload.iat, 'the default lifetime is 3600 seconds').toBe(3600)
  })

  it('encodes Unicode claims as UTF-8 before base64url', async () => {
    const outcome = await settle(
      new SimpleJWT(SECRET, { now: clock(NOW), expiresIn: 60 }).encode(UNICODE_CLAIMS),
    )
    expect(
      outcome.resolved ? undefined : describeError(outcome.error),
      'encode rejected a payload with "Zoë Ñandú" and "こんにちは 🙂": btoa only takes characters up to U+00FF, ' +
        'so turn the JSON into bytes with new TextEncoder().encode(json) first, then base64url those bytes',
    ).toBeUndefined()
    const token = outcome.resolved ? outcome.value : ''
    expect(
      payloadOf(token),
      'the payload segment must be base64url of the UTF-8 bytes of the JSON, so "Zoë" comes back as "Zoë"',
    ).toEqual({ ...UNICODE_CLAIMS, iat: NOW, exp: NOW + 60 })
    const [header = '', payload = '', signature] = segmentsOf(token)
    expect(signature, 'the signature covers the two segments exactly as written').toBe(
      await hmac(`${header}.${payload}`),
    )
  })

  it('does not modify the claims object it is given', async () => {
    const claims = { sub: '7' }
    await new SimpleJWT(SECRET, { now: clock(NOW) }).encode(claims)
    expect(claims, 'build a new payload object; do not add iat and exp to the caller’s object').toEqual({
      sub: '7',
    })
  })
})

// decode: the sections follow the lesson's order of checks, so the first failing test is the next step.

describe('decode: segments', () => {
  const [header = '', payload = '', signature = ''] = EXPECTED_TOKEN.split('.')
  const jwt = () => new SimpleJWT(SECRET, { now: clock(NOW) })

  it.each([
    ['an empty string', ''],
    ['one segment', header],
    ['two segments (no signature part)', `${header}.${payload}`],
    ['four segments', `${EXPECTED_TOKEN}.${signature}`],
    ['three empty segments', '..'],
  ])('rejects %s as malformed', async (_, token) => {
    await expectJwtError(
      jwt().decode(token),
      'malformed',
      'a JWT is exactly three segments: header.payload.signature',
    )
  })
})

describe('decode: header', () => {
  const payload = EXPECTED_TOKEN.split('.')[1] ?? ''
  const jwt = () => new SimpleJWT(SECRET, { now: clock(NOW) })

  it.each([
    ['not JSON', 'HS256'],
    ['a JSON array', '["HS256"]'],
    ['JSON null', 'null'],
    ['a JSON string', '"HS256"'],
  ])('rejects a header that is %s as malformed', async (_, headerJson) => {
    await expectJwtError(
      jwt().decode(await signed(toBase64url(headerJson), payload)),
      'malformed',
      'the header must be base64url of a UTF-8 JSON object (typeof null is "object" and arrays are objects too)',
    )
  })

  it('rejects a header segment with "=" padding as malformed', async () => {
    const token = await signed(`${HEADER_SEGMENT}=`, payload)
    await expectJwtError(jwt().decode(token), 'malformed', 'base64url in JWTs has no "=" padding')
  })
})

describe('decode: algorithm', () => {
  const payload = toBase64url(JSON.stringify({ sub: '1', exp: NOW + 60 }))

  it.each(['none', 'None', 'NONE'])(
    'rejects "alg": "%s" with an empty signature as unsupported_alg',
    async (alg) => {
      const header = toBase64url(JSON.stringify({ alg, typ: 'JWT' }))
      const jwt = new SimpleJWT(SECRET, { now: clock(NOW) })
      await expectJwtError(
        jwt.decode(`${header}.${payload}.`),
        'unsupported_alg',
        'an unsigned token must never be accepted: check that alg is exactly "HS256" before the signature',
      )
    },
  )

  it.each([
    ['"alg": "none"', '{"alg":"none","typ":"JWT"}'],
    ['"alg": "HS512"', '{"alg":"HS512","typ":"JWT"}'],
    ['"alg": "hs256" (alg is case-sensitive)', '{"alg":"hs256","typ":"JWT"}'],
    ['"alg": "RS256"', '{"alg":"RS256","typ":"JWT"}'],
    ['no alg at all', '{"typ":"JWT"}'],
    ['"alg": ["HS256"]', '{"alg":["HS256"],"typ":"JWT"}'],
  ])('rejects a header with %s as unsupported_alg, even with a valid HS256 signature', async (_, header) => {
    const token = await signed(toBase64url(header), payload)
    const jwt = new SimpleJWT(SECRET, { now: clock(NOW) })
    await expectJwtError(
      jwt.decode(token),
      'unsupported_alg',
      `the header ${header} does not say "alg":"HS256" (exactly): the server, not the header, picks the algorithm`,
    )
  })

  it('rejects "alg": "HS512" signed with HMAC-SHA-512 and the same secret: the header must not pick the algorithm', async () => {
    const token = await signed(
      toBase64url('{"alg":"HS512","typ":"JWT"}'),
      payload,
      utf8.encode(SECRET),
      'SHA-512',
    )
    const jwt = new SimpleJWT(SECRET, { now: clock(NOW) })
    await expectJwtError(jwt.decode(token), 'unsupported_alg', 'only "HS256" is accepted')
  })

  it('rejects a header with "crit" (critical extensions it does not understand, RFC 7515 4.1.11) as malformed', async () => {
    const token = await signed(toBase64url('{"alg":"HS256","typ":"JWT","b64":false,"crit":["b64"]}'), payload)
    const jwt = new SimpleJWT(SECRET, { now: clock(NOW) })
    await expectJwtError(
      jwt.decode(token),
      'malformed',
      'a header that lists "crit" extensions this decoder does not understand must be refused',
    )
  })
})

describe('decode: signature', () => {
  const [header = '', payload = '', signature = ''] = EXPECTED_TOKEN.split('.')
  const jwt = () => new SimpleJWT(SECRET, { now: clock(NOW) })
  const OTHER_SECRET = utf8.encode('another-secret-that-is-long-enough-0123')

  it('rejects a token signed with another secret as bad_signature', async () => {
    const other = await new SimpleJWT('another-secret-that-is-long-enough-0123', { now: clock(NOW) }).encode({
      sub: '1',
    })
    await expectJwtError(jwt().decode(other), 'bad_signature', 'it was signed with another secret')
  })

  it('rejects a token whose payload was changed (one claim re-encoded, signature kept) as bad_signature', async () => {
    const [tokenHeader, tokenPayload, tokenSignature] = (
      await tokenFor({ sub: '1', role: 'reader', exp: NOW + 60 })
    ).split('.')
    const claims = JSON.parse(new TextDecoder().decode(fromBase64url(tokenPayload ?? '')))
    const forged = toBase64url(JSON.stringify({ ...claims, role: 'admin' }))
    await expectJwtError(
      jwt().decode(`${tokenHeader}.${forged}.${tokenSignature}`),
      'bad_signature',
      'the payload was changed after signing: verify the signature over the received "header.payload"',
    )
  })

  it('rejects a token whose header was rewritten (same meaning, other bytes, signature kept) as bad_signature', async () => {
    const [, tokenPayload, tokenSignature] = (await tokenFor({ sub: '1', exp: NOW + 60 })).split('.')
    const rewritten = toBase64url('{"typ":"JWT","alg":"HS256"}')
    await expectJwtError(
      jwt().decode(`${rewritten}.${tokenPayload}.${tokenSignature}`),
      'bad_signature',
      'the signature covers the header segment as received, not a header you re-encode yourself',
    )
  })

  it('rejects a token whose signature was removed ("header.payload.") as bad_signature', async () => {
    const [tokenHeader, tokenPayload] = (await tokenFor({ sub: '1', exp: NOW + 60 })).split('.')
    await expectJwtError(
      jwt().decode(`${tokenHeader}.${tokenPayload}.`),
      'bad_signature',
      'an empty signature is a signature that does not match, not a token without one',
    )
  })

  it('compares the signature with crypto.subtle.verify (constant time), not by re-signing and comparing strings', async () => {
    const token = await tokenFor({ sub: '1', exp: NOW + 60 })
    const decoder = jwt()
    // the contract names crypto.subtle.verify: when it answers false, the token must be refused
    const verify = vi.spyOn(crypto.subtle, 'verify').mockResolvedValue(false)
    try {
      const outcome = await settle(decoder.decode(token))
      expect(
        verify,
        'decode never called crypto.subtle.verify: re-signing and comparing strings with === stops at the first ' +
          'differing character; crypto.subtle.verify(\'HMAC\', key, signatureBytes, bytesOf("header.payload")) ' +
          'compares in constant time',
      ).toHaveBeenCalled()
      expect(
        outcome.resolved ? 'resolved' : (outcome.error as JwtError).code,
        'crypto.subtle.verify answered false, yet decode did not reject with bad_signature: trust its answer',
      ).toBe('bad_signature')
    } finally {
      verify.mockRestore()
    }
  })

  it('rejects a signature segment with "=" padding as malformed', async () => {
    await expectJwtError(
      jwt().decode(`${EXPECTED_TOKEN}=`),
      'malformed',
      'base64url in JWTs has no "=" padding',
    )
  })

  it('rejects a signature segment in standard base64 ("+" and "/") as malformed', async () => {
    const standard = signature.replace(/-/g, '+').replace(/_/g, '/')
    expect(standard, 'test setup: this signature must contain + or /').toMatch(/[+/]/)
    await expectJwtError(
      jwt().decode(`${header}.${payload}.${standard}`),
      'malformed',
      'decode the signature as strict base64url: only A-Z a-z 0-9 - _',
    )
  })

  it('checks the signature before exp: an expired token with a bad signature is bad_signature', async () => {
    const [tokenHeader, tokenPayload] = (await tokenFor({ sub: '1', exp: NOW - 60 })).split('.')
    const forged = await hmac(`${tokenHeader}.${tokenPayload}`, OTHER_SECRET)
    await expectJwtError(
      jwt().decode(`${tokenHeader}.${tokenPayload}.${forged}`),
      'bad_signature',
      "until the signature verifies, the claims are the forger's: check it before exp",
    )
  })

  it('checks the signature before nbf: a not-yet-valid token with a bad signature is bad_signature', async () => {
    const [tokenHeader, tokenPayload] = (await tokenFor({ sub: '1', nbf: NOW + 60, exp: NOW + 120 })).split(
      '.',
    )
    const forged = await hmac(`${tokenHeader}.${tokenPayload}`, OTHER_SECRET)
    await expectJwtError(
      jwt().decode(`${tokenHeader}.${tokenPayload}.${forged}`),
      'bad_signature',
      "until the signature verifies, the claims are the forger's: check it before nbf",
    )
  })

  it('checks the signature before the claims: a token without exp and with a bad signature is bad_signature', async () => {
    const [tokenHeader, tokenPayload] = (await tokenFor({ sub: '1' })).split('.')
    const forged = await hmac(`${tokenHeader}.${tokenPayload}`, OTHER_SECRET)
    await expectJwtError(
      jwt().decode(`${tokenHeader}.${tokenPayload}.${forged}`),
      'bad_signature',
      "until the signature verifies, the claims are the forger's: check it before the payload's claims",
    )
  })
})

describe('decode: claims', () => {
  const [header = '', payload = ''] = EXPECTED_TOKEN.split('.')
  const jwt = () => new SimpleJWT(SECRET, { now: clock(NOW) })

  it('rejects a payload segment with "=" padding as malformed (base64url in JWTs has no padding)', async () => {
    const token = await signed(header, `${payload}==`)
    await expectJwtError(jwt().decode(token), 'malformed', 'the payload segment ends in "=="')
  })

  it('rejects a payload segment in standard base64 ("+" and "/") as malformed', async () => {
    const unicodePayload = UNICODE_TOKEN.split('.')[1] ?? ''
    const standard = unicodePayload.replace(/-/g, '+').replace(/_/g, '/')
    expect(standard, 'test setup: this segment must contain + or /').toMatch(/[+/]/)
    const token = await signed(header, standard)
    await expectJwtError(
      new SimpleJWT(SECRET, { now: clock(NOW - 1) }).decode(token),
      'malformed',
      'decode the payload as strict base64url: only A-Z a-z 0-9 - _',
    )
  })

  it.each([
    ['a character outside base64url ("*")', `${payload.slice(0, 8)}*${payload.slice(9)}`],
    ['a space in it (atob would skip it)', `${payload.slice(0, 8)} ${payload.slice(8)}`],
    ['an impossible length (4n + 1 characters)', `${payload}AAA`],
  ])('rejects a payload segment with %s as malformed', async (label, badPayload) => {
    await expectJwtError(
      jwt().decode(await signed(header, badPayload)),
      'malformed',
      `the payload segment has ${label}: check it against /^[A-Za-z0-9_-]*$/ and its length before atob`,
    )
  })

  it.each([
    ['not JSON', '{sub: 1}'],
    ['a JSON array', '[]'],
    ['a JSON string', '"x"'],
    ['JSON null', 'null'],
    ['a JSON number', '42'],
  ])('rejects a correctly signed payload that is %s as malformed', async (label, json) => {
    await expectJwtError(
      jwt().decode(await tokenWithPayload(json)),
      'malformed',
      `the payload ${json} is ${label}, not a JSON object`,
    )
  })

  it('rejects a correctly signed payload that is not valid UTF-8 as malformed', async () => {
    const bytes = utf8.encode(`{"sub":"?","exp":${NOW + 60}}`)
    bytes[8] = 0xff // never valid in UTF-8
    await expectJwtError(
      jwt().decode(await signed(header, toBase64url(bytes))),
      'malformed',
      "decode with new TextDecoder('utf-8', { fatal: true }) so broken UTF-8 is an error, not a silent U+FFFD",
    )
  })

  it.each([
    ['has no exp', '{"sub":"1"}'],
    ['has exp as a string', `{"sub":"1","exp":"${NOW + 60}"}`],
    ['has exp null', '{"sub":"1","exp":null}'],
    ['has an exp that JSON.parse turns into Infinity (1e400)', '{"sub":"1","exp":1e400}'],
    ['has nbf as a string', `{"sub":"1","exp":${NOW + 60},"nbf":"soon"}`],
    ['has iat as a string', `{"sub":"1","exp":${NOW + 60},"iat":"earlier"}`],
  ])('rejects a correctly signed payload that %s as malformed', async (label, json) => {
    await expectJwtError(
      jwt().decode(await tokenWithPayload(json)),
      'malformed',
      `the payload ${label}: exp is required and, like nbf and iat when present, must be a finite number (Number.isFinite)`,
    )
  })
})

describe('decode: time', () => {
  it('rejects a token as expired when exp equals now (no leeway)', async () => {
    let now = NOW
    const jwt = new SimpleJWT(SECRET, { now: () => now, expiresIn: 60 })
    const token = await jwt.encode({ sub: '1' })
    now = NOW + 60
    await expectJwtError(
      jwt.decode(token),
      'expired',
      'exp <= now is expired: at exp the token is already dead',
    )
  })

  it('rejects a token as expired when exp is in the past', async () => {
    const jwt = new SimpleJWT(SECRET, { now: clock(NOW) })
    await expectJwtError(
      jwt.decode(await tokenFor({ sub: '1', exp: NOW - 3600 })),
      'expired',
      'exp is an hour before now',
    )
  })

  it('accepts a token one second before its exp', async () => {
    const jwt = new SimpleJWT(SECRET, { now: clock(NOW + 59) })
    await expect(
      jwt.decode(await tokenFor({ sub: '1', exp: NOW + 60 })),
      'exp > now is still valid',
    ).resolves.toEqual({
      sub: '1',
      exp: NOW + 60,
    })
  })

  it('reads the clock at every decode: a token that was valid expires later', async () => {
    let now = NOW
    const jwt = new SimpleJWT(SECRET, { now: () => now })
    const token = await tokenFor({ sub: '1', exp: NOW + 10 })
    await expect(jwt.decode(token), 'the token is valid at first').resolves.toEqual({
      sub: '1',
      exp: NOW + 10,
    })
    now = NOW + 11
    await expectJwtError(
      jwt.decode(token),
      'expired',
      'call now() in decode itself, not once in the constructor',
    )
  })

  it('rejects the RFC 7515 A.1 token as expired once the clock reaches its exp, 1300819380', async () => {
    const jwt = new SimpleJWT(fromBase64url(RFC_KEY), { now: clock(1300819380) })
    await expectJwtError(jwt.decode(RFC_TOKEN), 'expired', 'its exp is 1300819380, which equals now')
  })

  it('rejects a token whose nbf is in the future as not_yet_valid', async () => {
    const jwt = new SimpleJWT(SECRET, { now: clock(NOW) })
    await expectJwtError(
      jwt.decode(await tokenFor({ sub: '1', nbf: NOW + 1, exp: NOW + 60 })),
      'not_yet_valid',
      'nbf > now: the token is not valid yet',
    )
  })

  it('accepts a token whose nbf is exactly now', async () => {
    const jwt = new SimpleJWT(SECRET, { now: clock(NOW) })
    const token = await tokenFor({ sub: '1', nbf: NOW, exp: NOW + 60 })
    await expect(jwt.decode(token), 'nbf <= now is valid; only nbf > now is too early').resolves.toEqual({
      sub: '1',
      nbf: NOW,
      exp: NOW + 60,
    })
  })

  it('rejects with a JwtError, an Error subclass whose code says why', async () => {
    const jwt = new SimpleJWT(SECRET, { now: clock(NOW) })
    const outcome = await settle(jwt.decode(await tokenFor({ sub: '1', exp: NOW })))
    expect(outcome.resolved, 'decode must reject a token whose exp equals now').toBe(false)
    const error = outcome.resolved ? undefined : outcome.error
    expect(error, `decode must reject with an Error, got ${describeError(error)}`).toBeInstanceOf(Error)
    expect(error, 'decode must reject with the JwtError class exported by SimpleJWT.ts').toBeInstanceOf(
      JwtError,
    )
    expect((error as JwtError).code, "expected JwtError with code 'expired'").toBe('expired')
  })
})

describe('decode: valid tokens', () => {
  it('verifies the RFC 7515 Appendix A.1 example token with its key and returns its payload', async () => {
    const jwt = new SimpleJWT(fromBase64url(RFC_KEY), { now: clock(1300819379) })
    await expect(
      jwt.decode(RFC_TOKEN),
      'the RFC example must verify: sign exactly the received "header.payload" text, not a re-encoded header',
    ).resolves.toEqual(RFC_PAYLOAD)
  })

  it('returns the claims plus iat and exp for a token it encoded (round trip)', async () => {
    const jwt = new SimpleJWT(SECRET, { now: clock(NOW) })
    const token = await jwt.encode({ sub: '42', role: 'admin', scopes: ['read', 'write'], active: true })
    await expect(
      jwt.decode(token),
      'decode(encode(claims)) must give the claims back with iat and exp',
    ).resolves.toEqual({
      sub: '42',
      role: 'admin',
      scopes: ['read', 'write'],
      active: true,
      iat: NOW,
      exp: NOW + 3600,
    })
  })

  it('round-trips Unicode claims (accents, Japanese, emoji)', async () => {
    const jwt = new SimpleJWT(SECRET, { now: clock(NOW) })
    const token = await jwt.encode(UNICODE_CLAIMS)
    await expect(jwt.decode(token), 'Unicode must survive encode and decode unchanged').resolves.toEqual({
      ...UNICODE_CLAIMS,
      iat: NOW,
      exp: NOW + 3600,
    })
  })

  it('decodes the UTF-8 of a Unicode payload issued elsewhere', async () => {
    const jwt = new SimpleJWT(SECRET, { now: clock(NOW) })
    await expect(
      jwt.decode(UNICODE_TOKEN),
      'atob gives one character per byte: decode those bytes as UTF-8 with TextDecoder before JSON.parse',
    ).resolves.toEqual({ ...UNICODE_CLAIMS, iat: NOW, exp: NOW + 60 })
  })
})
