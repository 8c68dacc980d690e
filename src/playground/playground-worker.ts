/// <reference lib="webworker" />
/**
 * The playground worker: thin glue between the page's port and the playground engine, isolated like the
 * grader's worker. Learner code runs in this global scope, so before any of it exists the worker seals the
 * global channel (`postMessage`, `close`), hardens the realm, and waits for the one `connect` message that
 * hands it its private ports: to the page, for calls and reports, and to the watchdog, for heartbeats.
 */
import { hardenRealm } from '../grader/engine/harden'
import { prepareLexer } from '../grader/engine/link'
import type { GraderScope } from '../grader/engine/scope'
import { bundledPackages } from '../grader/engine/shims'
import { transpile } from '../grader/engine/transpile'
import { type BeatMessage, beatIntervalMs, type ConnectMessage } from '../grader/protocol'
import { performCall } from './engine'
import type { CallRequest, PlaygroundWorkerMessage } from './protocol'

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

// the page never listens on the global channel, and closing the worker is the playground's call
const refusals = {
  postMessage:
    'self.postMessage is not available to your code here: the playground reports the answer itself, on a channel your code cannot reach.',
  close:
    'self.close() is not available to your code here: the playground stops its worker itself after each call.',
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
hardenRealm(self)

// a fresh worker serves each call: warm the transpiler, the lexer and idb while it waits, not during the call
const warm = Promise.all([prepareLexer(), bundledPackages.idb?.()]).then(() =>
  transpile('warm.ts', 'export {}'),
)

let post: ((message: PlaygroundWorkerMessage) => void) | undefined
let beat: ((message: BeatMessage) => void) | undefined

function send(message: PlaygroundWorkerMessage): void {
  try {
    post?.(message)
  } catch (error) {
    // reports are strings and numbers, so this means a bug here; the page still learns the call ended
    const callId = 'callId' in message ? message.callId : undefined
    post?.({
      type: 'error',
      ...(callId ? { callId } : {}),
      message: `The playground's answer could not be sent: ${String(error)}`,
    })
  }
}

async function call(request: CallRequest): Promise<void> {
  const { callId } = request
  beat?.({ type: 'beat', runId: callId })
  const beats = every(() => beat?.({ type: 'beat', runId: callId }), beatIntervalMs)
  try {
    const { type: _type, callId: _callId, ...input } = request
    send({ type: 'result', callId, report: await performCall(input, scope) })
  } catch (error) {
    send({
      type: 'error',
      callId,
      message: `The playground failed: ${String((error as Error)?.stack ?? error)}`,
    })
  } finally {
    stopEvery(beats)
    beat?.({ type: 'rest', runId: callId })
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
  port.addEventListener('message', (message: MessageEvent<CallRequest>) => {
    if (message.data?.type === 'call' && typeof message.data.callId === 'string') void call(message.data)
  })
  port.start()
  void warm.finally(() => send({ type: 'ready' }))
}
listen('message', onConnect)
