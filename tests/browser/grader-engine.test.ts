// The grader engine on small inline suites: what a learner sees for passing, failing and skipped tests.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { RunResult, TestResult } from '../../src/grader/protocol'
import { type EngineFrame, loadEngineInFrame } from '../fixtures/engine-frame'

let frame: EngineFrame
beforeAll(async () => {
  frame = await loadEngineInFrame()
})
afterAll(() => frame.dispose())

const calc = `
export function add(a: number, b: number): number {
  return a + b
}
export function divide(a: number, b: number): number {
  if (b === 0) throw new RangeError('cannot divide by zero')
  return a / b
}
export async function slowDouble(n: number): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, 1))
  if (n < 0) throw new Error('negative')
  return n * 2
}
`

const grade = (suite: string, files: Record<string, string> = { 'Calc.ts': calc }) =>
  frame.grade({ files, suite: { 'Calc.test.ts': suite } })

function byName(result: RunResult, name: string): TestResult {
  const found = result.tests.find((test) => test.name === name)
  if (!found) throw new Error(`no test "${name}" in ${result.tests.map((test) => test.name).join(', ')}`)
  return found
}

const ansi = String.fromCharCode(27)

describe('verdicts', () => {
  test('each test passes, fails or is skipped, named "describe > it", in suite order', async () => {
    const result = await grade(`
      import { describe, expect, it } from 'vitest'
      import { add } from './Calc'
      describe('add', () => {
        it('adds', () => { expect(add(1, 2)).toBe(3) })
        it('is wrong on purpose', () => { expect(add(1, 2)).toBe(4) })
        it.skip('is skipped', () => {})
        it.todo('is a todo')
      })
      it('runs at the top level', () => {})
    `)
    expect(result.tests.map((test) => [test.name, test.state])).toEqual([
      ['add > adds', 'pass'],
      ['add > is wrong on purpose', 'fail'],
      ['add > is skipped', 'skip'],
      ['add > is a todo', 'skip'],
      ['runs at the top level', 'pass'],
    ])
    expect(result.totals).toEqual({ passed: 2, failed: 1, skipped: 2, total: 5 })
    expect(result.errors).toEqual([])
  })

  test('test ids stay the same from one run to the next', async () => {
    const suite = `import { it } from 'vitest'\nit('a', () => {})\nit('b', () => {})`
    const first = await grade(suite)
    const second = await grade(suite)
    expect(second.tests.map((test) => test.id)).toEqual(first.tests.map((test) => test.id))
    expect(new Set(first.tests.map((test) => test.id)).size).toBe(2)
  })

  test('a file without tests is an error, not a pass', async () => {
    const result = await grade(`import { add } from './Calc'\nadd(1, 1)`)
    expect(result.tests).toEqual([])
    expect(result.errors).toEqual([
      { kind: 'runtime', file: 'Calc.test.ts', message: 'No test suite found in file Calc.test.ts' },
    ])
  })
})

