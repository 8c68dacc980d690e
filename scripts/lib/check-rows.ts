/**
 * One row per exercise, one cell per check of `npm run exercise:check`, built from what is on disk and what the
 * child runs reported. Pure: every rule comes from judge.ts.
 */
import type { ChildReports } from './child-runs'
import { type ExerciseContent, minimumDecoys } from './exercise-content'
import {
  budgetProblems,
  parityProblems,
  slowestRun,
  stabilityProblems,
  typeProblems,
  verdictProblems,
} from './judge'
import type { TargetTypes } from './learner-types'
import type { Target } from './targets'
import { solutionRuns } from './verdicts'

/** The checks, in the order they are run and shown. */
export const checks = [
  { id: 'manifest', title: 'manifest & files' },
  { id: 'decoyCount', title: `decoys ≥ ${minimumDecoys}` },
  { id: 'solutionNative', title: 'solution, native' },
  { id: 'solutionGrader', title: 'solution, grader' },
  { id: 'starter', title: 'starter fails' },
  { id: 'types', title: 'types' },
  { id: 'decoys', title: 'decoys fail' },
  { id: 'parity', title: 'parity' },
  { id: 'stable', title: `${solutionRuns} runs` },
  { id: 'budget', title: 'time budget' },
] as const

/** One check's id. */
export type CheckId = (typeof checks)[number]['id']

/** One cell of the table: passed (true), failed (false) or not run (null), a short reason, and every problem. */
export interface CheckCell {
  readonly ok: boolean | null
  readonly summary: string
  readonly problems: readonly string[]
}

/** Every check of one exercise. */
export interface ExerciseRow {
  readonly exerciseId: string
  readonly cells: Readonly<Record<CheckId, CheckCell>>
}

const notRun: CheckCell = { ok: null, summary: 'not run', problems: [] }
const cell = (problems: readonly string[], summary: string, failSummary?: string): CheckCell =>
  problems.length === 0
    ? { ok: true, summary, problems }
    : { ok: false, summary: failSummary ?? problems[0] ?? '', problems }

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`
const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`

/**
 * Judges one exercise; `targets` are all laid-out targets (others' are ignored), `types` the type errors of the
 * solution and starter targets (scripts/lib/learner-types.ts).
 */
export function exerciseRow(
  exerciseId: string,
  content: ExerciseContent,
  targets: readonly Target[],
  reports: ChildReports,
  types: TargetTypes,
): ExerciseRow {
  const problems = content.problems.get(exerciseId) ?? []
  const decoyCount = content.decoys.get(exerciseId)?.length ?? 0
  const manifest = cell(problems, 'valid', `${plural(problems.length, 'problem')}: ${problems[0]}`)
  const decoyCountCell = cell(
    decoyCount >= minimumDecoys
      ? []
      : [`${plural(decoyCount, 'decoy')}; publish with at least ${minimumDecoys}`],
    String(decoyCount),
    `${decoyCount} of ${minimumDecoys}`,
  )
  const mine = targets.filter((target) => target.exerciseId === exerciseId)
  const solution = mine.find((target) => target.kind === 'solution')
  const starter = mine.find((target) => target.kind === 'starter')
  if (!solution || !starter) {
    const skipped = Object.fromEntries(checks.map((check) => [check.id, notRun])) as Record<
      CheckId,
      CheckCell
    >
    return { exerciseId, cells: { ...skipped, manifest, decoyCount: decoyCountCell } }
  }

  const native = (target: Target) => reports.native.get(target.dir)
  const graderRuns = (target: Target) => reports.grader[target.dir]
  const grader = (target: Target) => graderRuns(target)?.[0]
  const testCount = native(solution)?.tests.length ?? 0
  const decoys = mine.filter((target) => target.kind === 'decoy')
  const brokenDecoys = content.decoyProblems.get(exerciseId) ?? []
  const passingDecoys = decoys.filter(
    (decoy) =>
      verdictProblems(decoy, native(decoy), 'native').length +
        verdictProblems(decoy, grader(decoy), 'grader').length >
      0,
  )
  const starterFailing = native(starter)?.tests.filter((test) => test.state === 'fail').length ?? 0
  const parity = mine.flatMap((target) =>
    parityProblems(native(target), grader(target)).map((problem) => `${target.name}: ${problem}`),
  )
  const differing = new Set(parity.map((problem) => problem.slice(0, problem.indexOf(':')))).size
  const stable = stabilityProblems(solution, graderRuns(solution))
  const budget = budgetProblems(graderRuns(solution), solution.timeBudgetMs)
  const typeErrors = [solution, starter].flatMap((target) => typeProblems(target, types.get(target.dir)))

  return {
    exerciseId,
    cells: {
      manifest,
      decoyCount: decoyCountCell,
      solutionNative: cell(verdictProblems(solution, native(solution), 'native'), `${testCount} pass`),
      solutionGrader: cell(
        verdictProblems(solution, grader(solution), 'grader'),
        `${grader(solution)?.tests.length ?? 0} pass`,
      ),
      starter: cell(
        [
          ...verdictProblems(starter, native(starter), 'native'),
          ...verdictProblems(starter, grader(starter), 'grader'),
        ],
        `${starterFailing} of ${native(starter)?.tests.length ?? 0} fail`,
      ),
      types: cell(typeErrors, 'clean', `${plural(typeErrors.length, 'type error')}: ${typeErrors[0]}`),
      decoys: cell(
        [
          ...brokenDecoys,
          ...passingDecoys.flatMap((decoy) => [
            ...verdictProblems(decoy, native(decoy), 'native'),
            ...verdictProblems(decoy, grader(decoy), 'grader'),
          ]),
        ],
        `${decoys.length} of ${decoys.length}`,
        brokenDecoys.length > 0
          ? `${plural(brokenDecoys.length, 'problem')} reading decoys`
          : `${passingDecoys.length} of ${decoys.length} not caught`,
      ),
      parity: cell(parity, plural(mine.length, 'target'), `${differing} of ${mine.length} targets differ`),
      stable: cell(stable, `${solutionRuns} of ${solutionRuns} pass`),
      budget: cell(
        budget,
        `${seconds(slowestRun(graderRuns(solution)))} of ${seconds(solution.timeBudgetMs)}`,
        budget[0]?.replace(/^run \d+ of \d+ /, ''),
      ),
    },
  }
}

/** Whether every check that ran passed and none was skipped. */
export const rowPassed = (row: ExerciseRow) => Object.values(row.cells).every((entry) => entry.ok === true)
