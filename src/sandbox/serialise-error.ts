import type { TestError } from '@vitest/utils'
import type { DiffOptions } from '@vitest/utils/diff'
import { format } from '@vitest/utils/display'
import { processError } from '@vitest/utils/error'
import type { ErrorInfo, ModuleError, ModuleErrorKind } from './protocol'
import { formatFrames, type ModuleLocator } from './stack'

const plain = (text: string) => text

/** Diff options with no-op colours; string diffs still colour through tinyrainbow, so text is stripped too. */
export const diffOptions: DiffOptions = {
  aColor: plain,
  bColor: plain,
  changeColor: plain,
  commonColor: plain,
  patchColor: plain,
  truncateThreshold: 200,
}

const ansi = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g')

/** Removes ANSI colour codes (tinyrainbow colours by default in a worker, where there is no `process`). */
export function stripAnsi(text: string): string {
  return text.replace(ansi, '')
}

const caps = { message: 10_000, diff: 20_000, value: 10_000 }

function clamp(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}… [${text.length - max} more characters]` : text
}

function text(value: unknown, max: number, locator: ModuleLocator): string | undefined {
  return typeof value === 'string' ? clamp(locator.scrub(stripAnsi(value)), max) : undefined
}

/** `value` pretty-printed as Vitest prints it, or a note when even that throws (a hostile getter, say). */
export function printValue(value: unknown): string {
  try {
    return format(value)
  } catch {
    return '[value that cannot be printed]'
  }
}

/**
 * Turns a runner error (already through `processError`) into strings only. A thrown non-Error arrives as
 * `{ message: String(value) }` or as a clone of the object's own properties; both are labelled as such.
 */
export function serialiseError(error: TestError, locator: ModuleLocator): ErrorInfo {
  const isErrorLike = typeof error.name === 'string' && typeof error.message === 'string'
  const name = isErrorLike ? stripAnsi(error.name as string) : 'Non-Error thrown'
  const rawMessage =
    typeof error.message === 'string' && (isErrorLike || Object.keys(error).length === 1)
      ? error.message
      : printValue({ ...error })
  const frames = locator.learnerFrames(typeof error.stack === 'string' ? error.stack : undefined)
  const stack = formatFrames(frames)
  const diff = text(error.diff, caps.diff, locator)
  const expected = text(error.expected, caps.value, locator)
  const actual = text(error.actual, caps.value, locator)
  return {
    name,
    message: text(rawMessage, caps.message, locator) ?? '',
    ...(stack ? { stack } : {}),
    ...(diff ? { diff } : {}),
    ...(expected !== undefined ? { expected } : {}),
    ...(actual !== undefined ? { actual } : {}),
  }
}

/** `processError` for a raw thrown value (unhandled rejections, import failures), never throwing. */
export function processThrown(value: unknown): TestError {
  try {
    return processError(value, diffOptions)
  } catch {
    return { message: printValue(value) }
  }
}

/**
 * A module-level error from a runner error: located at the innermost learner frame if there is one,
 * otherwise attributed to `fallbackFile` without a position (hidden files are never located).
 */
export function toModuleError(
  kind: ModuleErrorKind,
  error: TestError,
  locator: ModuleLocator,
  extra: { fallbackFile?: string; testName?: string; prefix?: string } = {},
): ModuleError {
  const info = serialiseError(error, locator)
  const [frame] = locator.learnerFrames(typeof error.stack === 'string' ? error.stack : undefined)
  const where = frame
    ? { file: frame.fileName, line: frame.line, column: frame.column }
    : extra.fallbackFile
      ? { file: extra.fallbackFile }
      : {}
  const label = info.name === 'Error' ? '' : `${info.name}: `
  return {
    kind,
    ...where,
    message: `${extra.prefix ?? ''}${label}${info.message}`,
    ...(extra.testName ? { testName: extra.testName } : {}),
  }
}
