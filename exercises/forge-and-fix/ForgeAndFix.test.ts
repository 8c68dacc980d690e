import { describe, expect, it, vi } from 'vitest'
import { FixedVerifier } from './FixedVerifier'
import { forgeAdminToken } from './forge'
import { TokenError } from './tokens'
import { VulnerableVerifier } from './VulnerableVerifier'

const NOW = 1_700_000_000
const clock = () => NOW
// fresh random keys on every run: the forge never sees them, so nothing can be hard-coded against them
const KEY = crypto.getRandomValues(new Uint8Array(32))
const OTHER_KEY = crypto.getRandomValues(new Uint8Array(32))

const READER = { sub: '42', username: 'ada', role: 'reader', iat: NOW - 60, exp: NOW + 600 }
const OTHER_READER = { sub: '7', username: 'grace', role: 'reader', iat: NOW - 30, exp: NOW + 900 }
const ADMIN = { sub: '1', username: 'root', role: 'admin', iat: NOW - 60, exp: NOW + 600 }
// what an attacker holding READER's token wants the server to believe
const WANTED = { ...READER, role: 'admin' }
const HS256_HEADER = { alg: 'HS256', typ: 'JWT' }

const utf8 = new TextEncoder()

function base64url(data: string | Uint8Array): string {
  const bytes = typeof data === 'string' ? utf8.encode(data) : data
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

const segment = (value: unknown) => base64url(JSON.stringify(value))
/** The bytes of a BufferSource as text, to recognise what crypto.subtle.verify was asked to check. */
const text = (data: BufferSource) =>
  new TextDecoder().decode(ArrayBuffer.isView(data) ? data : new Uint8Array(data))

async function hmac(input: string, key: Uint8Array<ArrayBuffer> = KEY, hash = 'SHA-256'): Promise<string> {
  const cryptoKey = await crypto.subtle.importKey('raw', key, { name: 'HMAC', hash }, false, ['sign'])
  return base64url(new Uint8Array(await crypto.subtle.sign('HMAC', cryptoKey, utf8.encode(input))))
}

/** A token with this header and payload, signed with HMAC over "header.payload" (the lab key, SHA-256). */
async function signed(header: object, payload: object, key?: Uint8Array<ArrayBuffer>, hash?: string) {
  const input = `${segment(header)}.${segment(payload)}`
  return `${input}.${await hmac(input, key, hash)}`
}

const genuine = (claims: object) => signed(HS256_HEADER, claims)
const unsigned = (alg: string, claims: object, signature = '') =>
  `${segment({ alg, typ: 'JWT' })}.${segment(claims)}.${signature}`
const signatureOf = (token: string) => token.split('.')[2] ?? ''

const vulnerable = () => new VulnerableVerifier(KEY, { now: clock })
const fixed = () => new FixedVerifier(KEY, { now: clock })

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : `the non-Error value ${String(error)}`
}

type Outcome = { resolved: true; value: unknown } | { resolved: false; error: unknown }

async function settle(run: () => unknown): Promise<Outcome> {
  try {
    return { resolved: true, value: await run() }
  } catch (error) {
    return { resolved: false, error }
  }
}

const show = (value: unknown) => JSON.stringify(value) ?? String(value)

/** The learner's forged token for `userToken`; fails the test with a clear message if there is none. */
async function forge(userToken: string): Promise<string> {
  const outcome = await settle(() => forgeAdminToken(userToken))
  if (!outcome.resolved) {
    expect(
      outcome.resolved,
      `forgeAdminToken threw ${describeError(outcome.error)}: finish the attack first (it is the first half)`,
    ).toBe(true)
    return ''
  }
  expect(
    typeof outcome.value,
    `forgeAdminToken must return (or resolve with) the forged token as a string, got ${show(outcome.value)}`,
  ).toBe('string')
  return outcome.value as string
}

/** The claims the vulnerable verifier reads from the forged token; fails the test if it rejects it. */
async function acceptedByVulnerable(forged: string): Promise<Record<string, unknown>> {
  const outcome = await settle(() => vulnerable().verify(forged))
  if (!outcome.resolved) {
    expect(
      outcome.resolved,
      `VulnerableVerifier.verify rejected your forged token ${forged} with ${describeError(outcome.error)}. ` +
        'Changing the payload breaks the HMAC, and you do not have the key: make verify skip the check instead. ' +
        'Read how it picks the algorithm from the header.',
    ).toBe(true)
  }
  return (outcome as { value: Record<string, unknown> }).value
}

