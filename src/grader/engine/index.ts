/**
 * The grader engine: from a `RunRequest`'s files to a `RunResult`, with no DOM and no Worker, so the worker
 * is thin glue and tests can call it directly. `runGrading` is the whole pipeline; the rest are its steps.
 */
export { type CompiledRun, compileRun, type GradingInput } from './compile'
export {
  type ConsoleCapture,
  type ConsoleLimits,
  captureConsole,
  defaultConsoleLimits,
} from './console-capture'
export { codeGenerationMessage, type HardenReport, hardenRealm } from './harden'
export {
  analyseImports,
  findCycle,
  type LinkedModules,
  type LinkModule,
  type LinkPolicy,
  linkModules,
  type ModuleGraph,
  prepareLexer,
} from './link'
export { type GradingHost, type GradingProgress, runGrading } from './run'
export { type GraderScope, watchUnhandled } from './scope'
export { diffOptions, serialiseTestError, stripAnsi } from './serialise'
export { bundledPackages } from './shims'
export { createLocator, type LearnerFrame, type ModuleInfo, type ModuleLocator } from './stack'
export {
  type RawSourceMap,
  type TranspiledFile,
  type TranspileFailure,
  transpile,
  warmUpTranspiler,
} from './transpile'
