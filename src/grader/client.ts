import type { RunRequest, RunResult, TestResult, WorkerMessage } from './protocol'

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
      /** Full name of the test that was running when the budget ran out, if one was. */
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
  /** Blob modules pile up in a long-lived worker, and learner code may change its globals: replace it after this many runs. */
  readonly recycleAfterRuns?: number
  /** A worker that has not said `ready` by then is reported as crashed. */
  readonly startupTimeoutMs?: number
}

interface ActiveRun {
  readonly runId: string
  readonly budgetMs: number
  readonly startedAt: number
  readonly finished: TestResult[]
  running?: { readonly id: string; readonly name: string } | undefined
  settle(outcome: RunOutcome): void
}

/** What a run cut short leaves: the tests that finished, counted. */
function partialResult(run: ActiveRun | undefined): RunResult {
  const tests = run ? [...run.finished] : []
  const count = (state: TestResult['state']) => tests.filter((test) => test.state === state).length
  return {
    tests,
    errors: [],
    console: [],
    totals: { passed: count('pass'), failed: count('fail'), skipped: count('skip'), total: tests.length },
    durationMs: run ? Math.round(performance.now() - run.startedAt) : 0,
  }
}

interface WorkerSlot {
  readonly worker: Worker
  ready: boolean
  runs: number
}

let runCounter = 0

/** Creates a client and starts its first worker, so the first run does not wait for the worker to load. */
export function createGraderClient(options: GraderClientOptions): GraderClient {
  const recycleAfterRuns = options.recycleAfterRuns ?? 20
  const startupTimeoutMs = options.startupTimeoutMs ?? 15_000
  let slot: WorkerSlot | undefined
  let active: ActiveRun | undefined
  let deadline: ReturnType<typeof setTimeout> | undefined
  let disposed = false

  const startDeadline = () => {
    if (!active || deadline !== undefined) return
    const run = active
    deadline = setTimeout(() => {
      replaceWorker()
      run.settle({
        status: 'timeout',
        result: partialResult(run),
        budgetMs: run.budgetMs,
        ...(run.running ? { runningTest: run.running.name } : {}),
      })
    }, run.budgetMs)
  }

  const crash = (from: WorkerSlot, message: string) => {
    if (slot !== from) return
    replaceWorker()
    active?.settle({ status: 'crashed', result: partialResult(active), message })
  }

  const onMessage = (from: WorkerSlot, message: WorkerMessage) => {
    if (slot !== from) return
    if (message.type === 'ready') {
      from.ready = true
      startDeadline()
      return
    }
    const run = active
    if (!run || message.runId !== run.runId) {
      if (message.type === 'error') crash(from, message.message)
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
      run.settle({ status: 'done', result: message.result })
      if (from.runs >= recycleAfterRuns) replaceWorker()
    } else {
      crash(from, message.message)
    }
  }

  const spawn = (): WorkerSlot => {
    const worker = options.createWorker()
    const created: WorkerSlot = { worker, ready: false, runs: 0 }
    worker.addEventListener('message', (event: MessageEvent<WorkerMessage>) => onMessage(created, event.data))
    worker.addEventListener('error', (event: ErrorEvent) => {
      event.preventDefault()
      crash(created, `The grader worker failed: ${event.message || 'it could not be loaded'}`)
    })
    worker.addEventListener('messageerror', () =>
      crash(created, 'A message from the grader worker could not be read.'),
    )
    setTimeout(() => {
      if (slot === created && !created.ready)
        crash(created, `The grader worker did not start within ${startupTimeoutMs} ms.`)
    }, startupTimeoutMs)
    return created
  }

  // terminating is the only way to stop a synchronous loop; the next worker starts loading at once
  function replaceWorker() {
    slot?.worker.terminate()
    slot = disposed ? undefined : spawn()
  }

  slot = spawn()

  return {
    run(input, { budgetMs, signal }) {
      if (disposed) {
        return Promise.resolve({
          status: 'crashed',
          result: partialResult(undefined),
          message: 'The grader was disposed.',
        })
      }
      if (active) {
        replaceWorker()
        active.settle({ status: 'cancelled', result: partialResult(active) })
      }
      if (signal?.aborted) return Promise.resolve({ status: 'cancelled', result: partialResult(undefined) })
      if (!slot) slot = spawn()
      const runId = `run-${++runCounter}-${Math.random().toString(36).slice(2, 10)}`

      return new Promise<RunOutcome>((resolve) => {
        const onAbort = () => {
          replaceWorker()
          run.settle({ status: 'cancelled', result: partialResult(run) })
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
        slot?.worker.postMessage(request)
        if (slot?.ready) startDeadline()
      })
    },
    dispose() {
      disposed = true
      replaceWorker()
      active?.settle({ status: 'cancelled', result: partialResult(active) })
    },
  }
}
