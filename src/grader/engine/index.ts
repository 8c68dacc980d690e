/**
 * The grader engine: from a `RunInput` to a `RunResult`, with no DOM and no Worker, so the worker is thin glue
 * and tests can call it directly (in a frame of their own).
 */
export { type GradingHost, runGrading } from './run'
export { sealVitestApi } from './vitest-api'
export { warmUpGrading } from './warm-up'
