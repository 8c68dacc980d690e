import { describe, expect, it, vi } from 'vitest'
import { DualVerifier } from './DualVerifier'
import { FixedVerifier } from './FixedVerifier'
import { forgeAdminToken } from './forge'
import { TokenError } from './tokens'

// RSA-2048 key pairs made for this suite with node:crypto generateKeyPairSync (SPKI and PKCS8 PEM). The forge
// receives only the public key, as any client of the identity provider can.
const pem = (lines: string[]) => `${lines.join('\n')}\n`
const PUBLIC_PEM = pem([
  '-----BEGIN PUBLIC KEY-----',
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAnQEOnXQ4vYxyseGk7rEo',
  'PDUthklYJ3cLIHijRzupyrJlFbwLw0I8qHoRrYEqwfmVd9DspdVHVAaZxt7WzX4L',
  'omtsrvShuFZ5nkTsoVxzDTvV8zEImAXf7rcqXMEYr0nYdjICUScDtbaXzPUtntRt',
  '84o8Jhc6H8is/zjQGfdZ+jyyGx2jmAfEP15SBkMZazmgkh1QvFJd5DcWKQ0r0Oh7',
  'trKDl4+Jvt8GhMPnDppUatchCof63ezD5/aU+gaj94tXGUFS/sfFcHRqbhCrDyDC',
  '351j7NZQ57F0iHdOawKxlDVjEqA+JtzzOWwsfF1XuwaBvGBE+8P2hq9qh80qFEvE',
  'mwIDAQAB',
  '-----END PUBLIC KEY-----',
])
const PRIVATE_PEM = pem([
  '-----BEGIN PRIVATE KEY-----',
  'MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQCdAQ6ddDi9jHKx',
  '4aTusSg8NS2GSVgndwsgeKNHO6nKsmUVvAvDQjyoehGtgSrB+ZV30Oyl1UdUBpnG',
  '3tbNfguia2yu9KG4VnmeROyhXHMNO9XzMQiYBd/utypcwRivSdh2MgJRJwO1tpfM',
  '9S2e1G3zijwmFzofyKz/ONAZ91n6PLIbHaOYB8Q/XlIGQxlrOaCSHVC8Ul3kNxYp',
  'DSvQ6Hu2soOXj4m+3waEw+cOmlRq1yEKh/rd7MPn9pT6BqP3i1cZQVL+x8VwdGpu',
  'EKsPIMLfnWPs1lDnsXSId05rArGUNWMSoD4m3PM5bCx8XVe7BoG8YET7w/aGr2qH',
  'zSoUS8SbAgMBAAECggEAG52te+2O82xKWlaFw8RefuSdqtKo0lxClUYS9jsc3P3v',
  'ANkwOnqin8HE7T9cjX0AmPAjR/IRV0rH7q6QmtmSY1HA7q8x6PIw9zFJbAKObCP7',
  'uIiF6fOSlXMbXPBMDr0O+Y9HUA3sPaCt58uyaA8WffFxLgQE4cVTBJtyIzcaWQTg',
  'grfo5Jbg0FutXRV5zewzWOr6zCtpKGsEuhE9WPoCVcTh+am6P0dvp/uyjycgDCmu',
  '/1eyXhnAeS/EYvu2egeTWx+bxq6PzssUTJVp4ZZmh4Jyd80K1Sh83Fhaa2vRyg3+',
  'SPEsDDLKwHwQPjCZWTlzHpsCrFWhMbjkoQGVyCbd1QKBgQDOP0dXdjRO+8oHHBfl',
  'HELvGxC3Pklr9wDVbcNnDXzfaVRJJxoRv3fslvfewEb7KeYjsRrtxmpReYsKX6sI',
  '/Vem3LZ0jyq26ehU0UKlkT6DLJUY/1cm2JM37Z2wOTmTUPs3IJfwO+8pM0pH3yMn',
  'HoB+TYSveCSxalWfSDGHWxHQtQKBgQDC4MqMCPVZaQK6F5N7vfJj2KUj0jhOkfH4',
  'zHpLYcxXNSr6etvTibVoRME3YO581dEsaDCY0QT7ix5Haz3qG/1ncjVTqhFkcIUF',
  'MoZYv6VUkMcGSgOY6m9T9cZnAIja+dMFKTg9dBlDD6y7HQOoakWUv5GoyGdqs19q',
  'cnKn6jaiDwKBgEd4GgquxVWRXuKz03vrHS6qHFLDXMHy5/ENhibRv7HTWAe5awk3',
  'ZiEv91jTHEWwsTUxC/nVRcZR7eJ8YFJPJ+6EkR0290BHMeEiWovxFs5xxoDRCqxF',
  'ZE5/IqOMUO1BpKvnuX7f5fJK+bSKGC5YHYKm7hG3+k8YX+9AHxmebz/5AoGBAJWh',
  '5sQJaOIDKI3c5mhgG8qgoYRUuNlTZJkl4E0bRbw8XcjAJyRRG5J5IGa2Lch6oMbZ',
  'JV9hNtMyKciqxnqIjVUts1aPQhV99BVeixt/46GAHOFuWT7D20F7eKDEH1EL/AR9',
  'dupwx6jfU0DE8XcSSmUBhwUzA31BR2VDhVf7FYHvAoGBAKkmf8XJiyK2Oazv3Q3a',
  'VPsg3Mtxk8BI9Dk8tBSuPMVika4SDRCbYjrexAZROSwkBKD2jo3OQCSpcsu+WwKF',
  '589JXO6yp3Uu5Ezp6qe2wv58oYO4/kaVJGqPuQJKECbojZDMRR7PPe0s+WtsT7WB',
  'xqonUS4tfmWZPiWj8a4Ribrg',
  '-----END PRIVATE KEY-----',
])
const OTHER_PRIVATE_PEM = pem([
  '-----BEGIN PRIVATE KEY-----',
  'MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQC5bNsWr823UnhK',
  '6rlMy+2qUF7eb8shTJlkn+qR56sYPwNZDzVHpRn8Onyh76YpSH1zPPwU/5QkCZkB',
  '6hkcUS2X8tUdY2jav/9dT807uMRUAE/bW38oDUG8ocUQu6xbt+wy3Ev6V5mHUvuw',
  '16GhexQjCgqq8oEWL9Ol72LIbY+EdRM6FQ+s5RL29Gb9O3XR7EdoyDAN6zBTaAh+',
  'rtZ1+C2ZO7Gp0RSStG9NOsuHAZNjWz+hqKY5TJoU1vdY3pAVuRT3zDO+wqxyKP6u',
  'JeyN1M9iYuu52zNIOP/aUMgP8a3+KRYaVfEag8GmLjyOXewB73Y06dlDygWjD2kz',
  'Xo5X/IyTAgMBAAECggEABxUlN31WvdG5UtatQY6yQylJ4c/HEhfUgB4rC7Uby4Fw',
  'GAN7+/BzNqVV1jyBl0uF+Xi8JoZS7UPAA7aQHrHHGjMmL1tUkrMJT+RrKOAc3D7T',
  '8p7jE4HasfNn6JcAR67e8KVBO2gDwWbKwqRXnXGPpcZpIZ4vIPEcKKBJxTpkZEXF',
  'k9y91fjEAKOz6AiJ6/dMzDvfaLKahy/xxVOQaDFHdieVbj5qGPCZEEWI8hr/INcQ',
  'ZKhFAEiaaCmCfUUqAjQHh1GdJo1fLqM1D5un/UmsgkskHn8TQyh0rgzxz+TtLzWx',
  '+U/3xcNymGg1XfWSlj6WlSPlIyk3VT+i9QPgmSJJMQKBgQDoRWByN7Boyr4PUis+',
  'vvdkdtMIe8IVsWfkuJf/Z3YXAOo5Q9/AgrwVvWMa8aryiOcKD6Ku3spiZtKrXewG',
  'JWJwv4uGBsabXQRRXCccRX45+Nz42V58IN5+XCd+1j89sp2ieoFTwgL20mlAXAal',
  'sDrDp4TuPnaYQqtpJq/Easji2QKBgQDMXlAxISPszvYqheU5btdqEjC9KAlsJTAt',
  '/LzjYfWyyIKKsTJg0u8hiJ9r5cxP56fflDSTaae8nqu9wFdBrCrPw42UAPpidLFL',
  'OP+Zj8TGEJLHA0gLS2E+Irr8FvuQq44it4Stlu+GGuD0uozdS+cS2xiv65AI6zZE',
  'NWqAEzZvSwKBgFJ8YNXvJPzyEzEJs0XjN6Q79pHqsXBWwlidnY0cRvnAX23axtlt',
  'FDJ8QXfOHzFmoPYXu2RyxljPvz0Qa8N6/0yfGYONYHbIP8JNAa6ulzcrQ/4z47Qd',
  'UCZ7v6Lxnx/gEM8kxkzid38EFlC+3bV1skjNcw3QrPlBo/IBxSXx7klxAoGBAJCF',
  'TX5AqlAHV0tg3mXL/WeUL4VEb81bSwPqS4UcvAxPAQmlHzQbVmHHZL1/hwkmj69q',
  '9fcc6zJWnqqT/uCBKNE9v7vfKTFAxjOkvhPQ+Fz8UV+M8YCTMNQo6UPl2MZImz3v',
  'u1Kqfv29ukE2PvErgN/zsjSNh5DXDMwVXhft/jubAoGBAJG7/Qlz/jzZMBMgpsf+',
  'AG0H3Cw7zic7wvSyW18FHl1fGnjGjpmKtxprVw0bq3AZxVKnQ0H702YqbUKtAgIo',
  'rC0YV6q3Y9zlVRA6OSTcgawRZuSDDcAcVpeSgA55AJl3OuZ9uR8Wo8c3Ja9HmO7X',
  'oTcDtoroF5wd4tBwKWCKfRY6',
  '-----END PRIVATE KEY-----',
])

