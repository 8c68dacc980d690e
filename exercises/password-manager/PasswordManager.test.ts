import { describe, expect, it, vi } from 'vitest'
import { PasswordManager } from './PasswordManager'

// Low iteration counts keep the suite fast; only one test uses the 600,000 default.
const FAST = 1000
const fast = () => new PasswordManager({ iterations: FAST })

const bytesFromHex = (hex: string) =>
  Uint8Array.from(hex.match(/[0-9a-f]{2}/g) ?? [], (pair) => parseInt(pair, 16))
const base64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes))
const bytesFromBase64 = (text: string) => Uint8Array.from(atob(text), (char) => char.charCodeAt(0))

// RFC 7914 section 11, PBKDF2-HMAC-SHA-256 test vectors (dkLen = 64; the format stores the first 32 bytes).
const RFC_PASSWD = base64(
  bytesFromHex(`55 ac 04 6e 56 e3 08 9f ec 16 91 c2 25 44 b6 05
                f9 41 85 21 6d de 04 65 e6 8b 9d 57 c2 0d ac bc`),
)
const RFC_PASSWORD = base64(
  bytesFromHex(`4d dc d8 f6 0b 98 be 21 83 0c ee 5e f2 27 01 f9
                64 1a 44 18 d0 4c 04 14 ae ff 08 87 6b 34 ab 56`),
)
const RFC_C1 = `pbkdf2_sha256$1$salt$${RFC_PASSWD}`
const RFC_C80000 = `pbkdf2_sha256$80000$NaCl$${RFC_PASSWORD}`

// Django's own test suite (tests/auth_tests/test_hashers.py, Django 1.4 and 1.5): make_password(..., 'seasalt').
const DJANGO_LETMEIN_HASH = 'FQCNpiZpTb0zub+HBsH6TOwyRxJ19FwvjbweatNmK/Y='
const DJANGO_LETMEIN = `pbkdf2_sha256$10000$seasalt$${DJANGO_LETMEIN_HASH}`
// 'lètmein' with è as the single code point U+00E8
const DJANGO_LETMEIN_ACCENT = 'pbkdf2_sha256$10000$seasalt$CWWFdHOWwPnki7HvkcqN9iA2T3KLW1cf2uZ5kvArtVY='

const PRECOMPOSED_E_GRAVE = '\u00e8'
const DECOMPOSED_E_GRAVE = 'e\u0300'

/** PBKDF2-HMAC-SHA256 of `password` with the UTF-8 of `salt`, 32 bytes in base64, computed here independently. */
async function pbkdf2Base64(password: string, salt: string, iterations: number): Promise<string> {
  const utf8 = new TextEncoder()
  const key = await crypto.subtle.importKey('raw', utf8.encode(password), 'PBKDF2', false, ['deriveBits'])
  const params = { name: 'PBKDF2', hash: 'SHA-256', salt: utf8.encode(salt), iterations }
  return base64(new Uint8Array(await crypto.subtle.deriveBits(params, key, 256)))
}

type Outcome = { status: 'resolved'; value: unknown } | { status: 'threw'; error: string }

/** Runs `call` and records whether it resolved (and to what) or threw/rejected, so a test can say which. */
async function outcomeOf(call: () => unknown): Promise<Outcome> {
  try {
    return { status: 'resolved', value: await call() }
  } catch (error) {
    return { status: 'threw', error: String(error) }
  }
}

function partsOf(encoded: string) {
  const parts = encoded.split('$')
  expect(parts, `expected 4 parts separated by '$' but got ${JSON.stringify(encoded)}`).toHaveLength(4)
  const [algorithm = '', iterations = '', salt = '', hash = ''] = parts
  return { algorithm, iterations, salt, hash }
}

function algorithmName(algorithm: unknown): string {
  const name = typeof algorithm === 'string' ? algorithm : (algorithm as { name?: unknown } | null)?.name
  return typeof name === 'string' ? name.toUpperCase() : ''
}

/**
 * Makes the first `calls` calls of crypto.getRandomValues fill every element of the array they are given with
 * `valueFor(bits)`, whatever the array's width, so a test can feed a salt sampler chosen values.
 */
