// The grader engine on learner code that misbehaves: syntax errors, throws at import, non-Error throws,
// unhandled rejections, values that cannot be posted, floods of console output, forbidden imports.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { RunResult, TestResult } from '../../src/grader/protocol'
import { type EngineFrame, loadEngineInFrame } from '../fixtures/engine-frame'
import hugeConsole from '../fixtures/huge-console.ts?raw'
import nonErrorThrow from '../fixtures/non-error-throw.ts?raw'
import throwAtImport from '../fixtures/throw-at-import.ts?raw'
import unhandledRejection from '../fixtures/unhandled-rejection.ts?raw'
import unpostableValue from '../fixtures/unpostable-value.ts?raw'

let frame: EngineFrame
beforeAll(async () => {
  frame = await loadEngineInFrame()
})
afterAll(() => frame.dispose())

function byName(result: RunResult, name: string): TestResult {
  const found = result.tests.find((test) => test.name === name)
  if (!found) throw new Error(`no test "${name}" in ${result.tests.map((test) => test.name).join(', ')}`)
  return found
}

describe('files that do not load', () => {
  test('a syntax error names the file, line and column, and no test runs', async () => {
    const result = await frame.grade({
      files: { 'Calc.ts': 'export function add(a: number, b: number {\n  return a + b\n}\n' },
      suite: {
        'Calc.test.ts':
          "import { it } from 'vitest'\nimport { add } from './Calc'\nit('adds', () => add(1, 2))",
      },
    })
    expect(result.tests).toEqual([])
    expect(result.errors).toEqual([
      { kind: 'syntax', file: 'Calc.ts', line: 1, column: 42, message: 'Unexpected token, expected ","' },
    ])
  })

  test('an error only the browser finds is still pinned to its file', async () => {
    const result = await frame.grade({
      files: { 'Calc.ts': 'export const a = 1\nexport const a = 2\n' },
      suite: {
        'Calc.test.ts': "import { it } from 'vitest'\nimport { a } from './Calc'\nit('reads', () => a)",
      },
    })
    expect(result.errors).toEqual([
      { kind: 'syntax', file: 'Calc.ts', message: "SyntaxError: Identifier 'a' has already been declared" },
    ])
  })

  test('a syntax error in a hidden suite names the file but not where', async () => {
    const result = await frame.grade({
      suite: { 'Calc.test.ts': "import { it } from 'vitest'\nit('x', () => {" },
    })
    expect(result.errors).toEqual([
      { kind: 'syntax', file: 'Calc.test.ts', message: 'Unexpected token, expected ","' },
    ])
  })

  test('a throw while a learner module loads names that file and line; no test runs', async () => {
    const result = await frame.grade({
      files: { 'Config.ts': throwAtImport },
      suite: {
        'Config.test.ts':
          "import { expect, it } from 'vitest'\nimport { secretLength } from './Config'\nit('is long', () => expect(secretLength).toBe(32))",
      },
    })
    expect(result.tests).toEqual([])
    expect(result.errors).toEqual([
      { kind: 'runtime', file: 'Config.ts', line: 6, column: 9, message: 'SECRET is not set' },
    ])
  })

  test('a hook that throws skips its tests and says which block failed', async () => {
    const result = await frame.grade({
      suite: {
        'Hooks.test.ts': `
          import { afterAll, beforeAll, describe, it } from 'vitest'
          describe('store', () => {
            beforeAll(() => { throw new TypeError('database is closed') })
            it('reads', () => {})
          })
          it('still runs', () => {})
          afterAll(() => { throw new Error('could not clean up') })
        `,
      },
    })
    expect(result.tests.map((test) => [test.name, test.state])).toEqual([
      ['store > reads', 'skip'],
      ['still runs', 'pass'],
    ])
    expect(result.errors).toEqual([
      {
        kind: 'runtime',
        file: 'Hooks.test.ts',
        message: 'In a top-level beforeAll/afterAll hook: could not clean up',
      },
      {
        kind: 'runtime',
        file: 'Hooks.test.ts',
        message: 'In "store" (a beforeAll/afterAll hook): TypeError: database is closed',
      },
    ])
  })
})

