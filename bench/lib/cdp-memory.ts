import type { Browser, CDPSession, Page } from 'playwright'

/** JS heap of the page's main thread and of each of its workers, after a forced garbage collection. */
export interface HeapSnapshot {
  /** Bytes: CDP Performance.getMetrics `JSHeapUsedSize` of the page. */
  readonly pageHeap: number
  /** Bytes: CDP Runtime.getHeapUsage `usedSize` of each worker, by script URL. */
  readonly workerHeaps: readonly { readonly url: string; readonly used: number }[]
  /** Live dedicated workers of the page's browser context (CDP Target.getTargets, type `worker`). */
  readonly workers: number
  /** DOM nodes the page holds (Performance.getMetrics `Nodes`). */
  readonly domNodes: number
}

/** Reads heaps and workers of one page over CDP (the page's own session and the browser's, for its workers). */
export interface MemoryProbe {
  snapshot(): Promise<HeapSnapshot>
  dispose(): Promise<void>
}

interface TargetInfo {
  targetId: string
  type: string
  url: string
  browserContextId?: string
}

/**
 * Talks to a worker through the browser session without flattening (Target.sendMessageToTarget), because
 * Playwright's CDPSession cannot address a flattened child session.
 */
async function callWorker<T>(browserSession: CDPSession, targetId: string, method: string): Promise<T> {
  const { sessionId } = await browserSession.send('Target.attachToTarget', { targetId, flatten: false })
  try {
    const id = Math.floor(Math.random() * 1e9)
    const answer = new Promise<T>((resolve, reject) => {
      const listener = (event: { sessionId: string; message: string }) => {
        if (event.sessionId !== sessionId) return
        const message = JSON.parse(event.message) as { id?: number; result?: T; error?: { message: string } }
        if (message.id !== id) return
        browserSession.off('Target.receivedMessageFromTarget', listener)
        if (message.error) reject(new Error(`${method}: ${message.error.message}`))
        else resolve(message.result as T)
      }
      browserSession.on('Target.receivedMessageFromTarget', listener)
    })
    await browserSession.send('Target.sendMessageToTarget', {
      sessionId,
      message: JSON.stringify({ id, method }),
    })
    return await answer
  } finally {
    await browserSession.send('Target.detachFromTarget', { sessionId }).catch(() => undefined)
  }
}

/** Creates a probe for `page`. */
export async function createMemoryProbe(browser: Browser, page: Page): Promise<MemoryProbe> {
  const pageSession = await page.context().newCDPSession(page)
  const browserSession = await browser.newBrowserCDPSession()
  await pageSession.send('Performance.enable')
  const own = (await pageSession.send('Target.getTargetInfo')).targetInfo as TargetInfo
  const workerTargets = async () =>
    ((await browserSession.send('Target.getTargets')).targetInfos as TargetInfo[]).filter(
      (target) => target.type === 'worker' && target.browserContextId === own.browserContextId,
    )
  return {
    async snapshot() {
      const workers = await workerTargets()
      const workerHeaps = []
      for (const worker of workers) {
        await callWorker(browserSession, worker.targetId, 'HeapProfiler.collectGarbage')
        const usage = await callWorker<{ usedSize: number }>(
          browserSession,
          worker.targetId,
          'Runtime.getHeapUsage',
        )
        workerHeaps.push({ url: worker.url, used: usage.usedSize })
      }
      await pageSession.send('HeapProfiler.collectGarbage')
      const { metrics } = await pageSession.send('Performance.getMetrics')
      const metric = (name: string) => metrics.find((entry) => entry.name === name)?.value ?? Number.NaN
      return {
        pageHeap: metric('JSHeapUsedSize'),
        workerHeaps,
        workers: workers.length,
        domNodes: metric('Nodes'),
      }
    },
    async dispose() {
      await pageSession.detach().catch(() => undefined)
      await browserSession.detach().catch(() => undefined)
    },
  }
}