const NOW = 1_700_000_000
const clock = () => NOW
// the older services' HMAC secret: random on every run
const HS_SECRET = crypto.getRandomValues(new Uint8Array(32))

const READER = { sub: '42', username: 'ada', role: 'reader', iat: NOW - 60, exp: NOW + 600 }
const OTHER_READER = { sub: '7', username: 'grace', role: 'reader', iat: NOW - 30, exp: NOW + 900 }
const ADMIN = { sub: '1', username: 'root', role: 'admin', iat: NOW - 60, exp: NOW + 600 }
const WANTED = { ...READER, role: 'admin' }

const utf8 = new TextEncoder()
const RSA = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }
const HMAC = { name: 'HMAC', hash: 'SHA-256' }

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
const pemBody = (pem: string) => pem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '')
const der = (pem: string) => Uint8Array.from(atob(pemBody(pem)), (char) => char.charCodeAt(0))

async function rsaSignature(input: string, privatePem = PRIVATE_PEM): Promise<string> {
  const key = await crypto.subtle.importKey('pkcs8', der(privatePem), RSA, false, ['sign'])
  return base64url(new Uint8Array(await crypto.subtle.sign(RSA, key, utf8.encode(input))))
}

async function hmacSignature(input: string, secret: Uint8Array<ArrayBuffer>): Promise<string> {
  const key = await crypto.subtle.importKey('raw', secret, HMAC, false, ['sign'])
  return base64url(new Uint8Array(await crypto.subtle.sign('HMAC', key, utf8.encode(input))))
}

