import { describe, expect, it } from 'vitest'
import { base32Decode, base32Encode, Totp, type TotpOptions } from './Totp'

// Every expected code below is a published test vector (RFC 4226 Appendix D, RFC 6238 Appendix B) or was
// computed outside the browser with node:crypto createHmac, never with Web Crypto or the solution.

const ascii = (text: string) => new TextEncoder().encode(text)
// RFC 6238 Appendix B (errata 2866): the ASCII digits repeated to 20, 32 and 64 bytes, one seed per hash
const SEED_SHA1 = ascii('12345678901234567890')
const SEED_SHA256 = ascii('12345678901234567890123456789012')
const SEED_SHA512 = ascii('1234567890123456789012345678901234567890123456789012345678901234')

/** RFC 6238 Appendix B: time in seconds, then the 8-digit codes for SHA-1, SHA-256 and SHA-512. */
const RFC_6238: [number, string, string, string][] = [
  [59, '94287082', '46119246', '90693936'],
  [1111111109, '07081804', '68084774', '25091201'],
  [1111111111, '14050471', '67062674', '99943326'],
  [1234567890, '89005924', '91819424', '93441116'],
  [2000000000, '69279037', '90698825', '38618901'],
  [20000000000, '65353130', '77737706', '47863826'],
]

/** RFC 4226 Appendix D: the 6-digit HOTP values for counts 0 to 9 with the 20-byte seed. */
const RFC_4226 = [
  '755224',
  '287082',
  '359152',
  '969429',
  '338314',
  '254676',
  '287922',
  '162583',
  '399871',
  '520489',
]

/** A clock stopped at `seconds`. */
const clock = (seconds: number) => () => seconds
/** A time inside step 5 with the default period: verify then checks steps 4, 5 and 6. */
const IN_STEP_5 = 5 * 30 + 7
const hotpCode = (count: number) => RFC_4226[count] ?? ''

function totpAt(seconds: number, options: TotpOptions = {}, secret: Uint8Array = SEED_SHA1): Totp {
  return new Totp(secret, { now: clock(seconds), ...options })
}

/** A lenient base32 reader for the URI tests: any case, padding or not. */
function readBase32(text: string): number[] {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
  const bits = [...text.replace(/=+$/, '').toUpperCase()]
    .map((char) => alphabet.indexOf(char).toString(2).padStart(5, '0'))
    .join('')
  return (bits.match(/[01]{8}/g) ?? []).map((byte) => Number.parseInt(byte, 2))
}

function parseUri(uri: unknown): URL {
  expect(typeof uri, 'uri(account, issuer) must return the URI as a string').toBe('string')
  expect(
    () => new URL(String(uri)),
    `"${String(uri)}" is not a URI: start it with otpauth://totp/`,
  ).not.toThrow()
  return new URL(String(uri))
}

describe('new Totp(secret, options)', () => {
  it('throws a RangeError for a 15-byte secret: RFC 4226 R6 asks for at least 128 bits', () => {
    expect(
      () => new Totp(new Uint8Array(15).fill(1)),
      'a secret of 15 bytes (120 bits) must make the constructor throw new RangeError(...)',
    ).toThrow(RangeError)
    expect(
      () => new Totp(new Uint8Array(15).fill(1)),
      'the RangeError has an empty message: say that the secret needs at least 16 bytes',
    ).toThrow(/\S/)
  })

  it('accepts a secret of exactly 16 bytes', () => {
    expect(
      () => new Totp(new Uint8Array(16).fill(1)),
      '16 bytes (128 bits) is the minimum and must be accepted',
    ).not.toThrow()
  })

  it.each([5, 9, 6.5])('throws a RangeError for digits: %s (a code has 6, 7 or 8 digits)', (digits) => {
    expect(
      () => new Totp(SEED_SHA1, { digits }),
      `digits: ${digits} must make the constructor throw new RangeError(...): only the integers 6, 7 and 8`,
    ).toThrow(RangeError)
    expect(
      () => new Totp(SEED_SHA1, { digits }),
      'the RangeError has an empty message: say which values digits may take',
    ).toThrow(/\S/)
  })

  it('accepts digits 6, 7 and 8', () => {
    for (const digits of [6, 7, 8]) {
      expect(() => new Totp(SEED_SHA1, { digits }), `digits: ${digits} must be accepted`).not.toThrow()
    }
  })
})

