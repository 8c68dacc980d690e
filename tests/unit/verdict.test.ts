import { describe, expect, it } from 'vitest'
import { decideVerdict, type TestOutcome, typeErrorsIn, type VerdictInput } from '../../src/content/verdict'
import { runProblems } from '../../src/grader/run-verdict'
import { summaryVerdict } from '../../src/storage/app-store'

const tests = (...states: TestOutcome[]) => states.map((state) => ({ state }))
const typeError = { path: 'SimpleJWT.ts', line: 3, column: 7, message: "Type 'string' is not assignable." }
const clean: VerdictInput = { tests: tests('pass', 'pass', 'pass'), runProblems: [], typeErrors: [] }

describe('decideVerdict: passed only with every test passing and no type error in an editable file', () => {
  it.each<[string, VerdictInput, boolean, string[]]>([
    ['every test passed, no type error', clean, true, []],
    ['one test failed', { ...clean, tests: tests('pass', 'fail', 'pass') }, false, ['1 test failed']],
    [
      'a skipped test is not a pass',
      { ...clean, tests: tests('pass', 'skip', 'skip') },
      false,
      ['2 tests skipped (a skipped test is not a pass)'],
    ],
    [
      'all tests pass but a type error remains',
      { ...clean, typeErrors: [typeError] },
      false,
      ['1 type error in SimpleJWT.ts'],
    ],
    ['an empty suite proves nothing', { ...clean, tests: [] }, false, ['no tests ran']],
    [
      'the run did not finish, although the tests so far passed',
      { ...clean, runProblems: ['stopped after the 10 s time budget'] },
      false,
      ['stopped after the 10 s time budget'],
    ],
  ])('%s', (_, input, passed, reasons) => {
    const verdict = decideVerdict(input)
    expect(verdict.passed).toBe(passed)
    expect(verdict.reasons).toEqual(reasons)
  })

  it('counts the tests by how they ended and keeps the type errors it judged', () => {
    const verdict = decideVerdict({
      ...clean,
      tests: tests('pass', 'fail', 'skip', 'pass'),
      typeErrors: [typeError],
    })
    expect(verdict.counts).toEqual({ passed: 2, failed: 1, skipped: 1, total: 4 })
    expect(verdict.typeErrors).toEqual([typeError])
  })
})

describe('typeErrorsIn: what counts against the learner', () => {
  const at = { line: 1, column: 1, message: 'm' }
  it('keeps errors in editable files, drops warnings and files the learner does not write here', () => {
    const found = typeErrorsIn(
      [
        { ...at, path: 'authRoutes.ts', severity: 'error' },
        { ...at, path: 'authRoutes.ts', severity: 'warning' },
        { ...at, path: 'AuthService.ts', severity: 'error' },
      ],
      ['authRoutes.ts'],
    )
    expect(found).toEqual([{ ...at, path: 'authRoutes.ts' }])
  })
})

describe('the same rule on a saved result (progress) and on a grader outcome (results view, grade CLI)', () => {
  const saved = {
    passed: 2,
    total: 2,
    failed: 0,
    at: 0,
    tests: [
      { name: 'a', state: 'pass' as const },
      { name: 'b', state: 'pass' as const },
    ],
  }
  it('passes a clean saved run and fails one with a skip, a type error, or a run problem', () => {
    expect(summaryVerdict(saved).passed).toBe(true)
    expect(
      summaryVerdict({
        ...saved,
        tests: [
          { name: 'a', state: 'pass' },
          { name: 'b', state: 'skip' },
        ],
      }).passed,
    ).toBe(false)
    expect(summaryVerdict({ ...saved, typeErrors: [typeError] }).passed).toBe(false)
    expect(summaryVerdict({ ...saved, problems: ['import error: SimpleJWT.ts: not found'] }).passed).toBe(
      false,
    )
  })

  it('reads a result saved before problems were kept, which counted a run that did not finish as a failure', () => {
    expect(summaryVerdict({ ...saved, failed: 1 }).reasons).toEqual(['the run did not finish'])
  })

  it('names why a grader run cannot count: a stopped run, a file that did not load', () => {
    const result = {
      tests: [],
      errors: [
        { kind: 'import' as const, file: 'SimpleJWT.ts', line: 2, message: 'Cannot import "fs"\nmore' },
      ],
      console: [],
      totals: { passed: 0, failed: 0, skipped: 0, total: 0 },
      durationMs: 3,
    }
    expect(runProblems({ status: 'done', result })).toEqual([
      'import error: SimpleJWT.ts:2:1: Cannot import "fs"',
    ])
    expect(
      runProblems({
        status: 'timeout',
        result: { ...result, errors: [] },
        budgetMs: 10_000,
        reason: 'budget',
        stoppedAfterMs: 10_000,
        runningTest: 'decode > loops',
      }),
    ).toEqual(['stopped after the 10 s time budget while "decode > loops" was running'])
    expect(runProblems({ status: 'done', result: { ...result, errors: [] } })).toEqual([])
  })
})
