// Scripted stand-ins for a sandbox worker, its ports and its watchdog, so a client's bookkeeping can be stepped
// with fake timers in node. `useScriptedWorkers` installs them for each test of a file.
import { afterEach, beforeEach, vi } from 'vitest'
import type {
  ConnectMessage,
  ForeseeMessage,
  RunMessage,
  WatchdogRequest,
  WorkerMessage,
} from '../../src/sandbox/protocol'

/** A MessagePort that delivers at once. */
export class ScriptedPort extends EventTarget {
  other?: ScriptedPort
  closed = false
  postMessage(data: unknown) {
    if (!this.closed) this.other?.dispatchEvent(new MessageEvent('message', { data }))
  }
  start() {}
  close() {
    this.closed = true
  }
}

export class ScriptedChannel {
  readonly port1 = new ScriptedPort()
  readonly port2 = new ScriptedPort()
  constructor() {
    this.port1.other = this.port2
    this.port2.other = this.port1
  }
}

/** A worker that records the runs and hints posted on its private port and sends what the test tells it to. */
export class ScriptedWorker<Input = unknown, Progress = unknown, Result = unknown> extends EventTarget {
  readonly received: (RunMessage<Input> | ForeseeMessage<unknown>)[] = []
  port?: ScriptedPort
  terminated = false
  /** The one message the worker's global channel carries. */
  postMessage(message: ConnectMessage) {
    this.port = message.port as unknown as ScriptedPort
    this.port.addEventListener('message', (event) => this.received.push((event as MessageEvent).data))
  }
  terminate() {
    this.terminated = true
  }
  send(message: WorkerMessage<Progress, Result>) {
    this.port?.postMessage(message)
  }
  ready() {
    this.send({ type: 'ready' })
  }
  progress(progress: Progress) {
    this.send({ type: 'progress', runId: this.runId, progress })
  }
  result(result: Result) {
    this.send({ type: 'result', runId: this.runId, result })
  }
  /** Posts on the worker's global channel, as learner code calling self.postMessage would. */
  sendOnGlobalChannel(message: WorkerMessage<Progress, Result>) {
    this.dispatchEvent(new MessageEvent('message', { data: message }))
  }
  /** The id of the last run posted to this worker. */
  get runId(): string {
    const runs = this.received.filter((message): message is RunMessage<Input> => message.type === 'run')
    const last = runs.at(-1)
    if (!last) throw new Error('no run was posted')
    return last.runId
  }
}

export class ScriptedWatchdog extends EventTarget {
  readonly requests: WatchdogRequest[] = []
  terminated = false
  postMessage(request: WatchdogRequest) {
    this.requests.push(request)
  }
  terminate() {
    this.terminated = true
  }
  stall(workerId: number, runId: string) {
    this.dispatchEvent(
      new MessageEvent('message', { data: { type: 'stall', workerId, runId, silentForMs: 1_001 } }),
    )
  }
}

/**
 * For each test of the calling file: `ScriptedChannel` as the global MessageChannel, fake timers, and fresh lists
 * of the scripted workers and watchdog that a client made with `factories` creates.
 */
export function useScriptedWorkers<Input, Progress, Result>() {
  const made: {
    workers: ScriptedWorker<Input, Progress, Result>[]
    watchdog?: ScriptedWatchdog | undefined
  } = {
    workers: [],
  }
  beforeEach(() => {
    made.workers = []
    made.watchdog = undefined
    vi.stubGlobal('MessageChannel', ScriptedChannel)
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
    vi.unstubAllGlobals()
  })
  return {
    /** Every worker created in this test, oldest first. */
    get workers() {
      return made.workers
    },
    /** The watchdog created in this test, if any. */
    get watchdog() {
      return made.watchdog
    },
    /** The newest worker. */
    latest() {
      const worker = made.workers.at(-1)
      if (!worker) throw new Error('no worker was created')
      return worker
    },
    /** Forgets the workers created so far, for a second client in the same test. */
    forgetWorkers() {
      made.workers = []
    },
    /** The client options that make it create scripted workers and a scripted watchdog. */
    factories: {
      createWorker: () => {
        const worker = new ScriptedWorker<Input, Progress, Result>()
        made.workers.push(worker)
        return worker as unknown as globalThis.Worker
      },
      createWatchdog: () => {
        made.watchdog = new ScriptedWatchdog()
        return made.watchdog as unknown as globalThis.Worker
      },
    },
  }
}
