import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Exercise } from '../../src/content/catalogue'
import { layOut } from './targets'

/** Where `npm run mutation` lays out one exercise's solution and suite; ignored by git. */
export const mutationRoot = (root: string) => join(root, '.authlab', 'mutation')

/** The files of the JSON report Stryker writes in a workspace. */
export const mutationReportFile = 'mutation.json'

/**
 * Lays out `exercise`'s hidden suite beside its reference solution (as the solution target is laid out for the
 * checks) with a Node Vitest config and a Stryker config that mutates the editable files only. Stryker mutates
 * them in place: the folder is a throwaway copy, rebuilt on every run.
 */
export function prepareMutationWorkspace(root: string, exercise: Exercise): string {
  const dir = join(mutationRoot(root), exercise.id)
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  layOut(root, exercise, { kind: 'solution', name: 'solution', dir }, join(root, 'solutions', exercise.id))
  const setup = join(root, 'scripts/mutation/node-setup.ts')
  writeFileSync(
    join(dir, 'vitest.config.mjs'),
    [
      "import { defineConfig } from 'vitest/config'",
      // Stryker cannot drive Vitest's browser mode: the suites run under Node with its Web Crypto
      `export default defineConfig({ test: { environment: 'node', include: ${JSON.stringify(exercise.manifest.suite)}, setupFiles: [${JSON.stringify(setup)}] } })`,
      '',
    ].join('\n'),
  )
  const config = {
    $schema: join(root, 'node_modules/@stryker-mutator/core/schema/stryker-schema.json'),
    testRunner: 'vitest',
    plugins: [join(root, 'node_modules/@stryker-mutator/vitest-runner/dist/src/index.js')],
    vitest: { configFile: 'vitest.config.mjs', related: false },
    mutate: exercise.files.filter((file) => file.role === 'editable').map((file) => file.path),
    inPlace: true,
    coverageAnalysis: 'perTest',
    concurrency: 2,
    reporters: ['json'],
    jsonReporter: { fileName: mutationReportFile },
    tempDirName: '.stryker-tmp',
    cleanTempDir: 'always',
    timeoutMS: 10_000,
    // the pass/fail of a mutant is what counts, not Stryker's log lines
    logLevel: 'error',
    fileLogLevel: 'off',
  }
  writeFileSync(join(dir, 'stryker.config.json'), `${JSON.stringify(config, null, 2)}\n`)
  return dir
}
