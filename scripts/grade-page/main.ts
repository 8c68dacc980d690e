// The page `npm run grade` opens in headless Chromium: the app's own grader client and worker, nothing else.
import { createGraderClient, type RunInput, type RunLimits, type RunOutcome } from '../../src/grader/client'

declare global {
  interface Window {
    /** Set once the client exists; grades one set of files as the app's Run button would. */
    authlabGrade?: (input: RunInput, options: RunLimits) => Promise<RunOutcome>
  }
}

const grader = createGraderClient({
  createWorker: () => new Worker(new URL('../../src/grader/worker.ts', import.meta.url), { type: 'module' }),
  // the first worker waits for Vite to transform its dependencies, slow on a busy 2-core machine
  startupTimeoutMs: 60_000,
})
window.authlabGrade = (input, options) => grader.run(input, options)
