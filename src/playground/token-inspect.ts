/**
 * Reads a JWT for display without trusting it: segments are decoded as strict base64url and UTF-8, parsed
 * with JSON.parse only, and checked in the order SimpleJWT.decode checks them, against the playground secret.
 */

/** Why a token is rejected, with the codes of `JwtError` in the simple-jwt exercise. */
export type TokenRejection = 'malformed' | 'unsupported_alg' | 'bad_signature' | 'expired' | 'not_yet_valid'

/** One decoded segment: pretty JSON when it is a JSON object, else why not (and the raw text if readable). */
export interface DecodedSegment {
  /** What to show: pretty JSON, or the decoded text, or the segment as given. */
  readonly text: string
  /** The object, when the segment is a JSON object. */
  readonly value?: Readonly<Record<string, unknown>>
  /** Why the segment is not a JSON object. */
  readonly problem?: string
}

/** One check a verifier makes, in order; `skipped` when an earlier check already failed. */
export interface TokenCheck {
  readonly label: string
  readonly state: 'pass' | 'fail' | 'skipped'
  readonly detail?: string
}

/** Everything the inspector shows about one token. */
export interface TokenInspection {
  readonly header?: DecodedSegment
  readonly payload?: DecodedSegment
  /** Length of the decoded signature in bytes (32 for HS256), when it is base64url. */
  readonly signatureBytes?: number
  readonly checks: readonly TokenCheck[]
  /** Claims in seconds since the epoch, when they are numbers. */
  readonly issuedAt?: number
  readonly expiresAt?: number
  readonly notBefore?: number
  readonly verdict:
    | { readonly ok: true }
    | { readonly ok: false; readonly code: TokenRejection; readonly reason: string }
}

const base64url = /^[A-Za-z0-9_-]*$/
const strictUtf8 = new TextDecoder('utf-8', { fatal: true })

function toBase64url(bytes: Uint8Array): string {
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/** Strict base64url (no padding, canonical last character); undefined when the segment is not. */
export function fromBase64url(segment: string): Uint8Array<ArrayBuffer> | undefined {
  if (!base64url.test(segment) || segment.length % 4 === 1) return undefined
  const binary = atob(segment.replace(/-/g, '+').replace(/_/g, '/'))
  const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0))
  return toBase64url(bytes) === segment ? bytes : undefined
}

function decodeSegment(segment: string, part: string): DecodedSegment {
  const bytes = fromBase64url(segment)
  if (!bytes)
    return { text: segment, problem: `the ${part} is not canonical base64url (A-Z a-z 0-9 - _, no padding)` }
  let decoded: string
  try {
    decoded = strictUtf8.decode(bytes)
  } catch {
    return { text: segment, problem: `the ${part} is not UTF-8 text` }
  }
  let value: unknown
  try {
    value = JSON.parse(decoded)
  } catch {
    return { text: decoded, problem: `the ${part} is not JSON` }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { text: decoded, problem: `the ${part} must be a JSON object` }
  }
  return { text: JSON.stringify(value, null, 2), value: value as Record<string, unknown> }
}

const isSeconds = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value)

async function verifies(secret: Uint8Array<ArrayBuffer>, signed: string, signature: Uint8Array<ArrayBuffer>) {
  const key = await crypto.subtle.importKey('raw', secret, { name: 'HMAC', hash: 'SHA-256' }, false, [
    'verify',
  ])
  return crypto.subtle.verify('HMAC', key, signature, new TextEncoder().encode(signed))
}

/**
 * Decodes and checks `token` as the playground's SimpleJWT would at `nowSeconds`: structure, header, `alg`,
 * signature (constant time, Web Crypto), then `exp` and `nbf`. Garbage gives a `malformed` verdict, never a throw.
 */
