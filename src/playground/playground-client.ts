import { type PrivateWorker, startPrivateWorker, stopPrivateWorker } from '../grader/private-worker'
import type { StallMessage, WatchdogRequest } from '../grader/protocol'
import type { CallInput, CallReport, CallRequest, PlaygroundWorkerMessage } from './protocol'

export type { CallInput }

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
  | {
      readonly status: 'timeout'
      readonly budgetMs: number
      /** `budget`: it used the whole budget. `unresponsive`: the worker stopped answering (a loop, memory filling up). */
      readonly reason: 'budget' | 'unresponsive'
      readonly stoppedAfterMs: number
    }
  | { readonly status: 'crashed'; readonly message: string }
  | { readonly status: 'cancelled' }

/** Runs playground calls in module Workers it owns, one call at a time, a fresh worker for each. */
export interface PlaygroundClient {
  /** Performs `input`; a newer call cancels one still running. Never rejects for anything the learner's code does. */
  call(input: CallInput, options: CallOptions): Promise<CallOutcome>
  /** Terminates the workers; a call in progress ends `cancelled`. */
  dispose(): void
}

/** How the client gets workers. */
export interface PlaygroundClientOptions {
  /** E.g. `() => new Worker(new URL('./playground-worker.ts', import.meta.url), { type: 'module' })`. */
  readonly createWorker: () => Worker
  /** A worker that has not said `ready` by then is reported as crashed. */
  readonly startupTimeoutMs?: number
  /** A call whose worker sends no heartbeat for this long is stopped as `unresponsive` (default 2000 ms). */
  readonly unresponsiveAfterMs?: number
  /** The worker that keeps time for the heartbeats; defaults to the grader's `watchdog.ts`. */
  readonly createWatchdog?: () => Worker
}

type Slot = PrivateWorker

interface ActiveCall {
  readonly callId: string
  readonly budgetMs: number
  readyAt?: number
  settle(outcome: CallOutcome): void
}

const defaultWatchdog = () =>
  new Worker(new URL('../grader/watchdog.ts', import.meta.url), {
    type: 'module',
    name: 'playground watchdog',
  })

function newCallId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) =>
    byte.toString(16).padStart(2, '0'),
  ).join('')
}

/**
 * Creates a client that isolates calls as the grader isolates runs: a hardened worker talking on a private
 * port, a watchdog for code that never yields, the time limit, and a fresh worker for every call (learner
 * code can leave timers and globals behind). Workers start on the first call, then one waits ready for the next.
 */
export function createPlaygroundClient(options: PlaygroundClientOptions): PlaygroundClient {
  const startupTimeoutMs = options.startupTimeoutMs ?? 15_000
  const unresponsiveAfterMs = options.unresponsiveAfterMs ?? 2_000
  let slot: Slot | undefined
  let active: ActiveCall | undefined
  let deadline: ReturnType<typeof setTimeout> | undefined
  let disposed = false
  let workerCount = 0
  let watchdog: Worker | undefined

  const toWatchdog = (request: WatchdogRequest, transfer: Transferable[] = []) => {
    if (!watchdog) {
      watchdog = (options.createWatchdog ?? defaultWatchdog)()
      watchdog.addEventListener('message', (event: MessageEvent<StallMessage>) => {
        const { workerId, runId } = event.data
        if (slot?.id === workerId && active?.callId === runId) stop(active, 'unresponsive')
      })
    }
    watchdog.postMessage(request, transfer)
  }

  const stop = (call: ActiveCall, reason: 'budget' | 'unresponsive') => {
    replaceWorker()
    const stoppedAfterMs = Math.round(performance.now() - (call.readyAt ?? performance.now()))
    call.settle({ status: 'timeout', budgetMs: call.budgetMs, reason, stoppedAfterMs })
  }

  const startDeadline = () => {
    if (!active || deadline !== undefined) return
    const call = active
    call.readyAt = performance.now()
    deadline = setTimeout(() => stop(call, 'budget'), call.budgetMs)
  }

  const crash = (from: Slot, message: string) => {
    if (slot !== from) return
    replaceWorker()
    active?.settle({ status: 'crashed', message })
  }

  const onMessage = (from: Slot, message: PlaygroundWorkerMessage) => {
    if (slot !== from) return
    if (message?.type === 'ready') {
      from.ready = true
      startDeadline()
      return
    }
    const call = active
    if (!call || message?.callId !== call.callId) {
      if (message?.type === 'error') crash(from, message.message)
      return
    }
    if (message.type === 'error') crash(from, message.message)
    else if (message.type === 'result') {
      call.settle({ status: 'done', report: message.report })
      replaceWorker()
    }
  }

  const spawn = (): Slot =>
    startPrivateWorker({
      createWorker: options.createWorker,
      id: ++workerCount,
      label: 'playground',
      extra: {},
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
      const callId = newCallId()
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
        current.port.postMessage(request)
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
