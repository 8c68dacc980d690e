/// <reference lib="webworker" />
/**
 * The grader worker: the sandbox's worker preamble (sealed global channel, hardened realm with the assertion
 * library sealed too, private ports, heartbeats) around the grader engine.
 */

import { compileAhead } from '../sandbox/compile'
import type { SourceFiles } from '../sandbox/protocol'
import { serveSandbox } from '../sandbox/worker-host'
import { runGrading, sealVitestApi, warmUpGrading } from './engine'
import type { GradingProgress, RunInput, RunResult } from './protocol'

serveSandbox<RunInput, GradingProgress, RunResult, SourceFiles>({
  name: 'grader',
  seal: sealVitestApi,
  // the page names the open exercise's hidden suite: transpiled and lexed while this worker waits for its run
  foresee: compileAhead,
  warmUp: warmUpGrading,
  run: (input, { scope, progress }) => runGrading(input, { scope, onProgress: progress }),
})