describe('generate: HOTP values (RFC 4226 Appendix D) at time 30 × count', () => {
  it.each(RFC_4226.map((code, count) => [count, code] as const))(
    'gives the count-%i value %s at time 30 × count (SHA-1, 6 digits, 30 s steps)',
    async (count, code) => {
      const totp = totpAt(1_700_000_000)
      expect(
        await totp.generate(30 * count),
        `RFC 4226 Appendix D: step ${count} = floor(${30 * count} / 30); HMAC-SHA-1 of the step as 8 big-endian ` +
          'bytes, dynamic truncation (offset = low 4 bits of the last byte, 4 bytes, top bit cleared), ' +
          'then the number modulo 10^6',
      ).toBe(code)
    },
  )
})

describe('generate: RFC 6238 Appendix B (8 digits)', () => {
  it.each(RFC_6238.map(([time, sha1]) => [time, sha1] as const))(
    'SHA-1 at %i s gives %s (20-byte seed)',
    async (time, code) => {
      expect(
        await totpAt(0, { digits: 8 }).generate(time),
        `RFC 6238 Appendix B, SHA-1: step floor(${time} / 30), code modulo 10^8`,
      ).toBe(code)
    },
  )

  it.each(RFC_6238.map(([time, , sha256]) => [time, sha256] as const))(
    'SHA-256 at %i s gives %s (32-byte seed)',
    async (time, code) => {
      const totp = totpAt(0, { digits: 8, algorithm: 'SHA-256' }, SEED_SHA256)
      expect(
        await totp.generate(time),
        "import the HMAC key with the algorithm option's hash, and take the truncation offset from the " +
          'last byte of the MAC (byte 31 for SHA-256), not from byte 19',
      ).toBe(code)
    },
  )

  it.each(RFC_6238.map(([time, , , sha512]) => [time, sha512] as const))(
    'SHA-512 at %i s gives %s (64-byte seed)',
    async (time, code) => {
      const totp = totpAt(0, { digits: 8, algorithm: 'SHA-512' }, SEED_SHA512)
      expect(
        await totp.generate(time),
        "import the HMAC key with the algorithm option's hash, and take the truncation offset from the " +
          'last byte of the MAC (byte 63 for SHA-512), not from byte 19',
      ).toBe(code)
    },
  )

  it('gives the last 7 digits with digits: 7 (SHA-1 at 1111111111 s: 4050471)', async () => {
    expect(
      await totpAt(0, { digits: 7 }).generate(1111111111),
      'the code is the truncated number modulo 10^digits: 10^7 for 7 digits',
    ).toBe('4050471')
  })
})

describe('generate: codes are strings with their leading zeros', () => {
  it('gives "081804" with 6 digits and "07081804" with 8 at 1111111109 s (SHA-1)', async () => {
    expect(
      await totpAt(0).generate(1111111109),
      'a code is text of exactly `digits` digits: pad the number on the left with zeros ' +
        '(String(n).padStart(digits, \'0\')); 81804 and "81804" are wrong',
    ).toBe('081804')
    expect(
      await totpAt(0, { digits: 8 }).generate(1111111109),
      'with 8 digits the same time gives "07081804": pad to 8',
    ).toBe('07081804')
  })

  it('gives "005924" with 6 digits at 1234567890 s (SHA-1): two leading zeros', async () => {
    expect(
      await totpAt(0).generate(1234567890),
      "89005924 modulo 10^6 is 5924, which is the code '005924': pad to 6 digits",
    ).toBe('005924')
  })
})

