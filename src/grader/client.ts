import { type PrivateWorker, startPrivateWorker, stopPrivateWorker } from './private-worker'
import type {
  RunRequest,
  RunResult,
  StallMessage,
  TestResult,
  WatchdogRequest,
  WorkerMessage,
} from './protocol'
import { checkResult, partialResult } from './run-checks'

/** What to grade: a `RunRequest` without the envelope the client adds. */
export type RunInput = Omit<RunRequest, 'type' | 'runId'>

/** Limits of one run. */
export interface RunOptions {
  /** Wall-clock budget from the moment the worker is ready; past it the worker is terminated. */
  readonly budgetMs: number
  /** Aborting cancels the run and replaces the worker. */
  readonly signal?: AbortSignal
}

/**
 * How a run ended; every case is data, including hangs and crashes. Each carries a `result`: the full one
 * when `done`, otherwise the tests that finished before the run was cut short.
 */
export type RunOutcome =
  | { readonly status: 'done'; readonly result: RunResult }
  | {
      readonly status: 'timeout'
      readonly result: RunResult
      readonly budgetMs: number
      /**
       * `budget`: the run used its whole budget. `unresponsive`: the worker stopped answering for
       * `unresponsiveAfterMs` (a synchronous or microtask loop, or memory filling up) and was stopped early.
       */
      readonly reason: 'budget' | 'unresponsive'
      /** From the worker being ready to the run being stopped, in ms. */
      readonly stoppedAfterMs: number
      /** Full name of the test that was running when the run was stopped, if one was. */
      readonly runningTest?: string
    }
  | { readonly status: 'crashed'; readonly result: RunResult; readonly message: string }
  | { readonly status: 'cancelled'; readonly result: RunResult }

/** The name the app's views use for a run's outcome. */
export type GradeOutcome = RunOutcome

/** Runs hidden suites in a module Worker it owns, one run at a time. */
export interface GraderClient {
  /** Grades `input`; a newer call cancels one still running. Never rejects for anything the learner's code does. */
  run(input: RunInput, options: RunOptions): Promise<RunOutcome>
  /** Terminates the worker; a run in progress ends `cancelled`. */
  dispose(): void
}

/** How the client gets workers. */
export interface GraderClientOptions {
  /** E.g. `() => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' })`. */
  readonly createWorker: () => Worker
  /**
   * Replace the worker after this many runs (default 1: every run gets a fresh worker, started in the
   * background after the previous run). Learner code can leave timers, globals and half-done work behind.
   */
  readonly recycleAfterRuns?: number
  /** A worker that has not said `ready` by then is reported as crashed. */
  readonly startupTimeoutMs?: number
  /**
   * A run whose worker sends no heartbeat for this long is stopped as `unresponsive` (default 1000 ms: a loop
   * filling memory with large arrays reaches V8's heap limit, which ends the whole tab, in about 2 s here).
   */
  readonly unresponsiveAfterMs?: number
  /** The worker that keeps time for the heartbeats; defaults to `watchdog.ts` (a test may script one). */
  readonly createWatchdog?: () => Worker
  /**
   * How long after terminating an unresponsive worker its run is reported (default 2500 ms). Chromium lets a
   * busy worker run on for ~2 s after `terminate()`; until then it may still fill memory and end the tab, so
   * the run counts as in progress (the app keeps its running mark, and no new run starts beside it).
   */
  readonly terminationGraceMs?: number
}

interface ActiveRun {
  readonly runId: string
  readonly budgetMs: number
  readonly startedAt: number
  readonly finished: TestResult[]
  running?: { readonly id: string; readonly name: string } | undefined
  /** When the worker said it was ready for this run (the budget's start). */
  readyAt?: number
  settle(outcome: RunOutcome): void
}

type WorkerSlot = PrivateWorker & { runs: number }

const defaultWatchdog = () =>
  new Worker(new URL('./watchdog.ts', import.meta.url), { type: 'module', name: 'grader watchdog' })

function newRunId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')
}

const elapsed = (run: ActiveRun | undefined) => (run ? Math.round(performance.now() - run.startedAt) : 0)
const partial = (run: ActiveRun | undefined) => partialResult(run?.finished ?? [], elapsed(run))

