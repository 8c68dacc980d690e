import { type PrivateWorker, startPrivateWorker, stopPrivateWorker } from './private-worker'
import type { ForeseeMessage, RunMessage, StallMessage, WatchdogRequest, WorkerMessage } from './protocol'
import { sandboxTiming } from './timing'

/** How a sandbox gets its workers, and the limits it holds them to. */
export interface SandboxOptions {
  /** Names the worker in crash messages: `grader`, `playground`. */
  readonly label: string
  /** E.g. `() => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' })`. */
  readonly createWorker: () => Worker
  /**
   * Replace the worker after this many runs (default 1: every run gets a fresh worker, started in the
   * background after the previous run). Learner code can leave timers, globals and half-done work behind.
   */
  readonly recycleAfterRuns?: number
  /** A worker that has not said `ready` by then is reported as crashed (default `sandboxTiming`). */
  readonly startupTimeoutMs?: number
  /** A run whose worker sends no heartbeat for this long is stopped as `unresponsive` (default `sandboxTiming`). */
  readonly unresponsiveAfterMs?: number
  /** How long after terminating an unresponsive worker its run is reported (default `sandboxTiming`). */
  readonly terminationGraceMs?: number
  /** The worker that keeps time for the heartbeats; defaults to `watchdog.ts` (a test may script one). */
  readonly createWatchdog?: () => Worker
}

/** A value accepted as it is or with changes, or refused with a message. */
export type Checked<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly message: string }

/** Limits of one run. */
export interface RunLimits {
  /** Wall-clock budget from the moment the worker is ready; past it the worker is terminated. */
  readonly budgetMs: number
  /** Aborting cancels the run and replaces the worker. */
  readonly signal?: AbortSignal
}

/** Limits of one run and what to tell along the way. */
export interface SandboxRunOptions<Progress, Result> extends RunLimits {
  /** Called with each progress message of this run, in order. */
  readonly onProgress?: (progress: Progress) => void
  /** Vets the result before it is accepted; a refused one ends the run `crashed` and discards the worker. */
  readonly check?: (result: Result) => Checked<Result>
}

/** How a run ended; every case is data, including hangs and crashes. */
export type SandboxOutcome<Result> =
  | { readonly status: 'done'; readonly result: Result }
  | {
      readonly status: 'timeout'
      readonly budgetMs: number
      /**
       * `budget`: the run used its whole budget. `unresponsive`: the worker stopped answering for
       * `unresponsiveAfterMs` (a synchronous or microtask loop, or memory filling up) and was stopped early.
       */
      readonly reason: 'budget' | 'unresponsive'
      /** From the worker being ready to the run being stopped, in ms. */
      readonly stoppedAfterMs: number
    }
  | { readonly status: 'crashed'; readonly message: string }
  | { readonly status: 'cancelled' }

/** Runs learner code in hardened module workers it owns, one run at a time. */
export interface Sandbox<Input, Progress, Result, Hint = never> {
  /** Starts a worker now, so the first run does not wait for one to load. */
  prepare(): void
  /** Tells the waiting worker, and every later one, what the next runs will most likely need. */
  foresee(hint: Hint): void
  /** Runs `input`; a newer call cancels one still running. Never rejects for anything the learner's code does. */
  run(input: Input, options: SandboxRunOptions<Progress, Result>): Promise<SandboxOutcome<Result>>
  /** Terminates the workers; a run in progress ends `cancelled`. */
  dispose(): void
}

interface ActiveRun<Progress, Result> {
  readonly runId: string
  readonly options: SandboxRunOptions<Progress, Result>
  readonly startedAt: number
  /** When the worker said it was ready for this run (the budget's start). */
  readyAt?: number
  settle(outcome: SandboxOutcome<Result>): void
}

const defaultWatchdog = () =>
  new Worker(new URL('./watchdog.ts', import.meta.url), { type: 'module', name: 'sandbox watchdog' })

function newRunId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')
}

/**
 * Creates a sandbox: a private-port worker per run (or per `recycleAfterRuns` runs), a watchdog for code that
 * never yields, the run's budget, a grace period after stopping a busy worker, and the next worker started in
 * the background as soon as one is replaced. Nothing starts until `prepare` or the first run.
 */