describe('generate: the clock and the time step', () => {
  it('uses the now option when called without a time, reading it at every call', async () => {
    let time = 59
    const totp = new Totp(SEED_SHA1, { digits: 8, now: () => time })
    expect(await totp.generate(), 'generate() must use now(): at 59 s the code is 94287082').toBe('94287082')
    time = 1111111111
    expect(
      await totp.generate(),
      'call now() at every generate(), not once in the constructor: at 1111111111 s the code is 14050471',
    ).toBe('14050471')
  })

  it('gives the code for time 0 when asked for time 0, not the code for now', async () => {
    expect(
      await totpAt(1_700_000_000).generate(0),
      'only a missing atSeconds means now: 0 is a time (use a default parameter or === undefined, not ||)',
    ).toBe(hotpCode(0))
  })

  it('reads the system clock in seconds by default (Date.now() / 1000), not milliseconds', async () => {
    // compared with the learner's own code at an explicit time, so only the default clock decides this test
    // (the algorithm itself is checked against fixed vectors above; a real clock cannot be one)
    const totp = new Totp(SEED_SHA1)
    for (let attempt = 0; attempt < 3; attempt++) {
      const before = Math.floor(Date.now() / 1000 / 30)
      const code = await totp.generate()
      // a step boundary passed during the call: the code may belong to either step, so try again
      if (Math.floor(Date.now() / 1000 / 30) !== before) continue
      expect(
        code,
        'without a now option, use the current time in seconds: Date.now() / 1000 (Date.now() is milliseconds)',
      ).toBe(await totp.generate(before * 30))
      return
    }
  })

  it('keeps one code for a whole step: times 60 and 89 give the step-2 code, 90 the step-3 code', async () => {
    const totp = totpAt(0)
    expect(await totp.generate(60), 'step = floor(60 / 30) = 2').toBe(hotpCode(2))
    expect(
      await totp.generate(89),
      'step = floor(89 / 30) = 2: round the step down with Math.floor, never to the nearest',
    ).toBe(hotpCode(2))
    expect(await totp.generate(90), 'step = floor(90 / 30) = 3').toBe(hotpCode(3))
  })

  it('uses the period option: with period 60, times 179 and 180 are steps 2 and 3', async () => {
    const totp = totpAt(0, { period: 60 })
    expect(await totp.generate(179), 'step = floor(179 / 60) = 2: divide by the period option').toBe(
      hotpCode(2),
    )
    expect(await totp.generate(180), 'step = floor(180 / 60) = 3').toBe(hotpCode(3))
  })
})

describe('generate: the counter is 8 bytes (RFC 6238 4.2, time beyond 32 bits)', () => {
  it('counts past 2^31 steps (period 1 at 2^31 s, January 2038): the counter is unsigned', async () => {
    expect(
      await totpAt(0, { period: 1 }).generate(2 ** 31),
      'step 2^31 is 00 00 00 00 80 00 00 00 in big-endian bytes; bitwise operators (>>, &, |) treat ' +
        'numbers as signed 32-bit and get it wrong: use DataView.setUint32 or arithmetic',
    ).toBe('197202')
  })

  it.each([
    [2 ** 32, '999456'],
    [2 ** 32 + 1, '108930'],
    [2 ** 40 + 12345, '856491'],
  ])('counts past 2^32 steps: period 1 at %i s gives %s', async (time, code) => {
    expect(
      await totpAt(0, { period: 1 }).generate(time),
      'the counter is 8 bytes: write the high 32 bits (Math.floor(step / 2 ** 32)) into bytes 0-3 ' +
        'and the low 32 bits into bytes 4-7',
    ).toBe(code)
  })
})

