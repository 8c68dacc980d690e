import { it } from 'vitest'
import { commands } from 'vitest/browser'
import type { Target } from '../../scripts/lib/targets'
import {
  firstLine,
  type GraderReport,
  type GraderRun,
  reportPaths,
  solutionRuns,
} from '../../scripts/lib/verdicts'
import { createGraderClient, type GraderClient, type RunInput } from '../../src/grader/client'
import { graderWorkerUrl } from './grader-worker-bundle'

// Grades every laid-out target with the app's own grader worker (as the app does, a fresh worker per run),
// reference solutions `solutionRuns` times in a row on one client, and writes the runs for scripts/lib/judge.ts
// to compare with native Vitest's.
// Run only in the child run (targets.config.ts), in a tab of its own beside the native files.
const sources = import.meta.glob<string>('/.authlab/targets/*/*/*.ts', {
  query: '?raw',
  import: 'default',
  eager: true,
})
const index = import.meta.glob<Target[]>('/.authlab/targets/index.json', { import: 'default', eager: true })

function inputOf(target: Target): RunInput {
  const prefix = `/.authlab/targets/${target.exerciseId}/${target.dir.split('/').pop()}/`
  const files: Record<string, string> = {}
  const suite: Record<string, string> = {}
  for (const [path, text] of Object.entries(sources)) {
    if (!path.startsWith(prefix)) continue
    const name = path.slice(prefix.length)
    if (target.suite.includes(name)) suite[name] = text
    else files[name] = text
  }
  return { files, suite, allowedImports: target.allowedImports }
}

/** Grader clients working through the targets side by side: one's fresh worker loads while another's runs. */
const lanes = 2

/** Grades one target (a reference solution `solutionRuns` times in a row) with one client. */
async function gradeTarget(grader: GraderClient, target: Target): Promise<GraderRun[]> {
  const runs: GraderRun[] = []
  for (let i = 0; i < (target.kind === 'solution' ? solutionRuns : 1); i++) {
    const outcome = await grader.run(inputOf(target), { budgetMs: target.timeBudgetMs })
    const { result } = outcome
    const problems = [
      ...(outcome.status === 'done'
        ? []
        : [`run ${outcome.status}${outcome.status === 'crashed' ? `: ${outcome.message}` : ''}`]),
      ...result.errors.map((error) => error.message),
    ]
    const loadError = result.tests.length === 0 ? problems.join('\n') || 'no tests ran' : undefined
    runs.push({
      status: outcome.status,
      durationMs: result.durationMs,
      tests: result.tests.map((test) => {
        const message = firstLine(test.error?.message ?? '')
        return { name: test.name, state: test.state, ...(message ? { message } : {}) }
      }),
      ...(loadError ? { loadError } : { errors: problems }),
    })
  }
  return runs
}

it('grades every target through the engine', { timeout: 900_000 }, async () => {
  const queue = [...(Object.values(index)[0] ?? [])]
  const report: Record<string, GraderRun[]> = {}
  const lane = async () => {
    // a worker of its own: the engine's @vitest/runner must not share module state with this test's runner
    const grader = createGraderClient({
      // the worker bundle of grader-worker-build.ts, as the built app loads it
      createWorker: () => new Worker(graderWorkerUrl, { type: 'module' }),
      // a busy 2-core machine can be slow to start one
      startupTimeoutMs: 60_000,
      // these runs judge suites, not the watchdog: a busy CI machine can hold a heartbeat back for seconds
      unresponsiveAfterMs: 10_000,
    })
    for (let target = queue.shift(); target; target = queue.shift())
      report[target.dir] = await gradeTarget(grader, target)
    grader.dispose()
  }
  await Promise.all(Array.from({ length: lanes }, lane))
  await commands.writeFile(reportPaths.grader, JSON.stringify(report satisfies GraderReport))
})
