import type { Task, Test, TestContext, VitestRunner, VitestRunnerConfig } from '@vitest/runner'
import type { ConsoleCapture } from '../../sandbox/console-capture'
import type { ConsoleLine } from '../../sandbox/protocol'
import { diffOptions } from '../../sandbox/serialise-error'
import { checkAssertionState, createExpect, type Expect, resetAssertionState } from './vitest-api'

/** What the host runner needs from the run around it. */
export interface HostRunnerOptions {
  /** Suite file name -> blob URL; the runner is handed file names so test ids stay stable across runs. */
  readonly suiteUrls: ReadonlyMap<string, string>
  readonly expect: Expect
  readonly console: ConsoleCapture
  readonly testTimeoutMs: number
  /** The suites were collected; `tests` counts every test in them, skipped ones included. */
  onCollected(tests: number): void
  onTestStart(test: Test): void
  onTestEnd(test: Test, console: ConsoleLine[]): void
}

/** A VitestRunner that also tells which test is running (for unhandled errors and the page's timeout report). */
export interface HostRunner extends VitestRunner {
  readonly runningTest: () => Test | undefined
}

type LocalContext = TestContext & { _local?: boolean; expect: Expect }

function runnerConfig(testTimeout: number): VitestRunnerConfig {
  return {
    root: '/',
    setupFiles: [],
    name: undefined,
    passWithNoTests: false,
    testNamePattern: undefined,
    allowOnly: true,
    sequence: { seed: 0, hooks: 'stack', setupFiles: 'list', shuffle: false, concurrent: false },
    chaiConfig: undefined,
    maxConcurrency: 5,
    testTimeout,
    hookTimeout: Math.max(testTimeout, 10_000),
    retry: 0,
    includeTaskLocation: false,
    diffOptions,
    tags: [],
    tagsFilter: undefined,
    strictTags: false,
  }
}

/**
 * The host side of @vitest/runner: imports suites from blob URLs, sorts console output per test and enforces
 * `expect.assertions()` / `hasAssertions()` the way Vitest's own runner does around each try.
 */
export function createHostRunner(options: HostRunnerOptions): HostRunner {
  let running: Test | undefined
  const expectFor = (test: Test) => {
    const context = test.context as LocalContext
    return context._local ? context.expect : options.expect
  }

  return {
    config: runnerConfig(options.testTimeoutMs),
    runningTest: () => running,
    importFile(filepath) {
      const url = options.suiteUrls.get(filepath)
      if (!url) throw new Error(`No suite file named ${filepath}`)
      return import(/* @vite-ignore */ url)
    },
    onCollected(files) {
      const count = (task: Task): number =>
        task.type === 'test' ? 1 : task.tasks.reduce((sum, child) => sum + count(child), 0)
      options.onCollected(files.reduce((sum, file) => sum + count(file), 0))
    },
    onBeforeRunTask(test) {
      if (test.mode !== 'run' && test.mode !== 'queued') return
      running = test
      options.console.enter(test.id)
      options.onTestStart(test)
    },
    onBeforeTryTask(test) {
      resetAssertionState(options.expect, test)
      const context = test.context as LocalContext
      if (context._local) resetAssertionState(context.expect, test)
    },
    onAfterTryTask(test) {
      checkAssertionState(expectFor(test))
    },
    onAfterRunTask(test) {
      if (running === test) running = undefined
      options.onTestEnd(test, options.console.leave(test.id))
    },
    extendTaskContext(context) {
      // a test that destructures `{ expect }` gets its own, bound to it (as in Vitest)
      let local: Expect | undefined
      Object.defineProperty(context, 'expect', {
        get: () => {
          local ??= createExpect(context.task)
          return local
        },
      })
      Object.defineProperty(context, '_local', { get: () => local !== undefined })
      return context
    },
  }
}
