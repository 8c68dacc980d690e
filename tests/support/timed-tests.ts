/**
 * Test files that assert wall-clock bounds (a watchdog's stop, a budget + 1 s, a main thread free of long tasks).
 * `npm run check:full` runs them after everything else, one project at a time and one file at a time (the
 * chromium-timed and e2e-timed projects in vite.config.ts), so no other browser shares the two cores meanwhile:
 * under load they would measure the machine, not the app; `npm test` leaves them out. tests/unit/timed-tests.test.ts
 * finds a browser test that times something and is missing here.
 */
export const timedInBrowser = [
  'tests/browser/grader-client.test.ts',
  'tests/browser/grader-engine-hard-cases.test.ts',
  'tests/browser/grader-faults.test.ts',
  'tests/browser/playground-worker.test.ts',
  'tests/browser/sandbox.test.ts',
  'tests/browser/storage-draft-saver.test.ts',
]

/** The end-to-end files of the same kind (long tasks during a run, time to a message). */
export const timedEndToEnd = ['tests/e2e/faults.test.ts']
