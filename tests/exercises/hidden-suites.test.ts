import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exerciseRow } from '../../scripts/lib/check-rows.ts'
import { renderCheckTable } from '../../scripts/lib/check-table.ts'
import { type ChildReports, runChildRuns } from '../../scripts/lib/child-runs.ts'
import { inspectContent } from '../../scripts/lib/exercise-content.ts'
import {
  budgetProblems,
  parityProblems,
  stabilityProblems,
  typeProblems,
  verdictProblems,
} from '../../scripts/lib/judge.ts'
import { checkTargetTypes, type TargetTypes } from '../../scripts/lib/learner-types.ts'
import { type Target, targetsIndex } from '../../scripts/lib/targets.ts'
import { solutionRuns } from '../../scripts/lib/verdicts.ts'

// Every hidden suite against every laid-out target (solution, starter, decoys), run in real Chromium natively by
// Vitest and through the app's grader engine, judged by the same rules as `npm run exercise:check`
// (scripts/lib/judge.ts): the solution passes everything, 3 times in a row through the grader and within its
// time budget, and type-checks cleanly as the editor checks it, as does the starter; the starter and every decoy
// fail at least one test; both runners agree on every test.

const root = join(import.meta.dirname, '../..')
const targets: Target[] = JSON.parse(readFileSync(targetsIndex(root), 'utf8'))
const content = inspectContent(root)
let reports: ChildReports
let types: TargetTypes | undefined
const typesOf = () => {
  types ??= checkTargetTypes(root, targets, content.valid)
  return types
}

beforeAll(async () => {
  reports = await runChildRuns(root)
  expect(reports.problems).toEqual([])
})

// the per-exercise summary (solution, starter and decoy results), the same table `npm run exercise:check` prints
afterAll(() => {
  if (!reports) return
  const ids = [...new Set(targets.map((target) => target.exerciseId))]
  console.info(renderCheckTable(ids.map((id) => exerciseRow(id, content, targets, reports, typesOf()))))
})

describe.each(targets)('$exerciseId suite against the $name ($kind)', (target) => {
  const native = () => reports.native.get(target.dir)
  const grader = () => reports.grader[target.dir]

  if (target.kind === 'solution') {
    it('passes every test, natively and through the in-browser grader', () => {
      expect([
        ...verdictProblems(target, native(), 'native'),
        ...verdictProblems(target, grader()?.[0], 'grader'),
      ]).toEqual([])
    })

    it(`passes ${solutionRuns} grader runs in a row`, () => {
      expect(stabilityProblems(target, grader())).toEqual([])
    })

    it("stays within the manifest's time budget through the grader", () => {
      expect(budgetProblems(grader(), target.timeBudgetMs)).toEqual([])
    })
  }

  if (target.kind !== 'decoy') {
    it("has no type error in its editable files with the editor's TypeScript settings", () => {
      expect(typeProblems(target, typesOf().get(target.dir))).toEqual([])
    })
  }

  if (target.kind !== 'solution') {
    it('fails at least one test, natively and through the in-browser grader', () => {
      expect([
        ...verdictProblems(target, native(), 'native'),
        ...verdictProblems(target, grader()?.[0], 'grader'),
      ]).toEqual([])
    })
  }

  it('gets the same verdict for every test from native Vitest and the grader', () => {
    expect(parityProblems(native(), grader()?.[0])).toEqual([])
  })
})
