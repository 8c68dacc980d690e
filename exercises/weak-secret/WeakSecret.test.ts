import { describe, expect, it, vi } from 'vitest'
import { crackSecret } from './crack'
import { checkSecret, generateSecret, type SecretProblem } from './secrets'
import { WORDLIST } from './wordlist'

// A human-chosen secret near the end of the wordlist: cracking it tries about 100,000 candidates.
const PLANTED = 'Wonderland2026!'
const NOW = 1_700_000_000
const CLAIMS = { sub: '42', username: 'ada', role: 'reader', iat: NOW, exp: NOW + 3600 }

const utf8 = new TextEncoder()

function base64url(data: string | Uint8Array): string {
  const bytes = typeof data === 'string' ? utf8.encode(data) : data
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

const fromBase64url = (text: string) =>
  Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (char) => char.charCodeAt(0))

const hmacKey = (secret: string | Uint8Array<ArrayBuffer>, usage: KeyUsage) =>
  crypto.subtle.importKey(
    'raw',
    typeof secret === 'string' ? utf8.encode(secret) : secret,
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    [usage],
  )

/** An HS256 token over these claims, signed with the secret (a string means its UTF-8 bytes). */
async function tokenSignedWith(secret: string | Uint8Array<ArrayBuffer>, claims: object = CLAIMS) {
  const input = `${base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${base64url(JSON.stringify(claims))}`
  const mac = await crypto.subtle.sign('HMAC', await hmacKey(secret, 'sign'), utf8.encode(input))
  return `${input}.${base64url(new Uint8Array(mac))}`
}

/** Whether the token's HS256 signature verifies under the secret. */
async function verifies(token: string, secret: string | Uint8Array<ArrayBuffer>): Promise<boolean> {
  const [header, payload, signature] = token.split('.') as [string, string, string]
  const key = await hmacKey(secret, 'verify')
  return crypto.subtle.verify('HMAC', key, fromBase64url(signature), utf8.encode(`${header}.${payload}`))
}

const show = (value: unknown) =>
  value instanceof Uint8Array ? `Uint8Array [${value.join(', ')}]` : (JSON.stringify(value) ?? String(value))

function expectProblems(secret: string | Uint8Array, wanted: SecretProblem[], why: string) {
  const result = checkSecret(secret)
  expect(
    [...result.problems].sort(),
    `checkSecret(${show(secret)}).problems should be ${show(wanted)} in any order: ${why}`,
  ).toEqual([...wanted].sort())
  expect(result.ok, `ok must be true exactly when problems is empty (${show(secret)})`).toBe(
    wanted.length === 0,
  )
}

describe('the attack: crackSecret(token, wordlist)', () => {
  // about 100,000 candidates: about a second on a laptop, several on a busy shared machine
  it('recovers the planted secret of a token from the shipped WORDLIST', { timeout: 20_000 }, async () => {
    const found = await crackSecret(await tokenSignedWith(PLANTED), WORDLIST)
    expect(
      found,
      'the token was signed with a secret from WORDLIST: for each candidate, import its UTF-8 bytes as an HMAC ' +
        'SHA-256 key and crypto.subtle.verify the token signature (decoded from base64url) over "header.payload"',
    ).toBe(PLANTED)
  })

  it('stops at the first candidate that verifies: no key is imported for the rest of the list', async () => {
    const token = await tokenSignedWith('letmein')
    const importKey = vi.spyOn(crypto.subtle, 'importKey')
    let found: string | null
    let imported: number
    try {
      found = await crackSecret(token, ['123456', 'letmein', ...WORDLIST.slice(0, 5000)])
    } finally {
      imported = importKey.mock.calls.length
      importKey.mockRestore()
    }
    expect(found, 'the second candidate signed this token').toBe('letmein')
    expect(
      imported,
      'the secret was the second candidate, yet more keys were imported: try the candidates one after another ' +
        'and return at the first that verifies, instead of importing and checking the whole list at once',
    ).toBeLessThanOrEqual(2)
  })

  it('resolves with null when the secret is not in the list', async () => {
    const found = await crackSecret(await tokenSignedWith(PLANTED), WORDLIST.slice(0, 500))
    expect(found, 'none of the first 500 words signed this token: resolve with null').toBeNull()
  })

  it('resolves with null for an empty list', async () => {
    expect(await crackSecret(await tokenSignedWith(PLANTED), []), 'no candidates, no secret: null').toBeNull()
  })

  it('tries the first and the last candidate of the list', async () => {
    const token = await tokenSignedWith('letmein')
    expect(await crackSecret(token, ['letmein', 'password', 'qwerty']), 'the secret is first').toBe('letmein')
    expect(await crackSecret(token, ['password', 'qwerty', 'letmein']), 'the secret is last').toBe('letmein')
  })

  it("uses the token's own header and payload: the same secret is found under other claims", async () => {
    const token = await tokenSignedWith('trustno1', { sub: '7', role: 'admin', exp: NOW + 60 })
    expect(
      await crackSecret(token, ['123456', 'trustno1', 'dragon']),
      'the HMAC input is the token text before the last dot, whatever the claims are',
    ).toBe('trustno1')
  })

  it('uses the UTF-8 bytes of each candidate as the key (non-ASCII secrets too)', async () => {
    const token = await tokenSignedWith('pässwörd-ünïcode')
    expect(
      await crackSecret(token, ['passwort', 'pässwörd-ünïcode']),
      'import new TextEncoder().encode(candidate) as the key, not char codes',
    ).toBe('pässwörd-ünïcode')
  })
})

