/// <reference lib="webworker" />
/**
 * The worker side of a sandbox: the preamble every sandbox worker runs before any learner code can exist.
 * It seals the global channel (`postMessage`, `close`), warms the transpiler, hardens the realm, and waits for
 * the one `connect` message that hands it its private ports (to the page, and to the watchdog for heartbeats).
 * Runs and results travel only on the page port; the ports and each run's id live in this module's closure,
 * out of learner code's reach.
 */
import { hardenRealm, type Seal } from './harden'
import { prepareLexer } from './link'
import type { BeatMessage, ConnectMessage, ForeseeMessage, RunMessage, WorkerMessage } from './protocol'
import { sandboxTiming } from './timing'
import { warmUpTranspiler } from './transpile'
import type { SandboxScope } from './unhandled-errors'
import { onWebCryptoSettled } from './web-crypto'

declare const self: DedicatedWorkerGlobalScope

/** What a run's handler gets besides its input. */
export interface RunContext<Progress> {
  /** The worker's global scope as it was before hardening: the console and error events to watch. */
  readonly scope: SandboxScope
  /** Sends progress to the page, tagged with the run's id. */
  progress(progress: Progress): void
}

/** One user of the sandbox, on the worker side. */
export interface SandboxWorkerOptions<Input, Progress, Result, Hint = never> {
  /** Names the runner in the messages learner code and the page see: `grader`, `playground`. */
  readonly name: string
  /** Seals the user's own trusted objects along with the realm (the grader: its assertion library). */
  readonly seal?: Seal
  /** More to load before the worker says ready, so a run does not pay for it (the playground: `idb`). */
  readonly warmUp?: () => Promise<unknown>
  /** Prepares what the page says the next runs will most likely need (before any learner code runs here). */
  readonly foresee?: (hint: Hint) => void
  /** Performs one run; must not throw for anything learner code does (a throw is reported as a crash). */
  readonly run: (input: Input, context: RunContext<Progress>) => Promise<Result>
}

/** Sets up this worker as a sandbox worker for `options.run`; call once, at the top of the worker module. */
export function serveSandbox<Input, Progress, Result, Hint = never>(
  options: SandboxWorkerOptions<Input, Progress, Result, Hint>,
): void {
  const { name } = options
  // taken before anything is hardened or replaced
  const listen = self.addEventListener.bind(self)
  const unlisten = self.removeEventListener.bind(self)
  const every = setInterval
  const stopEvery = clearInterval
  const now = performance.now.bind(performance)
  const scope: SandboxScope = {
    console,
    addEventListener: self.addEventListener.bind(self),
    removeEventListener: self.removeEventListener.bind(self),
  }

  // the global channel is the page's `worker.onmessage`: nothing learner code posts there may reach the page,
  // and closing the worker is the sandbox's call, so both fail loudly where the learner's code called them
  const refusals = {
    postMessage: `self.postMessage is not available to code under test: the ${name} reports results itself, on a channel your code cannot reach.`,
    close: `self.close() is not available to code under test: the ${name} stops its worker itself when the run is over.`,
  }
  for (const [key, message] of Object.entries(refusals)) {
    Object.defineProperty(self, key, {
      value: () => {
        throw new TypeError(message)
      },
      writable: false,
      configurable: false,
    })
  }
  warmUpTranspiler()
  // set while a run is active: beats now, or when the last beat is older than `beatIntervalMs`
  let beatNow: (() => void) | undefined
  let lastBeatAt = 0
  // a loop of awaited Web Crypto calls starves every timer and message task of this thread (SECURITY.md),
  // but each settled call is progress: it beats too, and a synchronous loop still gets none
  onWebCryptoSettled(self, () => {
    if (beatNow && now() - lastBeatAt >= sandboxTiming.beatIntervalMs) beatNow()
  })
  const hardening = hardenRealm(self, options.seal)
  // a warm-up that failed costs the first run some time, nothing more
  const warmed = Promise.all([prepareLexer(), options.warmUp?.()]).catch(() => undefined)

  type Message = WorkerMessage<Progress, Result>
  let post: ((message: Message) => void) | undefined
  let beat: ((message: BeatMessage) => void) | undefined

  const send = (message: Message) => {
    try {
      post?.(message)
    } catch (error) {
      // results are plain data, so this means a bug here; the page still learns the run ended
      const runId = 'runId' in message ? message.runId : undefined
      post?.({
        type: 'error',
        ...(runId ? { runId } : {}),
        message: `The ${name}'s answer could not be sent: ${String(error)}`,
      })
    }
  }

  const perform = async ({ runId, input }: RunMessage<Input>) => {
    beatNow = () => {
      lastBeatAt = now()
      beat?.({ type: 'beat', runId })
    }
    beatNow()
    const beats = every(beatNow, sandboxTiming.beatIntervalMs)
    try {
      const progress = (value: Progress) => send({ type: 'progress', runId, progress: value })
      send({ type: 'result', runId, result: await options.run(input, { scope, progress }) })
    } catch (error) {
      send({
        type: 'error',
        runId,
        message: `The ${name} failed: ${String((error as Error)?.stack ?? error)}`,
      })
    } finally {
      stopEvery(beats)
      beatNow = undefined
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
    let ran = false
    port.addEventListener('message', (message: MessageEvent<RunMessage<Input> | ForeseeMessage<Hint>>) => {
      const { data } = message
      if (data?.type === 'run' && typeof data.runId === 'string') {
        ran = true
        // a run sent before `ready` waits for the warm-up (which may use the same runner) to finish; runs keep
        // their order, as they are chained on the same promise
        void warmed.then(() => perform(data))
      } else if (data?.type === 'foresee' && !ran) {
        // after a run has started, learner code lives in this realm: nothing more is prepared here
        try {
          options.foresee?.(data.hint)
        } catch {
          // only a hint: the run does the work itself
        }
      }
    })
    port.start()
    void warmed.then(() => send({ type: 'ready', hardening }))
  }
  listen('message', onConnect)
}
