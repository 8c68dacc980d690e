import { execFile } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { GradeJson } from '../../scripts/lib/grade-report'

// `npm run grade` end to end: the CLI in a child process, grading in headless Chromium through the app's worker.
const root = join(import.meta.dirname, '../..')
let work: string

interface Exit {
  code: number
  stdout: string
  stderr: string
}

function grade(args: string[], env: Record<string, string> = {}): Promise<Exit> {
  return new Promise((resolve) => {
    execFile(
      join(root, 'node_modules/.bin/tsx'),
      ['scripts/grade.ts', ...args],
      { cwd: root, env: { ...process.env, ...env } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    )
  })
}

/** A folder holding `file` copied from `from`, or nothing. */
function folder(name: string, from?: string): string {
  const dir = join(work, name)
  mkdirSync(dir, { recursive: true })
  if (from) copyFileSync(join(root, from), join(dir, 'SimpleJWT.ts'))
  return dir
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'authlab-grade-'))
})
afterAll(() => rmSync(work, { recursive: true, force: true }))

describe('npm run grade', () => {
  it('passes the reference solution: exit 0 and exactly one JSON object on stdout with --json', async () => {
    const run = await grade(['simple-jwt', folder('solution', 'solutions/simple-jwt/SimpleJWT.ts'), '--json'])
    expect(run.code, run.stderr).toBe(0)
    const report = JSON.parse(run.stdout) as GradeJson
    expect(Object.keys(report)).toEqual(['exercise', 'passed', 'tests', 'types'])
    expect(report.exercise).toBe('simple-jwt')
    expect(report.passed).toBe(true)
    expect(report.tests.length).toBeGreaterThan(10)
    for (const test of report.tests) expect(test).toEqual({ name: expect.any(String), state: 'pass' })
    expect(report.types).toEqual([])
  })

  it('fails a solution with a type error although every test passes, as the app would: exit 1, the error located', async () => {
    const dir = folder('type-error', 'solutions/simple-jwt/SimpleJWT.ts')
    const source = readFileSync(join(dir, 'SimpleJWT.ts'), 'utf8')
    writeFileSync(join(dir, 'SimpleJWT.ts'), `${source}export const wrong: number = 'text'\n`)
    const line = source.split('\n').length
    const json = await grade(['simple-jwt', dir, '--json'])
    expect(json.code, json.stderr).toBe(1)
    const report = JSON.parse(json.stdout) as GradeJson
    expect(report.passed).toBe(false)
    expect(report.tests.every((test) => test.state === 'pass')).toBe(true)
    expect(report.types).toEqual([
      {
        path: 'SimpleJWT.ts',
        line,
        column: 14,
        message: "Type 'string' is not assignable to type 'number'.",
      },
    ])
    const text = await grade(['simple-jwt', dir])
    expect(text.code).toBe(1)
    expect(text.stdout).toMatch(
      new RegExp(`^Types: 1 error\\n {2}✗ SimpleJWT\\.ts:${line}:14\\n {6}Type 'string'`, 'm'),
    )
    expect(text.stdout).toMatch(/^FAILED: \d+ passed, 0 failed, 1 type error/m)
  })

  it('fails a decoy given as its .patch: exit 1, failing tests named with their message', async () => {
    const run = await grade(['simple-jwt', 'solutions/simple-jwt/decoys/alg-none-accepted.patch'])
    expect(run.code, run.stderr).toBe(1)
    expect(run.stdout).toMatch(/^ {2}✓ /m)
    expect(run.stdout).toMatch(/^ {2}✗ .+\n {6}\S/m)
    expect(run.stdout).toMatch(/^FAILED: \d+ passed, [1-9]\d* failed/m)
  })

  it('falls back to the starter for a missing file and reports every test failed with a message', async () => {
    const run = await grade(['simple-jwt', folder('empty'), '--json'])
    expect(run.code).toBe(1)
    const report = JSON.parse(run.stdout) as GradeJson
    expect(report.passed).toBe(false)
    expect(report.tests.filter((test) => test.state === 'fail').length).toBeGreaterThan(0)
    expect(report.tests.find((test) => test.state === 'fail')?.message).toMatch(/\S/)
    expect(run.stderr).toContain('SimpleJWT.ts: not in')
  })

  describe.concurrent('bad input: one line on stderr, nothing on stdout, exit 2', () => {
    const cases: [string, () => string[], RegExp, Record<string, string>?][] = [
      ['an unknown exercise', () => ['no-such-exercise', work], /^Unknown exercise "no-such-exercise"/],
      ['a missing folder', () => ['simple-jwt', join(work, 'nowhere')], /^No such folder: /],
      [
        'an unreadable file',
        () => {
          const dir = folder('unreadable')
          mkdirSync(join(dir, 'SimpleJWT.ts'))
          return ['simple-jwt', dir]
        },
        /^Cannot read .*SimpleJWT\.ts \(EISDIR\)\.$/,
      ],
      [
        'no browser',
        () => ['simple-jwt', folder('solution', 'solutions/simple-jwt/SimpleJWT.ts')],
        /^Could not start Chromium at \/nonexistent\/chromium: /,
        { CHROMIUM_PATH: '/nonexistent/chromium' },
      ],
      ['no folder given', () => ['simple-jwt'], /^Usage: npm run grade/],
    ]
    it.each(cases)('%s', async (_, args, message, env) => {
      const run = await grade(args(), env)
      expect(run.code).toBe(2)
      expect(run.stdout).toBe('')
      expect(run.stderr.trimEnd().split('\n')).toHaveLength(1)
      expect(run.stderr.trimEnd()).toMatch(message)
    })
  })
})
