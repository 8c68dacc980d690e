import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Exercise } from '../../src/content/catalogue'
import { layOut } from './targets'

/** Where `npm run mutation` lays out one exercise's solution and suite; ignored by git. */
export const mutationRoot = (root: string) => join(root, '.authlab', 'mutation')

/** The files of the JSON report Stryker writes in a workspace. */
export const mutationReportFile = 'mutation.json'

/** Where the suites run under Stryker: real Chromium (Vitest browser mode, as CI runs them) or Node (faster). */
export type MutationEnvironment = 'browser' | 'node'

function vitestConfig(root: string, exercise: Exercise, environment: MutationEnvironment): string {
  const include = JSON.stringify(exercise.manifest.suite)
  if (environment === 'browser') {
    const viteConfig = JSON.stringify(pathToFileURL(join(root, 'vite.config.ts')).href)
    return [
      "import { defineConfig } from 'vitest/config'",
      `import { chromiumBrowser } from ${viteConfig}`,
      `export default defineConfig({ test: { include: ${include}, browser: chromiumBrowser() } })`,
      '',
    ].join('\n')
  }
  // Node 20 has Web Crypto, TextEncoder, atob/btoa, Request/Response; fake-indexeddb stands in for IndexedDB
  const setup = JSON.stringify(join(root, 'scripts/mutation/node-setup.ts'))
  return [
    "import { defineConfig } from 'vitest/config'",
    `export default defineConfig({ test: { environment: 'node', include: ${include}, setupFiles: [${setup}] } })`,
    '',
  ].join('\n')
}

/**
 * Lays out `exercise`'s hidden suite beside its reference solution (as the solution target is laid out for the
 * checks) with a Vitest config for `environment` and a Stryker config that mutates the editable files only.
 * Stryker mutates them in place: the folder is a throwaway copy, rebuilt on every run.
 */
export function prepareMutationWorkspace(
  root: string,
  exercise: Exercise,
  environment: MutationEnvironment,
): string {
  const dir = join(mutationRoot(root), exercise.id)
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  layOut(root, exercise, { kind: 'solution', name: 'solution', dir }, join(root, 'solutions', exercise.id))
  writeFileSync(join(dir, 'vitest.config.mjs'), vitestConfig(root, exercise, environment))
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
