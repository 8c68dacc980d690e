import type { RunTotals, TestResult } from './protocol'

/** Counts of each state, from the tests themselves: the worker's and, to cross-check it, the page's. */
export function countTests(tests: readonly TestResult[]): RunTotals {
  const count = (state: TestResult['state']) => tests.filter((test) => test.state === state).length
  return { passed: count('pass'), failed: count('fail'), skipped: count('skip'), total: tests.length }
}
