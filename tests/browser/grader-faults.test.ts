// Learner-code faults that only the real worker shows: loops that never yield, memory that fills up, floods
// of messages, background work left behind. Each ends with a specific outcome and the next run works.
import { afterEach, describe, expect, test } from 'vitest'
import { createGraderClient, type GraderClient, type RunInput } from '../../src/grader/client'
import deepRecursion from '../fixtures/deep-recursion.ts?raw'
import infiniteLoop from '../fixtures/infinite-loop.ts?raw'
import memoryHog from '../fixtures/memory-hog.ts?raw'
import microtaskLoop from '../fixtures/microtask-loop.ts?raw'
import postMessageFlood from '../fixtures/post-message-flood.ts?raw'
import timerLoop from '../fixtures/timer-loop.ts?raw'
import unpostableValue from '../fixtures/unpostable-value.ts?raw'

const clients: GraderClient[] = []
afterEach(() => {
  for (const client of clients.splice(0)) client.dispose()
})

function realClient() {
  let created = 0
  const client = createGraderClient({
    createWorker: () => {
      created++
      return new Worker(new URL('../../src/grader/worker.ts', import.meta.url), { type: 'module' })
    },
  })
  clients.push(client)
  return { client, workersCreated: () => created }
}

/** One learner file `Code.ts` and a suite whose first test calls `call`, then a test that always passes. */
function faulty(source: string, call: string, testTimeoutMs?: number): RunInput {
  return {
    files: { 'Code.ts': source },
    suite: {
      'Code.test.ts': `
        import { expect, it } from 'vitest'
        import * as code from './Code'
        it('calls the code', async () => { expect(await ${call}).toBeDefined() })
        it('runs after', () => { expect(1).toBe(1) })
      `,
    },
    allowedImports: [],
    ...(testTimeoutMs ? { testTimeoutMs } : {}),
  }
}

const healthy: RunInput = {
  files: { 'Code.ts': 'export const twice = (n: number): number => 2 * n\n' },
  suite: {
    'Code.test.ts':
      "import { expect, it } from 'vitest'\nimport { twice } from './Code'\nit('doubles', () => { expect(twice(2)).toBe(4) })",
  },
  allowedImports: [],
}

async function expectNextRunWorks(client: GraderClient) {
  const next = await client.run(healthy, { budgetMs: 10_000 })
  expect(next.status).toBe('done')
  expect(next.result.totals).toEqual({ passed: 1, failed: 0, skipped: 0, total: 1 })
}

describe('code that never yields is stopped after 1 s without a heartbeat, long before the budget', () => {
  test.each([
    ['a synchronous infinite loop', infiniteLoop, 'code.countDown(5)'],
    ['an endless chain of promise callbacks (microtasks)', microtaskLoop, 'code.poll()'],
    // small objects: the heap fills slowly enough to stop the worker in time (large arrays would end the tab,
    // see tests/e2e/faults.test.ts)
    ['allocating memory until the worker would die', memoryHog, 'code.remember()'],
  ])(
    '%s',
    async (_, source, call) => {
      const { client } = realClient()
      const budgetMs = 20_000
      const started = performance.now()
      const outcome = await client.run(faulty(source, call), { budgetMs })
      const elapsed = performance.now() - started
      expect(outcome).toMatchObject({
        status: 'timeout',
        reason: 'unresponsive',
        budgetMs,
        runningTest: 'calls the code',
      })
      expect(outcome.status === 'timeout' && outcome.stoppedAfterMs).toBeGreaterThanOrEqual(1_000)
      // reported 2.5 s after the stop: Chromium lets a busy worker run on for ~2 s after terminate()
      expect(elapsed).toBeGreaterThanOrEqual(3_500)
      expect(elapsed).toBeLessThan(6_000)
      await expectNextRunWorks(client)
    },
    30_000,
  )
})

describe('faults the run survives', () => {
  test('a promise chain that yields but never settles fails at the test timeout, and its leftovers die with the worker', async () => {
    const { client, workersCreated } = realClient()
    const outcome = await client.run(faulty(timerLoop, 'code.retryForever()', 300), { budgetMs: 10_000 })
    expect(outcome.status).toBe('done')
    expect(
      outcome.result.tests.map((test) => [test.name, test.state, test.error?.message.split('\n')[0]]),
    ).toEqual([
      ['calls the code', 'fail', 'Test timed out in 300ms.'],
      ['runs after', 'pass', undefined],
    ])
    // the timer chain is still running in that worker, so the next run gets a fresh one
    await expectNextRunWorks(client)
    expect(workersCreated()).toBe(3)
  })

  test('deep recursion fails its test with the RangeError, pointing at the learner line', async () => {
    const { client } = realClient()
    const outcome = await client.run(faulty(deepRecursion, 'code.depth(0)'), { budgetMs: 10_000 })
    expect(outcome.status).toBe('done')
    const [first, second] = outcome.result.tests
    expect(first?.error).toMatchObject({ name: 'RangeError', message: 'Maximum call stack size exceeded' })
    // V8 notices the overflow at the function's entry or in its body, depending on how it compiled it
    expect(first?.error?.stack?.split('\n')[0]).toMatch(/^ {4}at depth \(Code\.ts:(2:22|3:3)\)$/)
    expect(second?.state).toBe('pass')
    await expectNextRunWorks(client)
  })

  test('flooding postMessage fails at the first call with a message that says why; nothing reaches the page', async () => {
    const { client } = realClient()
    const started = performance.now()
    const outcome = await client.run(faulty(postMessageFlood, 'code.broadcast()'), { budgetMs: 10_000 })
    expect(performance.now() - started).toBeLessThan(3_000)
    expect(outcome.status).toBe('done')
    expect(outcome.result.tests[0]?.error).toMatchObject({
      name: 'TypeError',
      message:
        'self.postMessage is not available to code under test: the grader reports results itself, on a channel your code cannot reach.',
      stack: '    at Module.broadcast (Code.ts:5:45)',
    })
    await expectNextRunWorks(client)
  })

  test('a rejection nobody handles in the last, synchronous test is still reported', async () => {
    const { client } = realClient()
    const outcome = await client.run(
      {
        files: {
          'Code.ts':
            "export function start(): void {\n  void Promise.reject(new Error('never handled'))\n}\n",
        },
        suite: {
          'Code.test.ts':
            "import { it } from 'vitest'\nimport { start } from './Code'\nit('starts', () => start())",
        },
        allowedImports: [],
      },
      { budgetMs: 10_000 },
    )
    expect(outcome.status).toBe('done')
    expect(outcome.result.errors).toEqual([
      { kind: 'unhandled', file: 'Code.ts', line: 2, column: 23, message: 'never handled' },
    ])
  })

  test('values structured clone rejects cross to the page as formatted text', async () => {
    const { client } = realClient()
    const outcome = await client.run(
      {
        files: { 'Session.ts': unpostableValue },
        suite: {
          'Session.test.ts': `
            import { expect, it } from 'vitest'
            import { makeSession, throwUnpostable } from './Session'
            it('compares', () => { expect(makeSession()).toEqual({ user: 'ada' }) })
            it('throws', () => throwUnpostable())
          `,
        },
        allowedImports: [],
      },
      { budgetMs: 10_000 },
    )
    expect(outcome.status).toBe('done')
    expect(outcome.result.tests[0]?.error?.actual).toContain('"refresh": [Function refresh]')
    expect(outcome.result.tests[1]?.error?.message).toBe('with a function attached')
  })
})
