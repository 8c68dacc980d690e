import { readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'
import { BaseSequencer, type TestSpecification } from 'vitest/node'
import { graderFile } from '../../scripts/lib/child-runs.ts'
import type { Target } from '../../scripts/lib/targets.ts'
import { chromiumBrowser, prebundledDeps } from '../../vite.config.ts'
import { graderWorkerDir } from './grader-worker-bundle.ts'

// The child `vitest run` started by scripts/lib/child-runs.ts: one Chromium session that runs every laid-out
// target natively (each hidden suite is a test file) in one tab and grades every target through the app's grader
// worker, built as the app ships it (grade-targets.browser.ts, one long test), in another. Failing tests are expected there (starters and
// decoys), so the parent reads the JSON report and the grader's report instead of the exit code.

const root = fileURLToPath(new URL('../..', import.meta.url))
const targets: Target[] = JSON.parse(readFileSync(join(root, '.authlab/targets/index.json'), 'utf8'))

const suites = targets.flatMap((target) => target.suite.map((name) => relative(root, join(target.dir, name))))

/** The grader file first, so it gets a tab of its own from the start; then the targets in index order. */
class GraderFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const order = (spec: TestSpecification) => {
      const path = relative(root, spec.moduleId)
      return path === graderFile ? -1 : suites.indexOf(path)
    }
    return [...files].sort((a, b) => order(a) - order(b))
  }
}

export default defineConfig({
  test: {
    name: 'targets',
    root,
    include: [graderFile, ...suites],
    browser: {
      ...chromiumBrowser(),
      // one iframe per tab for all its files: a fresh one per file costs more than many suites take to run;
      // what a suite leaves behind in Vitest's state is undone after each file by the setup file
      isolate: false,
    },
    setupFiles: ['tests/exercises/target-file-reset.ts'],
    globalSetup: ['tests/exercises/grader-worker-build.ts'],
    // two tabs: the grader's long run beside the native files
    maxWorkers: 2,
    sequence: { sequencer: GraderFirst },
    testTimeout: 30_000,
  },
  optimizeDeps: { include: prebundledDeps },
  // the grader worker as built by the global setup, served as it is (the dev server does not transform it)
  publicDir: graderWorkerDir,
})