/** Creates a client and starts its first worker, so the first run does not wait for the worker to load. */
export function createGraderClient(options: GraderClientOptions): GraderClient {
  const recycleAfterRuns = options.recycleAfterRuns ?? 1
  const startupTimeoutMs = options.startupTimeoutMs ?? 15_000
  const unresponsiveAfterMs = options.unresponsiveAfterMs ?? 1_000
  const terminationGraceMs = options.terminationGraceMs ?? 2_500
  let slot: WorkerSlot | undefined
  let active: ActiveRun | undefined
  let deadline: ReturnType<typeof setTimeout> | undefined
  let disposed = false
  let workerCount = 0
  const watchdog = (options.createWatchdog ?? defaultWatchdog)()
  const toWatchdog = (request: WatchdogRequest, transfer: Transferable[] = []) =>
    watchdog.postMessage(request, transfer)
  watchdog.addEventListener('message', (event: MessageEvent<StallMessage>) => {
    const { workerId, runId } = event.data
    if (slot?.id === workerId && active?.runId === runId) stop(active, 'unresponsive')
  })

  const stop = (run: ActiveRun, reason: 'budget' | 'unresponsive') => {
    clearTimeout(deadline)
    deadline = undefined
    replaceWorker()
    const outcome: RunOutcome = {
      status: 'timeout',
      result: partial(run),
      budgetMs: run.budgetMs,
      reason,
      stoppedAfterMs: Math.round(performance.now() - (run.readyAt ?? run.startedAt)),
      ...(run.running ? { runningTest: run.running.name } : {}),
    }
    // a worker that stopped beating is busy, so it outlives terminate() by up to ~2 s (see terminationGraceMs)
    if (reason === 'unresponsive') setTimeout(() => run.settle(outcome), terminationGraceMs)
    else run.settle(outcome)
  }

  const startDeadline = () => {
    if (!active || deadline !== undefined) return
    const run = active
    run.readyAt = performance.now()
    deadline = setTimeout(() => stop(run, 'budget'), run.budgetMs)
  }

  const crash = (from: WorkerSlot, message: string) => {
    if (slot !== from) return
    replaceWorker()
    active?.settle({ status: 'crashed', result: partial(active), message })
  }

  const onMessage = (from: WorkerSlot, message: WorkerMessage) => {
    if (slot !== from) return
    if (message?.type === 'ready') {
      from.ready = true
      startDeadline()
      return
    }
    const run = active
    if (!run || message?.runId !== run.runId) {
      if (message?.type === 'error') crash(from, message.message)
      return
    }
    if (message.type === 'progress') {
      if (message.phase === 'start') run.running = { id: message.testId, name: message.name }
      else {
        run.finished.push(message.test)
        if (run.running?.id === message.test.id) run.running = undefined
      }
    } else if (message.type === 'result') {
      from.runs++
      const checked = checkResult(message.result, run.finished)
      if (checked.ok) run.settle({ status: 'done', result: checked.result })
      else run.settle({ status: 'crashed', result: partial(run), message: checked.message })
      if (!checked.ok || from.runs >= recycleAfterRuns) replaceWorker()
    } else if (message.type === 'error') {
      crash(from, message.message)
    }
  }

  const spawn = (): WorkerSlot =>
    startPrivateWorker({
      createWorker: options.createWorker,
      id: ++workerCount,
      label: 'grader',
      extra: { runs: 0 },
      watch: toWatchdog,
      unresponsiveAfterMs,
      startupTimeoutMs,
      onMessage,
      onCrash: crash,
    })

  // terminating is the only way to stop a synchronous loop; the next worker starts loading at once
  function replaceWorker() {
    if (slot) stopPrivateWorker(slot, toWatchdog)
    slot = disposed ? undefined : spawn()
  }

  slot = spawn()

  return {
    run(input, { budgetMs, signal }) {
      if (disposed) {
        return Promise.resolve({
          status: 'crashed',
          result: partial(undefined),
          message: 'The grader was disposed.',
        })
      }
      if (active) {
        replaceWorker()
        active.settle({ status: 'cancelled', result: partial(active) })
      }
      if (signal?.aborted) return Promise.resolve({ status: 'cancelled', result: partial(undefined) })
      if (!slot) slot = spawn()
      const runId = newRunId()

      return new Promise<RunOutcome>((resolve) => {
        const onAbort = () => {
          replaceWorker()
          run.settle({ status: 'cancelled', result: partial(run) })
        }
        const run: ActiveRun = {
          runId,
          budgetMs,
          startedAt: performance.now(),
          finished: [],
          settle(outcome) {
            if (active !== run) return
            active = undefined
            clearTimeout(deadline)
            deadline = undefined
            signal?.removeEventListener('abort', onAbort)
            resolve(outcome)
          },
        }
        active = run
        signal?.addEventListener('abort', onAbort, { once: true })
        const request: RunRequest = { type: 'run', runId, ...input }
        slot?.port.postMessage(request)
        if (slot?.ready) startDeadline()
      })
    },
    dispose() {
      disposed = true
      replaceWorker()
      watchdog.terminate()
      active?.settle({ status: 'cancelled', result: partial(active) })
    },
  }
}
