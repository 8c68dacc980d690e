/**
 * The playground engine: from a `CallInput` to a `CallReport`, with no DOM and no Worker, so the worker is
 * thin glue. It reuses the grader engine's compile and link steps, so learner code loads exactly as in grading.
 */
export { performCall } from './call'
export { type LoadedCode, type LoadOutcome, loadLearnerCode, toProblem } from './load'
export { buildRequest, describeThrown, playgroundOrigin, readResponse, toJsonText } from './plain'
export { type AuthLike, buildServices, filesFor, type Services, type ServicesOutcome } from './services'
