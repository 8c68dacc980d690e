import { startTests, type Test } from '@vitest/runner'
import type { ConsoleLine, ModuleError, RunRequest, RunResult, TestResult } from '../protocol'
import { captureConsole } from './console-capture'
import { createHostRunner } from './host-runner'
import { analyseImports, findCycle, type LinkModule, linkModules, prepareLexer } from './link'
import { collectResults, toTestResult, totalsOf } from './results'
import { processThrown, toModuleError } from './serialise'
import { bundledPackages, createShims } from './shims'
import { createLocator, type ModuleInfo } from './stack'
import { type TranspiledFile, transpile } from './transpile'
import { createVitestApi } from './vitest-api'

/** What one run grades: `RunRequest` without the envelope. */
export type GradingInput = Omit<RunRequest, 'type' | 'runId'>

/** Progress of a run, as the worker forwards it. */
export type GradingProgress =
  | { readonly phase: 'start'; readonly testId: string; readonly name: string }
  | { readonly phase: 'end'; readonly test: TestResult }

/** The global scope the run happens in: a worker's `self`, or a window in tests. */
export interface GraderScope {
  readonly console: Console
  addEventListener(type: 'error' | 'unhandledrejection', listener: (event: Event) => void): void
  removeEventListener(type: 'error' | 'unhandledrejection', listener: (event: Event) => void): void
}

/** Where the run reports progress and which global scope it watches. */
export interface GradingHost {
  readonly scope?: GraderScope
  onProgress?(progress: GradingProgress): void
}

const defaultTestTimeoutMs = 5_000
// taken before any learner code runs, which may replace the globals
const now = performance.now.bind(performance)
const setTimer = setTimeout

function finish(
  started: number,
  tests: TestResult[],
  errors: ModuleError[],
  console: ConsoleLine[] = [],
): RunResult {
  return { tests, errors, console, totals: totalsOf(tests), durationMs: Math.round(now() - started) }
}

/**
 * Grades `input`: TypeScript -> JavaScript (sucrase), imports rewritten to blob URLs, learner modules loaded
 * dependencies first, then the suites run by @vitest/runner. Never throws for anything the learner or the
 * suite did; every outcome is in the returned data.
 */
export async function runGrading(input: GradingInput, host: GradingHost = {}): Promise<RunResult> {
  const started = now()
  const scope = host.scope ?? (globalThis as unknown as GraderScope)

  const sources: [string, string, LinkModule['role']][] = [
    ...Object.entries(input.files).map(([name, code]): [string, string, 'learner'] => [
      name,
      code,
      'learner',
    ]),
    ...Object.entries(input.suite).map(([name, code]): [string, string, 'suite'] => [name, code, 'suite']),
  ]
  const transpiled = new Map<string, TranspiledFile>()
  const modules: LinkModule[] = []
  const syntaxErrors: ModuleError[] = []
  for (const [fileName, source, role] of sources) {
    const result = transpile(fileName, source)
    if (!result.ok) {
      syntaxErrors.push(
        role === 'suite' ? { kind: 'syntax', file: fileName, message: result.error.message } : result.error,
      )
      continue
    }
    transpiled.set(fileName, result)
    modules.push({ fileName, code: result.code, role })
  }
  if (syntaxErrors.length) return finish(started, [], syntaxErrors)

  await prepareLexer()
  const graph = analyseImports(modules, {
    learnerPackages: input.allowedImports.filter((name) => name in bundledPackages),
    suitePackages: ['vitest', ...Object.keys(bundledPackages)],
  })
  const suiteFiles = new Set(Object.keys(input.suite))
  const hideSuitePosition = (error: ModuleError): ModuleError =>
    error.file && suiteFiles.has(error.file)
      ? { kind: error.kind, file: error.file, message: error.message }
      : error
  if (graph.errors.length) return finish(started, [], graph.errors.map(hideSuitePosition))
  const cycle = findCycle(graph)
  if (cycle) {
    const message = `Import cycle: ${cycle.join(' -> ')}. Files cannot import each other in a circle here; move what they share into one file.`
    return finish(started, [], [{ kind: 'import', file: cycle[0] ?? '', message }])
  }

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
    const file = transpiled.get(fileName)
    infos.set(url, { fileName, learner: !suiteFiles.has(fileName), ...(file ? { map: file.map } : {}) })
  }
  const locator = createLocator(infos)
  const capture = captureConsole(scope.console)
  const errors: ModuleError[] = []
  let runner: ReturnType<typeof createHostRunner> | undefined

  const recordUnhandled = (value: unknown) => {
    const testName = runner?.runningTest()?.fullTestName
    errors.push(toModuleError('unhandled', processThrown(value), locator, testName ? { testName } : {}))
  }
  const onError = (event: Event) => {
    event.preventDefault()
    const errorEvent = event as ErrorEvent
    recordUnhandled(errorEvent.error ?? errorEvent.message)
  }
  const onRejection = (event: Event) => {
    event.preventDefault()
    recordUnhandled((event as PromiseRejectionEvent).reason)
  }
  scope.addEventListener('error', onError)
  scope.addEventListener('unhandledrejection', onRejection)

  try {
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

    const finished = new Map<string, TestResult>()
    const suiteUrls = new Map([...suiteFiles].map((name) => [name, linked.urls.get(name) ?? '']))
    runner = createHostRunner({
      suiteUrls,
      expect: api.expect,
      console: capture,
      testTimeoutMs: input.testTimeoutMs ?? defaultTestTimeoutMs,
      onTestStart: (test: Test) =>
        host.onProgress?.({ phase: 'start', testId: test.id, name: test.fullTestName }),
      onTestEnd: (test, lines) => {
        const result = toTestResult(test, lines, locator)
        finished.set(test.id, result)
        host.onProgress?.({ phase: 'end', test: result })
      },
    })
    const files = await startTests([...suiteFiles], runner)
    // a rejection left unhandled by the last test is reported after a task turn
    await new Promise((resolve) => setTimer(resolve, 0))
    const collected = collectResults(files, finished, locator)
    return finish(started, collected.tests, [...collected.errors, ...errors], capture.outside())
  } finally {
    scope.removeEventListener('error', onError)
    scope.removeEventListener('unhandledrejection', onRejection)
    capture.restore()
    shims.dispose()
    for (const url of linked.urls.values()) URL.revokeObjectURL(url)
  }
}