function fillFirstDraws(calls: number, valueFor: (bits: number) => bigint) {
  const getRandomValues = vi.spyOn(crypto, 'getRandomValues')
  const fill = <T extends ArrayBufferView | null>(array: T): T => {
    if (!array) return array
    const width = 'BYTES_PER_ELEMENT' in array ? Number(array.BYTES_PER_ELEMENT) : 1
    const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength)
    const value = valueFor(width * 8)
    // little-endian, as every browser stores typed arrays
    for (let i = 0; i < bytes.length; i++) bytes[i] = Number((value >> BigInt((i % width) * 8)) & 0xffn)
    return array
  }
  for (let call = 0; call < calls; call++) getRandomValues.mockImplementationOnce(fill)
  return getRandomValues
}

/** 2^bits rounded down to a multiple of 62: the first value a sampler must reject (248 for a byte). */
const firstBiasedValue = (bits: number) => 2n ** BigInt(bits) - (2n ** BigInt(bits) % 62n)

// The words an error message may use for each rule; any one of them is enough.
const RULE_WORDS = {
  length: { pattern: /\b(8|eight)\b/i, words: '"8" or "eight"' },
  digit: {
    pattern: /digit|\bnumbers?\b|numeral|\bnumeric|0-9/i,
    words: '"digit", "number", "numeral" or "0-9"',
  },
  lower: { pattern: /lower|small letter|minuscule/i, words: '"lowercase", "lower-case", "small letter"' },
  upper: { pattern: /upper|capital|majuscule/i, words: '"uppercase", "upper-case", "capital"' },
  special: {
    pattern: /special|symbol|punctuation|non[- ]?alpha|not a letter/i,
    words: '"special", "symbol", "punctuation" or "non-alphanumeric"',
  },
} as const
const says = (rule: keyof typeof RULE_WORDS) => expect.stringMatching(RULE_WORDS[rule].pattern)