export function createSandbox<Input, Progress, Result, Hint = never>(
  options: SandboxOptions,
): Sandbox<Input, Progress, Result, Hint> {
  const { label } = options
  const recycleAfterRuns = options.recycleAfterRuns ?? 1
  const startupTimeoutMs = options.startupTimeoutMs ?? sandboxTiming.startupTimeoutMs
  const unresponsiveAfterMs = options.unresponsiveAfterMs ?? sandboxTiming.unresponsiveAfterMs
  const terminationGraceMs = options.terminationGraceMs ?? sandboxTiming.terminationGraceMs
  type Run = ActiveRun<Progress, Result>
  let slot: PrivateWorker | undefined
  let active: Run | undefined
  let deadline: ReturnType<typeof setTimeout> | undefined
  let disposed = false
  let workerCount = 0
  let watchdog: Worker | undefined
  let foreseen: { hint: Hint } | undefined

  const toWatchdog = (request: WatchdogRequest, transfer: Transferable[] = []) => {
    if (!watchdog) {
      watchdog = (options.createWatchdog ?? defaultWatchdog)()
      watchdog.addEventListener('message', (event: MessageEvent<StallMessage>) => {
        const { workerId, runId } = event.data
        if (slot?.id === workerId && active?.runId === runId) stop(active, 'unresponsive')
      })
    }
    watchdog.postMessage(request, transfer)
  }

  const stop = (run: Run, reason: 'budget' | 'unresponsive') => {
    clearTimeout(deadline)
    deadline = undefined
    replaceWorker()
    const outcome: SandboxOutcome<Result> = {
      status: 'timeout',
      budgetMs: run.options.budgetMs,
      reason,
      stoppedAfterMs: Math.round(performance.now() - (run.readyAt ?? run.startedAt)),
    }
    // a worker that stopped beating is busy, so it outlives terminate() by up to ~2 s (see terminationGraceMs)
    if (reason === 'unresponsive') setTimeout(() => run.settle(outcome), terminationGraceMs)
    else run.settle(outcome)
  }

  const startDeadline = () => {
    if (!active || deadline !== undefined) return
    const run = active
    run.readyAt = performance.now()
    deadline = setTimeout(() => stop(run, 'budget'), run.options.budgetMs)
  }

  const crash = (from: PrivateWorker, message: string) => {
    if (slot !== from) return
    replaceWorker()
    active?.settle({ status: 'crashed', message })
  }

  const finish = (from: PrivateWorker, run: Run, result: Result) => {
    from.runs++
    const checked = run.options.check?.(result) ?? { ok: true, value: result }
    if (checked.ok) run.settle({ status: 'done', result: checked.value })
    else run.settle({ status: 'crashed', message: checked.message })
    if (!checked.ok || from.runs >= recycleAfterRuns) replaceWorker()
  }

  const onMessage = (from: PrivateWorker, message: WorkerMessage<Progress, Result>) => {
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
    if (message.type === 'progress') run.options.onProgress?.(message.progress)
    else if (message.type === 'result') finish(from, run, message.result)
    else if (message.type === 'error') crash(from, message.message)
  }

  const tell = (worker: PrivateWorker) => {
    if (!foreseen) return
    const message: ForeseeMessage<Hint> = { type: 'foresee', hint: foreseen.hint }
    worker.port.postMessage(message)
  }

  const spawn = (): PrivateWorker => {
    const worker = startPrivateWorker({
      createWorker: options.createWorker,
      id: ++workerCount,
      label,
      watch: toWatchdog,
      unresponsiveAfterMs,
      startupTimeoutMs,
      onMessage,
      onCrash: crash,
    })
    tell(worker)
    return worker
  }

  // terminating is the only way to stop a synchronous loop; the next worker starts loading at once
  function replaceWorker() {
    if (slot) stopPrivateWorker(slot, toWatchdog)
    slot = disposed ? undefined : spawn()
  }

  return {
    prepare() {
      if (!disposed) slot ??= spawn()
    },
    foresee(hint) {
      foreseen = { hint }
      // a worker that has run already is replaced before the next run, and its successor is told at its start
      if (slot && slot.runs === 0) tell(slot)
    },
    run(input, runOptions) {
      if (disposed) return Promise.resolve({ status: 'crashed', message: `The ${label} was disposed.` })
      if (active) {
        replaceWorker()
        active.settle({ status: 'cancelled' })
      }
      const { signal } = runOptions
      if (signal?.aborted) return Promise.resolve({ status: 'cancelled' })
      slot ??= spawn()
      const current = slot
      const runId = newRunId()

      return new Promise((resolve) => {
        const onAbort = () => {
          replaceWorker()
          run.settle({ status: 'cancelled' })
        }
        const run: Run = {
          runId,
          options: runOptions,
          startedAt: performance.now(),
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
        const message: RunMessage<Input> = { type: 'run', runId, input }
        current.port.postMessage(message)
        if (current.ready) startDeadline()
      })
    },
    dispose() {
      disposed = true
      replaceWorker()
      watchdog?.terminate()
      active?.settle({ status: 'cancelled' })
    },
  }
}
