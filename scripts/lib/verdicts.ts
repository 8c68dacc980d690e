/** One test's verdict, the same shape whichever runner produced it. */
export interface Verdict {
  /** Full name, `describe > it`. */
  readonly name: string
  readonly state: 'pass' | 'fail' | 'skip'
}

/** A target's verdicts from one runner; `loadError` when the suite did not even load. */
export interface TargetVerdicts {
  readonly tests: readonly Verdict[]
  readonly loadError?: string
}

/** Where the child runs leave their reports. */
export const reportPaths = {
  native: '.authlab/reports/native.json',
  grader: '.authlab/reports/grader.json',
} as const

interface JsonAssertion {
  ancestorTitles: string[]
  title: string
  status: 'passed' | 'failed' | 'skipped' | 'pending' | 'todo' | 'disabled'
}
interface JsonFile {
  name: string
  status: string
  message: string
  assertionResults: JsonAssertion[]
}

/** Verdicts per suite folder from Vitest's JSON reporter output. */
export function nativeVerdicts(report: { testResults: JsonFile[] }): Map<string, TargetVerdicts> {
  const byDir = new Map<string, { tests: Verdict[]; loadError?: string }>()
  for (const file of report.testResults) {
    const dir = file.name.slice(0, file.name.lastIndexOf('/'))
    const entry = byDir.get(dir) ?? { tests: [] }
    for (const test of file.assertionResults) {
      const state = test.status === 'passed' ? 'pass' : test.status === 'failed' ? 'fail' : 'skip'
      entry.tests.push({ name: [...test.ancestorTitles, test.title].join(' > '), state })
    }
    if (file.assertionResults.length === 0 && file.status === 'failed') entry.loadError = file.message
    byDir.set(dir, entry)
  }
  return byDir
}
