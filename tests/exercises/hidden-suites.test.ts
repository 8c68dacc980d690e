import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Target } from '../../scripts/lib/targets.ts'
import { nativeVerdicts, reportPaths, type TargetVerdicts } from './verdicts.ts'

// Every hidden suite against every target (solution, starter, decoys), run twice in real Chromium: natively by
// Vitest and through the app's grader engine. The solution must pass everything, the starter and every decoy
// must fail at least one test, and both runners must give the same verdict for every test.

const root = join(import.meta.dirname, '../..')
const targets: Target[] = JSON.parse(readFileSync(join(root, '.authlab/targets/index.json'), 'utf8'))
let native = new Map<string, TargetVerdicts>()
let grader: Record<string, TargetVerdicts> = {}

/** Runs a child `vitest run` whose failures are expected; the JSON report is what counts. */
function childRun(config: string, report?: string) {
  const args = [join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--config', config]
  if (report) args.push('--reporter=json', `--outputFile=${join(root, report)}`)
  try {
    execFileSync(process.execPath, args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], env: process.env })
  } catch (error) {
    // a non-zero exit is expected when decoys fail; a run that wrote no report is caught by the reader
    const stderr = String((error as { stderr?: Buffer }).stderr ?? '')
    if (report && !existsSync(join(root, report))) throw new Error(`${config} wrote no report:\n${stderr}`)
  }
}

beforeAll(() => {
  rmSync(join(root, '.authlab/reports'), { recursive: true, force: true })
  mkdirSync(join(root, '.authlab/reports'), { recursive: true })
  childRun('tests/exercises/native.config.ts', reportPaths.native)
  native = nativeVerdicts(JSON.parse(readFileSync(join(root, reportPaths.native), 'utf8')))
  childRun('tests/exercises/grader.config.ts')
  const graderReport = join(root, reportPaths.grader)
  if (!existsSync(graderReport)) throw new Error('the grader run wrote no verdicts')
  grader = JSON.parse(readFileSync(graderReport, 'utf8'))
})

const failing = (verdicts: TargetVerdicts) => verdicts.tests.filter((test) => test.state === 'fail')
const describeRun = (verdicts: TargetVerdicts) =>
  verdicts.loadError ? `did not load: ${verdicts.loadError}` : `${failing(verdicts).length} failing`

describe.each(targets)('$exerciseId suite against the $name ($kind)', (target) => {
  const runs = () => {
    const fromNative = native.get(target.dir)
    const fromGrader = grader[target.dir]
    expect(fromNative, 'native Vitest reported nothing for this target').toBeDefined()
    expect(fromGrader, 'the grader reported nothing for this target').toBeDefined()
    return [fromNative as TargetVerdicts, fromGrader as TargetVerdicts] as const
  }

  if (target.kind === 'solution') {
    it('passes every test, natively and through the in-browser grader', () => {
      for (const run of runs()) {
        expect(run.loadError).toBeUndefined()
        expect(run.tests.length).toBeGreaterThan(0)
        expect(failing(run).map((test) => test.name)).toEqual([])
      }
    })
  } else {
    it('fails at least one test, natively and through the in-browser grader', () => {
      for (const run of runs()) {
        // a suite that fails wrong code only because it cannot load would also fail right code
        expect(run.loadError, `the ${target.kind} does not even load`).toBeUndefined()
        expect(failing(run).length, `every test passes against ${target.dir}: ${describeRun(run)}`).toBeGreaterThan(0)
      }
    })
  }

  it('gets the same verdict for every test from native Vitest and the grader', () => {
    const [fromNative, fromGrader] = runs()
    expect(fromGrader.tests).toEqual(fromNative.tests)
  })
})
