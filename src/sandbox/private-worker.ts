import type { ConnectMessage, WatchdogRequest } from './protocol'

/**
 * A worker that talks to the page only on a private port handed over in its first message, with its
 * heartbeats watched by the watchdog.
 */
export interface PrivateWorker {
  readonly id: number
  readonly worker: Worker
  /** The page's end of the private channel; the worker's own global channel is never listened to. */
  readonly port: MessagePort
  /** Set by the client when the worker says `ready`. */
  ready: boolean
  /** Runs this worker has finished, for recycling. */
  runs: number
}

/** How to start one private worker and whom to tell about it. */
export interface PrivateWorkerOptions<Message> {
  readonly createWorker: () => Worker
  readonly id: number
  /** Names the worker in crash messages: `grader`, `playground`. */
  readonly label: string
  /** Posts to the watchdog. */
  readonly watch: (request: WatchdogRequest, transfer?: Transferable[]) => void
  readonly unresponsiveAfterMs: number
  readonly startupTimeoutMs: number
  readonly onMessage: (from: PrivateWorker, message: Message) => void
  /** The worker failed to load, sent an unreadable message, or did not start in time. */
  readonly onCrash: (from: PrivateWorker, message: string) => void
}

/** Starts a worker, connects its private port and its heartbeat port, and watches its startup time. */
export function startPrivateWorker<Message>(options: PrivateWorkerOptions<Message>): PrivateWorker {
  const { label, startupTimeoutMs, onCrash } = options
  const worker = options.createWorker()
  const channel = new MessageChannel()
  const beats = new MessageChannel()
  const started: PrivateWorker = { id: options.id, worker, port: channel.port1, ready: false, runs: 0 }
  // the worker's own channel (where learner code's self.postMessage would land) is not listened to at all
  channel.port1.addEventListener('message', (event: MessageEvent<Message>) =>
    options.onMessage(started, event.data),
  )
  channel.port1.addEventListener('messageerror', () =>
    onCrash(started, `A message from the ${label} worker could not be read.`),
  )
  channel.port1.start()
  worker.addEventListener('error', (event: ErrorEvent) => {
    event.preventDefault()
    onCrash(started, `The ${label} worker failed: ${event.message || 'it could not be loaded'}`)
  })
  options.watch(
    {
      type: 'watch',
      workerId: started.id,
      port: beats.port2,
      unresponsiveAfterMs: options.unresponsiveAfterMs,
    },
    [beats.port2],
  )
  const connect: ConnectMessage = { type: 'connect', port: channel.port2, beats: beats.port1 }
  worker.postMessage(connect, [channel.port2, beats.port1])
  setTimeout(() => {
    if (!started.ready) onCrash(started, `The ${label} worker did not start within ${startupTimeoutMs} ms.`)
  }, startupTimeoutMs)
  return started
}

/** Terminates the worker (the only way to stop a synchronous loop), closes its port and stops watching it. */
export function stopPrivateWorker(
  stopped: PrivateWorker,
  watch: (request: WatchdogRequest, transfer?: Transferable[]) => void,
): void {
  stopped.worker.terminate()
  stopped.port.close()
  watch({ type: 'unwatch', workerId: stopped.id })
}