describe('hashPassword', () => {
  it('returns pbkdf2_sha256$<iterations>$<salt>$<hash>: a 22-character [A-Za-z0-9] salt, a base64 32-byte hash', async () => {
    const { algorithm, iterations, salt, hash } = partsOf(await fast().hashPassword('Tr0ub4dor&3'))
    expect(algorithm, 'the first part names the algorithm, exactly "pbkdf2_sha256"').toBe('pbkdf2_sha256')
    expect(iterations, 'the second part is the iteration count as decimal digits').toBe(String(FAST))
    expect(salt, 'the salt must be exactly 22 characters, each from A-Z, a-z or 0-9').toMatch(
      /^[A-Za-z0-9]{22}$/,
    )
    expect(
      hash,
      'the hash must be standard base64 (with + / and "=" padding, not hex or base64url) of exactly 32 bytes: 44 characters ending in "="',
    ).toMatch(/^[A-Za-z0-9+/]{43}=$/)
  })

  it('stores the iteration count the manager was configured with', async () => {
    for (const iterations of [1000, 2500]) {
      const { iterations: stored } = partsOf(
        await new PasswordManager({ iterations }).hashPassword('Tr0ub4dor&3'),
      )
      expect(
        stored,
        `new PasswordManager({ iterations: ${iterations} }) must write ${iterations} into the hash`,
      ).toBe(String(iterations))
    }
  })

  it('uses at least 600,000 iterations by default (OWASP figure for PBKDF2-HMAC-SHA256)', async () => {
    const { iterations } = partsOf(await new PasswordManager().hashPassword('Tr0ub4dor&3'))
    expect(
      Number(iterations),
      'new PasswordManager() with no options must default to 600_000 iterations',
    ).toBeGreaterThanOrEqual(600_000)
  })

  it('produces exactly PBKDF2-HMAC-SHA256 over the UTF-8 password and salt, with the iterations it stored', async () => {
    const password = 'Grüße, 世界 🔑'
    const encoded = await new PasswordManager({ iterations: 1234 }).hashPassword(password)
    const { iterations, salt, hash } = partsOf(encoded)
    const utf8 = new TextEncoder()
    const key = await crypto.subtle.importKey('raw', utf8.encode(password), 'PBKDF2', false, ['deriveBits'])
    const expected = await crypto.subtle.deriveBits(
      { name: 'PBKDF2', hash: 'SHA-256', salt: utf8.encode(salt), iterations: Number(iterations) },
      key,
      256,
    )
    expect(
      hash,
      `recomputing PBKDF2-HMAC-SHA256(password, salt ${JSON.stringify(salt)}, ${iterations} iterations, 32 bytes) gave another hash: derive with SHA-256, the salt's own UTF-8 characters (do not decode it) and the configured iterations`,
    ).toBe(base64(new Uint8Array(expected)))
  })

  it('gives a different result each time for the same password, because every hash gets a fresh random salt', async () => {
    const manager = fast()
    const encodings = await Promise.all([1, 2, 3].map(() => manager.hashPassword('Tr0ub4dor&3')))
    const salts = encodings.map((encoded) => partsOf(encoded).salt)
    expect(new Set(salts).size, `three hashes of one password reused a salt: ${salts.join(', ')}`).toBe(3)
    expect(new Set(encodings).size, 'three hashes of one password must all differ').toBe(3)
  })

  it('draws the salt from crypto.getRandomValues, not Math.random', async () => {
    const getRandomValues = vi.spyOn(crypto, 'getRandomValues')
    try {
      await fast().hashPassword('Tr0ub4dor&3')
      expect(
        getRandomValues,
        'hashPassword never called crypto.getRandomValues: Math.random is not a secure source of randomness',
      ).toHaveBeenCalled()
    } finally {
      getRandomValues.mockRestore()
    }
  })

  it('throws away random values that would bias the salt (rejection sampling) instead of wrapping them with %', async () => {
    const getRandomValues = vi.spyOn(crypto, 'getRandomValues')
    // every bit set: 255, 65535 or 2^32-1 are past the last whole multiple of 62, so an unbiased sampler rejects them
    const allOnes = <T extends ArrayBufferView | null>(array: T): T => {
      if (array) new Uint8Array(array.buffer, array.byteOffset, array.byteLength).fill(0xff)
      return array
    }
    for (let call = 0; call < 22; call++) getRandomValues.mockImplementationOnce(allOnes)
    try {
      const { salt } = partsOf(await fast().hashPassword('Tr0ub4dor&3'))
      expect(salt, 'the salt must still be 22 characters from A-Z, a-z and 0-9').toMatch(/^[A-Za-z0-9]{22}$/)
      expect(
        new Set(salt).size,
        `when crypto.getRandomValues first returns only all-ones values the salt came out as ${JSON.stringify(salt)}: ` +
          'a value >= 248 (for bytes) must be skipped and a new one drawn, because value % 62 favours some characters',
      ).toBeGreaterThan(1)
    } finally {
      getRandomValues.mockRestore()
    }
  })

  it('does not let the byte 248 (the first value past 4 × 62) give the same character as the byte 0', async () => {
    // 248 % 62 is 0: a sampler that keeps 248 (byte <= 248) turns it into "A", as it does 0. Any unbiased sampler
    // (keep bytes below 248, or mask with & 63 and redraw 62 and 63) gives something else: another character, or
    // a rejected draw and a fresh one. Wider arrays get their own first biased value (65534, 4294967292).
    const salts: string[] = []
    for (const valueFor of [firstBiasedValue, () => 0n]) {
      const getRandomValues = fillFirstDraws(64, valueFor)
      try {
        salts.push(partsOf(await fast().hashPassword('Tr0ub4dor&3')).salt)
      } finally {
        getRandomValues.mockRestore()
      }
    }
    const [fromBoundary, fromZeros] = salts
    expect(
      fromBoundary,
      `when crypto.getRandomValues returns only the byte 248 the salt came out as ${JSON.stringify(fromBoundary)}, ` +
        'the same as from bytes that are all 0: 248 % 62 is 0, so keeping 248 makes "A" come up 5 times in 256 ' +
        'instead of 4. Keep only bytes below 248 (byte < 248, not byte <= 248) and draw again',
    ).not.toBe(fromZeros)
  })

  it('never returns a hash it cannot verify: a count that is not a whole number is refused, or rounded and stored as used', async () => {
    for (const iterations of [1000.5, Number.NaN]) {
      const outcome = await outcomeOf(() => new PasswordManager({ iterations }).hashPassword('Tr0ub4dor&3'))
      if (outcome.status === 'threw') continue
      const encoded = String(outcome.value)
      const { iterations: stored, salt, hash } = partsOf(encoded)
      const verifiable =
        /^[1-9][0-9]*$/.test(stored) && hash === (await pbkdf2Base64('Tr0ub4dor&3', salt, Number(stored)))
      expect(
        verifiable,
        `new PasswordManager({ iterations: ${iterations} }).hashPassword(...) resolved with ${JSON.stringify(encoded)}, ` +
          'which no verifier can accept: throw a RangeError for a count that is not a whole number from 1 up (in ' +
          'the constructor or in hashPassword), or round it and store the whole count you derived with',
      ).toBe(true)
    }
  })

  it("derives the hash with Web Crypto's PBKDF2 (crypto.subtle), not a hand-written loop", async () => {
    const importKey = vi.spyOn(crypto.subtle, 'importKey')
    try {
      await fast().hashPassword('Tr0ub4dor&3')
      const algorithms = importKey.mock.calls.map((call) => algorithmName(call[2]))
      expect(
        algorithms,
        'hashPassword must import the password with crypto.subtle.importKey("raw", bytes, "PBKDF2", false, ["deriveBits"])',
      ).toContain('PBKDF2')
    } finally {
      importKey.mockRestore()
    }
  })
})

