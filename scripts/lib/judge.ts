/**
 * The rules an exercise's hidden suite must meet, as pure functions over the child runs' verdicts. Both
 * `npm run exercise:check` and the hidden-suites test judge with these, so they cannot disagree.
 */
import { decideVerdict, type TypeErrorAt } from '../../src/content/verdict'
import { caughtByProblems } from './decoys'
import type { Target } from './targets'
import { type GraderRun, solutionRuns, type TargetVerdicts } from './verdicts'

/** Which runner produced a set of verdicts. */
export type Runner = 'native' | 'grader'

const failing = (verdicts: TargetVerdicts) => verdicts.tests.filter((test) => test.state === 'fail')
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`

function listNames(names: readonly string[], limit = 3): string {
  const shown = names.slice(0, limit).map((name) => `"${name}"`)
  return names.length > limit ? `${shown.join(', ')} and ${names.length - limit} more` : shown.join(', ')
}

/** The first line of a load error, short enough for one line of a report. */
const firstLine = (text: string) =>
  (text.split('\n').find((line) => line.trim()) ?? text).trim().slice(0, 160)

/**
 * Why one runner's verdicts on `target` are not what its kind requires: the solution passes every test (and
 * there are some); the starter and each decoy load and fail at least one, and a decoy fails at least one of its
 * `caughtBy` tests, each of which must exist. Empty when all is well.
 */
export function verdictProblems(
  target: Target,
  verdicts: TargetVerdicts | undefined,
  runner: Runner,
): string[] {
  if (!verdicts) return [`${runner}: reported nothing for the ${target.name}`]
  const label = target.kind === 'decoy' ? `decoy ${target.name}` : target.kind
  if (verdicts.loadError) {
    // a suite that fails wrong code only because it cannot load would also fail right code
    return [`${runner}: the ${label} does not load: ${firstLine(verdicts.loadError)}`]
  }
  if (target.kind !== 'solution') {
    if (failing(verdicts).length === 0) return [`${runner}: every test passes against the ${label}`]
    // a decoy must be caught by the tests written for its mistake, not by accident elsewhere
    return target.caughtBy
      ? caughtByProblems({ name: target.name, caughtBy: target.caughtBy }, verdicts.tests, runner)
      : []
  }
  // the tests' half of the app's verdict (content/verdict.ts); types are judged by `typeProblems`
  const run = verdicts as Partial<GraderRun>
  const verdict = decideVerdict({
    tests: verdicts.tests,
    runProblems: [
      ...(run.status && run.status !== 'done' ? [`the run ended ${run.status}`] : []),
      ...(run.errors ?? []).map(firstLine),
    ],
    typeErrors: [],
  })
  if (verdict.passed) return []
  const failedTests = failing(verdicts)
  const why = failedTests[0]?.message ? ` (first: ${failedTests[0].message})` : ''
  return verdict.reasons.map((reason) =>
    reason.endsWith('failed') && failedTests.length > 0
      ? `${runner}: ${failedTests.length} failing: ${listNames(failedTests.map((test) => test.name))}${why}`
      : `${runner}: ${reason}`,
  )
}

/**
 * Why the reference solution or the starter does not type-check with the editor's settings: the solution must
 * pass the app's verdict, whose other half is types; a starter with type errors would greet a learner with red
 * squiggles before they wrote a line. Empty when clean.
 */
export function typeProblems(target: Target, errors: readonly TypeErrorAt[] | undefined): string[] {
  if (target.kind === 'decoy') return []
  if (!errors) return [`${target.kind}: was not type-checked`]
  return errors.map(
    (error) => `${target.kind}: ${error.path}:${error.line}:${error.column} ${firstLine(error.message)}`,
  )
}

/** Tests whose verdicts differ between native Vitest and the grader (or exist in one only). Empty when equal. */
export function parityProblems(
  native: TargetVerdicts | undefined,
  grader: TargetVerdicts | undefined,
): string[] {
  if (!native || !grader) return [`no verdicts to compare (${native ? 'grader' : 'native'} reported nothing)`]
  const graderStates = new Map(grader.tests.map((test) => [test.name, test.state]))
  const nativeNames = new Set(native.tests.map((test) => test.name))
  const problems: string[] = []
  for (const test of native.tests) {
    const other = graderStates.get(test.name)
    if (other === undefined) problems.push(`"${test.name}": ${test.state} natively, missing in the grader`)
    else if (other !== test.state)
      problems.push(`"${test.name}": ${test.state} natively, ${other} in the grader`)
  }
  for (const test of grader.tests) {
    if (!nativeNames.has(test.name))
      problems.push(`"${test.name}": ${test.state} in the grader, missing natively`)
  }
  if (
    problems.length === 0 &&
    native.tests.map((t) => t.name).join('\n') !== grader.tests.map((t) => t.name).join('\n')
  )
    problems.push('the two runners ran the tests in a different order')
  return problems
}

/** Why the solution's grader runs are not `solutionRuns` passes in a row. Empty when they are. */
export function stabilityProblems(target: Target, runs: readonly GraderRun[] | undefined): string[] {
  if (!runs || runs.length < solutionRuns)
    return [`the grader ran the solution ${runs?.length ?? 0} of ${solutionRuns} times`]
  return runs.flatMap((run, i) =>
    verdictProblems(target, run, 'grader').map((problem) => `run ${i + 1} of ${runs.length}: ${problem}`),
  )
}

/** Why a grader run of the solution went past the manifest's `timeBudgetMs`. Empty when none did. */
export function budgetProblems(runs: readonly GraderRun[] | undefined, budgetMs: number): string[] {
  if (!runs || runs.length === 0) return ['the grader did not run the solution']
  return runs.flatMap((run, i) => {
    const which = `run ${i + 1} of ${runs.length}`
    if (run.status === 'timeout') return [`${which} was stopped at the ${seconds(budgetMs)} budget`]
    if (run.durationMs > budgetMs)
      return [`${which} took ${seconds(run.durationMs)}, over the ${seconds(budgetMs)} budget`]
    return []
  })
}

/** The slowest of the solution's grader runs, in ms (0 when there are none). */
export const slowestRun = (runs: readonly GraderRun[] | undefined) =>
  Math.max(0, ...(runs ?? []).map((run) => run.durationMs))
