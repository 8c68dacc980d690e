/// <reference lib="webworker" />
/**
 * The grader worker: the sandbox's worker preamble (sealed global channel, hardened realm with the assertion
 * library sealed too, private ports, heartbeats) around the grader engine.
 */
import { serveSandbox } from '../sandbox/worker-host'
import { runGrading, sealVitestApi } from './engine'
import type { GradingProgress, RunInput, RunResult } from './protocol'

serveSandbox<RunInput, GradingProgress, RunResult>({
  name: 'grader',
  seal: sealVitestApi,
  run: (input, { scope, progress }) => runGrading(input, { scope, onProgress: progress }),
})