export async function inspectToken(
  token: string,
  secret: Uint8Array<ArrayBuffer>,
  nowSeconds: number,
): Promise<TokenInspection> {
  const checks: TokenCheck[] = []
  let rejection: { code: TokenRejection; reason: string } | undefined
  const check = (label: string, failure: { code: TokenRejection; reason: string } | undefined) => {
    if (rejection) checks.push({ label, state: 'skipped' })
    else if (!failure) checks.push({ label, state: 'pass' })
    else {
      checks.push({ label, state: 'fail', detail: failure.reason })
      rejection = failure
    }
  }
  const malformed = (reason: string) => (reason ? { code: 'malformed' as const, reason } : undefined)

  const segments = token.trim().split('.')
  const [headerText = '', payloadText = '', signatureText = ''] = segments
  const three = segments.length === 3
  const header = three ? decodeSegment(headerText, 'header') : undefined
  const payload = three ? decodeSegment(payloadText, 'payload') : undefined
  const signature = three ? fromBase64url(signatureText) : undefined
  check(
    'Three segments; the header is a JSON object',
    malformed(
      three ? (header?.problem ?? '') : `a JWT has 3 dot-separated segments, this one has ${segments.length}`,
    ),
  )

  const alg = header?.value?.alg
  check(
    'Algorithm is HS256',
    alg === 'HS256'
      ? undefined
      : {
          code: 'unsupported_alg',
          reason: `"alg" is ${JSON.stringify(alg) ?? 'missing'}; only "HS256" is accepted`,
        },
  )
  check(
    'No critical extensions (crit)',
    malformed(
      header?.value?.crit === undefined
        ? ''
        : 'the header lists critical extensions ("crit"); none are supported',
    ),
  )

  const valid =
    !rejection && signature !== undefined
      ? await verifies(new Uint8Array(secret), `${headerText}.${payloadText}`, signature)
      : false
  check(
    'Signature matches the playground secret',
    signature === undefined
      ? malformed('the signature is not canonical base64url')
      : valid
        ? undefined
        : {
            code: 'bad_signature',
            reason: 'the signature does not match: signed with another secret, or the token was altered',
          },
  )

  const claims = payload?.value ?? {}
  const { exp, nbf, iat } = claims
  check(
    'Payload is a JSON object; exp (and nbf, iat) are numbers of seconds',
    malformed(
      payload?.problem ??
        (!isSeconds(exp)
          ? '"exp" must be a number of seconds'
          : nbf !== undefined && !isSeconds(nbf)
            ? '"nbf" must be a number of seconds'
            : iat !== undefined && !isSeconds(iat)
              ? '"iat" must be a number of seconds'
              : ''),
    ),
  )
  check(
    'Not expired (exp is after now)',
    isSeconds(exp) && exp > nowSeconds
      ? undefined
      : { code: 'expired', reason: 'the token has expired (exp is not after now)' },
  )
  check(
    'Valid already (nbf is not after now)',
    !isSeconds(nbf) || nbf <= nowSeconds
      ? undefined
      : { code: 'not_yet_valid', reason: 'the token is not valid yet (nbf is after now)' },
  )

  return {
    ...(header ? { header } : {}),
    ...(payload ? { payload } : {}),
    ...(signature ? { signatureBytes: signature.byteLength } : {}),
    checks,
    ...(isSeconds(iat) ? { issuedAt: iat } : {}),
    ...(isSeconds(exp) ? { expiresAt: exp } : {}),
    ...(isSeconds(nbf) ? { notBefore: nbf } : {}),
    verdict: rejection ? { ok: false, ...rejection } : { ok: true },
  }
}

/** "in 59 min 58 s" or "2 min 3 s ago", for the live countdown to `exp`. */
export function describeCountdown(targetSeconds: number, nowSeconds: number): string {
  const delta = Math.round(targetSeconds - nowSeconds)
  const size = Math.abs(delta)
  const days = Math.floor(size / 86_400)
  const hours = Math.floor((size % 86_400) / 3600)
  const minutes = Math.floor((size % 3600) / 60)
  const seconds = size % 60
  const parts = days
    ? [`${days} d`, `${hours} h`]
    : hours
      ? [`${hours} h`, `${minutes} min`]
      : minutes
        ? [`${minutes} min`, `${seconds} s`]
        : [`${seconds} s`]
  return delta > 0 ? `in ${parts.join(' ')}` : delta === 0 ? 'now' : `${parts.join(' ')} ago`
}
