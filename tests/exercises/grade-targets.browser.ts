import { it } from 'vitest'
import { commands } from 'vitest/browser'
import { createGraderClient } from '../../src/grader/client'
import type { Target } from '../../scripts/lib/targets'
import { reportPaths, type TargetVerdicts } from './verdicts'

// Grades every laid-out target with the app's own grader worker (as the app does) and writes the verdicts for
// hidden-suites.test.ts to compare with native Vitest's. Run only as the child `grader.config.ts` run.
const sources = import.meta.glob<string>('/.authlab/targets/*/*/*.ts', { query: '?raw', import: 'default', eager: true })
const index = import.meta.glob<Target[]>('/.authlab/targets/index.json', { import: 'default', eager: true })

it('grades every target through the engine', { timeout: 600_000 }, async () => {
  const targets = Object.values(index)[0] ?? []
  // a worker of its own: the engine's @vitest/runner must not share module state with this test's runner
  const grader = createGraderClient({
    createWorker: () => new Worker(new URL('../../src/grader/worker.ts', import.meta.url), { type: 'module' }),
  })
  const verdicts: Record<string, TargetVerdicts> = {}
  for (const target of targets) {
    const prefix = `/.authlab/targets/${target.exerciseId}/${target.dir.split('/').pop()}/`
    const files: Record<string, string> = {}
    const suite: Record<string, string> = {}
    for (const [path, text] of Object.entries(sources)) {
      if (!path.startsWith(prefix)) continue
      const name = path.slice(prefix.length)
      if (target.suite.includes(name)) suite[name] = text
      else files[name] = text
    }
    const outcome = await grader.run(
      { files, suite, allowedImports: target.allowedImports },
      { budgetMs: target.timeBudgetMs },
    )
    const { result } = outcome
    const problems = [
      ...(outcome.status === 'done' ? [] : [`run ${outcome.status}`]),
      ...result.errors.map((error) => error.message),
    ]
    const loadError = result.tests.length === 0 ? problems.join('\n') || 'no tests ran' : undefined
    verdicts[target.dir] = {
      tests: result.tests.map((test) => ({ name: test.name, state: test.state })),
      ...(loadError ? { loadError } : {}),
    }
  }
  grader.dispose()
  await commands.writeFile(reportPaths.grader, JSON.stringify(verdicts))
})
