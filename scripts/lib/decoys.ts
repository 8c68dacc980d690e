/**
 * Decoys as data: a plausible wrong solution is its mistake as a small unified diff against the current reference
 * solution, plus the hidden tests that must catch it. `solutions/<id>/decoys/<name>.patch` holds a header of
 * `key: value` lines (and `#` comment lines), a blank line, then the diff:
 *
 *     mistake: Treats exp == now as still valid.
 *     caughtBy: decode > rejects a token as expired when exp equals now (no leeway)
 *
 *     --- a/SimpleJWT.ts
 *     +++ b/SimpleJWT.ts
 *     @@ -120,3 +120,3 @@
 *
 * The diff is applied with jsdiff, without fuzz: a reference that changed under a hunk makes the decoy fail to
 * apply, which exercise:check reports, rather than silently testing something else.
 */
import { applyPatch, parsePatch, type StructuredPatch } from 'diff'
import { z } from 'zod'

/** The header of a decoy file, validated like a manifest. */
export const decoyHeaderSchema = z
  .object({
    mistake: z
      .string()
      .min(1)
      .describe('One sentence saying what this wrong solution does wrong, as a learner might.'),
    caughtBy: z
      .array(z.string().min(1))
      .min(1, 'needs at least one caughtBy line')
      .describe(
        'Full names of the hidden tests that must fail against this decoy: describe titles and the test title joined with " > ".',
      ),
  })
  .strict()

export type DecoyHeader = z.infer<typeof decoyHeaderSchema>

/** A decoy read from disk and applied to the current reference. */
export interface Decoy extends DecoyHeader {
  /** The file name without `.patch`; also the target's name in reports. */
  readonly name: string
  /** Repository-relative path of the decoy file, for messages. */
  readonly file: string
  /** The editable files the patch changes, as they read after the patch. */
  readonly files: Readonly<Record<string, string>>
}

/** A decoy file either parses and applies, or says what is wrong with it (each line names the file). */
export type DecoyResult = { ok: true; decoy: Decoy } | { ok: false; problems: string[] }

/** Decoy files in a decoys folder: `<kebab-case-name>.patch`. */
export const decoyFilePattern = /^([a-z0-9]+(?:-[a-z0-9]+)*)\.patch$/

const stripPrefix = (name: string | undefined) => (name ?? '').replace(/^[ab]\//, '').replace(/\t.*$/, '')

/** Splits the header lines from the diff; the diff starts at the first `--- ` line. */
function splitDecoy(text: string): { header: string[]; diff: string } {
  const lines = text.split('\n')
  const start = lines.findIndex((line) => line.startsWith('--- '))
  if (start < 0) return { header: lines, diff: '' }
  return { header: lines.slice(0, start), diff: lines.slice(start).join('\n') }
}

function parseHeader(lines: readonly string[], file: string): { header?: DecoyHeader; problems: string[] } {
  const problems: string[] = []
  const fields: { mistake?: string; caughtBy: string[] } & Record<string, unknown> = { caughtBy: [] }
  lines.forEach((line, index) => {
    if (!line.trim() || line.startsWith('#')) return
    const match = /^([A-Za-z]+):\s*(.*)$/.exec(line)
    if (!match?.[1]) {
      problems.push(`${file}:${index + 1}: expected "key: value" before the diff, got "${line.slice(0, 60)}"`)
      return
    }
    const [, key, value = ''] = match
    if (key === 'caughtBy') fields.caughtBy.push(value.trim())
    else if (key in fields) problems.push(`${file}:${index + 1}: ${key} is given twice`)
    else fields[key] = value.trim()
  })
  const parsed = decoyHeaderSchema.safeParse(fields)
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path.map(String).join('.')
      const message =
        issue.code === 'unrecognized_keys'
          ? `unknown header field(s): ${issue.keys.join(', ')} (only mistake and caughtBy)`
          : issue.code === 'invalid_type'
            ? `${field} is required`
            : `${field} ${issue.message}`
      problems.push(`${file}: ${message}`)
    }
    return { problems }
  }
  return problems.length > 0 ? { problems } : { header: parsed.data, problems }
}

/**
 * Parses `text` (the decoy file at `file`) and applies its diff to the reference files `reference(name)` returns.
 * Only `editable` files may be patched. Never throws: a broken decoy comes back as problems.
 */
export function readDecoy(
  name: string,
  file: string,
  text: string,
  editable: readonly string[],
  reference: (fileName: string) => string | undefined,
): DecoyResult {
  const { header: headerLines, diff } = splitDecoy(text)
  const { header, problems } = parseHeader(headerLines, file)
  let patches: StructuredPatch[] = []
  if (!diff) problems.push(`${file}: has no diff (a "--- a/File.ts" line and hunks after the header)`)
  else {
    try {
      patches = parsePatch(diff)
    } catch (error) {
      problems.push(`${file}: the diff does not parse: ${(error as Error).message}`)
    }
  }
  const files: Record<string, string> = {}
  for (const patch of patches) {
    const target = stripPrefix(patch.newFileName ?? patch.oldFileName)
    if (!editable.includes(target)) {
      problems.push(`${file}: patches "${target}", which is not an editable file (${editable.join(', ')})`)
      continue
    }
    if (patch.hunks.length === 0) {
      problems.push(`${file}: the diff of ${target} has no hunks`)
      continue
    }
    const source = files[target] ?? reference(target)
    if (source === undefined) {
      problems.push(`${file}: the reference ${target} is missing`)
      continue
    }
    const patched = applyPatch(source, patch)
    if (patched === false) {
      problems.push(
        `${file}: does not apply to the reference ${target} any more (the solution changed under it); remake the diff`,
      )
      continue
    }
    files[target] = patched
  }
  if (!header || problems.length > 0) return { ok: false, problems }
  return { ok: true, decoy: { name, file, ...header, files } }
}

/**
 * Why the verdicts of one runner do not show the decoy caught as its header says: a caughtBy that names no test
 * of the suite, or none of the caughtBy tests failing. Empty when at least one caughtBy test failed.
 */
export function caughtByProblems(
  decoy: { readonly name: string; readonly caughtBy: readonly string[] },
  tests: readonly { readonly name: string; readonly state: string }[],
  runner: string,
): string[] {
  const byName = new Map(tests.map((test) => [test.name, test.state]))
  const unknown = decoy.caughtBy.filter((name) => !byName.has(name))
  const problems = unknown.map(
    (name) => `${runner}: decoy ${decoy.name}: caughtBy names no test of the suite: "${name}"`,
  )
  if (decoy.caughtBy.some((name) => byName.get(name) === 'fail')) return problems
  if (unknown.length < decoy.caughtBy.length)
    problems.push(`${runner}: decoy ${decoy.name}: none of its caughtBy tests failed`)
  return problems
}
