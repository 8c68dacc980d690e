/**
 * The grader's messages, in the slots of the sandbox protocol (`src/sandbox/protocol.ts`, which carries them
 * on the worker's private port): a `RunInput` in, `GradingProgress` as tests start and finish, a `RunResult`
 * at the end. Plain, structured-cloneable data only.
 */
import type { ConsoleLine, ErrorInfo, ModuleError, SourceFiles, WorkerMessage } from '../sandbox/protocol'

/** Page -> worker: grade one set of files against a hidden suite. */
export interface RunInput {
  /** The learner's files (editable, provided and carried), TypeScript, keyed by file name. */
  readonly files: SourceFiles
  /** Hidden suite files (Vitest API), keyed by file name. Never echoed back in any result. */
  readonly suite: SourceFiles
  /** Packages learner files may import besides `./Name` files, e.g. `['idb']`. */
  readonly allowedImports: readonly string[]
  /** Per-test timeout for async work, in ms; a synchronous loop is stopped by the page's budget instead. */
  readonly testTimeoutMs?: number
}

/** Final state of one test. */
export type TestState = 'pass' | 'fail' | 'skip'

/** Outcome of one test of the hidden suite. */
export interface TestResult {
  /** Stable across runs of the same suite (derived from the suite file name and the test's position). */
  readonly id: string
  /** Full name, `describe > it`, without the file name. */
  readonly name: string
  readonly state: TestState
  /** Wall time of the test including its `beforeEach`/`afterEach` hooks, in ms. */
  readonly durationMs: number
  /** The first error of a failed test. */
  readonly error?: ErrorInfo
  /** Further errors of the same test (e.g. several `expect.soft` failures, or an `afterEach` failure). */
  readonly otherErrors?: readonly ErrorInfo[]
  /** Console output while this test (and its `beforeEach`/`afterEach` hooks) ran, capped. */
  readonly console: readonly ConsoleLine[]
}

/** Counts of test states in one run. */
export interface RunTotals {
  readonly passed: number
  readonly failed: number
  readonly skipped: number
  readonly total: number
}

/** Everything one run produced, as plain data. */
export interface RunResult {
  /** Tests in suite order. Empty when a file could not be compiled, linked or loaded. */
  readonly tests: readonly TestResult[]
  /** Problems outside any single test's verdict; a run with errors is not a pass. */
  readonly errors: readonly ModuleError[]
  /** Console output outside any test (module top level, `beforeAll`/`afterAll`), capped. */
  readonly console: readonly ConsoleLine[]
  readonly totals: RunTotals
  /** Wall time of the whole run in the worker, compile to last result, in ms. */
  readonly durationMs: number
}

/**
 * Worker -> page, during a run: the suite collected (so a run cut short can say how many tests never ran), a test started (so the page can name it if the budget runs out), or finished
 * (kept by the page as partial results in case the run is cut short, and to cross-check the final result).
 */
export type GradingProgress =
  /** The suites were collected: how many tests the run has, before any of them runs. */
  | { readonly phase: 'collected'; readonly tests: number }
  | {
      readonly phase: 'start'
      /** Same as the eventual `TestResult.id`. */
      readonly testId: string
      /** Full name, `describe > it`. */
      readonly name: string
    }
  | { readonly phase: 'end'; readonly test: TestResult }

/** Every message the grader worker sends to the page (on its private port). */
export type GraderWorkerMessage = WorkerMessage<GradingProgress, RunResult>
