/**
 * The verdicts of the two runners a hidden suite goes through, in one shape: native Vitest (read from its JSON
 * report) and the app's grader engine (written by tests/exercises/grade-targets.browser.ts). Pure data, so the
 * browser side and the node side share it.
 */

/** One test's verdict, the same shape whichever runner produced it. */
export interface Verdict {
  /** Full name, `describe > it`. */
  readonly name: string
  readonly state: 'pass' | 'fail' | 'skip'
  /** First line of a failed test's error message, to say why in a report. */
  readonly message?: string
}

/** A target's verdicts from one runner; `loadError` when the suite did not even load. */
export interface TargetVerdicts {
  readonly tests: readonly Verdict[]
  readonly loadError?: string
}

/** One run of a target through the grader: its verdicts, how it ended and how long it took. */
export interface GraderRun extends TargetVerdicts {
  /** The grader client's outcome: `timeout` means the manifest's `timeBudgetMs` ran out. */
  readonly status: 'done' | 'timeout' | 'crashed' | 'cancelled'
  /** Wall time of the run in the worker, compile to last result, in ms. */
  readonly durationMs: number
  /** Problems outside any test's verdict (such as an unhandled rejection); a run with any is not a pass. */
  readonly errors?: readonly string[]
}

/** The grader child run's report: every run of every target, keyed by the target's folder. */
export type GraderReport = Readonly<Record<string, readonly GraderRun[]>>

/** How often the grader runs a reference solution in a row; every run must pass (the flakiness check). */
export const solutionRuns = 3

/** Where the child runs leave their reports, relative to the repository root. */
export const reportPaths = {
  native: '.authlab/reports/native.json',
  grader: '.authlab/reports/grader.json',
} as const

interface JsonAssertion {
  ancestorTitles: string[]
  title: string
  status: 'passed' | 'failed' | 'skipped' | 'pending' | 'todo' | 'disabled'
  failureMessages?: string[]
}
/** One test file in Vitest's JSON report: a target's suite, or the child run's grader file. */
export interface JsonFile {
  name: string
  status: string
  message: string
  startTime?: number
  endTime?: number
  assertionResults: JsonAssertion[]
}

/** The part of Vitest's JSON report the verdicts are read from. */
export interface NativeReport {
  testResults: JsonFile[]
}

/** The first non-empty line of an error message, at most 200 characters. */
export const firstLine = (text: string) =>
  (text.split('\n').find((line) => line.trim()) ?? '').trim().slice(0, 200)

/** Verdicts per suite folder from Vitest's JSON reporter output. */
export function nativeVerdicts(report: NativeReport): Map<string, TargetVerdicts> {
  const byDir = new Map<string, { tests: Verdict[]; loadError?: string }>()
  for (const file of report.testResults) {
    const dir = file.name.slice(0, file.name.lastIndexOf('/'))
    const entry = byDir.get(dir) ?? { tests: [] }
    for (const test of file.assertionResults) {
      const state = test.status === 'passed' ? 'pass' : test.status === 'failed' ? 'fail' : 'skip'
      const message = firstLine(test.failureMessages?.[0] ?? '')
      entry.tests.push({
        name: [...test.ancestorTitles, test.title].join(' > '),
        state,
        ...(message ? { message } : {}),
      })
    }
    if (file.assertionResults.length === 0 && file.status === 'failed') entry.loadError = file.message
    byDir.set(dir, entry)
  }
  return byDir
}
