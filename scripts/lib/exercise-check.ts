import { type ExerciseRow, exerciseRow, rowPassed } from './check-rows'
import { type ChildReports, runChildRuns } from './child-runs'
import { inspectContent, selectExercises } from './exercise-content'
import { checkTargetTypes } from './learner-types'
import { materializeTargets } from './targets'

/** What `checkExercises` found. */
export interface CheckReport {
  readonly rows: readonly ExerciseRow[]
  /** True when every check of every selected exercise passed. */
  readonly passed: boolean
  readonly reports: ChildReports
}

/** Which exercises to check and where progress lines go. */
export interface CheckOptions {
  /** Exercise ids; empty means all. An unknown id throws `UnknownExerciseError` before anything runs. */
  readonly only?: readonly string[]
  readonly log?: (line: string) => void
}

/**
 * Every check of `npm run exercise:check`, for each selected exercise and stopping on nothing: manifest and
 * files, decoy count, the suite on the solution natively and through the grader, on the starter and every decoy
 * through both, the solution and starter type-checked as the editor does, per-test parity, `solutionRuns` grader
 * runs in a row, and the time budget.
 */
export async function checkExercises(root: string, options: CheckOptions = {}): Promise<CheckReport> {
  const log = options.log ?? (() => {})
  const content = inspectContent(root)
  const ids = selectExercises(content, options.only)
  const targets = materializeTargets(root, { only: ids, content, warn: () => {} })
  log(`Laid out ${targets.length} targets across ${ids.length} exercise(s).`)
  // nothing valid to run (every selected exercise is broken): the table still reports why
  const reports: ChildReports =
    targets.length > 0
      ? await runChildRuns(root, log)
      : { native: new Map(), grader: {}, problems: [], durations: { native: 0, grader: 0 } }
  const types = checkTargetTypes(root, targets, content.valid)
  const rows = ids.map((id) => exerciseRow(id, content, targets, reports, types))
  return { rows, passed: reports.problems.length === 0 && rows.every(rowPassed), reports }
}