describe('verify: the code and its format', () => {
  it('accepts the current code and resolves with its step number', async () => {
    expect(
      await totpAt(IN_STEP_5).verify(hotpCode(5)),
      `at ${IN_STEP_5} s the step is floor(${IN_STEP_5} / 30) = 5: resolve with 5, the step the code matched`,
    ).toBe(5)
  })

  it('accepts an 8-digit code at 20000000000 s and resolves with step 666666666', async () => {
    expect(
      await totpAt(20000000000, { digits: 8 }).verify('65353130'),
      'RFC 6238 Appendix B: 65353130 is the SHA-1 code of step 666666666',
    ).toBe(666666666)
  })

  it('uses the period option: with period 60 at 307 s the step is 5', async () => {
    expect(
      await totpAt(5 * 60 + 7, { period: 60 }).verify(hotpCode(5)),
      'step = floor(now() / period) = floor(307 / 60) = 5',
    ).toBe(5)
  })

  it('resolves with null for a wrong code', async () => {
    expect(
      await totpAt(IN_STEP_5).verify('000000'),
      '000000 is the code of none of the steps 4, 5, 6: resolve with null',
    ).toBeNull()
  })

  it('accepts "081804" at 1111111109 s and refuses "81804", the same number without its leading zero', async () => {
    const totp = totpAt(1111111109)
    expect(
      await totp.verify('081804'),
      '"081804" is the code of step floor(1111111109 / 30) = 37037036',
    ).toBe(37037036)
    expect(
      await totp.verify('81804'),
      'compare codes as strings of exactly `digits` digits: "81804" is not "081804", even if the numbers are equal',
    ).toBeNull()
  })

  it.each([
    ['0254676', 'one digit too many'],
    ['25467', 'one digit short'],
    ['', 'empty'],
    [' 254676', 'a leading space'],
    ['254676 ', 'a trailing space'],
    ['+254676', 'a plus sign'],
    ['254676.0', 'a decimal point'],
    ['2546a6', 'a letter'],
  ])('resolves with null for "%s" (%s): a code is exactly 6 ASCII digits', async (code) => {
    expect(
      await totpAt(IN_STEP_5).verify(code),
      `"${code}" is not 6 digits: check the format (/^[0-9]{6}$/ for 6 digits) and compare text with text, ` +
        'never Number(code) or parseInt(code)',
    ).toBeNull()
  })

  it('resolves with null for a 6-digit code when the codes have 8 digits', async () => {
    expect(
      await totpAt(59, { digits: 8 }).verify('287082'),
      'with digits: 8 a code has 8 digits: "287082" (the last 6 of 94287082) is too short',
    ).toBeNull()
  })
})

describe('verify: the window of steps either side (RFC 6238 5.2)', () => {
  it('accepts the code of the previous step by default and resolves with that step', async () => {
    expect(
      await totpAt(IN_STEP_5).verify(hotpCode(4)),
      'the default window is 1: a code of step 4 is accepted at step 5 (a slow typist, a clock a little ' +
        'behind), and verify resolves with 4',
    ).toBe(4)
  })

  it('accepts the code of the next step by default and resolves with that step', async () => {
    expect(
      await totpAt(IN_STEP_5).verify(hotpCode(6)),
      'the window goes both ways: a code of step 6 (a phone clock a little ahead) is accepted at step 5',
    ).toBe(6)
  })

  it('refuses codes two steps away with the default window', async () => {
    const totp = totpAt(IN_STEP_5)
    expect(await totp.verify(hotpCode(3)), 'step 3 is 2 steps before step 5: outside window 1').toBeNull()
    expect(await totp.verify(hotpCode(7)), 'step 7 is 2 steps after step 5: outside window 1').toBeNull()
  })

  it('accepts only the current step with window: 0', async () => {
    const totp = totpAt(IN_STEP_5, { window: 0 })
    expect(await totp.verify(hotpCode(5)), 'window 0 still accepts the current step').toBe(5)
    expect(
      await totp.verify(hotpCode(4)),
      'with { window: 0 }, step 4 must be refused at step 5: use the window option',
    ).toBeNull()
    expect(await totp.verify(hotpCode(6)), 'with { window: 0 }, step 6 must be refused at step 5').toBeNull()
  })

  it('accepts two steps either side with window: 2, and no more', async () => {
    const totp = totpAt(IN_STEP_5, { window: 2 })
    expect(await totp.verify(hotpCode(3)), 'window 2 accepts step 3 at step 5').toBe(3)
    expect(await totp.verify(hotpCode(7)), 'window 2 accepts step 7 at step 5').toBe(7)
    expect(await totp.verify(hotpCode(2)), 'step 2 is 3 steps away: outside window 2').toBeNull()
    expect(await totp.verify(hotpCode(8)), 'step 8 is 3 steps away: outside window 2').toBeNull()
  })

  it('reads the clock at every call: a code that was current is refused two steps later', async () => {
    let time = IN_STEP_5
    const totp = new Totp(SEED_SHA1, { now: () => time })
    expect(await totp.verify(hotpCode(5)), 'at step 5 the step-5 code is accepted').toBe(5)
    time += 60
    expect(
      await totp.verify(hotpCode(5)),
      'call now() in every verify: at step 7 the step-5 code is outside the window',
    ).toBeNull()
  })
})