describe('imports', () => {
  const suite = {
    'AuthService.test.ts': "import { it } from 'vitest'\nimport './AuthService'\nit('loads', () => {})",
  }

  test('a package outside the allow-list is refused, naming the file, the package and what is allowed', async () => {
    const result = await frame.grade({
      files: { 'AuthService.ts': "import { hash } from 'bcrypt'\nexport const hashed = hash('x')\n" },
      suite,
      allowedImports: ['idb'],
    })
    expect(result.tests).toEqual([])
    expect(result.errors).toEqual([
      {
        kind: 'import',
        file: 'AuthService.ts',
        line: 1,
        column: 23,
        message: 'AuthService.ts imports "bcrypt", which is not available here (allowed: ./files, idb)',
      },
    ])
  })

  test('missing files, vitest in learner code, computed import() and cycles are refused clearly', async () => {
    const missing = await frame.grade({
      files: { 'AuthService.ts': "import { x } from './Helpers'\nexport const y = x\n" },
      suite,
    })
    expect(missing.errors.map((error) => error.message)).toEqual([
      'AuthService.ts imports "./Helpers", but there is no file Helpers.ts here (files: AuthService.ts)',
    ])

    const vitest = await frame.grade({
      files: { 'AuthService.ts': "import { expect } from 'vitest'\nexport const e = expect\n" },
      suite,
    })
    expect(vitest.errors.map((error) => error.message)).toEqual([
      'AuthService.ts imports "vitest", which is not available here (allowed: ./files)',
    ])

    const computed = await frame.grade({
      files: { 'AuthService.ts': "const name = './Other'\nexport const load = () => import(name)\n" },
      suite,
    })
    expect(computed.errors.map((error) => error.message)).toEqual([
      'AuthService.ts uses import() with a computed specifier, which is not supported here; import files as "./Name"',
    ])

    const cycle = await frame.grade({
      files: {
        'AuthService.ts': "import { b } from './Store'\nexport const a = () => b\n",
        'Store.ts': "import { a } from './AuthService'\nexport const b = () => a\n",
      },
      suite,
    })
    expect(cycle.errors).toEqual([
      {
        kind: 'import',
        file: 'AuthService.ts',
        message:
          'Import cycle: AuthService.ts -> Store.ts -> AuthService.ts. Files cannot import each other in a circle here; move what they share into one file.',
      },
    ])
  })

  test('allow-listed packages, ./Name.ts specifiers and type-only cycles work', async () => {
    const result = await frame.grade({
      files: {
        'UserStore.ts':
          "import { openDB } from 'idb'\nimport type { Service } from './AuthService'\nexport const open = openDB\nexport type S = Service\n",
        'AuthService.ts':
          "import { open } from './UserStore.ts'\nexport interface Service { ok: boolean }\nexport const opener = open\n",
      },
      suite: {
        'AuthService.test.ts': `
          import { expect, it } from 'vitest'
          import { z } from 'zod'
          import { opener } from './AuthService'
          it('gets idb through the learner file', () => { expect(typeof opener).toBe('function') })
          it('lets the suite use zod', () => { expect(z.string().safeParse(1).success).toBe(false) })
        `,
      },
      allowedImports: ['idb'],
    })
    expect(result.errors).toEqual([])
    expect(result.tests.map((test) => test.state)).toEqual(['pass', 'pass'])
  })
})