describe('messages and diffs', () => {
  test('a DOMException in a message reads as its name and message, not as an object with a stack', async () => {
    const result = await grade(
      `
      import { expect, it } from 'vitest'
      import { decode } from './Decode'
      class JwtError extends Error {}
      it('wants a JwtError', async () => {
        let caught: unknown
        try { await decode() } catch (error) { caught = error }
        expect(caught, 'decode must reject with a JwtError').toBeInstanceOf(JwtError)
      })
    `,
      { 'Decode.ts': "export async function decode() { return atob('***') }" },
    )
    const message = byName(result, 'wants a JwtError').error?.message ?? ''
    expect(message).toMatch(
      /^decode must reject with a JwtError: expected InvalidCharacterError: Failed to execute 'atob' on '\w+': The string to be decoded is not correctly encoded\. to be an instance of JwtError$/,
    )
  })

  test('the run says how many tests it collected before any runs', async () => {
    const progress: string[] = []
    await frame.engine.runGrading(
      {
        files: { 'Calc.ts': calc },
        allowedImports: [],
        suite: {
          'Calc.test.ts': `
          import { describe, it } from 'vitest'
          describe('a', () => { it('one', () => {}); it.skip('two', () => {}) })
          it('three', () => {})
        `,
        },
      },
      {
        onProgress: (event) =>
          progress.push(event.phase === 'collected' ? `collected ${event.tests}` : event.phase),
      },
    )
    expect(progress[0]).toBe('collected 3')
    expect(progress.filter((phase) => phase.startsWith('collected'))).toHaveLength(1)
  })

  test('toEqual on objects gives a unified diff and pretty values, without ANSI codes', async () => {
    const result = await grade(`
      import { expect, it } from 'vitest'
      it('compares', () => { expect({ user: 'ada', roles: ['reader'] }).toEqual({ user: 'ada', roles: ['admin'] }) })
    `)
    const { error } = byName(result, 'compares')
    expect(error?.name).toBe('AssertionError')
    expect(error?.message).toBe(
      "expected { user: 'ada', roles: [ 'reader' ] } to deeply equal { user: 'ada', roles: [ 'admin' ] }",
    )
    expect(error?.diff).toBe(
      [
        '- Expected',
        '+ Received',
        '',
        '  {',
        '    "roles": [',
        '-     "admin",',
        '+     "reader",',
        '    ],',
        '    "user": "ada",',
        '  }',
      ].join('\n'),
    )
    expect(error?.expected).toContain('"admin"')
    expect(error?.actual).toContain('"reader"')
    expect(JSON.stringify(result)).not.toContain(ansi)
  })

  test('string comparisons show expected and received lines, without ANSI codes', async () => {
    const result = await grade(`
      import { expect, it } from 'vitest'
      it('greets', () => { expect('hello world').toBe('hello there') })
    `)
    const { error } = byName(result, 'greets')
    expect(error?.message).toBe("expected 'hello world' to be 'hello there' // Object.is equality")
    expect(error?.diff).toBe('Expected: "hello there"\nReceived: "hello world"')
    expect(JSON.stringify(result)).not.toContain(ansi)
  })

  test('toThrow passes on the right error and explains the wrong one', async () => {
    const result = await grade(`
      import { expect, it } from 'vitest'
      import { add, divide } from './Calc'
      it('throws on zero', () => { expect(() => divide(1, 0)).toThrow(RangeError) })
      it('throws the message', () => { expect(() => divide(1, 0)).toThrow('cannot divide by zero') })
      it('does not throw', () => { expect(() => add(1, 0)).toThrow() })
      it('wrong message', () => { expect(() => divide(1, 0)).toThrow('by nothing') })
    `)
    expect(result.tests.map((test) => test.state)).toEqual(['pass', 'pass', 'fail', 'fail'])
    expect(byName(result, 'does not throw').error?.message).toBe('expected [Function] to throw an error')
    expect(byName(result, 'wrong message').error?.message).toBe(
      "expected [Function] to throw error including 'by nothing' but got 'cannot divide by zero'",
    )
  })

  test('resolves and rejects wait for the promise', async () => {
    const result = await grade(`
      import { expect, it } from 'vitest'
      import { slowDouble } from './Calc'
      it('resolves', async () => { await expect(slowDouble(2)).resolves.toBe(4) })
      it('rejects', async () => { await expect(slowDouble(-1)).rejects.toThrow('negative') })
      it('rejects wrongly', async () => { await expect(slowDouble(1)).rejects.toThrow('negative') })
      it('forgets to await, and still fails', () => { expect(slowDouble(1)).rejects.toThrow('negative') })
    `)
    expect(result.tests.map((test) => [test.name, test.state])).toEqual([
      ['resolves', 'pass'],
      ['rejects', 'pass'],
      ['rejects wrongly', 'fail'],
      ['forgets to await, and still fails', 'fail'],
    ])
    expect(byName(result, 'rejects wrongly').error?.message).toBe('promise resolved "2" instead of rejecting')
  })

  test('vi.fn records calls and explains a mismatch', async () => {
    const result = await grade(`
      import { expect, it, vi } from 'vitest'
      it('was called', () => {
        const spy = vi.fn((n: number) => n + 1)
        spy(1)
        expect(spy).toHaveBeenCalledWith(1)
        expect(spy).toHaveReturnedWith(2)
      })
      it('was called differently', () => {
        const spy = vi.fn()
        spy('a')
        expect(spy).toHaveBeenCalledWith('b')
      })
      it('has no fake timers here', () => { vi.useFakeTimers() })
    `)
    expect(result.tests.map((test) => test.state)).toEqual(['pass', 'fail', 'fail'])
    const mismatch = byName(result, 'was called differently').error
    expect(mismatch?.message).toContain('expected "vi.fn()" to be called with arguments: [ \'b\' ]')
    expect(mismatch?.message).not.toContain(ansi)
    expect(byName(result, 'has no fake timers here').error?.message).toMatch(
      /^vi\.useFakeTimers\(\) is not available in the in-browser grader \(available: fn, spyOn/,
    )
  })

  test('it.each names each case from its arguments', async () => {
    const result = await grade(`
      import { expect, it } from 'vitest'
      import { add } from './Calc'
      it.each([[1, 2, 3], [2, 2, 5]])('add(%i, %i) -> %i', (a, b, sum) => { expect(add(a, b)).toBe(sum) })
    `)
    expect(result.tests.map((test) => [test.name, test.state])).toEqual([
      ['add(1, 2) -> 3', 'pass'],
      ['add(2, 2) -> 5', 'fail'],
    ])
  })
})

describe('hooks, assertions and console', () => {
  test('hooks run in Vitest order and their output lands with the test or outside tests', async () => {
    const result = await grade(`
      import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
      const order: string[] = []
      beforeAll(() => { order.push('beforeAll'); console.log('setting up') })
      afterAll(() => { console.log('order was', order.join(',')) })
      describe('inner', () => {
        beforeEach(() => { order.push('beforeEach') })
        afterEach(() => { order.push('afterEach'); console.info('cleaned up') })
        it('first', () => { order.push('first'); console.log('in first') })
        it('second', () => {
          order.push('second')
          expect(order).toEqual(['beforeAll', 'beforeEach', 'first', 'afterEach', 'beforeEach', 'second'])
        })
      })
    `)
    expect(result.tests.map((test) => test.state)).toEqual(['pass', 'pass'])
    expect(byName(result, 'inner > first').console).toEqual([
      { level: 'log', text: 'in first' },
      { level: 'info', text: 'cleaned up' },
    ])
    expect(byName(result, 'inner > second').console).toEqual([{ level: 'info', text: 'cleaned up' }])
    expect(result.console).toEqual([
      { level: 'log', text: 'setting up' },
      {
        level: 'log',
        text: 'order was beforeAll,beforeEach,first,afterEach,beforeEach,second,afterEach',
      },
    ])
  })

  test('expect.assertions and expect.hasAssertions are enforced', async () => {
    const result = await grade(`
      import { expect, it } from 'vitest'
      it('counts right', () => { expect.assertions(2); expect(1).toBe(1); expect(2).toBe(2) })
      it('counts wrong', () => { expect.assertions(2); expect(1).toBe(1) })
      it('asserts nothing', () => { expect.hasAssertions() })
      it('uses its own expect', ({ expect }) => { expect.assertions(1) })
      it('asserts in a callback that never runs', async () => {
        expect.assertions(1)
        await Promise.resolve().then(() => undefined)
      })
    `)
    expect(result.tests.map((test) => [test.name, test.state, test.error?.message])).toEqual([
      ['counts right', 'pass', undefined],
      ['counts wrong', 'fail', 'expected number of assertions to be 2, but got 1'],
      ['asserts nothing', 'fail', 'expected any number of assertion, but got none'],
      ['uses its own expect', 'fail', 'expected number of assertions to be 1, but got 0'],
      ['asserts in a callback that never runs', 'fail', 'expected number of assertions to be 1, but got 0'],
    ])
  })

  test('console output is captured per test, by level, with objects formatted', async () => {
    const result = await grade(`
      import { it } from 'vitest'
      it('a', () => { console.log('from a', { id: 1 }); console.warn('careful') })
      it('b', () => { console.error('from b'); console.debug('details') })
      it('c', () => {})
    `)
    expect(result.tests.map((test) => test.console)).toEqual([
      [
        { level: 'log', text: 'from a { id: 1 }' },
        { level: 'warn', text: 'careful' },
      ],
      [
        { level: 'error', text: 'from b' },
        { level: 'debug', text: 'details' },
      ],
      [],
    ])
  })
})
