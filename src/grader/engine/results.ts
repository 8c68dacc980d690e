import type { File, Suite, Task, Test } from '@vitest/runner'
import type { ConsoleLine, ModuleError } from '../../sandbox/protocol'
import { serialiseError, toModuleError } from '../../sandbox/serialise-error'
import type { ModuleLocator } from '../../sandbox/stack'
import type { TestResult, TestState } from '../protocol'

function stateOf(test: Test): TestState {
  const state = test.result?.state
  return state === 'pass' || state === 'fail' ? state : 'skip'
}

/** One test as plain data; errors serialised once, here. */
export function toTestResult(
  test: Test,
  console: readonly ConsoleLine[],
  locator: ModuleLocator,
): TestResult {
  const state = stateOf(test)
  const errors =
    state === 'fail' ? (test.result?.errors ?? []).map((error) => serialiseError(error, locator)) : []
  const [error, ...otherErrors] = errors
  return {
    id: test.id,
    name: test.fullTestName,
    state,
    durationMs: Math.round((test.result?.duration ?? 0) * 100) / 100,
    ...(error ? { error } : {}),
    ...(otherErrors.length ? { otherErrors } : {}),
    console,
  }
}

function collectTests(task: Task, into: Test[]): void {
  if (task.type === 'test') into.push(task)
  else for (const child of task.tasks) collectTests(child, into)
}

function suiteErrors(suite: Suite | File, locator: ModuleLocator, into: ModuleError[]): void {
  const isFile = suite.file === suite
  for (const error of suite.result?.errors ?? []) {
    const kind = error.name === 'SyntaxError' && isFile ? 'syntax' : 'runtime'
    // a file's own errors are load errors unless tests were collected, then they come from its hooks
    const prefix = !isFile
      ? `In "${suite.fullTestName ?? suite.name}" (a beforeAll/afterAll hook): `
      : suite.tasks.length
        ? 'In a top-level beforeAll/afterAll hook: '
        : ''
    into.push(toModuleError(kind, error, locator, { fallbackFile: suite.file.filepath, prefix }))
  }
  for (const child of suite.tasks) if (child.type === 'suite') suiteErrors(child, locator, into)
}

/**
 * Results of every test in suite order, reusing those already built as tests finished, plus the errors of
 * files that failed to load and of suite-level hooks (whose tests Vitest marks skipped).
 */
export function collectResults(
  files: readonly File[],
  finished: ReadonlyMap<string, TestResult>,
  locator: ModuleLocator,
): { tests: TestResult[]; errors: ModuleError[] } {
  const tests: Test[] = []
  const errors: ModuleError[] = []
  for (const file of files) {
    collectTests(file, tests)
    suiteErrors(file, locator, errors)
  }
  return { tests: tests.map((test) => finished.get(test.id) ?? toTestResult(test, [], locator)), errors }
}
