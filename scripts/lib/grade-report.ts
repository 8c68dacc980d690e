import type { ExerciseVerdict, TypeErrorAt } from '../../src/content/verdict'
import type { RunOutcome } from '../../src/grader/client'
import type { TestState } from '../../src/grader/protocol'
import { runProblems } from '../../src/grader/run-verdict'

/** The object `npm run grade -- --json` prints, and nothing else. */
export interface GradeJson {
  readonly exercise: string
  /** The app's verdict: every test passed (none failed or skipped) and no type error in the editable files. */
  readonly passed: boolean
  readonly tests: readonly { readonly name: string; readonly state: TestState; readonly message?: string }[]
  /** Type errors in the editable files, as the app's editor reports them. */
  readonly types: readonly TypeErrorAt[]
}

/** The `--json` object for one outcome and its verdict. */
export function gradeJson(exercise: string, outcome: RunOutcome, verdict: ExerciseVerdict): GradeJson {
  return {
    exercise,
    passed: verdict.passed,
    tests: outcome.result.tests.map((test) => ({
      name: test.name,
      state: test.state,
      ...(test.error ? { message: test.error.message } : {}),
    })),
    types: verdict.typeErrors,
  }
}

const indent = (text: string) =>
  text
    .split('\n')
    .map((line) => `      ${line}`)
    .join('\n')

/** The "Types" line and, under it, each type error at `file:line:column`. */
export function typesText(verdict: ExerciseVerdict): string[] {
  const errors = verdict.typeErrors
  if (errors.length === 0) return ['Types: no errors']
  return [
    `Types: ${errors.length} error${errors.length === 1 ? '' : 's'}`,
    ...errors.map((error) => `  ✗ ${error.path}:${error.line}:${error.column}\n${indent(error.message)}`),
  ]
}

/** Per-test results as text: a mark and the name, with the message (and diff) under each failure; then types. */
export function gradeText(exercise: string, outcome: RunOutcome, verdict: ExerciseVerdict): string {
  const { tests } = outcome.result
  const { counts } = verdict
  const lines = tests.map((test) => {
    if (test.state === 'pass') return `  ✓ ${test.name}`
    if (test.state === 'skip') return `  - ${test.name} (skipped)`
    const error = test.error
    const detail = error ? [error.message, error.diff].filter(Boolean).join('\n') : ''
    return `  ✗ ${test.name}${detail ? `\n${indent(detail)}` : ''}`
  })
  const problems = runProblems(outcome).map((problem) => `  ! ${problem}`)
  const skipped = counts.skipped ? `, ${counts.skipped} skipped` : ''
  const typeErrors = verdict.typeErrors.length
  const types = typeErrors ? `, ${typeErrors} type error${typeErrors === 1 ? '' : 's'}` : ''
  return [
    `${exercise}`,
    ...lines,
    ...problems,
    ...typesText(verdict),
    `${verdict.passed ? 'PASSED' : 'FAILED'}: ${counts.passed} passed, ${counts.failed} failed${skipped}${types} (${outcome.result.durationMs} ms)`,
  ].join('\n')
}
