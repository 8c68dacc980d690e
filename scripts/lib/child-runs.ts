import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import {
  type GraderReport,
  type JsonFile,
  type NativeReport,
  nativeVerdicts,
  reportPaths,
  type TargetVerdicts,
} from './verdicts'

/** What the child run over the laid-out targets reported, for each runner. */
export interface ChildReports {
  /** Native Vitest's verdicts by target folder. */
  readonly native: ReadonlyMap<string, TargetVerdicts>
  /** The grader's runs by target folder. */
  readonly grader: GraderReport
  /** A runner that produced no usable report, in one line each; its targets then have no verdicts. */
  readonly problems: readonly string[]
  /** How long each runner took, in ms: the native files from first start to last end, the grader's file. */
  readonly durations: { readonly native: number; readonly grader: number }
}

/**
 * The child run's config, relative to the repository root: one Chromium session over
 * `.authlab/targets/index.json`, every target natively and through the grader worker side by side.
 */
export const childConfig = 'tests/exercises/targets.config.ts'

/** The child run's test file that grades every target through the grader worker (its result is not a target's). */
export const graderFile = 'tests/exercises/grade-targets.browser.ts'

const tail = (text: string) => text.trim().split('\n').slice(-3).join(' | ')

/** Runs `vitest run --config <config>`; failing tests are expected (decoys), so only the exit is reported. */
function vitestRun(root: string, args: string[]): Promise<{ stderr: string }> {
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
    const done = () => resolve({ stderr })
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

/** From the child run's JSON report: the native targets' results, and when each part ran. */
function splitReport(root: string, report: NativeReport) {
  const isGrader = (file: JsonFile) => file.name === join(root, graderFile)
  const files = report.testResults.filter((file) => !isGrader(file))
  const grader = report.testResults.find(isGrader)
  const starts = files.map((file) => file.startTime ?? 0)
  const ends = files.map((file) => file.endTime ?? 0)
  return {
    native: { testResults: files },
    durations: {
      native: files.length > 0 ? Math.round(Math.max(...ends) - Math.min(...starts)) : 0,
      grader: grader ? Math.round((grader.endTime ?? 0) - (grader.startTime ?? 0)) : 0,
    },
  }
}

/**
 * Runs every laid-out target natively in Chromium (JSON report) and, in the same browser session beside it,
 * through the app's grader worker (solutions `solutionRuns` times), and reads both reports. Never throws for a
 * failing child run: its problem is in `problems` and its targets have no verdicts, which every check then
 * reports.
 */
export async function runChildRuns(
  root: string,
  log: (line: string) => void = () => {},
): Promise<ChildReports> {
  const reports = join(root, '.authlab/reports')
  rmSync(reports, { recursive: true, force: true })
  mkdirSync(reports, { recursive: true })
  const problems: string[] = []

  log('Running every target natively (Vitest, Chromium) and through the grader worker...')
  const run = await vitestRun(root, [
    '--config',
    childConfig,
    '--reporter=json',
    `--outputFile=${join(root, reportPaths.native)}`,
  ])
  let native = new Map<string, TargetVerdicts>()
  let durations = { native: 0, grader: 0 }
  if (existsSync(join(root, reportPaths.native))) {
    const split = splitReport(root, readJson(join(root, reportPaths.native)) as NativeReport)
    native = nativeVerdicts(split.native)
    durations = split.durations
  } else problems.push(`the native run wrote no report: ${tail(run.stderr)}`)

  let grader: GraderReport = {}
  if (existsSync(join(root, reportPaths.grader)))
    grader = readJson(join(root, reportPaths.grader)) as GraderReport
  else problems.push(`the grader run wrote no report: ${tail(run.stderr)}`)

  return { native, grader, problems, durations }
}