/** A token with this header and payload, signed RS256 by the identity provider (or another private key). */
async function rsaSigned(header: object, payload: object, privatePem?: string): Promise<string> {
  const input = `${segment(header)}.${segment(payload)}`
  return `${input}.${await rsaSignature(input, privatePem)}`
}

/** A token with this header and payload, with an HMAC-SHA-256 under these key bytes. */
async function hmacSigned(header: object, payload: object, secret: Uint8Array<ArrayBuffer>): Promise<string> {
  const input = `${segment(header)}.${segment(payload)}`
  return `${input}.${await hmacSignature(input, secret)}`
}

const genuine = (claims: object) => rsaSigned({ alg: 'RS256', typ: 'JWT' }, claims)
const signatureOf = (token: string) => token.split('.')[2] ?? ''

const dual = () => new DualVerifier(PUBLIC_PEM, { now: clock })
const fixedRsaOnly = () => new FixedVerifier({ rs256: PUBLIC_PEM }, { now: clock })
const fixedBoth = () => new FixedVerifier({ rs256: PUBLIC_PEM, hs256: HS_SECRET }, { now: clock })

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
  const outcome = await settle(() => forgeAdminToken(userToken, PUBLIC_PEM))
  if (!outcome.resolved) {
    expect(
      outcome.resolved,
      `forgeAdminToken rejected with ${describeError(outcome.error)}: finish the attack first (it is the first half)`,
    ).toBe(true)
    return ''
  }
  expect(
    typeof outcome.value,
    `forgeAdminToken must resolve with the forged token as a string, got ${show(outcome.value)}`,
  ).toBe('string')
  return outcome.value as string
}

