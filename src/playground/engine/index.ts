/**
 * The playground engine: from a `CallInput` to a `CallReport`, with no DOM and no Worker, so the worker is
 * thin glue. Learner code loads through the sandbox exactly as in grading.
 */
export { performCall } from './call'
