import { createSandbox, type RunLimits, type SandboxOptions, type SandboxOutcome } from '../sandbox/client'
import type { SourceFiles } from '../sandbox/protocol'
import { crossCheckResult, partialResult } from './cross-check-result'
import type { GradingProgress, RunInput, RunResult, TestResult } from './protocol'

export type { RunInput, RunLimits }

/**
 * How a run ended: the sandbox's outcome, every case data, each with a `result`: the full one when `done`,
 * otherwise the tests that finished before the run was cut short.
 */
export type RunOutcome =
  | { readonly status: 'done'; readonly result: RunResult }
  | (Exclude<SandboxOutcome<RunResult>, { readonly status: 'done' }> & {
      readonly result: RunResult
      /** For a `timeout`: full name of the test that was running when the run was stopped, if one was. */
      readonly runningTest?: string
      /** Tests of the suite that never finished, the one running included; absent if the suite was not collected. */
      readonly notRun?: number
    })

/** Runs hidden suites in a sandbox worker it owns, one run at a time. */
export interface GraderClient {
  /** Grades `input`; a newer call cancels one still running. Never rejects for anything the learner's code does. */
  run(input: RunInput, options: RunLimits): Promise<RunOutcome>
  /** Starts a worker now (loaded, hardened, warmed up), so the first run does not wait for one. */
  prepare(): void
  /** Names the suite the next runs will most likely grade, so waiting workers transpile it before the click. */
  foresee(suite: SourceFiles): void
  /** Terminates the worker; a run in progress ends `cancelled`. */
  dispose(): void
}

/** How the client gets workers and what limits them: the sandbox's options, named `grader`. */
export type GraderClientOptions = Omit<SandboxOptions, 'label'>

/**
 * Creates a client; its first worker starts at `prepare` or the first run. The sandbox watches the worker; this
 * client keeps the tests that finished (the partial result of a run cut short, naming the test that was running)
 * and accepts a final result only if it agrees with them.
 */
export function createGraderClient(options: GraderClientOptions): GraderClient {
  const sandbox = createSandbox<RunInput, GradingProgress, RunResult, SourceFiles>({
    ...options,
    label: 'grader',
  })

  return {
    async run(input, { budgetMs, signal }) {
      const startedAt = performance.now()
      const finished: TestResult[] = []
      let running: { readonly id: string; readonly name: string } | undefined
      let collected: number | undefined
      const onProgress = (progress: GradingProgress) => {
        if (progress.phase === 'collected') collected = progress.tests
        else if (progress.phase === 'start') running = { id: progress.testId, name: progress.name }
        else {
          finished.push(progress.test)
          if (running?.id === progress.test.id) running = undefined
        }
      }
      const outcome = await sandbox.run(input, {
        budgetMs,
        ...(signal ? { signal } : {}),
        onProgress,
        check: (result) => crossCheckResult(result, finished),
      })
      if (outcome.status === 'done') return outcome
      const result = partialResult(finished, Math.round(performance.now() - startedAt))
      const notRun = collected === undefined ? {} : { notRun: Math.max(0, collected - finished.length) }
      if (outcome.status !== 'timeout') return { ...outcome, result, ...notRun }
      return { ...outcome, result, ...notRun, ...(running ? { runningTest: running.name } : {}) }
    },
    prepare: () => sandbox.prepare(),
    foresee: (suite) => sandbox.foresee(suite),
    dispose: () => sandbox.dispose(),
  }
}
