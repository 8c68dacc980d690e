import { createSandbox, type RunLimits, type SandboxOptions, type SandboxOutcome } from '../sandbox/client'
import type { CallInput, CallReport } from './protocol'

export type { CallInput }

/** How a call ended; every case is data, including hangs (`timeout`) and crashes. */
export type CallOutcome =
  | { readonly status: 'done'; readonly report: CallReport }
  | Exclude<SandboxOutcome<CallReport>, { readonly status: 'done' }>

/** Runs playground calls in sandbox workers it owns, one call at a time, a fresh worker for each. */
export interface PlaygroundClient {
  /** Performs `input`; a newer call cancels one still running. Never rejects for anything the learner's code does. */
  call(input: CallInput, options: RunLimits): Promise<CallOutcome>
  /** Terminates the workers; a call in progress ends `cancelled`. */
  dispose(): void
}

/** How the client gets workers and what limits them: the sandbox's options, named `playground`. */
export type PlaygroundClientOptions = Omit<SandboxOptions, 'label' | 'recycleAfterRuns'>

/**
 * Creates a client whose calls are isolated as the grader's runs are: the same sandbox, with a fresh worker for
 * every call (learner code can leave timers and globals behind). The first worker starts with the first call,
 * since most lessons never open the playground; then one waits ready for the next.
 */
export function createPlaygroundClient(options: PlaygroundClientOptions): PlaygroundClient {
  const sandbox = createSandbox<CallInput, never, CallReport>({ ...options, label: 'playground' })
  return {
    async call(input, { budgetMs, signal }) {
      const outcome = await sandbox.run(input, { budgetMs, ...(signal ? { signal } : {}) })
      return outcome.status === 'done' ? { status: 'done', report: outcome.result } : outcome
    },
    dispose: () => sandbox.dispose(),
  }
}
