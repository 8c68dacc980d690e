import type { Checked } from '../sandbox/client'
import type { RunResult, TestResult } from './protocol'
import { countTests } from './totals'

/** What a run cut short leaves: the tests that finished, counted. */
export function partialResult(finished: readonly TestResult[], durationMs: number): RunResult {
  const tests = [...finished]
  return { tests, errors: [], console: [], totals: countTests(tests), durationMs }
}

/** Shown when a final result disagrees with the progress reported during the run. */
export const inconsistentResultMessage =
  'The results changed after the tests had run, so this run does not count. If your code changes the test runner, Web Crypto or other built-ins, remove that and run again.'

/**
 * Accepts the worker's final result only if its passed and failed tests are exactly those the worker reported
 * as finished during the run, with the same verdicts; the totals are recounted here rather than trusted.
 * Defence in depth: learner code cannot reach the worker's port, but it shares the realm that builds results.
 */
export function crossCheckResult(result: RunResult, finished: readonly TestResult[]): Checked<RunResult> {
  const tests = Array.isArray(result?.tests) ? result.tests : []
  const final = new Map(tests.map((test) => [test.id, test.state]))
  const reported = new Map(finished.map((test) => [test.id, test.state]))
  const changed = finished.some((test) => final.get(test.id) !== test.state)
  const unreported = tests.some((test) => test.state !== 'skip' && reported.get(test.id) !== test.state)
  if (changed || unreported) return { ok: false, message: inconsistentResultMessage }
  return { ok: true, value: { ...result, tests, totals: countTests(tests) } }
}