/** The claims DualVerifier reads from the forged token; fails the test if it rejects it. */
async function acceptedByDual(forged: string): Promise<Record<string, unknown>> {
  const outcome = await settle(() => dual().verify(forged))
  if (!outcome.resolved) {
    expect(
      outcome.resolved,
      `DualVerifier.verify rejected your forged token ${forged} with ${describeError(outcome.error)}. ` +
        'You cannot make an RS256 signature without the private key, but read what the verifier does with its ' +
        'one key when the header says HS256, and sign exactly those bytes (the PEM text you were given, as is)',
    ).toBe(true)
  }
  return (outcome as { value: Record<string, unknown> }).value
}

/** `verifier.verify` must reject `token` with a TokenError that has a message. */
async function expectRejected(verifier: FixedVerifier, token: string, why: string): Promise<void> {
  const outcome = await settle(() => verifier.verify(token))
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

/** `verifier.isAdmin` must resolve with false for `token`, never reject. */
async function expectNotAdmin(verifier: FixedVerifier, token: string, why: string): Promise<void> {
  const outcome = await settle(() => verifier.isAdmin(token))
  expect(
    outcome.resolved,
    `FixedVerifier.isAdmin rejected with ${outcome.resolved ? '' : describeError(outcome.error)}: ` +
      'it must resolve with false for any token verify rejects (catch the TokenError)',
  ).toBe(true)
  expect((outcome as { value: unknown }).value, `FixedVerifier.isAdmin(${token}) must be false: ${why}`).toBe(
    false,
  )
}

/** Rejected by a verifier with the RSA key only and by one with both keys; isAdmin false for both. */
async function expectRefusedByBoth(token: string, why: string): Promise<void> {
  for (const verifier of [fixedRsaOnly(), fixedBoth()]) {
    await expectRejected(verifier, token, why)
    await expectNotAdmin(verifier, token, why)
  }
}

describe('the attack: forgeAdminToken(userToken, publicKeyPem)', () => {
  it('resolves with the forged token as a string', async () => {
    const forged = await forge(await genuine(READER))
    expect(forged.split('.').length, 'a JWS is three segments: header.payload.signature').toBe(3)
  })

  it("makes a token that DualVerifier's verify accepts", async () => {
    const claims = await acceptedByDual(await forge(await genuine(READER)))
    expect(typeof claims, 'verify resolved with the claims object').toBe('object')
  })

  it('makes verify read role "admin" from it', async () => {
    const claims = await acceptedByDual(await forge(await genuine(READER)))
    expect(
      claims.role,
      `the vulnerable verifier read these claims from your token: ${show(claims)}; set role to "admin"`,
    ).toBe('admin')
  })

  it('keeps the subject: the forged token still names the user of the token it came from (sub)', async () => {
    for (const user of [READER, OTHER_READER]) {
      const claims = await acceptedByDual(await forge(await genuine(user)))
      expect(
        claims.sub,
        `from a token with sub "${user.sub}" your forged token says ${show(claims)}: copy the claims of the ` +
          'token you were given and change only the role',
      ).toBe(user.sub)
    }
  })
})

describe('the fix: FixedVerifier', () => {
  describe('genuine tokens still work', () => {
    it('verify resolves with every claim of a genuine RS256 token', async () => {
      await expect(
        fixedRsaOnly().verify(await genuine(READER)),
        'a token signed RS256 with the identity provider key and not expired must verify, with exactly its claims',
      ).resolves.toEqual(READER)
    })

    it('verify accepts a genuine HS256 token signed with the configured hs256 secret (bytes)', async () => {
      const token = await hmacSigned({ alg: 'HS256', typ: 'JWT' }, READER, HS_SECRET)
      await expect(
        fixedBoth().verify(token),
        'with { rs256, hs256 } an HS256 token signed with the hs256 secret must verify',
      ).resolves.toEqual(READER)
    })

    it('uses a string hs256 secret as its UTF-8 bytes', async () => {
      const secret = 'the older services shared secret, ünïcödé included'
      const token = await hmacSigned({ alg: 'HS256', typ: 'JWT' }, READER, utf8.encode(secret))
      await expect(
        new FixedVerifier({ rs256: PUBLIC_PEM, hs256: secret }, { now: clock }).verify(token),
        'a string secret means new TextEncoder().encode(secret)',
      ).resolves.toEqual(READER)
    })

    it('isAdmin is true for a genuine admin token and false for a genuine reader token', async () => {
      expect(await fixedRsaOnly().isAdmin(await genuine(ADMIN)), 'a valid token with role "admin"').toBe(true)
      expect(await fixedRsaOnly().isAdmin(await genuine(READER)), 'a valid token with role "reader"').toBe(
        false,
      )
    })

    it('uses the system clock in seconds when no now option is given', async () => {
      const now = Math.floor(Date.now() / 1000)
      const verifier = new FixedVerifier({ rs256: PUBLIC_PEM })
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
    it('verify rejects the token your forgeAdminToken made, with or without an hs256 secret', async () => {
      const forged = await forge(await genuine(READER))
      await expectRejected(fixedRsaOnly(), forged, 'your forged token; the RSA key verifies RS256 only')
      await expectRejected(
        fixedBoth(),
        forged,
        'your forged token; HS256 tokens verify under the hs256 secret only',
      )
    })

    it('isAdmin is false for the token your forgeAdminToken made', async () => {
      const forged = await forge(await genuine(READER))
      await expectNotAdmin(fixedRsaOnly(), forged, 'this is your own forged admin token')
      await expectNotAdmin(fixedBoth(), forged, 'this is your own forged admin token')
    })
  })

  describe('each key verifies its own algorithm only', () => {
    it.each([
      ['the PEM text', () => utf8.encode(PUBLIC_PEM)],
      ['the PEM text without its final newline', () => utf8.encode(PUBLIC_PEM.trimEnd())],
      ['the DER bytes of the public key', () => der(PUBLIC_PEM)],
      ['the base64 body of the PEM', () => utf8.encode(pemBody(PUBLIC_PEM))],
    ])('rejects HS256 signed with %s as the HMAC key', async (_, keyBytes) => {
      const token = await hmacSigned({ alg: 'HS256', typ: 'JWT' }, WANTED, keyBytes())
      await expectRefusedByBoth(token, 'the public key is public: it must never be used as an HMAC secret')
    })

    it('rejects RS256 in the header over an HMAC keyed with the PEM', async () => {
      const token = await hmacSigned({ alg: 'RS256', typ: 'JWT' }, WANTED, utf8.encode(PUBLIC_PEM))
      await expectRefusedByBoth(token, 'an RS256 token must carry an RSA signature')
    })

    it('rejects HS256 in the header over a genuine RSA signature', async () => {
      const input = `${segment({ alg: 'HS256', typ: 'JWT' })}.${segment(ADMIN)}`
      const token = `${input}.${await rsaSignature(input)}`
      await expectRefusedByBoth(
        token,
        'an HS256 token is checked with the hs256 secret, whatever else it carries',
      )
    })

    it('rejects an HS256 token when no hs256 secret is configured, even one signed with that secret', async () => {
      const token = await hmacSigned({ alg: 'HS256', typ: 'JWT' }, ADMIN, HS_SECRET)
      await expectRejected(fixedRsaOnly(), token, 'a verifier without an HS256 key accepts no HS256 token')
      await expectNotAdmin(fixedRsaOnly(), token, 'a verifier without an HS256 key accepts no HS256 token')
    })

    it('rejects an RS256 token signed with another private key', async () => {
      const token = await rsaSigned({ alg: 'RS256', typ: 'JWT' }, WANTED, OTHER_PRIVATE_PEM)
      await expectRefusedByBoth(token, 'only the identity provider key verifies RS256 tokens')
    })

    it('rejects an admin payload swapped in under the signature of a reader token', async () => {
      const token = `${segment({ alg: 'RS256', typ: 'JWT' })}.${segment(WANTED)}.${signatureOf(await genuine(READER))}`
      await expectRefusedByBoth(token, 'the signature covers the header and the payload')
    })

    it.each(['none', 'None', 'NONE'])('rejects alg "%s" with an empty signature', async (alg) => {
      const token = `${segment({ alg, typ: 'JWT' })}.${segment(WANTED)}.`
      await expectRefusedByBoth(token, 'an unsigned token proves nothing')
    })

    it.each(['rs256', 'RS512', 'PS256', 'ES256'])(
      'rejects alg "%s" over a genuine RS256 signature',
      async (alg) => {
        const input = `${segment({ alg, typ: 'JWT' })}.${segment(ADMIN)}`
        const token = `${input}.${await rsaSignature(input)}`
        await expectRefusedByBoth(token, `the RSA key is bound to RS256 exactly, and "${alg}" is not "RS256"`)
      },
    )

    it('rejects a header with no alg over a genuine RS256 signature', async () => {
      const input = `${segment({ typ: 'JWT' })}.${segment(ADMIN)}`
      const token = `${input}.${await rsaSignature(input)}`
      await expectRefusedByBoth(token, 'alg is required; the verifier does not guess it')
    })

    it('rejects a header with "crit", even with a genuine RS256 signature', async () => {
      const token = await rsaSigned({ alg: 'RS256', crit: ['b64'], b64: false }, ADMIN)
      await expectRefusedByBoth(token, 'crit lists extensions the verifier must understand (RFC 7515 4.1.11)')
    })

    it('rejects a genuine token with an extra segment appended', async () => {
      const token = `${await genuine(ADMIN)}.x`
      await expectRefusedByBoth(token, 'a JWS has exactly three segments')
    })

    it('checks RS256 tokens with an RSASSA-PKCS1-v1_5 key and HS256 tokens with an HMAC key (crypto.subtle.verify)', async () => {
      const verify = vi.spyOn(crypto.subtle, 'verify')
      let keys: string[] = []
      try {
        await fixedBoth().verify(await genuine(READER))
        await fixedBoth().verify(await hmacSigned({ alg: 'HS256', typ: 'JWT' }, READER, HS_SECRET))
        keys = verify.mock.calls.map(
          ([, key]) => `${key.algorithm.name}/${(key.algorithm as RsaHashedKeyAlgorithm).hash?.name}`,
        )
      } finally {
        verify.mockRestore()
      }
      expect(
        keys,
        'call crypto.subtle.verify with the key imported for that algorithm: the RSA public key imported as ' +
          'RSASSA-PKCS1-v1_5 with SHA-256 for RS256, the hs256 secret imported as HMAC with SHA-256 for HS256',
      ).toEqual(['RSASSA-PKCS1-v1_5/SHA-256', 'HMAC/SHA-256'])
    })
  })

  describe('claims, once the signature is good', () => {
    it('rejects an expired token (exp one second in the past)', async () => {
      await expectRejected(fixedRsaOnly(), await genuine({ ...ADMIN, exp: NOW - 1 }), 'exp < now: expired')
    })

    it('rejects a token at exactly its exp', async () => {
      await expectRejected(fixedRsaOnly(), await genuine({ ...ADMIN, exp: NOW }), 'exp <= now is expired')
    })

    it('rejects a genuine token without exp', async () => {
      const { exp: _, ...claims } = ADMIN
      await expectRejected(fixedRsaOnly(), await genuine(claims), 'a token without exp would never expire')
    })

    it('checks the signature before the claims: an expired token with a bad signature still reaches crypto.subtle.verify', async () => {
      const token = await rsaSigned(
        { alg: 'RS256', typ: 'JWT' },
        { ...WANTED, exp: NOW - 1 },
        OTHER_PRIVATE_PEM,
      )
      const input = token.slice(0, token.lastIndexOf('.'))
      const verify = vi.spyOn(crypto.subtle, 'verify')
      let calls = 0
      try {
        await expectRejected(fixedRsaOnly(), token, 'it is expired and signed with another key')
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

  describe('isAdmin', () => {
    it.each([
      ['an empty string', ''],
      ['garbage', 'not a token'],
    ])('resolves false, never rejects, for %s', async (_, token) => {
      await expectNotAdmin(fixedRsaOnly(), token, 'this is no token at all')
    })
  })
})