describe('the fix: generateSecret()', () => {
  it('returns a Uint8Array of 32 bytes', () => {
    const secret = generateSecret()
    expect(secret, 'return the key as bytes: a Uint8Array, not a string').toBeInstanceOf(Uint8Array)
    expect(secret.length, 'RFC 7518 3.2: 256 bits = 32 bytes for an HS256 key').toBe(32)
  })

  it('takes the bytes from crypto.getRandomValues', () => {
    const getRandomValues = vi.spyOn(crypto, 'getRandomValues').mockImplementation((array) => {
      if (array) new Uint8Array(array.buffer, array.byteOffset, array.byteLength).fill(0xa5)
      return array
    })
    let secret: Uint8Array
    try {
      secret = generateSecret()
    } finally {
      getRandomValues.mockRestore()
    }
    expect(
      Array.from(secret),
      'with crypto.getRandomValues stubbed to fill 0xa5 (165), the secret must be its bytes: draw them from ' +
        'crypto.getRandomValues, never Math.random',
    ).toEqual(new Array(32).fill(0xa5))
  })

  it('returns a different secret each time', () => {
    const secrets = [generateSecret(), generateSecret(), generateSecret()].map((secret) => show(secret))
    expect(
      new Set(secrets).size,
      'three calls gave a repeated secret: use fresh random bytes each time',
    ).toBe(3)
  })

  it('gives secrets that checkSecret accepts', () => {
    // 2,000 keys: a check that reads random bytes as text (no fatal decoding) calls about 1 in 80 of them typed
    // text, so it fails here every time instead of in one run and not the next (5 keys let it pass ~94% of runs)
    for (let round = 0; round < 2000; round++) {
      const secret = generateSecret()
      expectProblems(secret, [], '32 random bytes are long enough and are not text')
    }
  })
})

describe('the fix: checkSecret(secret)', () => {
  it('reports every problem of "password": too_short, common_password and printable_text', () => {
    expectProblems(
      'password',
      ['too_short', 'common_password', 'printable_text'],
      'it is 8 bytes, in the wordlist and typed text; list all problems, not the first',
    )
  })

  it("flags the seed lesson's example secret my-secret-key-123 as a common password", () => {
    expect(
      checkSecret('my-secret-key-123').problems,
      'it is in WORDLIST: compare the text with every entry (a Set is fast)',
    ).toContain('common_password')
  })

  it('judges bytes too: the UTF-8 bytes of "password" are the same common password', () => {
    expectProblems(
      utf8.encode('password'),
      ['too_short', 'common_password', 'printable_text'],
      'read a Uint8Array as UTF-8 text before looking it up',
    )
  })

  it('flags a 31-byte random key as too_short, and only that', () => {
    const key = Uint8Array.from({ length: 31 }, (_, index) => (index * 37 + 200) % 256)
    expectProblems(key, ['too_short'], 'RFC 7518 3.2 asks for at least 32 bytes; these bytes are not text')
  })

  it('counts bytes, not characters: 16 × "é" is 32 bytes and not too short', () => {
    expectProblems('é'.repeat(16), ['printable_text'], 'measure new TextEncoder().encode(secret).length')
  })

  it('counts bytes, not characters: 31 ASCII characters are too short', () => {
    expectProblems('x'.repeat(31), ['too_short', 'printable_text'], '31 bytes is under 256 bits')
  })

  it('flags a long passphrase as printable_text even though it is long enough', () => {
    expectProblems(
      'correct horse battery staple, my JWT secret!',
      ['printable_text'],
      'RFC 8725 3.5: human-memorable passwords must not be HMAC keys, however long',
    )
  })

  it('flags non-ASCII text as printable_text too', () => {
    expectProblems(
      'ünïcödé pässphräse für dën JWT-Schlüssel',
      ['printable_text'],
      'text is text in any language',
    )
  })

  it('flags printable bytes as printable_text (a base64 key used without decoding it)', () => {
    expectProblems(
      utf8.encode(base64url(new Uint8Array(32).fill(7))),
      ['printable_text'],
      'these 43 bytes are base64url characters: decode an encoded key to its bytes before using it',
    )
  })

  it('accepts 32 bytes that are not text: not UTF-8', () => {
    const key = Uint8Array.from({ length: 32 }, (_, index) => 0xa0 + ((index * 37) % 0x60))
    expectProblems(
      key,
      [],
      'these bytes are not valid UTF-8, so nobody typed them: decode with { fatal: true } and treat a throw as ' +
        '"not text" (without fatal, broken bytes silently become U+FFFD and look like text)',
    )
  })

  it('accepts 32 bytes that decode as UTF-8 but hold control characters', () => {
    const key = Uint8Array.from({ length: 32 }, (_, index) => index * 4)
    expectProblems(
      key,
      [],
      'bytes 0, 4, 8, ... 124 include control characters (\\p{Cc}): that is not typed text',
    )
  })
})

describe('the point: a cracked secret forges tokens, a generated one does not', () => {
  it('a token forged with the cracked secret verifies under the weak key but not under a generated key', async () => {
    const stolen = await crackSecret(await tokenSignedWith(PLANTED), [...WORDLIST.slice(0, 100), PLANTED])
    expect(stolen, 'crackSecret must find the planted secret first (see the attack tests)').toBe(PLANTED)
    const forged = await tokenSignedWith(String(stolen), { ...CLAIMS, role: 'admin' })
    expect(await verifies(forged, PLANTED), 'with the cracked secret, anyone can sign an admin token').toBe(
      true,
    )
    const strong = generateSecret()
    expect(
      await verifies(forged, strong),
      'a server whose key came from generateSecret() refuses the forged token',
    ).toBe(false)
  })
})
