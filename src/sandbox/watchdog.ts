/// <reference lib="webworker" />
/**
 * The watchdog worker: keeps time for every sandbox worker of a client, off the main thread. Each sandbox worker
 * beats on a port of its own while a run is active; when one falls silent for `unresponsiveAfterMs`, the
 * watchdog tells the page, which terminates it. Its own timers run on this thread, so neither a busy page nor
 * a throttled background tab delays the verdict. Learner code never runs here.
 */
import type { BeatMessage, StallMessage, WatchdogRequest } from './protocol'
import { sandboxTiming } from './timing'

declare const self: DedicatedWorkerGlobalScope

interface Watched {
  readonly port: MessagePort
  readonly unresponsiveAfterMs: number
  /** The run in progress and its last beat; undefined between runs. */
  run?: { readonly runId: string; lastBeatAt: number } | undefined
}

const watched = new Map<number, Watched>()

function unwatch(workerId: number): void {
  watched.get(workerId)?.port.close()
  watched.delete(workerId)
}

self.addEventListener('message', (event: MessageEvent<WatchdogRequest>) => {
  const request = event.data
  if (request.type === 'unwatch') {
    unwatch(request.workerId)
    return
  }
  const entry: Watched = { port: request.port, unresponsiveAfterMs: request.unresponsiveAfterMs }
  request.port.addEventListener('message', (beat: MessageEvent<BeatMessage>) => {
    entry.run =
      beat.data.type === 'beat' ? { runId: beat.data.runId, lastBeatAt: performance.now() } : undefined
  })
  request.port.start()
  watched.set(request.workerId, entry)
})

setInterval(() => {
  const now = performance.now()
  for (const [workerId, entry] of watched) {
    if (!entry.run) continue
    const silentForMs = Math.round(now - entry.run.lastBeatAt)
    if (silentForMs <= entry.unresponsiveAfterMs) continue
    const stall: StallMessage = { type: 'stall', workerId, runId: entry.run.runId, silentForMs }
    self.postMessage(stall)
    unwatch(workerId)
  }
}, sandboxTiming.watchdogCheckMs)