describe('learner code that misbehaves at run time', () => {
  test('a thrown string, object or undefined is reported as a non-Error, with its value', async () => {
    const result = await frame.grade({
      files: { 'Throwers.ts': nonErrorThrow },
      suite: {
        'Throwers.test.ts': `
          import { it } from 'vitest'
          import { throwObject, throwString, throwUndefined } from './Throwers'
          it('string', () => throwString())
          it('object', () => throwObject())
          it('undefined', () => throwUndefined())
          it('getter that throws', () => { throw Object.defineProperty(new Error('x'), 'message', { get() { throw new Error('no') } }) })
        `,
      },
    })
    expect(
      result.tests.map((test) => [test.name, test.state, test.error?.name, test.error?.message]),
    ).toEqual([
      ['string', 'fail', 'Non-Error thrown', 'boom'],
      ['object', 'fail', 'Non-Error thrown', "{ code: 42, reason: 'bad input' }"],
      ['undefined', 'fail', 'Non-Error thrown', 'undefined'],
      ['getter that throws', 'fail', 'Error', '<unserializable>: no'],
    ])
  })

  test('a rejection nobody handles is reported with the test that was running; the test keeps its verdict', async () => {
    const result = await frame.grade({
      files: { 'Saver.ts': unhandledRejection },
      suite: {
        'Saver.test.ts': `
          import { it } from 'vitest'
          import { saveInBackground } from './Saver'
          it('saves', async () => { saveInBackground(); await new Promise((resolve) => setTimeout(resolve, 10)) })
          it('runs after', () => {})
        `,
      },
    })
    expect(result.tests.map((test) => test.state)).toEqual(['pass', 'pass'])
    expect(result.errors).toEqual([
      {
        kind: 'unhandled',
        file: 'Saver.ts',
        line: 8,
        column: 9,
        message: 'background save failed',
        testName: 'saves',
      },
    ])
  })

  test('an exception thrown from a timer is reported as unhandled, with its learner file and line', async () => {
    const result = await frame.grade({
      files: {
        'Ticker.ts':
          "export function tick(): void {\n  setTimeout(() => {\n    throw new Error('timer failed')\n  }, 0)\n}\n",
      },
      suite: {
        'Ticker.test.ts': `
          import { it } from 'vitest'
          import { tick } from './Ticker'
          it('ticks', async () => { tick(); await new Promise((resolve) => setTimeout(resolve, 20)) })
        `,
      },
    })
    expect(result.tests.map((test) => test.state)).toEqual(['pass'])
    expect(result.errors).toEqual([
      {
        kind: 'unhandled',
        file: 'Ticker.ts',
        line: 3,
        column: 11,
        message: 'timer failed',
        testName: 'ticks',
      },
    ])
  })

  test('values that cannot be structured-cloned arrive as formatted text', async () => {
    const result = await frame.grade({
      files: { 'Session.ts': unpostableValue },
      suite: {
        'Session.test.ts': `
          import { expect, it } from 'vitest'
          import { makeSession, throwUnpostable } from './Session'
          it('compares', () => { expect(makeSession()).toEqual({ user: 'ada' }) })
          it('logs', () => { console.log(makeSession()) })
          it('throws', () => throwUnpostable())
        `,
      },
    })
    const compares = byName(result, 'compares')
    expect(compares.state).toBe('fail')
    expect(compares.error?.actual).toContain('"refresh": [Function refresh]')
    expect(compares.error?.actual).toContain('"tag": Symbol(session)')
    expect(compares.error?.diff).toContain('+   "cache": WeakMap {}')
    expect(byName(result, 'logs').console).toEqual([
      {
        level: 'log',
        text: "{ user: 'ada', refresh: [Function refresh], tag: Symbol(session), cache: WeakMap{…} }",
      },
    ])
    expect(byName(result, 'throws').error?.message).toBe('with a function attached')
  })

  test('10 MB of console output is cut to 100 lines per test and costs little', async () => {
    const started = performance.now()
    const result = await frame.grade({
      files: { 'Shout.ts': hugeConsole },
      suite: {
        'Shout.test.ts': `
          import { expect, it } from 'vitest'
          import { shout } from './Shout'
          it('shouts', () => { expect(shout()).toBe(100_000) })
          it('whispers', () => { console.log('quiet') })
        `,
      },
    })
    const shouts = byName(result, 'shouts')
    expect(shouts.state).toBe('pass')
    expect(shouts.console).toHaveLength(101)
    expect(shouts.console.at(-1)).toEqual({ level: 'info', text: '[output truncated: 99900 more lines]' })
    expect(byName(result, 'whispers').console).toEqual([{ level: 'log', text: 'quiet' }])
    expect(JSON.stringify(result).length).toBeLessThan(20_000)
    expect(performance.now() - started).toBeLessThan(3_000)
  })

  test('console output over the whole run stops at 1 M characters', async () => {
    const result = await frame.grade({
      suite: {
        'Loud.test.ts': `
          import { it } from 'vitest'
          it.each(Array.from({ length: 60 }, (_, i) => i))('test %i', () => {
            for (let i = 0; i < 25; i++) console.log('y'.repeat(1_000))
          })
        `,
      },
    })
    const kept = result.tests.flatMap((test) => test.console.filter((line) => line.level === 'log'))
    expect(kept.reduce((sum, line) => sum + line.text.length, 0)).toBeLessThanOrEqual(1_000_000)
    expect(result.tests[0]?.console.at(-1)).toEqual({
      level: 'info',
      text: '[output truncated: 5 more lines]',
    })
    expect(result.tests.at(-1)?.console).toEqual([
      { level: 'info', text: '[output truncated: 25 more lines]' },
    ])
  })

  test('an async test that never settles fails at its timeout and the run goes on', async () => {
    const result = await frame.grade({
      suite: {
        'Hang.test.ts': `
          import { it } from 'vitest'
          it('waits forever', () => new Promise(() => {}))
          it('runs after', () => {})
        `,
      },
      testTimeoutMs: 100,
    })
    expect(result.tests.map((test) => [test.name, test.state, test.error?.message])).toEqual([
      [
        'waits forever',
        'fail',
        'Test timed out in 100ms.\nIf this is a long-running test, pass a timeout value as the last argument or configure it globally with "testTimeout".',
      ],
      ['runs after', 'pass', undefined],
    ])
  })
})

describe('hidden suites stay hidden', () => {
  test('stacks show learner frames only, at TypeScript positions, and no suite source reaches the result', async () => {
    const result = await frame.grade({
      files: {
        'Calc.ts': [
          'export function divide(a: number, b: number): number {',
          "  if (b === 0) throw new RangeError('cannot divide by zero')",
          '  return a / b',
          '}',
          '',
        ].join('\n'),
      },
      suite: {
        'Calc.test.ts': `
          // zebra-quokka: a comment only the suite has
          import { expect, it } from 'vitest'
          import { divide } from './Calc'
          function helperZebraQuokka(): number { return divide(1, 0) }
          it('divides', () => { expect(helperZebraQuokka()).toBe(Infinity) })
          it('compares', () => { expect(divide(1, 2)).toBe(0.25) })
        `,
      },
    })
    const divides = byName(result, 'divides')
    expect(divides.error).toEqual({
      name: 'RangeError',
      message: 'cannot divide by zero',
      stack: '    at divide (Calc.ts:2:22)',
    })
    expect(byName(result, 'compares').error?.stack).toBeUndefined()
    const text = JSON.stringify(result)
    expect(text).not.toContain('blob:')
    expect(text).not.toContain('Calc.test.ts')
    expect(text).not.toMatch(/zebra|quokka/i)
  })
})
