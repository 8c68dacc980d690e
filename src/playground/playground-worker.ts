/// <reference lib="webworker" />
/**
 * The playground worker: thin glue between messages and the playground engine, isolated like the grader's
 * worker. Globals it needs are taken before any learner code loads, because that code runs in this scope.
 */
import type { GraderScope } from '../grader/engine/scope'
import { performCall } from './engine'
import type { PlaygroundPageMessage, PlaygroundWorkerMessage } from './protocol'

declare const self: DedicatedWorkerGlobalScope

const post = self.postMessage.bind(self)
const closeWorker = self.close.bind(self)
const listen = self.addEventListener.bind(self)
const scope: GraderScope = {
  console,
  addEventListener: self.addEventListener.bind(self),
  removeEventListener: self.removeEventListener.bind(self),
}
let activeCallId: string | undefined

function send(message: PlaygroundWorkerMessage): void {
  try {
    post(message)
  } catch (error) {
    // reports are strings and numbers, so this means a bug here; the page still learns the call ended
    post({
      type: 'error',
      ...(activeCallId ? { callId: activeCallId } : {}),
      message: `The playground's answer could not be sent: ${String(error)}`,
    })
  }
}

// code that calls self.close() would otherwise leave the page waiting for the time limit
self.close = () => {
  send({
    type: 'error',
    ...(activeCallId ? { callId: activeCallId } : {}),
    message: 'Your code closed the playground worker (self.close()).',
  })
  closeWorker()
}

listen('message', async (event: MessageEvent<PlaygroundPageMessage>) => {
  const request = event.data
  if (request?.type !== 'call') return
  const { callId } = request
  activeCallId = callId
  try {
    send({ type: 'result', callId, report: await performCall(request, scope) })
  } catch (error) {
    send({
      type: 'error',
      callId,
      message: `The playground failed: ${String((error as Error)?.stack ?? error)}`,
    })
  } finally {
    activeCallId = undefined
  }
})

send({ type: 'ready' })