describe('verify: no replay (RFC 6238 5.2, lastStep)', () => {
  it('refuses a code of step lastStep: the same code a second time', async () => {
    const totp = totpAt(IN_STEP_5)
    const step = await totp.verify(hotpCode(5))
    expect(step, 'the first use of the step-5 code is accepted').toBe(5)
    expect(
      await totp.verify(hotpCode(5), { lastStep: 5 }),
      'RFC 6238 5.2: a code of a step <= lastStep was used already: refuse it (<=, not <)',
    ).toBeNull()
  })

  it('accepts a code of the step just after lastStep', async () => {
    expect(
      await totpAt(IN_STEP_5).verify(hotpCode(5), { lastStep: 4 }),
      'lastStep 4 refuses steps 4 and before; step 5 is new',
    ).toBe(5)
  })

  it('refuses an older step of the window once a later step was used', async () => {
    expect(
      await totpAt(IN_STEP_5).verify(hotpCode(4), { lastStep: 5 }),
      'after step 5 was used, the step-4 code (still inside the window) must be refused: 4 <= lastStep',
    ).toBeNull()
  })

  it('accepts the next step of the window after lastStep', async () => {
    expect(
      await totpAt(IN_STEP_5).verify(hotpCode(6), { lastStep: 5 }),
      'step 6 is after lastStep 5: accepted',
    ).toBe(6)
  })

  it('treats lastStep: 0 as a step: the step-0 code is refused after it was used', async () => {
    const totp = totpAt(37)
    expect(await totp.verify(hotpCode(0)), 'at 37 s (step 1) the step-0 code is in the window').toBe(0)
    expect(
      await totp.verify(hotpCode(0), { lastStep: 0 }),
      'lastStep 0 is a real step: check lastStep !== undefined, not its truthiness',
    ).toBeNull()
  })
})

describe('base32Encode (RFC 4648 section 10, without padding)', () => {
  it.each([
    ['', ''],
    ['f', 'MY'],
    ['fo', 'MZXQ'],
    ['foo', 'MZXW6'],
    ['foob', 'MZXW6YQ'],
    ['fooba', 'MZXW6YTB'],
    ['foobar', 'MZXW6YTBOI'],
  ])('encodes "%s" as "%s"', (text, encoded) => {
    expect(
      base32Encode(ascii(text)),
      'RFC 4648 section 10 vectors, with the "=" padding left off: 5 bits per character, alphabet A-Z 2-7, ' +
        'the last character padded on the right with zero bits',
    ).toBe(encoded)
  })

  it('encodes the RFC 6238 SHA-1 seed as GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', () => {
    expect(base32Encode(SEED_SHA1), 'this is the secret an authenticator app is given').toBe(
      'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
    )
  })

  it('encodes bytes above 127 as bytes', () => {
    expect(
      base32Encode(new Uint8Array([255, 255, 255, 255, 255, 0, 128, 127, 1, 254, 253])),
      'secrets are random bytes 0-255: work on the bytes, never on text made from them',
    ).toBe('77777777ACAH6AP67U')
  })
})

