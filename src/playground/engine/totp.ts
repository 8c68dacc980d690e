import type { CallResult, TotpAction, TotpAnswer } from '../protocol'
import type { LoadedCode } from './load'
import { preview } from './printed-values'

/** The file the TOTP view calls. */
export const totpFile = 'Totp.ts'

/** The length of a step the view shows codes for: the contract's default period. */
export const totpPeriod = 30

interface TotpLike {
  generate(atSeconds?: number): unknown
  verify(code: string, options?: { lastStep?: number }): unknown
  uri(account: string, issuer: string): unknown
}

const nameOf = (value: unknown) =>
  value !== null && typeof value === 'object' && 'name' in value ? String(value.name) : ''

function thrownText(value: unknown): string {
  if (value instanceof Error || nameOf(value)) {
    return `${nameOf(value) || 'Error'}: ${String((value as { message?: unknown }).message ?? '')}`
  }
  return `threw ${preview(value)}`
}

/** One method's answer, awaited, printed; what it threw instead, as text. */
async function answer(call: () => unknown): Promise<TotpAnswer> {
  try {
    const value = await call()
    const type = value === null ? 'null' : typeof value
    return { ok: true, value: typeof value === 'string' ? value : preview(value), type }
  } catch (thrown) {
    return { ok: false, error: thrownText(thrown) }
  }
}

/**
 * Asks the learner's `new Totp(secret, { now })` for the codes of the step of `atSeconds` and the steps either
 * side, its `otpauth://` URI and, if a code was given, what `verify` makes of it. Each method is asked on its
 * own, so one that throws does not hide the others.
 */
export async function runTotp(action: TotpAction, code: LoadedCode): Promise<CallResult> {
  const Totp = code.namespaces.get(totpFile)?.Totp
  if (typeof Totp !== 'function') {
    return {
      status: 'unusable',
      problems: [
        { file: totpFile, message: `${totpFile} does not export Totp: the view calls new Totp(secret).` },
      ],
    }
  }
  let totp: TotpLike
  try {
    totp = new (Totp as new (...args: unknown[]) => TotpLike)(new Uint8Array(action.secret), {
      now: () => action.atSeconds,
    })
  } catch (thrown) {
    return {
      status: 'threw',
      error: { name: nameOf(thrown) || 'Error', message: thrownText(thrown) },
      context: 'new Totp(secret) threw',
    }
  }
  const moments = [action.atSeconds - totpPeriod, action.atSeconds, action.atSeconds + totpPeriod]
  const codes = []
  for (const at of moments) codes.push({ at, code: await answer(() => totp.generate(at)) })
  const uri = await answer(() => totp.uri(action.account, action.issuer))
  const typed = action.verify
  const verified = typed === undefined ? undefined : await answer(() => totp.verify(typed))
  return { status: 'totp', report: { codes, uri, ...(verified ? { verified } : {}) } }
}
