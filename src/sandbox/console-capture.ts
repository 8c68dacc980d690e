import { format } from '@vitest/utils/display'
import type { ConsoleLevel, ConsoleLine } from './protocol'

/** How much console output one run may keep; past a cap, lines are only counted, never formatted. */
export interface ConsoleLimits {
  readonly linesPerTest: number
  /** Characters per test (and for output outside tests). */
  readonly charsPerTest: number
  /** Characters over the whole run. */
  readonly charsPerRun: number
}

/** 100 lines / 20 K characters per test, 1 M characters per run. */
export const defaultConsoleLimits: ConsoleLimits = {
  linesPerTest: 100,
  charsPerTest: 20_000,
  charsPerRun: 1_000_000,
}

/** Console output of a run, sorted into one bucket per test plus one for everything outside tests. */
export interface ConsoleCapture {
  /** Sends later output to `testId`'s bucket until `leave(testId)`. */
  enter(testId: string): void
  /** Stops collecting for `testId` and returns its lines (with a truncation note if any were dropped). */
  leave(testId: string): ConsoleLine[]
  /** Output outside any test so far. */
  outside(): ConsoleLine[]
  /** Puts the original console methods back. */
  restore(): void
}

interface Bucket {
  lines: ConsoleLine[]
  chars: number
  dropped: number
}

const methods: Readonly<Record<string, ConsoleLevel>> = {
  log: 'log',
  info: 'info',
  warn: 'warn',
  error: 'error',
  debug: 'debug',
  trace: 'debug',
  dir: 'log',
  table: 'log',
}

function safeFormat(args: unknown[]): string {
  try {
    return format(...args)
  } catch (error) {
    return `[console argument could not be printed: ${String((error as Error)?.message ?? error)}]`
  }
}

function linesOf(bucket: Bucket): ConsoleLine[] {
  if (!bucket.dropped) return bucket.lines
  const note = `[output truncated: ${bucket.dropped} more line${bucket.dropped === 1 ? '' : 's'}]`
  return [...bucket.lines, { level: 'info', text: note }]
}

/**
 * Replaces the console methods of `target` with recorders. The learner's output never reaches the real
 * console, so 10 MB of logging costs a counter increment per call once a cap is reached.
 */
export function captureConsole(
  target: Console,
  limits: ConsoleLimits = defaultConsoleLimits,
): ConsoleCapture {
  const outside: Bucket = { lines: [], chars: 0, dropped: 0 }
  const buckets = new Map<string, Bucket>()
  let current = outside
  let runChars = 0
  const originals = new Map<string, unknown>()

  const record = (level: ConsoleLevel, args: unknown[]) => {
    const bucket = current
    if (
      bucket.lines.length >= limits.linesPerTest ||
      bucket.chars >= limits.charsPerTest ||
      runChars >= limits.charsPerRun
    ) {
      bucket.dropped++
      return
    }
    const room = Math.min(limits.charsPerTest - bucket.chars, limits.charsPerRun - runChars)
    let text = safeFormat(args)
    if (text.length > room) text = `${text.slice(0, room)}… [line cut at ${room} characters]`
    bucket.lines.push({ level, text })
    bucket.chars += text.length
    runChars += text.length
  }

  const slots = target as unknown as Record<string, unknown>
  for (const [name, level] of Object.entries(methods)) {
    originals.set(name, slots[name])
    slots[name] = (...args: unknown[]) => record(level, args)
  }

  return {
    enter(testId) {
      const bucket = { lines: [], chars: 0, dropped: 0 }
      buckets.set(testId, bucket)
      current = bucket
    },
    leave(testId) {
      const bucket = buckets.get(testId)
      buckets.delete(testId)
      if (bucket === current) current = outside
      return bucket ? linesOf(bucket) : []
    },
    outside: () => linesOf(outside),
    restore() {
      for (const [name, original] of originals) slots[name] = original
    },
  }
}
