// Making a passport from what is stored, and reading one back with a clear message for anything wrong.
import type { z } from 'zod'
import { type ProgressDump, toRunSummary } from '../storage'
import { PASSPORT_FORMAT, PASSPORT_VERSION, type Passport, passportSchema } from './passport-schema'

/** A passport file is refused past this size (a passport of the whole course is well under 1 MB). */
export const PASSPORT_MAX_BYTES = 20 * 1024 * 1024

/** A read passport, or why it cannot be used (a message for the learner). */
export type ReadPassport =
  | { ok: true; passport: Passport; dump: ProgressDump }
  | { ok: false; message: string }

/** The passport for `dump`, as pretty JSON text. */
export function writePassport(dump: ProgressDump, suites: Record<string, string>, now = Date.now()): string {
  const passport: Passport = {
    format: PASSPORT_FORMAT,
    version: PASSPORT_VERSION,
    exportedAt: now,
    suites,
    drafts: dump.drafts.map((draft) => ({ ...draft })),
    history: dump.history.map((snapshot) => ({ ...snapshot })),
    results: structuredClone(dump.results) as Passport['results'],
    hints: { ...dump.hints },
    settings: { ...dump.settings },
  }
  return `${JSON.stringify(passportSchema.parse(passport), null, 1)}\n`
}

/** `drafts[3].content` from a zod issue path. */
function where(path: readonly PropertyKey[]): string {
  return path
    .map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`))
    .join('')
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const at = where(issue.path) || 'the file'
  if (issue.code === 'unrecognized_keys') return `${at} has unknown field(s): ${issue.keys.join(', ')}`
  return `${at}: ${issue.message.replace(/^Invalid input: /, '')}`
}

/** Reads a passport file's text; never throws. */
export function readPassport(text: string): ReadPassport {
  if (text.length > PASSPORT_MAX_BYTES)
    return { ok: false, message: 'This file is too large to be a passport.' }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return {
      ok: false,
      message: 'This file is not a progress passport: it is not JSON (damaged or another kind of file).',
    }
  }
  const head = (typeof json === 'object' && json !== null ? json : {}) as {
    format?: unknown
    version?: unknown
  }
  if (head.format !== PASSPORT_FORMAT) {
    return {
      ok: false,
      message: 'This file is not an AuthLab progress passport (it has no "format": "authlab-passport").',
    }
  }
  if (typeof head.version === 'number' && head.version > PASSPORT_VERSION) {
    return {
      ok: false,
      message: `This passport was made by a newer AuthLab (version ${head.version}): reload the app to update it, then import again.`,
    }
  }
  const parsed = passportSchema.safeParse(json)
  if (!parsed.success) {
    const issues = parsed.error.issues
    const first = issues.slice(0, 3).map(describeIssue).join('; ')
    const more = issues.length > 3 ? ` (and ${issues.length - 3} more)` : ''
    return { ok: false, message: `This passport is damaged and was not imported: ${first}${more}.` }
  }
  const passport = parsed.data
  const dump: ProgressDump = {
    drafts: passport.drafts,
    history: passport.history,
    results: Object.fromEntries(
      Object.entries(passport.results).map(([id, summary]) => [id, toRunSummary(summary)]),
    ),
    hints: passport.hints,
    settings: Object.fromEntries(
      Object.entries(passport.settings).filter(([, value]) => value !== undefined),
    ),
  }
  return { ok: true, passport, dump }
}

/** Exercises whose hidden suite differs from the one the passport was made with (present in both). */
export function changedSuites(passport: Passport, current: Record<string, string>): string[] {
  return Object.keys(passport.suites).filter((id) => id in current && current[id] !== passport.suites[id])
}

/** The file name offered for an export, e.g. `authlab-progress-2026-12-07.json`. */
export function passportFileName(now = new Date()): string {
  return `authlab-progress-${now.toISOString().slice(0, 10)}.json`
}