describe('base32Decode', () => {
  it.each([
    ['MY======', 'f'],
    ['MZXQ====', 'fo'],
    ['MZXW6===', 'foo'],
    ['MZXW6YQ=', 'foob'],
    ['MZXW6YTB', 'fooba'],
    ['MZXW6YTBOI======', 'foobar'],
  ])('decodes "%s" (RFC 4648 section 10, with padding) as "%s"', (encoded, text) => {
    const bytes = base32Decode(encoded)
    expect(bytes, 'base32Decode must return a Uint8Array').toBeInstanceOf(Uint8Array)
    expect(Array.from(bytes), 'ignore the "=" padding, read 5 bits per character, 8 bits per byte').toEqual(
      Array.from(ascii(text)),
    )
  })

  it.each([
    ['MY', 'f'],
    ['MZXQ', 'fo'],
    ['MZXW6', 'foo'],
    ['MZXW6YQ', 'foob'],
    ['MZXW6YTBOI', 'foobar'],
  ])('decodes "%s" (without padding) as "%s"', (encoded, text) => {
    expect(
      Array.from(base32Decode(encoded)),
      'padding is optional: bits left over after the last whole byte are dropped',
    ).toEqual(Array.from(ascii(text)))
  })

  it('decodes an empty string as no bytes', () => {
    expect(Array.from(base32Decode('')), 'no characters, no bytes').toEqual([])
  })

  it('accepts lower case: "mzxw6ytboi" is "foobar"', () => {
    expect(
      Array.from(base32Decode('mzxw6ytboi')),
      'people type secrets in lower case: treat a-z as A-Z',
    ).toEqual(Array.from(ascii('foobar')))
  })

  it('ignores spaces: "GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ" is the RFC 6238 seed', () => {
    expect(
      Array.from(base32Decode('GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ')),
      'apps show secrets in groups of 4: skip spaces',
    ).toEqual(Array.from(SEED_SHA1))
    expect(Array.from(base32Decode('mzxw 6ytb oi')), 'lower case with spaces is "foobar"').toEqual(
      Array.from(ascii('foobar')),
    )
  })

  it('decodes bytes above 127', () => {
    expect(
      Array.from(base32Decode('77777777ACAH6AP67U')),
      'return the bytes as numbers 0-255, never through text',
    ).toEqual([255, 255, 255, 255, 255, 0, 128, 127, 1, 254, 253])
  })

  it('gives back every byte value 0-255 that base32Encode encoded', () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, index) => index)
    expect(Array.from(base32Decode(base32Encode(bytes))), 'decode(encode(bytes)) must be the bytes').toEqual(
      Array.from(bytes),
    )
  })

  it.each([
    ['MZXW6YT1', '1'],
    ['MZXW6YT0', '0'],
    ['MZXW6YT8', '8'],
    ['MZXW6YT9', '9'],
    ['MZXW-6YTB', '-'],
    ['MZXW6YTB!', '!'],
    ['MZXW6YTÉ', 'É'],
  ])('throws for "%s": "%s" is not in the base32 alphabet', (text, char) => {
    expect(
      () => base32Decode('MZXW6YTB'),
      'decode valid base32 first ("MZXW6YTB" is "fooba"); then throw for characters outside the alphabet',
    ).not.toThrow()
    expect(
      () => base32Decode(text),
      `"${char}" is none of A-Z, a-z, 2-7, space or "=": throw an Error saying so, never skip it`,
    ).toThrow(/\S/)
  })
})

