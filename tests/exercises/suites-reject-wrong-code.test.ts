import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Target } from '../../scripts/lib/targets.ts'

// Runs every hidden suite against each starter and decoy in one child `vitest run` (real Chromium) and
// checks that each of them fails at least one test: a suite that passes wrong code cannot catch mistakes.

interface AssertionResult {
  fullName: string
  status: 'passed' | 'failed' | 'skipped' | 'pending' | 'todo'
}
interface FileResult {
  name: string
  status: 'passed' | 'failed'
  message: string
  assertionResults: AssertionResult[]
}

const root = join(import.meta.dirname, '../..')
const targets: Target[] = JSON.parse(readFileSync(join(root, '.authlab/targets/index.json'), 'utf8'))
const wrongCode = targets.filter((target) => target.kind !== 'solution')
const reportPath = join(root, '.authlab/wrong-code-report.json')
let report: FileResult[] = []

beforeAll(() => {
  try {
    execFileSync(
      process.execPath,
      [
        join(root, 'node_modules/vitest/vitest.mjs'),
        'run',
        '--config',
        'tests/exercises/wrong-code.config.ts',
        '--reporter=json',
        `--outputFile=${reportPath}`,
      ],
      { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] },
    )
  } catch {
    // failing tests are the point here; a run that reported nothing is caught below
  }
  report = JSON.parse(readFileSync(reportPath, 'utf8')).testResults
})

describe.each(wrongCode)('the $exerciseId suite against the $name ($kind)', (target) => {
  it('fails at least one test', () => {
    const files = report.filter((file) => relative(target.dir, file.name).split('/').length === 1)
    expect(files.length, `no results for ${target.dir}`).toBeGreaterThan(0)
    const failing = files.flatMap((file) =>
      file.assertionResults.filter((test) => test.status === 'failed').map((test) => test.fullName),
    )
    const loadErrors = files.filter((file) => file.assertionResults.length === 0).map((file) => file.message)
    expect(loadErrors, `the ${target.kind} does not even load: the suite must fail on tests, not on import`).toEqual(
      [],
    )
    expect(failing, `every test passes against the ${target.kind} "${target.name}"`).not.toEqual([])
    console.info(`${target.exerciseId}/${target.name}: ${failing.length} failing, e.g. "${failing[0]}"`)
  })
})
