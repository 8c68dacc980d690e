/**
 * The one rule for "passed": an exercise is passed when a finished run of its hidden suite passed every test
 * (there was at least one, none failed, none was skipped) and TypeScript found no error in the learner's
 * editable files. A skipped test is a check that was not made, so it is not a pass. The results view, progress,
 * `npm run grade` and `npm run exercise:check` all decide with `decideVerdict`. Pure data in, data out: no DOM,
 * no Node.
 */

/** How one test ended. */
export type TestOutcome = 'pass' | 'fail' | 'skip'

/** A TypeScript error in one file, 1-based like the editor shows it. */
export interface TypeErrorAt {
  /** File name within the exercise, e.g. `SimpleJWT.ts`. */
  readonly path: string
  readonly line: number
  readonly column: number
  /** The compiler's message, chained parts on their own lines. */
  readonly message: string
}

/** A problem TypeScript reports; only errors count, warnings are advice. */
export interface TypeDiagnostic extends TypeErrorAt {
  readonly severity: 'error' | 'warning'
}

/** What a verdict is decided from: one run of the hidden suite and a type-check of the learner's files. */
export interface VerdictInput {
  /** Every test the run reported, in suite order. */
  readonly tests: readonly { readonly state: TestOutcome }[]
  /**
   * Why the run as a whole cannot count, one line each: it was stopped or crashed, a file did not compile or
   * load, an error escaped a test. Empty for a run that finished cleanly.
   */
  readonly runProblems: readonly string[]
  /** Type errors in the learner's editable files (see `typeErrorsIn`). */
  readonly typeErrors: readonly TypeErrorAt[]
}

/** Test counts of one run. */
export interface VerdictCounts {
  readonly passed: number
  readonly failed: number
  readonly skipped: number
  readonly total: number
}

/** The decision, with what it was decided from, so every view tells the same story. */
export interface ExerciseVerdict {
  readonly passed: boolean
  readonly counts: VerdictCounts
  readonly typeErrors: readonly TypeErrorAt[]
  /** Why it did not pass, one short line each; empty when it passed. */
  readonly reasons: readonly string[]
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`

/** Counts the tests of a run by how they ended. */
export function countTests(tests: readonly { readonly state: TestOutcome }[]): VerdictCounts {
  const count = (state: TestOutcome) => tests.filter((test) => test.state === state).length
  return { passed: count('pass'), failed: count('fail'), skipped: count('skip'), total: tests.length }
}

/** Decides whether one run (and the type-check beside it) passes the exercise; see the module comment. */
export function decideVerdict(input: VerdictInput): ExerciseVerdict {
  const counts = countTests(input.tests)
  const reasons = [...input.runProblems]
  if (counts.total === 0 && input.runProblems.length === 0) reasons.push('no tests ran')
  if (counts.failed > 0) reasons.push(`${plural(counts.failed, 'test')} failed`)
  if (counts.skipped > 0)
    reasons.push(`${plural(counts.skipped, 'test')} skipped (a skipped test is not a pass)`)
  if (input.typeErrors.length > 0) {
    const files = [...new Set(input.typeErrors.map((error) => error.path))].join(', ')
    reasons.push(`${plural(input.typeErrors.length, 'type error')} in ${files}`)
  }
  return { passed: reasons.length === 0, counts, typeErrors: input.typeErrors, reasons }
}

/** The errors (not warnings) among `diagnostics` that are in one of `editablePaths`, the files a learner writes. */
export function typeErrorsIn(
  diagnostics: readonly TypeDiagnostic[],
  editablePaths: readonly string[],
): TypeErrorAt[] {
  return diagnostics
    .filter((diagnostic) => diagnostic.severity === 'error' && editablePaths.includes(diagnostic.path))
    .map(({ path, line, column, message }) => ({ path, line, column, message }))
}