describe('verifyPassword', () => {
  it('accepts the RFC 7914 PBKDF2-HMAC-SHA256 vector P="passwd", S="salt", c=1 and rejects "Passwd"', async () => {
    const manager = new PasswordManager()
    await expect(
      manager.verifyPassword('passwd', RFC_C1),
      `verifyPassword('passwd', '${RFC_C1}') must be true: PBKDF2 with SHA-256, the password's and the salt's UTF-8 bytes, 1 iteration as stored, 32 bytes, compared with the base64-decoded hash`,
    ).resolves.toBe(true)
    await expect(
      manager.verifyPassword('Passwd', RFC_C1),
      'a different password must not verify',
    ).resolves.toBe(false)
  })

  it('accepts the RFC 7914 vector P="Password", S="NaCl", c=80000 and rejects "password"', async () => {
    const manager = new PasswordManager()
    await expect(
      manager.verifyPassword('Password', RFC_C80000),
      `verifyPassword('Password', '${RFC_C80000}') must be true: use the 80000 iterations stored in the string`,
    ).resolves.toBe(true)
    await expect(
      manager.verifyPassword('password', RFC_C80000),
      'passwords are case-sensitive',
    ).resolves.toBe(false)
  })

  it("accepts Django's own hash of 'letmein' (salt 'seasalt', 10000 iterations)", async () => {
    await expect(
      fast().verifyPassword('letmein', DJANGO_LETMEIN),
      `a hash made by Django must verify: verifyPassword('letmein', '${DJANGO_LETMEIN}')`,
    ).resolves.toBe(true)
    await expect(
      fast().verifyPassword('letmeinz', DJANGO_LETMEIN),
      "'letmeinz' is not 'letmein' and must not verify against Django's hash",
    ).resolves.toBe(false)
  })

  it(`accepts Django's hash of 'lètmein', hashed as the UTF-8 bytes of the password exactly as typed`, async () => {
    await expect(
      fast().verifyPassword(`l${PRECOMPOSED_E_GRAVE}tmein`, DJANGO_LETMEIN_ACCENT),
      'encode the password with new TextEncoder().encode(password): "è" is the two bytes c3 a8 in UTF-8',
    ).resolves.toBe(true)
  })

  it('does not normalise Unicode: precomposed "è" (U+00E8) and "e" + U+0300 are different passwords', async () => {
    await expect(
      fast().verifyPassword(`l${DECOMPOSED_E_GRAVE}tmein`, DJANGO_LETMEIN_ACCENT),
      "the decomposed spelling has other UTF-8 bytes, so it must not match Django's hash: do not call .normalize()",
    ).resolves.toBe(false)
    const manager = fast()
    const precomposed = await manager.hashPassword(`caf${PRECOMPOSED_E_GRAVE}-Caf${PRECOMPOSED_E_GRAVE}-1`)
    const decomposed = await manager.hashPassword(`caf${DECOMPOSED_E_GRAVE}-Caf${DECOMPOSED_E_GRAVE}-1`)
    await expect(
      manager.verifyPassword(`caf${DECOMPOSED_E_GRAVE}-Caf${DECOMPOSED_E_GRAVE}-1`, precomposed),
      'a password hashed with precomposed "é" must not verify with decomposed "é"',
    ).resolves.toBe(false)
    await expect(
      manager.verifyPassword(`caf${PRECOMPOSED_E_GRAVE}-Caf${PRECOMPOSED_E_GRAVE}-1`, decomposed),
      'a password hashed with decomposed "é" must not verify with precomposed "é"',
    ).resolves.toBe(false)
  })

  it('accepts the password it hashed and rejects a wrong one', async () => {
    const manager = fast()
    const encoded = await manager.hashPassword('Tr0ub4dor&3')
    await expect(
      manager.verifyPassword('Tr0ub4dor&3', encoded),
      'the right password must verify',
    ).resolves.toBe(true)
    await expect(
      manager.verifyPassword('Tr0ub4dor&4', encoded),
      'a wrong password must not verify',
    ).resolves.toBe(false)
  })

  it('treats every character as significant: case, spaces and length all matter', async () => {
    const manager = fast()
    const encoded = await manager.hashPassword(' Padded Secret 9! ')
    for (const wrong of [
      'Padded Secret 9!',
      ' padded secret 9! ',
      ' Padded Secret 9!',
      ' Padded Secret 9! x',
      '',
    ]) {
      await expect(
        manager.verifyPassword(wrong, encoded),
        `${JSON.stringify(wrong)} must not verify against a hash of " Padded Secret 9! ": do not trim or lower-case`,
      ).resolves.toBe(false)
    }
    await expect(
      manager.verifyPassword(' Padded Secret 9! ', encoded),
      'the password exactly as hashed, spaces included, must verify',
    ).resolves.toBe(true)
  })

  it('round-trips Unicode passwords (accents, Cyrillic, CJK, emoji)', async () => {
    const manager = fast()
    for (const password of ['pässwörd-Ä1', 'Пароль-2024', '密码-Mima-7', '🔑🦄-Key-42']) {
      const encoded = await manager.hashPassword(password)
      await expect(
        manager.verifyPassword(password, encoded),
        `${password} must verify against its own hash`,
      ).resolves.toBe(true)
    }
  })

  it('uses the iteration count stored in the hash, not its own setting', async () => {
    const encoded = await new PasswordManager({ iterations: 1000 }).hashPassword('Tr0ub4dor&3')
    await expect(
      new PasswordManager({ iterations: 5000 }).verifyPassword('Tr0ub4dor&3', encoded),
      'a hash made with 1000 iterations must verify with a manager configured for 5000: read the count from the string',
    ).resolves.toBe(true)
  })

  const right32 = bytesFromBase64(DJANGO_LETMEIN_HASH)
  const withHash = (hash: string) => `pbkdf2_sha256$10000$seasalt$${hash}`
  const withIterations = (iterations: string) => `pbkdf2_sha256$${iterations}$seasalt$${DJANGO_LETMEIN_HASH}`
  const withSalt = (salt: string) => `pbkdf2_sha256$10000$${salt}$${DJANGO_LETMEIN_HASH}`
  /** Django's hash of 'letmein' with one bit of byte `index` (0-31) flipped, re-encoded as valid base64. */
  const withByteChanged = (index: number) =>
    withHash(base64(right32.map((byte, i) => (i === index ? byte ^ 0x01 : byte))))

  // Every part of a valid stored string, changed a little: the right password must no longer verify.
  const tampered: [label: string, encoded: string][] = [
    ['the first byte of the hash changed', withByteChanged(0)],
    ['byte 16 of the hash changed (the last of the first half)', withByteChanged(15)],
    ['byte 17 of the hash changed (the first of the second half)', withByteChanged(16)],
    ['only the last byte of the hash changed', withByteChanged(31)],
    ['the first character of the salt changed', withSalt('teasalt')],
    ['the last character of the salt changed', withSalt('seasalu')],
    ['the salt in upper case', withSalt('SEASALT')],
    ['the iteration count changed (10000 to 10001)', withIterations('10001')],
  ]

  it.each(tampered)('rejects the right password against a stored hash with %s', async (label, encoded) => {
    const outcome = await outcomeOf(() => fast().verifyPassword('letmein', encoded))
    expect(
      outcome,
      `verifyPassword('letmein', '${encoded}') must resolve to false: that is Django's hash of 'letmein' with ${label}. ` +
        'Derive with the stored salt and count, and compare all 32 bytes of the result with all 32 stored bytes',
    ).toEqual({ status: 'resolved', value: false })
  })

  const malformed: [label: string, encoded: unknown][] = [
    ['another algorithm name (pbkdf2_sha1)', DJANGO_LETMEIN.replace('pbkdf2_sha256', 'pbkdf2_sha1')],
    ['an upper-case algorithm name', DJANGO_LETMEIN.replace('pbkdf2_sha256', 'PBKDF2_SHA256')],
    ['an empty algorithm name', DJANGO_LETMEIN.replace('pbkdf2_sha256', '')],
    ['an empty string', ''],
    ['the plain password stored instead of a hash', 'letmein'],
    ['only the algorithm name', 'pbkdf2_sha256'],
    ['three parts (no salt)', `pbkdf2_sha256$10000$${DJANGO_LETMEIN_HASH}`],
    ['five parts (an extra "$..." at the end)', `${DJANGO_LETMEIN}$extra`],
    ['four empty parts', '$$$'],
    ['an empty iteration count', withIterations('')],
    ['a non-numeric iteration count', withIterations('many')],
    ['an iteration count of 0', withIterations('0')],
    ['a negative iteration count', withIterations('-10000')],
    ['digits followed by letters ("10000abc", which parseInt reads as 10000)', withIterations('10000abc')],
    ['a fractional iteration count ("10000.5")', withIterations('10000.5')],
    ['an iteration count in exponent notation ("1e4")', withIterations('1e4')],
    ['an absurd iteration count (2^32, more than Web Crypto accepts)', withIterations('4294967296')],
    ['an absurd iteration count (20 digits)', withIterations('99999999999999999999')],
    ['an empty salt', `pbkdf2_sha256$10000$$${DJANGO_LETMEIN_HASH}`],
    ['an empty hash', withHash('')],
    ['a hash cut to its first 16 bytes', withHash(base64(right32.slice(0, 16)))],
    [
      'a 64-byte hash (the right 32 bytes and 32 more)',
      withHash(base64(new Uint8Array([...right32, ...new Uint8Array(32)]))),
    ],
    ['a hash that is not base64 ("!" instead of "=")', withHash(DJANGO_LETMEIN_HASH.replace('=', '!'))],
    [
      'a hash in base64url ("-" and "_") instead of standard base64',
      withHash(DJANGO_LETMEIN_HASH.replace('+', '-').replace('/', '_')),
    ],
    ['a hash without its "=" padding', withHash(DJANGO_LETMEIN_HASH.replace('=', ''))],
    ['a hash with a character after its "="', withHash(`${DJANGO_LETMEIN_HASH}A`)],
    ['a hash with an extra character before it', withHash(`A${DJANGO_LETMEIN_HASH}`)],
    [
      'the hash in hex instead of base64',
      withHash([...right32].map((byte) => byte.toString(16).padStart(2, '0')).join('')),
    ],
    ['null instead of a string', null],
    ['undefined instead of a string', undefined],
    ['a number instead of a string', 12345],
    ['an array of the four parts instead of a string', DJANGO_LETMEIN.split('$')],
  ]

  it.each(malformed)(
    'resolves to false, without throwing, for a stored hash with %s',
    async (label, encoded) => {
      const outcome = await outcomeOf(() => fast().verifyPassword('letmein', encoded as string))
      expect(
        outcome,
        `verifyPassword('letmein', <${label}>) must resolve to false: check every part before using it and catch errors from atob and Web Crypto`,
      ).toEqual({ status: 'resolved', value: false })
    },
  )

  it('resolves to false, without throwing, when the password is not a string', async () => {
    for (const password of [undefined, null, 12345]) {
      const outcome = await outcomeOf(() =>
        fast().verifyPassword(password as unknown as string, DJANGO_LETMEIN),
      )
      expect(outcome, `verifyPassword(${String(password)}, <a valid hash>) must resolve to false`).toEqual({
        status: 'resolved',
        value: false,
      })
      // TextEncoder would turn undefined into the text "undefined": a missing password must never match that
      const ofItsText = await fast().hashPassword(String(password))
      expect(
        await outcomeOf(() => fast().verifyPassword(password as unknown as string, ofItsText)),
        `verifyPassword(${String(password)}, <the hash of the text "${String(password)}">) must resolve to false: check that the password is a string`,
      ).toEqual({ status: 'resolved', value: false })
    }
  })

  it('resolves to false for an empty salt, even when the hash matches PBKDF2 with an empty salt', async () => {
    const encoded = `pbkdf2_sha256$1000$$${await pbkdf2Base64('letmein', '', 1000)}`
    expect(
      await outcomeOf(() => fast().verifyPassword('letmein', encoded)),
      `verifyPassword('letmein', '${encoded}') must resolve to false: a hash without a salt is malformed`,
    ).toEqual({ status: 'resolved', value: false })
  })

  it('resolves to false, without throwing, when given a Promise instead of the stored string', async () => {
    // what a caller passes when it forgets to await hashPassword(...)
    const pending = Promise.resolve(DJANGO_LETMEIN_ACCENT)
    expect(
      await outcomeOf(() => fast().verifyPassword('letmein', pending as unknown as string)),
      'verifyPassword(password, <a Promise>) must resolve to false, not throw: check typeof encoded === "string" ' +
        'before calling .split on it. (A Promise here means a hashPassword(...) call that was not awaited.)',
    ).toEqual({ status: 'resolved', value: false })
  })

  it('resolves to false, without throwing, when Web Crypto fails to derive', async () => {
    // both ways to run PBKDF2 fail: deriveBits, or deriveKey followed by exportKey
    const failure = () => Promise.reject(new DOMException('derivation failed', 'OperationError'))
    const deriveBits = vi.spyOn(crypto.subtle, 'deriveBits').mockImplementation(failure)
    const deriveKey = vi.spyOn(crypto.subtle, 'deriveKey').mockImplementation(failure)
    try {
      expect(
        await outcomeOf(() => fast().verifyPassword('letmein', DJANGO_LETMEIN)),
        'Web Crypto rejected the PBKDF2 derivation: catch it and resolve to false, never reject',
      ).toEqual({ status: 'resolved', value: false })
    } finally {
      deriveBits.mockRestore()
      deriveKey.mockRestore()
    }
  })

  /**
   * Runs verifyPassword with stand-ins for both PBKDF2 paths (a real derivation with millions of iterations would
   * keep Web Crypto busy for seconds after the test) and returns its outcome and the counts it derived with.
   */
  async function countsDerivedFor(encoded: string) {
    const deriveBits = vi
      .spyOn(crypto.subtle, 'deriveBits')
      .mockImplementation(async () => new ArrayBuffer(32))
    const deriveKey = vi
      .spyOn(crypto.subtle, 'deriveKey')
      .mockImplementation(() => Promise.reject(new DOMException('stand-in', 'OperationError')))
    try {
      const outcome = await outcomeOf(() => fast().verifyPassword('letmein', encoded))
      const counts = [...deriveBits.mock.calls, ...deriveKey.mock.calls].map(
        ([params]) => (params as Pbkdf2Params).iterations,
      )
      return { outcome, counts }
    } finally {
      deriveBits.mockRestore()
      deriveKey.mockRestore()
    }
  }

  it('refuses an absurd iteration count (100,000,000) before deriving anything', async () => {
    const { outcome, counts } = await countsDerivedFor(withIterations('100000000'))
    expect(
      counts,
      'verifyPassword derived with the 100,000,000 iterations the stored hash claims: refuse counts far above 600,000 before deriving, so a tampered row cannot keep a CPU busy',
    ).not.toContain(100_000_000)
    expect(outcome, 'a hash with an absurd iteration count is malformed: resolve to false').toEqual({
      status: 'resolved',
      value: false,
    })
  })

  it("still derives with a stored count of 6,000,000 (10 × today's 600,000): Django 6.0 already stores 1,200,000", async () => {
    const { counts } = await countsDerivedFor(withIterations('6000000'))
    expect(
      counts,
      "verifyPassword refused a stored count of 6,000,000: set the ceiling at 10 times today's 600,000 or more " +
        '(Django 5.2 stores 1,000,000 and Django 6.0 1,200,000; the reference allows up to 10,000,000), or the ' +
        'users of the next upgrade can no longer log in',
    ).toContain(6_000_000)
  })
})

