/**
 * Messages between a sandbox client (on the page) and its sandbox worker, and the plain data learner code's
 * problems travel in. Everything is structured-cloneable: learner errors cross as serialised fields, never as
 * thrown values. Each user of the sandbox (the grader, the playground) puts its own tagged unions in the
 * `input`, `progress` and `result` slots.
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

/** Page -> worker, on the port: run learner code once with `input`. */
export interface RunMessage<Input> {
  readonly type: 'run'
  /**
   * Chosen by the page (random, unguessable); every message about this run carries it back, so a message from an
   * earlier run is never taken for this one. Kept in the worker's closure, never handed to code learner code sees.
   */
  readonly runId: string
  readonly input: Input
}

/**
 * Page -> worker, on the port, before any run: what the next runs will most likely need (the grader: the
 * exercise's hidden suite), so a worker waiting for its run prepares it (transpiles) instead of the learner
 * waiting for it after the click. Only a hint: a run with other input is run all the same.
 */
export interface ForeseeMessage<Hint> {
  readonly type: 'foresee'
  readonly hint: Hint
}

/** What hardening a worker's global scope did and cost, for tests and measurements. */
export interface HardenReport {
  /** Objects frozen (intrinsics, Web API interfaces and their prototypes, what they reach). */
  readonly frozen: number
  /** Objects that refused to freeze (none expected; listed so a test can say which). */
  readonly failures: readonly string[]
  readonly durationMs: number
}

/** Worker -> page: the worker has loaded, hardened its global scope, warmed up, and listens on the port. */
export interface ReadyMessage {
  readonly type: 'ready'
  /** The client ignores it; tests and the cost bench read it. */
  readonly hardening?: HardenReport
}

/** Worker -> page: something the run reports before its result (the grader: a test started or finished). */
export interface ProgressMessage<Progress> {
  readonly type: 'progress'
  readonly runId: string
  readonly progress: Progress
}

/** Worker -> page: the run is over. */
export interface ResultMessage<Result> {
  readonly type: 'result'
  readonly runId: string
  readonly result: Result
}

/** Worker -> page: the sandbox itself failed (a bug here, not in learner code); treated as a crash. */
export interface ErrorMessage {
  readonly type: 'error'
  /** The run it happened in; absent when no run was active. */
  readonly runId?: string
  readonly message: string
}

/** Every message a sandbox worker sends to the page (on the port). */
export type WorkerMessage<Progress, Result> =
  | ReadyMessage
  | ProgressMessage<Progress>
  | ResultMessage<Result>
  | ErrorMessage

/**
 * Sandbox worker -> watchdog worker, directly (no main thread in between): `beat` every `beatIntervalMs` while a
 * run is active, `rest` when it ends. A worker stuck in a synchronous loop (or a microtask loop, or allocating
 * until it runs out of memory) cannot beat, so the run is stopped early instead of running to the end of its
 * budget, or until Chromium ends the whole tab for memory.
 */
export interface BeatMessage {
  readonly type: 'beat' | 'rest'
  readonly runId: string
}

/** Page -> watchdog: watch one sandbox worker's beats (`watch`), or stop (`unwatch`, when it is replaced). */
export type WatchdogRequest =
  | {
      readonly type: 'watch'
      /** The page's number for the sandbox worker, echoed in `StallMessage`. */
      readonly workerId: number
      /** The other end of the sandbox worker's `beats` port; transferred. */
      readonly port: MessagePort
      /** Silence, during a run, after which the run is reported as stalled. */
      readonly unresponsiveAfterMs: number
    }
  | { readonly type: 'unwatch'; readonly workerId: number }

/** Watchdog -> page: a sandbox worker stopped beating during a run. */
export interface StallMessage {
  readonly type: 'stall'
  readonly workerId: number
  readonly runId: string
  /** How long it has been silent, in ms. */
  readonly silentForMs: number
}

/** Console method a captured line came from. */
export type ConsoleLevel = 'log' | 'info' | 'warn' | 'error' | 'debug'

/** One captured console call, formatted as the browser console would print it. */
export interface ConsoleLine {
  /** Which console method was called. */
  readonly level: ConsoleLevel
  /** The arguments formatted to text; a `[output truncated: N more lines]` note has level `info`. */
  readonly text: string
}

/** A thrown value, serialised once in the worker. Strings only, so it can always be posted. */
export interface ErrorInfo {
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

/**
 * What kind of problem stopped a file from loading or happened outside any test's verdict; `tamper` is code
 * that changed what the tests rely on (such as Web Crypto), so the run cannot count.
 */
export type ModuleErrorKind = 'syntax' | 'import' | 'runtime' | 'unhandled' | 'tamper'

/** A problem that is not one test's failure: a file that does not compile, link or load, or an unhandled error. */
export interface ModuleError {
  readonly kind: ModuleErrorKind
  /** Learner file name where it happened, when known; a hidden file is named but never located. */
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
