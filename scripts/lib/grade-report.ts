import type { RunOutcome } from '../../src/grader/client'
import type { TestState } from '../../src/grader/protocol'

/** The object `npm run grade -- --json` prints, and nothing else. */
export interface GradeJson {
  readonly exercise: string
  readonly passed: boolean
  readonly tests: readonly { readonly name: string; readonly state: TestState; readonly message?: string }[]
}

/** True only when the run finished with no errors and every test passed. */
export function gradePassed(outcome: RunOutcome): boolean {
  const { tests, errors } = outcome.result
  return (
    outcome.status === 'done' &&
    errors.length === 0 &&
    tests.length > 0 &&
    tests.every((t) => t.state === 'pass')
  )
}

/** The `--json` object for one outcome. */
export function gradeJson(exercise: string, outcome: RunOutcome): GradeJson {
  return {
    exercise,
    passed: gradePassed(outcome),
    tests: outcome.result.tests.map((test) => ({
      name: test.name,
      state: test.state,
      ...(test.error ? { message: test.error.message } : {}),
    })),
  }
}

/** Why a run is not a pass beyond its failing tests (it was cut short, or a file did not load), one line each. */
export function runProblems(outcome: RunOutcome): string[] {
  const problems = outcome.result.errors.map((error) => {
    const where = error.file
      ? `${error.file}${error.line ? `:${error.line}:${error.column ?? 1}` : ''}: `
      : ''
    return `${error.kind} error: ${where}${error.message.split('\n')[0]}`
  })
  if (outcome.status === 'timeout') {
    const running = outcome.runningTest ? ` while "${outcome.runningTest}" was running` : ''
    problems.push(`stopped after the ${outcome.budgetMs / 1000} s time budget${running}`)
  } else if (outcome.status === 'crashed') problems.push(`the grader crashed: ${outcome.message}`)
  else if (outcome.status === 'cancelled') problems.push('the run was cancelled')
  if (outcome.status === 'done' && outcome.result.tests.length === 0 && problems.length === 0)
    problems.push('the hidden suite ran no tests')
  return problems
}

const indent = (text: string) =>
  text
    .split('\n')
    .map((line) => `      ${line}`)
    .join('\n')

/** Per-test results as text: a mark and the name, with the message (and diff) under each failure. */
export function gradeText(exercise: string, outcome: RunOutcome): string {
  const { tests, totals } = outcome.result
  const lines = tests.map((test) => {
    if (test.state === 'pass') return `  ✓ ${test.name}`
    if (test.state === 'skip') return `  - ${test.name} (skipped)`
    const error = test.error
    const detail = error ? [error.message, error.diff].filter(Boolean).join('\n') : ''
    return `  ✗ ${test.name}${detail ? `\n${indent(detail)}` : ''}`
  })
  const problems = runProblems(outcome).map((problem) => `  ! ${problem}`)
  const verdict = gradePassed(outcome) ? 'PASSED' : 'FAILED'
  const counts = `${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`
  return [
    `${exercise}`,
    ...lines,
    ...problems,
    `${verdict}: ${counts} (${outcome.result.durationMs} ms)`,
  ].join('\n')
}
