// Where the child run's grader worker bundle lives: built by grader-worker-build.ts, served by targets.config.ts,
// started by grade-targets.browser.ts. Plain data, so the browser side can import it too.

/** The bundle's folder; the child run serves it as its public files. */
export const graderWorkerDir = '.authlab/grader-worker'

/** The bundle's entry file name, without `.js`. */
export const graderWorkerName = 'grader-worker'

/** The bundle's address in the child run's browser session. */
export const graderWorkerUrl = `/${graderWorkerName}.js`
