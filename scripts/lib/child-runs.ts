import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { type GraderReport, nativeVerdicts, reportPaths, type TargetVerdicts } from './verdicts'

/** What the two child runs over the laid-out targets reported. */
export interface ChildReports {
  /** Native Vitest's verdicts by target folder. */
  readonly native: ReadonlyMap<string, TargetVerdicts>
  /** The grader's runs by target folder. */
  readonly grader: GraderReport
  /** A child run that produced no usable report, in one line each; its targets then have no verdicts. */
  readonly problems: readonly string[]
  /** Wall time of each child run, in ms. */
  readonly durations: { readonly native: number; readonly grader: number }
}

/** Child configs, relative to the repository root: one Chromium project each over `.authlab/targets/index.json`. */
export const childConfigs = {
  native: 'tests/exercises/native.config.ts',
  grader: 'tests/exercises/grader.config.ts',
} as const

const tail = (text: string) => text.trim().split('\n').slice(-3).join(' | ')

/** Runs `vitest run --config <config>`; failing tests are expected (decoys), so only the exit is reported. */
function vitestRun(root: string, args: string[]): Promise<{ stderr: string; ms: number }> {
  const started = performance.now()
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(root, 'node_modules/vitest/vitest.mjs'), 'run', ...args], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: process.env,
    })
    let stderr = ''
    // keep the end only: a run over dozens of decoys can print megabytes of expected failures
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-20_000)
    })
    const done = () => resolve({ stderr, ms: Math.round(performance.now() - started) })
    child.on('close', done)
    child.on('error', (error) => {
      stderr += String(error)
      done()
    })
  })
}

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'))
}

/**
 * Runs every laid-out target natively in Chromium (JSON report), then through the app's grader worker
 * (solutions `solutionRuns` times), and reads both reports. Never throws for a failing child run: its problem is
 * in `problems` and its targets have no verdicts, which every check then reports.
 */
export async function runChildRuns(
  root: string,
  log: (line: string) => void = () => {},
): Promise<ChildReports> {
  const reports = join(root, '.authlab/reports')
  rmSync(reports, { recursive: true, force: true })
  mkdirSync(reports, { recursive: true })
  const problems: string[] = []

  log('Running every target natively (Vitest, Chromium)...')
  const nativeRun = await vitestRun(root, [
    '--config',
    childConfigs.native,
    '--reporter=json',
    `--outputFile=${join(root, reportPaths.native)}`,
  ])
  let native = new Map<string, TargetVerdicts>()
  if (existsSync(join(root, reportPaths.native)))
    native = nativeVerdicts(readJson(join(root, reportPaths.native)) as Parameters<typeof nativeVerdicts>[0])
  else problems.push(`the native run wrote no report: ${tail(nativeRun.stderr)}`)

  log('Running every target through the grader worker...')
  const graderRun = await vitestRun(root, ['--config', childConfigs.grader])
  let grader: GraderReport = {}
  if (existsSync(join(root, reportPaths.grader)))
    grader = readJson(join(root, reportPaths.grader)) as GraderReport
  else problems.push(`the grader run wrote no report: ${tail(graderRun.stderr)}`)

  return { native, grader, problems, durations: { native: nativeRun.ms, grader: graderRun.ms } }
}