/** Fixed verify must reject `token` with a TokenError. */
async function expectRejected(token: string, why: string): Promise<void> {
  const outcome = await settle(() => fixed().verify(token))
  if (outcome.resolved) {
    expect(
      outcome.resolved,
      `FixedVerifier.verify accepted ${token} and resolved with ${show(outcome.value)}: ${why}`,
    ).toBe(false)
    return
  }
  expect(
    outcome.error,
    `reject with a TokenError (from ./tokens), not ${describeError(outcome.error)}: ${why}`,
  ).toBeInstanceOf(TokenError)
  expect(
    (outcome.error as TokenError).message,
    `the TokenError has an empty message: say in words why the token is refused (${why})`,
  ).toMatch(/\S/)
}

/** Fixed isAdmin must resolve with false for `token`, never reject. */
async function expectNotAdmin(token: string, why: string): Promise<void> {
  const outcome = await settle(() => fixed().isAdmin(token))
  expect(
    outcome.resolved,
    `FixedVerifier.isAdmin rejected with ${outcome.resolved ? '' : describeError(outcome.error)}: ` +
      'it must resolve with false for any token verify rejects (catch the TokenError)',
  ).toBe(true)
  expect(
    (outcome as { value: unknown }).value,
    `FixedVerifier.isAdmin(${token}) must be false: ${why}. isAdmin may trust the role only after verify accepted the token`,
  ).toBe(false)
}

describe('the attack: forgeAdminToken(userToken)', () => {
  it('returns the forged token as a string (it may be async: the suite awaits it)', async () => {
    const forged = await forge(await genuine(READER))
    expect(forged, 'the forged token must differ from the reader token it was made from').not.toBe(
      await genuine(READER),
    )
  })

  it("makes a token that VulnerableVerifier's verify accepts", async () => {
    const forged = await forge(await genuine(READER))
    const claims = await acceptedByVulnerable(forged)
    expect(typeof claims, 'verify resolved with the claims object').toBe('object')
  })

  it('makes verify read role "admin" from it', async () => {
    const claims = await acceptedByVulnerable(await forge(await genuine(READER)))
    expect(
      claims.role,
      `the vulnerable verifier read these claims from your token: ${show(claims)}; set role to "admin"`,
    ).toBe('admin')
  })

  it('keeps the subject: the forged token still names the user of the token it came from (sub)', async () => {
    for (const user of [READER, OTHER_READER]) {
      const claims = await acceptedByVulnerable(await forge(await genuine(user)))
      expect(
        claims.sub,
        `from a token with sub "${user.sub}" your forged token says ${show(claims)}: copy the claims ` +
          'of the token you were given and change only the role',
      ).toBe(user.sub)
    }
  })

  it("makes VulnerableVerifier's isAdmin true as well", async () => {
    const forged = await forge(await genuine(READER))
    expect(
      await vulnerable().isAdmin(forged),
      'isAdmin reads the role from the payload: make it "admin"',
    ).toBe(true)
  })
})

