import { startTests } from '@vitest/runner'
import type { ConsoleLine, ModuleError, RunResult, TestResult } from '../protocol'
import { compileRun, type GradingInput } from './compile'
import { captureConsole } from './console-capture'
import { createHostRunner, type HostRunner } from './host-runner'
import { linkModules } from './link'
import { cryptoTamperError, replacedCryptoMembers } from './platform-check'
import { collectResults, toTestResult, totalsOf } from './results'
import { type GraderScope, watchUnhandled } from './scope'
import { processThrown, toModuleError } from './serialise'
import { bundledPackages, createShims } from './shims'
import { createLocator, type ModuleInfo } from './stack'
import { createVitestApi } from './vitest-api'

/** Progress of a run, as the worker forwards it. */
export type GradingProgress =
  | { readonly phase: 'start'; readonly testId: string; readonly name: string }
  | { readonly phase: 'end'; readonly test: TestResult }

/** Where the run reports progress and which global scope it watches. */
export interface GradingHost {
  /** Defaults to `globalThis`. */
  readonly scope?: GraderScope
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
const revoke = URL.revokeObjectURL.bind(URL)

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
    totals: totalsOf(tests),
    durationMs: Math.round(now() - started),
  }
}

/**
 * Grades `input`: TypeScript -> JavaScript (sucrase), imports rewritten to blob URLs, learner modules loaded
 * dependencies first, then the suites run by @vitest/runner. Never throws for anything the learner or the
 * suite did; every outcome is in the returned data.
 */
export async function runGrading(input: GradingInput, host: GradingHost = {}): Promise<RunResult> {
  const started = now()
  const scope = host.scope ?? (globalThis as unknown as GraderScope)
  const compiled = await compileRun(input)
  if (!compiled.ok) return finish(started, [], compiled.errors)
  const { graph, maps, suiteFiles } = compiled

  const api = createVitestApi()
  const namespaces = new Map<string, object>([['vitest', api.namespace]])
  for (const name of graph.packages) {
    const load = bundledPackages[name]
    if (load) namespaces.set(name, await load())
  }
  const shims = createShims(namespaces)
  const linked = linkModules(graph, shims.urls)
  const infos = new Map<string, ModuleInfo>()
  for (const [fileName, url] of linked.urls) {
    const map = maps.get(fileName)
    infos.set(url, { fileName, learner: !suiteFiles.has(fileName), ...(map ? { map } : {}) })
  }
  const locator = createLocator(infos)
  const capture = captureConsole(scope.console)
  const errors: ModuleError[] = []
  let runner: HostRunner | undefined
  const stopWatching = watchUnhandled(scope, (value) => {
    const testName = runner?.runningTest()?.fullTestName
    errors.push(toModuleError('unhandled', processThrown(value), locator, testName ? { testName } : {}))
  })

  try {
    // the shims first, so they have taken their exports from the registry before learner code can look there
    for (const url of shims.urls.values()) await import(/* @vite-ignore */ url)
    shims.release()
    // load learner modules one by one, dependencies first, so a failure names the file it happened in
    for (const fileName of linked.evaluationOrder) {
      try {
        await import(/* @vite-ignore */ linked.urls.get(fileName) ?? '')
      } catch (thrown) {
        const processed = processThrown(thrown)
        const kind = processed.name === 'SyntaxError' ? 'syntax' : 'runtime'
        errors.push(toModuleError(kind, processed, locator, { fallbackFile: fileName }))
        return finish(started, [], errors, capture.outside())
      }
    }

    const replacedAfterLoad = replacedCryptoMembers()
    const finished = new Map<string, TestResult>()
    runner = createHostRunner({
      suiteUrls: new Map([...suiteFiles].map((name) => [name, linked.urls.get(name) ?? ''])),
      expect: api.expect,
      console: capture,
      testTimeoutMs: input.testTimeoutMs ?? defaultTestTimeoutMs,
      onTestStart: (test) => host.onProgress?.({ phase: 'start', testId: test.id, name: test.fullTestName }),
      onTestEnd: (test, lines) => {
        const result = toTestResult(test, lines, locator)
        finished.set(test.id, result)
        host.onProgress?.({ phase: 'end', test: result })
      },
    })
    const files = await startTests([...suiteFiles], runner)
    // a rejection left unhandled by the last tests is only reported a little later
    await settleEvents()
    const collected = collectResults(files, finished, locator)
    const replaced = new Set([...replacedAfterLoad, ...replacedCryptoMembers()])
    if (replaced.size) errors.push(cryptoTamperError([...replaced]))
    return finish(started, collected.tests, [...collected.errors, ...errors], capture.outside())
  } finally {
    stopWatching()
    capture.restore()
    shims.dispose()
    for (const url of linked.urls.values()) revoke(url)
  }
}
