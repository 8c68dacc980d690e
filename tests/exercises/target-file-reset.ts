import { afterAll, vi } from 'vitest'

// The targets' test files share one iframe per tab (targets.config.ts), where a fresh iframe per file would drop
// whatever a suite or the code under it left in Vitest's state. Undo that after each file, so the next target's
// suite starts as it would in a fresh page: spies restored (a spied-on `crypto.subtle` would otherwise answer
// for the next target), real timers and clock, stubbed globals and env back.
afterAll(() => {
  vi.restoreAllMocks()
  vi.useRealTimers()
  vi.unstubAllGlobals()
  vi.unstubAllEnvs()
})
