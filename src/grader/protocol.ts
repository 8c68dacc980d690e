/**
 * Messages between the page (grader client) and the grader worker. Everything here is plain,
 * structured-cloneable data: learner errors cross the boundary as serialised fields, never as thrown values.
 *
 * The worker's global channel carries exactly one message, page -> worker `connect`, which hands the worker its
 * ports before any learner code exists: one to the page, for everything about runs, and one to the watchdog
 * worker, for heartbeats. Learner code runs in the worker's global scope, so anything it posts
 * (`self.postMessage`) would arrive on the global channel: the page does not listen there, and the worker seals
 * `postMessage` and `close` besides.
 */

/** Source files keyed by file name, e.g. `{ 'SimpleJWT.ts': '...' }`. */
export type SourceFiles = Readonly<Record<string, string>>

/** Page -> worker, on the worker's global channel, first and only message there: the ports all else uses. */
export interface ConnectMessage {
  readonly type: 'connect'
  /** To the page; transferred, kept in a closure that learner code cannot reach. */
  readonly port: MessagePort
  /** To the watchdog worker, for `BeatMessage`s; transferred, kept in the same closure. */
  readonly beats: MessagePort
}

/** Page -> worker, on the port: grade one set of files against a hidden suite. */
export interface RunRequest {
  readonly type: 'run'
  /**
   * Chosen by the page (random, unguessable); every message about this run carries it back, so a message from an
   * earlier run is never taken for this one. Kept in the worker's closure, never handed to the engine.
   */
  readonly runId: string
  /** The learner's files (editable, provided and carried), TypeScript, keyed by file name. */
  readonly files: SourceFiles
  /** Hidden suite files (Vitest API), keyed by file name. Never echoed back in any result. */
  readonly suite: SourceFiles
  /** Packages learner files may import besides `./Name` files, e.g. `['idb']`. */
  readonly allowedImports: readonly string[]
  /** Per-test timeout for async work, in ms; a synchronous loop is stopped by the page's budget instead. */
  readonly testTimeoutMs?: number
}

/** Every message the page sends on the port. */
export type PageMessage = RunRequest

/** Console method a captured line came from. */
export type ConsoleLevel = 'log' | 'info' | 'warn' | 'error' | 'debug'

/** One captured console call, formatted as the browser console would print it. */
export interface ConsoleLine {
  /** Which console method was called. */
  readonly level: ConsoleLevel
  /** The arguments formatted to text; a `[output truncated: N more lines]` note has level `info`. */
  readonly text: string
}

/** Why a test failed, serialised once in the worker. Strings only, so it can always be posted. */
export interface TestErrorInfo {
  /** Error class name, e.g. `AssertionError`, `TypeError`; `Non-Error thrown` when a non-Error value was thrown. */
  readonly name: string
  /** The error message, without ANSI colour codes. */
  readonly message: string
  /** Stack frames in learner files only, as `at fn (SimpleJWT.ts:12:5)` lines; absent when there are none. */
  readonly stack?: string
  /** Unified diff of expected vs received, without ANSI colour codes. */
  readonly diff?: string
  /** The expected value, pretty-printed. */
  readonly expected?: string
  /** The received value, pretty-printed. */
  readonly actual?: string
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
  readonly error?: TestErrorInfo
  /** Further errors of the same test (e.g. several `expect.soft` failures, or an `afterEach` failure). */
  readonly otherErrors?: readonly TestErrorInfo[]
  /** Console output while this test (and its `beforeEach`/`afterEach` hooks) ran, capped. */
  readonly console: readonly ConsoleLine[]
}

/**
 * What kind of problem stopped a file from loading or happened outside any test's verdict; `tamper` is code
 * that changed what the tests rely on (such as Web Crypto), so the run cannot count.
 */
export type ModuleErrorKind = 'syntax' | 'import' | 'runtime' | 'unhandled' | 'tamper'

/** A problem that is not one test's failure: a file that does not compile, link or load, or an unhandled error. */
export interface ModuleError {
  readonly kind: ModuleErrorKind
  /** Learner file name where it happened, when known; a hidden suite file is named but never located. */
  readonly file?: string
  /** 1-based line in `file`. */
  readonly line?: number
  /** 1-based column in `file`. */
  readonly column?: number
  /** What went wrong, in words that name the file and what to change. */
  readonly message: string
  /** For `unhandled`: the full name of the test that was running, if any. */
  readonly testName?: string
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

/** Worker -> page: the worker has loaded, hardened its global scope, and listens for runs on the port. */
export interface ReadyMessage {
  readonly type: 'ready'
  /** What hardening the global scope did and cost; for tests and measurements, the client ignores it. */
  readonly hardening?: {
    readonly frozen: number
    readonly failures: readonly string[]
    readonly durationMs: number
  }
}

/**
 * Grader worker -> watchdog worker, directly (no main thread in between): `beat` every `beatIntervalMs` while a
 * run is active, `rest` when it ends. A worker stuck in a synchronous loop (or a microtask loop, or allocating
 * until it runs out of memory) cannot beat, so the run is stopped early instead of running to the end of its
 * budget, or until Chromium ends the whole tab for memory. The watchdog keeps time on its own thread, so a
 * busy or throttled page cannot make it late.
 */
export interface BeatMessage {
  readonly type: 'beat' | 'rest'
  readonly runId: string
}

/** How often the grader worker beats during a run, in ms. */
export const beatIntervalMs = 100

/** Page -> watchdog: watch one grader worker's beats (`watch`), or stop (`unwatch`, when it is replaced). */
export type WatchdogRequest =
  | {
      readonly type: 'watch'
      /** The page's number for the grader worker, echoed in `StallMessage`. */
      readonly workerId: number
      /** The other end of the grader worker's `beats` port; transferred. */
      readonly port: MessagePort
      /** Silence, during a run, after which the run is reported as stalled. */
      readonly unresponsiveAfterMs: number
    }
  | { readonly type: 'unwatch'; readonly workerId: number }

/** Watchdog -> page: a grader worker stopped beating during a run. */
export interface StallMessage {
  readonly type: 'stall'
  readonly workerId: number
  readonly runId: string
  /** How long it has been silent, in ms. */
  readonly silentForMs: number
}

/** Worker -> page: a test started, so the page can name it if the budget runs out. */
export interface TestStartedMessage {
  readonly type: 'progress'
  readonly runId: string
  readonly phase: 'start'
  /** Same as the eventual `TestResult.id`. */
  readonly testId: string
  /** Full name, `describe > it`. */
  readonly name: string
}

/** Worker -> page: a test finished; kept by the page as partial results in case the run is cut short. */
export interface TestFinishedMessage {
  readonly type: 'progress'
  readonly runId: string
  readonly phase: 'end'
  readonly test: TestResult
}

/** Worker -> page: progress within a run. */
export type ProgressMessage = TestStartedMessage | TestFinishedMessage

/** Worker -> page: the run is over. */
export interface ResultMessage {
  readonly type: 'result'
  readonly runId: string
  readonly result: RunResult
}

/** Worker -> page: the grader itself failed (a bug here, not in learner code); treat as a crash. */
export interface ErrorMessage {
  readonly type: 'error'
  /** The run it happened in; absent when no run was active. */
  readonly runId?: string
  readonly message: string
}

/** Every message the worker sends to the page (on the port). */
export type WorkerMessage = ReadyMessage | ProgressMessage | ResultMessage | ErrorMessage