describe('uri(account, issuer): the Key Uri Format', () => {
  it('is otpauth://totp/ with the label Issuer:account', () => {
    const url = parseUri(totpAt(0).uri('ada@example.com', 'AuthLab'))
    expect(url.protocol, 'the scheme is otpauth:').toBe('otpauth:')
    expect(url.host, 'the type comes after otpauth:// : totp').toBe('totp')
    const label = decodeURIComponent(url.pathname.slice(1))
    const [issuer, account] = [label.slice(0, label.indexOf(':')), label.slice(label.indexOf(':') + 1)]
    expect(issuer, 'the label is the issuer, a colon, then the account: "AuthLab:ada@example.com"').toBe(
      'AuthLab',
    )
    expect(account.trimStart(), 'after the colon comes the account name').toBe('ada@example.com')
  })

  it('carries the secret in base32 as the secret parameter', () => {
    const url = parseUri(totpAt(0).uri('ada@example.com', 'AuthLab'))
    const secret = url.searchParams.get('secret')
    expect(secret, 'the query needs secret=<the secret in base32>').not.toBeNull()
    expect(secret, 'the secret is base32: A-Z and 2-7, no padding').toMatch(/^[A-Za-z2-7]+=*$/)
    expect(readBase32(secret ?? ''), 'the secret parameter must decode to the secret bytes').toEqual(
      Array.from(SEED_SHA1),
    )
  })

  it('carries the issuer parameter as well as the label prefix', () => {
    const url = parseUri(totpAt(0).uri('ada@example.com', 'AuthLab'))
    expect(
      url.searchParams.get('issuer'),
      'add issuer=<issuer> to the query: apps group and name accounts by it, and the label prefix alone is ' +
        'ambiguous when an account name holds a colon',
    ).toBe('AuthLab')
  })

  it('gives the defaults as algorithm SHA1, 6 digits and period 30, or leaves them out', () => {
    const url = parseUri(totpAt(0).uri('ada@example.com', 'AuthLab'))
    const parameters = url.searchParams
    expect(parameters.get('algorithm') ?? 'SHA1', 'algorithm is written SHA1, without a hyphen').toBe('SHA1')
    expect(parameters.get('digits') ?? '6', 'digits=6 for the default').toBe('6')
    expect(parameters.get('period') ?? '30', 'period=30 for the default').toBe('30')
  })

  it('names SHA256, 8 digits and period 60 when the Totp uses them', () => {
    const totp = totpAt(0, { algorithm: 'SHA-256', digits: 8, period: 60 }, SEED_SHA256)
    const parameters = parseUri(totp.uri('ada@example.com', 'AuthLab')).searchParams
    expect(
      parameters.get('algorithm'),
      'algorithm=SHA256: the Key Uri Format writes the hash without a hyphen',
    ).toBe('SHA256')
    expect(parameters.get('digits'), 'digits=8 must be in the URI, or the app makes 6-digit codes').toBe('8')
    expect(parameters.get('period'), 'period=60 must be in the URI, or the app changes code every 30 s').toBe(
      '60',
    )
    expect(readBase32(parameters.get('secret') ?? ''), 'the secret parameter is this Totp’s secret').toEqual(
      Array.from(SEED_SHA256),
    )
  })

  it('names SHA512 when the Totp uses SHA-512', () => {
    const totp = totpAt(0, { algorithm: 'SHA-512' }, SEED_SHA512)
    expect(
      parseUri(totp.uri('ada@example.com', 'AuthLab')).searchParams.get('algorithm'),
      'algorithm=SHA512 for SHA-512',
    ).toBe('SHA512')
  })

  it('percent-encodes the label and the issuer: "AuthLab & Co" and "ada smith@example.com"', () => {
    const uri = totpAt(0).uri('ada smith@example.com', 'AuthLab & Co')
    expect(uri, 'a URI has no raw spaces: percent-encode them as %20 (encodeURIComponent)').not.toMatch(/\s/)
    const url = parseUri(uri)
    expect(
      decodeURIComponent(url.pathname.slice(1)).replace(/: */, ':'),
      'encode the issuer and the account with encodeURIComponent, then join them with ":"',
    ).toBe('AuthLab & Co:ada smith@example.com')
    expect(
      url.searchParams.get('issuer'),
      'an unencoded "&" ends the parameter: issuer=AuthLab%20%26%20Co',
    ).toBe('AuthLab & Co')
    expect(url.searchParams.get('secret'), 'the secret parameter survives the encoding').not.toBeNull()
  })
})
