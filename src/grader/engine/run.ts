import { startTests } from '@vitest/runner'
import { captureConsole } from '../../sandbox/console-capture'
import { prepareProgram } from '../../sandbox/load'
import type { ConsoleLine, ModuleError } from '../../sandbox/protocol'
import { processThrown, toModuleError } from '../../sandbox/serialise-error'
import { type SandboxScope, watchUnhandled } from '../../sandbox/unhandled-errors'
import type { GradingProgress, RunInput, RunResult, TestResult } from '../protocol'
import { countTests } from '../totals'
import { cryptoTamperError, replacedCryptoMembers } from './crypto-tamper'
import { createHostRunner, type HostRunner } from './host-runner'
import { collectResults, toTestResult } from './results'
import { createVitestApi } from './vitest-api'

/** Where the run reports progress and which global scope it watches. */
export interface GradingHost {
  /** Defaults to `globalThis`. */
  readonly scope?: SandboxScope
  onProgress?(progress: GradingProgress): void
}

const defaultTestTimeoutMs = 5_000
// taken before any learner code runs, which may replace the globals
const now = performance.now.bind(performance)
const setTimer = setTimeout
const Channel = MessageChannel

/**
 * Resolves once the events a finished run can still cause have been dispatched: in a worker, Chromium fires
 * `unhandledrejection` only after a `setTimeout(0)` queued at the same time has run, but before a message.
 */
async function settleEvents(): Promise<void> {
  await new Promise((resolve) => setTimer(resolve, 0))
  await new Promise((resolve) => {
    const channel = new Channel()
    channel.port1.onmessage = () => {
      channel.port1.close()
      resolve(undefined)
    }
    channel.port2.postMessage(undefined)
  })
}

function finish(
  started: number,
  tests: TestResult[],
  errors: readonly ModuleError[],
  console: ConsoleLine[] = [],
): RunResult {
  return {
    tests,
    errors: [...errors],
    console,
    totals: countTests(tests),
    durationMs: Math.round(now() - started),
  }
}

/**
 * Grades `input`: the sandbox compiles and links the learner's files and the suites (the `vitest` module is
 * this run's API) and loads the learner modules, then @vitest/runner runs the suites. Never throws for anything
 * the learner or the suite did; every outcome is in the returned data.
 */
export async function runGrading(input: RunInput, host: GradingHost = {}): Promise<RunResult> {
  const started = now()
  const scope = host.scope ?? (globalThis as unknown as SandboxScope)
  const api = createVitestApi()
  const prepared = await prepareProgram(
    { learner: input.files, hidden: input.suite, allowedImports: input.allowedImports },
    { provided: new Map([['vitest', api.namespace]]) },
  )
  if (!prepared.ok) return finish(started, [], prepared.errors)
  const { program } = prepared
  const { locator } = program
  const capture = captureConsole(scope.console)
  const errors: ModuleError[] = []
  let runner: HostRunner | undefined
  const stopWatching = watchUnhandled(scope, (value) => {
    const testName = runner?.runningTest()?.fullTestName
    errors.push(toModuleError('unhandled', processThrown(value), locator, testName ? { testName } : {}))
  })

  try {
    const loaded = await program.evaluate()
    if (!loaded.ok) return finish(started, [], [...errors, loaded.error], capture.outside())

    const replacedAfterLoad = replacedCryptoMembers()
    const finished = new Map<string, TestResult>()
    const suiteFiles = Object.keys(input.suite)
    runner = createHostRunner({
      suiteUrls: new Map(suiteFiles.map((name) => [name, program.urls.get(name) ?? ''])),
      expect: api.expect,
      console: capture,
      testTimeoutMs: input.testTimeoutMs ?? defaultTestTimeoutMs,
      onCollected: (tests) => host.onProgress?.({ phase: 'collected', tests }),
      onTestStart: (test) => host.onProgress?.({ phase: 'start', testId: test.id, name: test.fullTestName }),
      onTestEnd: (test, lines) => {
        const result = toTestResult(test, lines, locator)
        finished.set(test.id, result)
        host.onProgress?.({ phase: 'end', test: result })
      },
    })
    const files = await startTests(suiteFiles, runner)
    // a rejection left unhandled by the last tests is only reported a little later
    await settleEvents()
    const collected = collectResults(files, finished, locator)
    const replaced = new Set([...replacedAfterLoad, ...replacedCryptoMembers()])
    if (replaced.size) errors.push(cryptoTamperError([...replaced]))
    return finish(started, collected.tests, [...collected.errors, ...errors], capture.outside())
  } finally {
    stopWatching()
    capture.restore()
    program.dispose()
  }
}
