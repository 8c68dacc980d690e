// The token inspector: decoding that trusts nothing, SimpleJWT's checks in SimpleJWT's order against the
// playground secret, and the view's live countdown.
import { afterEach, describe, expect, test } from 'vitest'
import { SimpleJWT } from '../../solutions/simple-jwt/SimpleJWT'
import { describeCountdown, inspectToken } from '../../src/playground/token-inspect'
import { mountTokenInspector } from '../../src/ui/playground-token'

const secret = crypto.getRandomValues(new Uint8Array(32))
const now = 1_900_000_000
const jwt = new SimpleJWT(secret, { now: () => now })

const b64url = (text: string) =>
  btoa(String.fromCharCode(...new TextEncoder().encode(text)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '')

/** A token signed with `key` over any header and payload text, for cases SimpleJWT would never issue. */
async function signed(
  header: string,
  payload: string,
  key: Uint8Array<ArrayBuffer> = secret,
): Promise<string> {
  const input = `${b64url(header)}.${b64url(payload)}`
  const hmac = await crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', hmac, new TextEncoder().encode(input)))
  return `${input}.${btoa(String.fromCharCode(...mac))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '')}`
}

/** The token with one character of `segment` changed to another base64url character. */
function tamper(token: string, segment: number, at = 3): string {
  const parts = token.split('.')
  const text = parts[segment] ?? ''
  parts[segment] = `${text.slice(0, at)}${text[at] === 'A' ? 'B' : 'A'}${text.slice(at + 1)}`
  return parts.join('.')
}

describe('inspectToken', () => {
  test('a token from SimpleJWT: accepted, header and payload decoded, claims read', async () => {
    const token = await jwt.encode({ sub: '7', username: 'alice', role: 'reader' })
    const inspection = await inspectToken(token, secret, now + 10)
    expect(inspection.verdict).toEqual({ ok: true })
    expect(inspection.checks.map((check) => check.state)).toEqual(Array(7).fill('pass'))
    expect(inspection.header?.value).toEqual({ alg: 'HS256', typ: 'JWT' })
    expect(inspection.payload?.value).toMatchObject({
      sub: '7',
      username: 'alice',
      iat: now,
      exp: now + 3600,
    })
    expect(inspection).toMatchObject({ issuedAt: now, expiresAt: now + 3600, signatureBytes: 32 })
  })

  test.each([
    ['one character of the payload changed', 1],
    ['one character of the signature changed', 2],
  ])('%s: bad_signature, later checks skipped', async (_, segment) => {
    const token = tamper(await jwt.encode({ sub: '7' }), segment)
    const inspection = await inspectToken(token, secret, now)
    expect(inspection.verdict).toMatchObject({ ok: false, code: 'bad_signature' })
    expect(inspection.checks.map((check) => check.state)).toEqual([
      'pass',
      'pass',
      'pass',
      'fail',
      'skipped',
      'skipped',
      'skipped',
    ])
  })

  test('signed with another secret: bad_signature, yet still decoded for display', async () => {
    const other = new SimpleJWT(crypto.getRandomValues(new Uint8Array(32)), { now: () => now })
    const inspection = await inspectToken(await other.encode({ sub: '1' }), secret, now)
    expect(inspection.verdict).toMatchObject({ ok: false, code: 'bad_signature' })
    expect(inspection.payload?.value?.sub).toBe('1')
  })

  test('alg "none" and RS256 are unsupported_alg before any signature check', async () => {
    const none = `${b64url('{"alg":"none","typ":"JWT"}')}.${b64url(`{"exp":${now + 60}}`)}.`
    await expect(inspectToken(none, secret, now)).resolves.toMatchObject({
      verdict: { ok: false, code: 'unsupported_alg', reason: expect.stringContaining('"none"') },
    })
    const rs = await signed('{"alg":"RS256"}', `{"exp":${now + 60}}`)
    await expect(inspectToken(rs, secret, now)).resolves.toMatchObject({
      verdict: { ok: false, code: 'unsupported_alg' },
    })
  })

  test.each([
    ['', /3 dot-separated segments, this one has 1/],
    ['garbage', /this one has 1/],
    ['a.b', /this one has 2/],
    ['a.b.c.d', /this one has 4/],
    ['!!!.e30.AAAA', /header is not canonical base64url/],
    [`${b64url('[1,2]')}.e30.AAAA`, /header must be a JSON object/],
    [`${b64url('not json')}.e30.AAAA`, /header is not JSON/],
    ['_w.e30.AAAA', /header is not UTF-8/],
  ])('garbage %j is malformed, never a throw', async (token, reason) => {
    const inspection = await inspectToken(token, secret, now)
    expect(inspection.verdict).toMatchObject({
      ok: false,
      code: 'malformed',
      reason: expect.stringMatching(reason),
    })
  })

  test('a correctly signed payload without a numeric exp is malformed, after the signature passed', async () => {
    const token = await signed('{"alg":"HS256","typ":"JWT"}', '{"sub":"1","exp":"tomorrow"}')
    const inspection = await inspectToken(token, secret, now)
    expect(inspection.verdict).toMatchObject({
      ok: false,
      code: 'malformed',
      reason: '"exp" must be a number of seconds',
    })
    expect(inspection.checks[3]?.state).toBe('pass')
  })

  test('expired at exp, not valid before nbf', async () => {
    const token = await jwt.encode({ sub: '1' }, { expiresIn: 60 })
    await expect(inspectToken(token, secret, now + 59)).resolves.toMatchObject({ verdict: { ok: true } })
    await expect(inspectToken(token, secret, now + 60)).resolves.toMatchObject({
      verdict: { ok: false, code: 'expired' },
    })
    const early = await jwt.encode({ sub: '1', nbf: now + 30 })
    await expect(inspectToken(early, secret, now)).resolves.toMatchObject({
      verdict: { ok: false, code: 'not_yet_valid' },
      notBefore: now + 30,
    })
  })
})

test.each([
  [now + 3599, 'in 59 min 59 s'],
  [now + 7200, 'in 2 h 0 min'],
  [now + 45, 'in 45 s'],
  [now, 'now'],
  [now - 125, '2 min 5 s ago'],
  [now - 3 * 86_400, '3 d 0 h ago'],
])('describeCountdown(%d) is %j', (target, text) => {
  expect(describeCountdown(target, now)).toBe(text)
})

describe('the inspector view', () => {
  const roots: HTMLElement[] = []
  afterEach(() => {
    for (const root of roots.splice(0)) root.remove()
  })
  function mount(clock: { now: number }) {
    const root = document.createElement('section')
    document.body.append(root)
    roots.push(root)
    const view = mountTokenInspector(root, {
      secret: async () => secret,
      userById: (id) =>
        id === 7
          ? {
              id,
              username: 'alice',
              email: 'a@example.com',
              role: 'reader',
              isActive: true,
              createdAt: '',
              hashedPassword: 'x',
            }
          : undefined,
      now: () => clock.now,
    })
    return { root, view }
  }
  const settled = (root: HTMLElement) =>
    expect.poll(() => root.querySelector('.pg-verdict')?.textContent ?? '', { timeout: 3000 })

  test('renders hostile claims as text and names the user of sub', async () => {
    const { root, view } = mount({ now })
    const hostile = '<img src=x onerror=window.__pwned=1>'
    view.offerToken(await jwt.encode({ sub: '7', username: hostile }))
    await settled(root).toMatch(/Accepted/)
    expect(root.querySelector('img')).toBeNull()
    expect(root.textContent).toContain(hostile)
    expect(root.textContent).toContain('sub "7" is user alice')
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined()
  })

  test('says why a pasted token is rejected', async () => {
    const { root } = mount({ now })
    const input = root.querySelector('textarea') as HTMLTextAreaElement
    input.value = tamper(await jwt.encode({ sub: '1' }), 2)
    input.dispatchEvent(new Event('input'))
    await settled(root).toMatch(/Rejected \(bad_signature\)/)
    input.value = 'not a token'
    input.dispatchEvent(new Event('input'))
    await settled(root).toMatch(/Rejected \(malformed\)/)
  })

  test('counts down live and turns to expired when exp passes', async () => {
    const clock = { now }
    const { root, view } = mount(clock)
    view.offerToken(await jwt.encode({ sub: '1' }, { expiresIn: 2 }))
    await settled(root).toMatch(/Accepted/)
    const countdown = () => root.querySelectorAll('.pg-countdown')[1]?.textContent
    expect(countdown()).toBe('expires in 2 s')
    clock.now = now + 1
    await expect.poll(countdown, { timeout: 3000 }).toBe('expires in 1 s')
    clock.now = now + 3
    await settled(root).toMatch(/Rejected \(expired\)/)
    expect(countdown()).toBe('expired 1 s ago')
  })
})