describe('the fix: FixedVerifier', () => {
  describe('genuine tokens still work', () => {
    it('verify resolves with every claim of a genuine HS256 token', async () => {
      await expect(
        fixed().verify(await genuine(READER)),
        'a token signed HS256 with the key and not expired must verify, with exactly its claims',
      ).resolves.toEqual(READER)
    })

    it('isAdmin is true for a genuine admin token and false for a genuine reader token', async () => {
      expect(await fixed().isAdmin(await genuine(ADMIN)), 'a valid token with role "admin" is an admin').toBe(
        true,
      )
      expect(await fixed().isAdmin(await genuine(READER)), 'a valid token with role "reader" is not').toBe(
        false,
      )
    })

    it('uses a string secret as its UTF-8 bytes', async () => {
      const secret = 'a string secret for the lab, ünïcödé included'
      const token = await signed(HS256_HEADER, READER, utf8.encode(secret))
      await expect(
        new FixedVerifier(secret, { now: clock }).verify(token),
        'new FixedVerifier(secret) with a string must use new TextEncoder().encode(secret) as the HMAC key',
      ).resolves.toEqual(READER)
    })

    it('uses the system clock in seconds when no now option is given', async () => {
      const now = Math.floor(Date.now() / 1000)
      const verifier = new FixedVerifier(KEY)
      await expect(
        verifier.verify(await genuine({ ...READER, exp: now + 3600 })),
        'a token that expires in an hour must verify with the default clock (seconds, not milliseconds)',
      ).resolves.toEqual({ ...READER, exp: now + 3600 })
      await expect(
        verifier.verify(await genuine({ ...READER, exp: now - 3600 })),
        'a token that expired an hour ago must be rejected with the default clock',
      ).rejects.toBeInstanceOf(TokenError)
    })
  })

  describe('your own attack fails', () => {
    it('verify rejects the token your forgeAdminToken made', async () => {
      const forged = await forge(await genuine(READER))
      await expectRejected(
        forged,
        'this is your own forged admin token, and the fixed verifier must refuse it',
      )
    })

    it('isAdmin is false for the token your forgeAdminToken made', async () => {
      const forged = await forge(await genuine(READER))
      await expectNotAdmin(forged, 'this is your own forged admin token')
    })
  })

  describe("the algorithm is the verifier's, never the header's", () => {
    it.each(['none', 'None', 'NONE', 'nOnE'])('rejects alg "%s" with an empty signature', async (alg) => {
      const token = unsigned(alg, WANTED)
      const why = `an unsigned token (alg "${alg}") proves nothing: accept only alg exactly "HS256"`
      await expectRejected(token, why)
      await expectNotAdmin(token, why)
    })

    it('rejects alg "none" that keeps the signature of the genuine token', async () => {
      const token = unsigned('none', WANTED, signatureOf(await genuine(READER)))
      const why = 'alg "none" is refused whatever follows the last dot'
      await expectRejected(token, why)
      await expectNotAdmin(token, why)
    })

    it.each([
      ['HS512', 'SHA-512'],
      ['HS384', 'SHA-384'],
    ])('rejects alg "%s" even when it is correctly signed with the real key (HMAC %s)', async (alg, hash) => {
      const token = await signed({ alg, typ: 'JWT' }, WANTED, KEY, hash)
      const why = `the verifier pins HS256; a header saying ${alg} must not choose the hash (RFC 8725 3.1)`
      await expectRejected(token, why)
      await expectNotAdmin(token, why)
    })

    it('rejects alg "hs256" in lower case, even correctly signed with HS256', async () => {
      const token = await signed({ alg: 'hs256', typ: 'JWT' }, WANTED)
      const why =
        'algorithm names are case-sensitive (RFC 7515 4.1.1): compare with === "HS256", no case folding'
      await expectRejected(token, why)
      await expectNotAdmin(token, why)
    })

    it('rejects a header with no alg, even correctly signed with HS256', async () => {
      const token = await signed({ typ: 'JWT' }, WANTED)
      const why =
        'alg is required (RFC 7515 4.1.1) and must say HS256: the header has to agree with the verifier'
      await expectRejected(token, why)
      await expectNotAdmin(token, why)
    })

    it('rejects alg ["HS256"] (an array, not the string), even correctly signed', async () => {
      const token = await signed({ alg: ['HS256'], typ: 'JWT' }, WANTED)
      const why = 'alg must be the string "HS256" itself; String(["HS256"]) is "HS256", so compare with ==='
      await expectRejected(token, why)
      await expectNotAdmin(token, why)
    })
  })

  describe('the signature is always checked, before anything in the payload is believed', () => {
    it('rejects an HS256 token with an empty signature', async () => {
      const token = `${segment(HS256_HEADER)}.${segment(WANTED)}.`
      const why = 'an empty signature is a wrong signature, not a missing check'
      await expectRejected(token, why)
      await expectNotAdmin(token, why)
    })

    it('rejects a token whose signature segment was stripped (two segments)', async () => {
      const token = `${segment(HS256_HEADER)}.${segment(WANTED)}`
      const why = 'a JWS has exactly three segments'
      await expectRejected(token, why)
      await expectNotAdmin(token, why)
    })

    it('rejects an admin payload swapped in under the signature of a reader token', async () => {
      const token = `${segment(HS256_HEADER)}.${segment(WANTED)}.${signatureOf(await genuine(READER))}`
      const why = 'the signature covers the header and the payload; changing the payload must break it'
      await expectRejected(token, why)
      await expectNotAdmin(token, why)
    })

    it('rejects a token signed with another key', async () => {
      const token = await signed(HS256_HEADER, WANTED, OTHER_KEY)
      const why = 'the HMAC must be checked with your own key'
      await expectRejected(token, why)
      await expectNotAdmin(token, why)
    })

    it('rejects a genuine token with extra segments appended (4 and 5 segments)', async () => {
      const token = await genuine(ADMIN)
      for (const longer of [`${token}.x`, `${token}.${signatureOf(token)}.x`]) {
        const why = `${longer.split('.').length} segments: a JWS has exactly three, so reject before reading any`
        await expectRejected(longer, why)
        await expectNotAdmin(longer, why)
      }
    })

    it('rejects a header with "crit", even correctly signed', async () => {
      const token = await signed({ alg: 'HS256', crit: ['b64'], b64: false }, ADMIN)
      const why = 'crit lists extensions the verifier must understand or reject the token (RFC 7515 4.1.11)'
      await expectRejected(token, why)
      await expectNotAdmin(token, why)
    })

    it('checks the signature with crypto.subtle.verify: HMAC, a SHA-256 key, over "header.payload"', async () => {
      const token = await genuine(READER)
      const [header, payload, signature] = token.split('.') as [string, string, string]
      const verify = vi.spyOn(crypto.subtle, 'verify')
      let seen: Parameters<SubtleCrypto['verify']>[] = []
      try {
        await fixed().verify(token)
        seen = [...verify.mock.calls]
      } finally {
        verify.mockRestore()
      }
      const bytes = (data: unknown) =>
        ArrayBuffer.isView(data)
          ? Array.from(new Uint8Array(data.buffer, data.byteOffset, data.byteLength))
          : Array.from(new Uint8Array(data as ArrayBuffer))
      const calls = seen.map(([algorithm, key, sig, data]) => ({
        algorithm: typeof algorithm === 'string' ? algorithm : algorithm.name,
        hash: ((key.algorithm as HmacKeyAlgorithm).hash ?? { name: '' }).name,
        signature: base64url(Uint8Array.from(bytes(sig))),
        input: String.fromCharCode(...bytes(data)),
      }))
      expect(
        calls,
        'verify must call crypto.subtle.verify("HMAC", key, signatureBytes, bytes of "header.payload") with an ' +
          'HMAC key imported for SHA-256: it compares in constant time. Re-signing and comparing strings does not',
      ).toContainEqual({ algorithm: 'HMAC', hash: 'SHA-256', signature, input: `${header}.${payload}` })
    })

    it('checks the signature before the claims: an expired token with a bad signature still reaches crypto.subtle.verify', async () => {
      const token = await signed(HS256_HEADER, { ...WANTED, exp: NOW - 1 }, OTHER_KEY)
      const input = token.slice(0, token.lastIndexOf('.'))
      const verify = vi.spyOn(crypto.subtle, 'verify')
      let calls = 0
      try {
        await expectRejected(token, 'it is expired and signed with another key')
        // only the calls over this token's "header.payload" count
        calls = verify.mock.calls.filter(([, , , data]) => text(data) === input).length
      } finally {
        verify.mockRestore()
      }
      expect(
        calls,
        'the token was rejected without crypto.subtle.verify being called: until the signature is checked, ' +
          'every claim (exp too) is attacker-chosen. Verify first, then read the claims',
      ).toBeGreaterThan(0)
    })
  })

  describe('claims, once the signature is good', () => {
    it('rejects an expired token (exp one second in the past)', async () => {
      await expectRejected(await genuine({ ...ADMIN, exp: NOW - 1 }), 'exp < now: the token has expired')
    })

    it('rejects a token at exactly its exp', async () => {
      await expectRejected(await genuine({ ...ADMIN, exp: NOW }), 'exp <= now is expired (RFC 7519 4.1.4)')
    })

    it('accepts a token one second before its exp', async () => {
      await expect(
        fixed().verify(await genuine({ ...READER, exp: NOW + 1 })),
        'exp = now + 1 is still valid: only exp <= now is expired',
      ).resolves.toEqual({ ...READER, exp: NOW + 1 })
    })

    it('rejects a genuine token without exp', async () => {
      const { exp: _, ...claims } = ADMIN
      await expectRejected(await genuine(claims), 'a token without exp would never expire: require a number')
    })

    it('rejects a genuine token whose exp is not a number', async () => {
      await expectRejected(
        await genuine({ ...ADMIN, exp: String(NOW + 600) }),
        'exp must be a number of seconds (RFC 7519 NumericDate), not the string "1700000600"',
      )
    })

    it('isAdmin is false for an expired admin token', async () => {
      await expectNotAdmin(await genuine({ ...ADMIN, exp: NOW - 1 }), 'the token has expired')
    })
  })

  describe('isAdmin', () => {
    it.each([
      ['an empty string', ''],
      ['garbage', 'not a token'],
      ['a token with a broken header', `!!.${segment(ADMIN)}.`],
    ])('resolves false, never rejects, for %s', async (_, token) => {
      await expectNotAdmin(token, 'this is no token at all')
    })
  })
})
