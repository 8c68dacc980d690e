/// <reference lib="webworker" />
/**
 * The grader worker: thin glue between the page's port and the engine. Learner code runs in this same global
 * scope, so before any of it can exist the worker seals the global channel (`postMessage`, `close`), hardens
 * the realm, and waits for the one `connect` message that hands it its private ports (to the page, and to the
 * watchdog for heartbeats). Results travel only on the page port; the ports and the run's id live in this
 * module's closure, out of learner code's reach.
 */
import {
  type GraderScope,
  type GradingInput,
  type GradingProgress,
  hardenRealm,
  runGrading,
  warmUpTranspiler,
} from './engine'
import {
  type BeatMessage,
  beatIntervalMs,
  type ConnectMessage,
  type RunRequest,
  type WorkerMessage,
} from './protocol'

declare const self: DedicatedWorkerGlobalScope

// taken before anything is hardened or replaced
const listen = self.addEventListener.bind(self)
const unlisten = self.removeEventListener.bind(self)
const every = setInterval
const stopEvery = clearInterval
const scope: GraderScope = {
  console,
  addEventListener: self.addEventListener.bind(self),
  removeEventListener: self.removeEventListener.bind(self),
}

// the global channel is the page's `worker.onmessage`: nothing learner code posts there may reach the page,
// and closing the worker is the grader's call, so both fail loudly where the learner's code called them
const refusals = {
  postMessage:
    'self.postMessage is not available to code under test: the grader reports results itself, on a channel your code cannot reach.',
  close:
    'self.close() is not available to code under test: the grader stops its worker itself when the run is over.',
}
for (const [name, message] of Object.entries(refusals)) {
  Object.defineProperty(self, name, {
    value: () => {
      throw new TypeError(message)
    },
    writable: false,
    configurable: false,
  })
}
warmUpTranspiler()
const hardening = hardenRealm(self)

let post: ((message: WorkerMessage) => void) | undefined
let beat: ((message: BeatMessage) => void) | undefined

function send(message: WorkerMessage): void {
  try {
    post?.(message)
  } catch (error) {
    // results are strings and numbers, so this means a bug here; the page still learns the run ended
    const runId = 'runId' in message ? message.runId : undefined
    post?.({
      type: 'error',
      ...(runId ? { runId } : {}),
      message: `Result could not be sent: ${String(error)}`,
    })
  }
}

async function grade(request: RunRequest): Promise<void> {
  const { runId } = request
  // a copy without the run's id: the engine hands its input to code learner code can observe
  const input: GradingInput = {
    files: request.files,
    suite: request.suite,
    allowedImports: request.allowedImports,
    ...(request.testTimeoutMs === undefined ? {} : { testTimeoutMs: request.testTimeoutMs }),
  }
  const onProgress = (progress: GradingProgress) => send({ type: 'progress', runId, ...progress })
  beat?.({ type: 'beat', runId })
  const beats = every(() => beat?.({ type: 'beat', runId }), beatIntervalMs)
  try {
    const result = await runGrading(input, { scope, onProgress })
    send({ type: 'result', runId, result })
  } catch (error) {
    send({ type: 'error', runId, message: `The grader failed: ${String((error as Error)?.stack ?? error)}` })
  } finally {
    stopEvery(beats)
    beat?.({ type: 'rest', runId })
  }
}

const onConnect = (event: MessageEvent<ConnectMessage>) => {
  const { data } = event
  if (post || data?.type !== 'connect') return
  if (!(data.port instanceof MessagePort) || !(data.beats instanceof MessagePort)) return
  unlisten('message', onConnect)
  const { port, beats } = data
  post = port.postMessage.bind(port)
  beat = beats.postMessage.bind(beats)
  port.addEventListener('message', (message: MessageEvent<RunRequest>) => {
    if (message.data?.type === 'run' && typeof message.data.runId === 'string') void grade(message.data)
  })
  port.start()
  send({ type: 'ready', hardening })
}
listen('message', onConnect)
