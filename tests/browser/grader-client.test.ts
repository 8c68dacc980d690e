// The grader client with the real module worker: budgets, hangs, crashes, cancellation.
import { afterEach, describe, expect, test } from 'vitest'
import { createGraderClient, type GraderClient, type RunInput } from '../../src/grader/client'
import closeWorker from '../fixtures/close-worker.ts?raw'
import infiniteLoop from '../fixtures/infinite-loop.ts?raw'

const clients: GraderClient[] = []
afterEach(() => {
  for (const client of clients.splice(0)) client.dispose()
})

function realClient(options: { recycleAfterRuns?: number; unresponsiveAfterMs?: number } = {}) {
  let created = 0
  const client = createGraderClient({
    ...options,
    createWorker: () => {
      created++
      return new Worker(new URL('../../src/grader/worker.ts', import.meta.url), { type: 'module' })
    },
  })
  clients.push(client)
  return { client, workersCreated: () => created }
}

const passing: RunInput = {
  files: { 'Calc.ts': 'export const add = (a: number, b: number): number => a + b\n' },
  suite: {
    'Calc.test.ts': `
      import { describe, expect, it } from 'vitest'
      import { add } from './Calc'
      describe('add', () => {
        it('adds', () => { expect(add(1, 2)).toBe(3) })
        it('is wrong on purpose', () => { expect(add(1, 2)).toBe(4) })
      })
    `,
  },
  allowedImports: [],
}

const looping: RunInput = {
  files: { 'Counter.ts': infiniteLoop },
  suite: {
    'Counter.test.ts': `
      import { describe, expect, it } from 'vitest'
      import { countDown } from './Counter'
      describe('countDown', () => {
        it('counts down from 4', () => { expect(countDown(4)).toBe(2) })
        it('counts down from 5', () => { expect(countDown(5)).toBe(3) })
        it('never gets here', () => {})
      })
    `,
  },
  allowedImports: [],
}

describe('with the real worker', () => {
  test('grades a suite and returns plain results', async () => {
    const { client } = realClient()
    const outcome = await client.run(passing, { budgetMs: 5_000 })
    expect(outcome.status).toBe('done')
    expect(outcome.result.tests.map((test) => [test.name, test.state])).toEqual([
      ['add > adds', 'pass'],
      ['add > is wrong on purpose', 'fail'],
    ])
    expect(outcome.result.tests[1]?.error?.diff).toBe('- Expected\n+ Received\n\n- 4\n+ 3')
  })

  test('a foreseen suite is only a hint: the run grades the suite it brings, foreseen or not', async () => {
    const { client } = realClient()
    const names = (outcome: Awaited<ReturnType<GraderClient['run']>>) =>
      outcome.result.tests.map((test) => [test.name, test.state])
    client.foresee(passing.suite)
    const foreseen = await client.run(passing, { budgetMs: 5_000 })
    expect(names(foreseen)).toEqual([
      ['add > adds', 'pass'],
      ['add > is wrong on purpose', 'fail'],
    ])
    // the next worker was told the same suite at its start; this run brings another one under the same name
    const other: RunInput = {
      ...passing,
      suite: {
        'Calc.test.ts': `
          import { expect, it } from 'vitest'
          import { add } from './Calc'
          it('adds negatives', () => { expect(add(-1, -2)).toBe(-3) })
        `,
      },
    }
    expect(names(await client.run(other, { budgetMs: 5_000 }))).toEqual([['adds negatives', 'pass']])
  })

  test('an infinite loop is stopped within budget + 1 s, naming the running test; the next run gets a fresh worker', async () => {
    // the watchdog (1 s by default) would race the 1 s budget; this test is about the budget
    const { client, workersCreated } = realClient({ unresponsiveAfterMs: 10_000 })
    await client.run(passing, { budgetMs: 5_000 })
    const budgetMs = 1_000
    const started = performance.now()
    const outcome = await client.run(looping, { budgetMs })
    const elapsed = performance.now() - started

    expect(outcome).toMatchObject({
      status: 'timeout',
      reason: 'budget',
      budgetMs,
      runningTest: 'countDown > counts down from 5',
    })
    expect(outcome.result.tests.map((test) => [test.name, test.state])).toEqual([
      ['countDown > counts down from 4', 'pass'],
    ])
    expect(elapsed).toBeGreaterThanOrEqual(budgetMs)
    expect(elapsed).toBeLessThan(budgetMs + 1_000)
    // one for the first run, one for the looping run (each run gets its own), one after the loop
    expect(workersCreated()).toBe(3)

    const next = await client.run(passing, { budgetMs: 5_000 })
    expect(next.status).toBe('done')
    expect(next.result.totals).toEqual({ passed: 1, failed: 1, skipped: 0, total: 2 })
  })

  test('an error thrown from a timer inside the worker is reported, not treated as a crash', async () => {
    const { client } = realClient()
    const outcome = await client.run(
      {
        files: {
          'Ticker.ts':
            "export function tick(): void {\n  setTimeout(() => {\n    throw new Error('timer failed')\n  }, 0)\n}\n",
        },
        suite: {
          'Ticker.test.ts':
            "import { it } from 'vitest'\nimport { tick } from './Ticker'\nit('ticks', async () => { tick(); await new Promise((resolve) => setTimeout(resolve, 20)) })",
        },
        allowedImports: [],
      },
      { budgetMs: 5_000 },
    )
    expect(outcome.status).toBe('done')
    expect(outcome.result.errors).toEqual([
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

  test('code that closes the worker fails that test with a message saying why, and the run goes on', async () => {
    const { client } = realClient()
    const outcome = await client.run(
      {
        files: { 'Quit.ts': closeWorker },
        suite: {
          'Quit.test.ts':
            "import { it } from 'vitest'\nimport { quit } from './Quit'\nit('quits', () => quit())\nit('runs after', () => {})",
        },
        allowedImports: [],
      },
      { budgetMs: 5_000 },
    )
    expect(outcome.status).toBe('done')
    expect(outcome.result.tests.map((test) => [test.name, test.state, test.error?.message])).toEqual([
      [
        'quits',
        'fail',
        'self.close() is not available to code under test: the grader stops its worker itself when the run is over.',
      ],
      ['runs after', 'pass', undefined],
    ])
    expect((await client.run(passing, { budgetMs: 5_000 })).status).toBe('done')
  })

  test('a worker that fails to start is reported as a crash', async () => {
    const broken = URL.createObjectURL(
      new Blob(["throw new Error('cannot start')"], { type: 'text/javascript' }),
    )
    const client = createGraderClient({ createWorker: () => new Worker(broken, { type: 'module' }) })
    clients.push(client)
    const outcome = await client.run(passing, { budgetMs: 5_000 })
    expect(outcome.status).toBe('crashed')
    expect(outcome.status === 'crashed' && outcome.message).toMatch(
      /^The grader worker failed: .*cannot start/,
    )
    URL.revokeObjectURL(broken)
  })

  test('aborting stops a hanging run at once; a newer run cancels an older one', async () => {
    const { client } = realClient()
    const controller = new AbortController()
    const started = performance.now()
    const pending = client.run(looping, { budgetMs: 30_000, signal: controller.signal })
    setTimeout(() => controller.abort(), 200)
    expect((await pending).status).toBe('cancelled')
    expect(performance.now() - started).toBeLessThan(1_000)

    const older = client.run(looping, { budgetMs: 30_000 })
    const newer = client.run(passing, { budgetMs: 5_000 })
    expect((await older).status).toBe('cancelled')
    expect((await newer).status).toBe('done')
  })
})
