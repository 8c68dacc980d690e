/// <reference lib="webworker" />
/**
 * The grader worker: thin glue between messages and the engine. Everything it needs from the global scope is
 * taken before any learner code loads, because learner code runs in this same scope and may replace globals.
 */
import { type GraderScope, type GradingProgress, runGrading } from './engine'
import type { PageMessage, WorkerMessage } from './protocol'

declare const self: DedicatedWorkerGlobalScope

const post = self.postMessage.bind(self)
const closeWorker = self.close.bind(self)
const listen = self.addEventListener.bind(self)
const scope: GraderScope = {
  console,
  addEventListener: self.addEventListener.bind(self),
  removeEventListener: self.removeEventListener.bind(self),
}
let activeRunId: string | undefined

function send(message: WorkerMessage): void {
  try {
    post(message)
  } catch (error) {
    // results are strings and numbers, so this means a bug here; the page still learns the run ended
    post({
      type: 'error',
      ...(activeRunId ? { runId: activeRunId } : {}),
      message: `Result could not be sent: ${String(error)}`,
    })
  }
}

// code under test that calls self.close() would otherwise leave the page waiting for the budget to run out
self.close = () => {
  send({
    type: 'error',
    ...(activeRunId ? { runId: activeRunId } : {}),
    message: 'The code under test closed the grader (self.close()).',
  })
  closeWorker()
}

listen('message', async (event: MessageEvent<PageMessage>) => {
  const request = event.data
  if (request?.type !== 'run') return
  const { runId } = request
  activeRunId = runId
  const onProgress = (progress: GradingProgress) => send({ type: 'progress', runId, ...progress })
  try {
    const result = await runGrading(request, { scope, onProgress })
    send({ type: 'result', runId, result })
  } catch (error) {
    send({ type: 'error', runId, message: `The grader failed: ${String((error as Error)?.stack ?? error)}` })
  } finally {
    activeRunId = undefined
  }
})

send({ type: 'ready' })
