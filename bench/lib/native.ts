import { spawn } from 'node:child_process'
import { rmSync } from 'node:fs'
import { join, relative } from 'node:path'
import { layOut } from '../../scripts/lib/targets'
import type { Exercise } from '../../src/content/catalogue'

/**
 * Lays out `exercise` against its reference solution in `.authlab/bench/native/<id>/` (as CI lays out targets,
 * but apart from `.authlab/targets`, which a test run may be using) and returns the suite files, relative to `root`.
 */
export function layOutSolution(root: string, exercise: Exercise): string[] {
  const dir = join(root, '.authlab/bench/native', exercise.id)
  rmSync(dir, { recursive: true, force: true })
  layOut(root, exercise, { kind: 'solution', name: 'solution', dir }, join(root, 'solutions', exercise.id))
  return exercise.manifest.suite.map((name) => relative(root, join(dir, name)))
}

/**
 * Wall time of one `vitest run` (browser mode, Chromium) over `suites`, from spawning the process to its exit,
 * as a learner or CI running the suite natively would wait for it. Throws if the run fails.
 */
export function timeNativeRun(root: string, suites: readonly string[]): Promise<number> {
  const started = performance.now()
  const child = spawn(
    process.execPath,
    [
      join(root, 'node_modules/vitest/vitest.mjs'),
      'run',
      '--config',
      'bench/native.config.ts',
      '--reporter=dot',
    ],
    {
      cwd: root,
      env: { ...process.env, AUTHLAB_BENCH_SUITES: suites.join(',') },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let output = ''
  child.stdout.on('data', (chunk) => {
    output += chunk
  })
  child.stderr.on('data', (chunk) => {
    output += chunk
  })
  return new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (code) => {
      if (code === 0) resolve(performance.now() - started)
      else
        reject(
          new Error(
            `bench: native vitest run of ${suites.join(', ')} failed (exit ${code}):\n${output.slice(-2000)}`,
          ),
        )
    })
  })
}
