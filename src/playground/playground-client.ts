import type { CallReport, CallRequest, PlaygroundWorkerMessage } from './protocol'

/** What to call: a `CallRequest` without the envelope the client adds. */
export type CallInput = Omit<CallRequest, 'type' | 'callId'>

/** Limits of one call. */
export interface CallOptions {
  /** Wall-clock budget from the moment the worker is ready; past it the worker is terminated. */
  readonly budgetMs: number
  /** Aborting cancels the call and replaces the worker. */
  readonly signal?: AbortSignal
}

/** How a call ended; every case is data, including hangs and crashes. */
export type CallOutcome =
  | { readonly status: 'done'; readonly report: CallReport }
  | { readonly status: 'timeout'; readonly budgetMs: number }
  | { readonly status: 'crashed'; readonly message: string }
  | { readonly status: 'cancelled' }

/** Runs playground calls in a module Worker it owns, one at a time. */
export interface PlaygroundClient {
  /** Performs `input`; a newer call cancels one still running. Never rejects for anything the learner's code does. */
  call(input: CallInput, options: CallOptions): Promise<CallOutcome>
  /** Terminates the worker; a call in progress ends `cancelled`. */
  dispose(): void
}

/** How the client gets workers. */
export interface PlaygroundClientOptions {
  /** E.g. `() => new Worker(new URL('./playground-worker.ts', import.meta.url), { type: 'module' })`. */
  readonly createWorker: () => Worker
  /** Blob modules pile up in a long-lived worker, and learner code may change its globals: replace it after this many calls. */
  readonly recycleAfterCalls?: number
  /** A worker that has not said `ready` by then is reported as crashed. */
  readonly startupTimeoutMs?: number
}

interface Slot {
  readonly worker: Worker
  ready: boolean
  calls: number
}

interface ActiveCall {
  readonly callId: string
  readonly budgetMs: number
  settle(outcome: CallOutcome): void
}

let callCounter = 0

/**
 * Creates a client. Unlike the grader's, it starts its worker on the first call: most learners never open
 * the playground, and it should cost them nothing.
 */
export function createPlaygroundClient(options: PlaygroundClientOptions): PlaygroundClient {
  const recycleAfterCalls = options.recycleAfterCalls ?? 20
  const startupTimeoutMs = options.startupTimeoutMs ?? 15_000
  let slot: Slot | undefined
  let active: ActiveCall | undefined
  let deadline: ReturnType<typeof setTimeout> | undefined
  let disposed = false

  const startDeadline = () => {
    if (!active || deadline !== undefined) return
    const call = active
    deadline = setTimeout(() => {
      replaceWorker()
      call.settle({ status: 'timeout', budgetMs: call.budgetMs })
    }, call.budgetMs)
  }

  const crash = (from: Slot, message: string) => {
    if (slot !== from) return
    replaceWorker()
    active?.settle({ status: 'crashed', message })
  }

  const onMessage = (from: Slot, message: PlaygroundWorkerMessage) => {
    if (slot !== from) return
    if (message.type === 'ready') {
      from.ready = true
      startDeadline()
      return
    }
    const call = active
    if (!call || message.callId !== call.callId) {
      if (message.type === 'error') crash(from, message.message)
      return
    }
    if (message.type === 'error') {
      crash(from, message.message)
      return
    }
    from.calls++
    call.settle({ status: 'done', report: message.report })
    if (from.calls >= recycleAfterCalls) replaceWorker()
  }

  const spawn = (): Slot => {
    const worker = options.createWorker()
    const created: Slot = { worker, ready: false, calls: 0 }
    worker.addEventListener('message', (event: MessageEvent<PlaygroundWorkerMessage>) =>
      onMessage(created, event.data),
    )
    worker.addEventListener('error', (event: ErrorEvent) => {
      event.preventDefault()
      crash(created, `The playground worker failed: ${event.message || 'it could not be loaded'}`)
    })
    worker.addEventListener('messageerror', () =>
      crash(created, 'A message from the playground worker could not be read.'),
    )
    setTimeout(() => {
      if (slot === created && !created.ready)
        crash(created, `The playground worker did not start within ${startupTimeoutMs} ms.`)
    }, startupTimeoutMs)
    return created
  }

  // terminating is the only way to stop a synchronous loop; the next call starts a fresh worker
  function replaceWorker() {
    slot?.worker.terminate()
    slot = undefined
  }

  return {
    call(input, { budgetMs, signal }) {
      if (disposed) return Promise.resolve({ status: 'crashed', message: 'The playground was closed.' })
      if (active) {
        replaceWorker()
        active.settle({ status: 'cancelled' })
      }
      if (signal?.aborted) return Promise.resolve({ status: 'cancelled' })
      slot ??= spawn()
      const current = slot
      const callId = `call-${++callCounter}-${Math.random().toString(36).slice(2, 10)}`
      return new Promise<CallOutcome>((resolve) => {
        const onAbort = () => {
          replaceWorker()
          call.settle({ status: 'cancelled' })
        }
        const call: ActiveCall = {
          callId,
          budgetMs,
          settle(outcome) {
            if (active !== call) return
            active = undefined
            clearTimeout(deadline)
            deadline = undefined
            signal?.removeEventListener('abort', onAbort)
            resolve(outcome)
          },
        }
        active = call
        signal?.addEventListener('abort', onAbort, { once: true })
        const request: CallRequest = { type: 'call', callId, ...input }
        current.worker.postMessage(request)
        if (current.ready) startDeadline()
      })
    },
    dispose() {
      disposed = true
      replaceWorker()
      active?.settle({ status: 'cancelled' })
    },
  }
}