describe('validatePassword', () => {
  const manager = () => new PasswordManager({ iterations: FAST })
  const wording = (rule: keyof typeof RULE_WORDS) => `any of ${RULE_WORDS[rule].words} will do`

  it('accepts a password that follows every rule, with no errors', () => {
    expect(manager().validatePassword('Tr0ub4dor&3'), '"Tr0ub4dor&3" follows every rule').toEqual({
      valid: true,
      errors: [],
    })
  })

  it('reports a password shorter than 8 characters', () => {
    expect(
      manager().validatePassword('Ab1!xyz'),
      `"Ab1!xyz" has 7 characters: exactly one error, which names the minimum length (${wording('length')})`,
    ).toEqual({ valid: false, errors: [says('length')] })
  })

  it('counts characters as Unicode code points, so "Aa1!🔑🔑🔑" (7 code points, 10 UTF-16 units) is too short', () => {
    expect(
      manager().validatePassword('Aa1!🔑🔑🔑'),
      'string.length counts UTF-16 code units and says 10; count code points instead ([...password].length)',
    ).toEqual({ valid: false, errors: [says('length')] })
    expect(manager().validatePassword('Aa1!🔑🔑🔑🔑'), '"Aa1!🔑🔑🔑🔑" has 8 code points').toEqual({
      valid: true,
      errors: [],
    })
  })

  it('reports a password without a digit', () => {
    expect(
      manager().validatePassword('Password!'),
      `exactly one error, which asks for a digit (${wording('digit')})`,
    ).toEqual({ valid: false, errors: [says('digit')] })
  })

  it('reports a password without a lowercase letter', () => {
    expect(
      manager().validatePassword('PASSWORD1!'),
      `exactly one error, which asks for a lowercase letter (${wording('lower')})`,
    ).toEqual({ valid: false, errors: [says('lower')] })
  })

  it('reports a password without an uppercase letter', () => {
    expect(
      manager().validatePassword('password1!'),
      `exactly one error, which asks for an uppercase letter (${wording('upper')})`,
    ).toEqual({ valid: false, errors: [says('upper')] })
  })

  it('reports a password without a special character', () => {
    expect(
      manager().validatePassword('Password1'),
      'exactly one error, which asks for a special character: anything that is not a letter, digit or space ' +
        `(${wording('special')})`,
    ).toEqual({ valid: false, errors: [says('special')] })
  })

  it('reports every broken rule at once, one error each', () => {
    expect(
      manager().validatePassword(''),
      'the empty password breaks all five rules: one error each for length, digit, lowercase, uppercase, special',
    ).toEqual({
      valid: false,
      errors: expect.arrayContaining([
        says('length'),
        says('digit'),
        says('lower'),
        says('upper'),
        says('special'),
      ]),
    })
    expect(manager().validatePassword('').errors, 'one error per broken rule, no duplicates').toHaveLength(5)
    const check = manager().validatePassword('abc')
    expect(check.valid, '"abc" breaks four rules, so valid must be false').toBe(false)
    expect(
      check.errors,
      '"abc" is too short and lacks a digit, an uppercase letter and a special character',
    ).toEqual(expect.arrayContaining([says('length'), says('digit'), says('upper'), says('special')]))
    expect(check.errors, '"abc" has a lowercase letter, so exactly four errors').toHaveLength(4)
  })

  it('accepts a 64-character passphrase (NIST SP 800-63B: allow at least 64 characters)', () => {
    // 64 characters
    const passphrase = 'Correct horse battery staple, 4 words & then some more words: ok'
    expect(manager().validatePassword(passphrase), 'do not cap passwords below 64 characters').toEqual({
      valid: true,
      errors: [],
    })
  })
})
