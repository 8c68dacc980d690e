// The sandbox itself, with a user of its own (tests/fixtures/sandbox/echo-worker.ts) that calls one function of a
// learner module: what every user gets from it, whatever its protocol on top.
import { afterEach, describe, expect, test } from 'vitest'
import { createSandbox, type Sandbox, type SandboxOptions } from '../../src/sandbox/client'
import { sandboxTiming } from '../../src/sandbox/timing'
import cryptoLoop from '../fixtures/crypto-loop.ts?raw'
import infiniteLoop from '../fixtures/infinite-loop.ts?raw'
import type { EchoInput } from '../fixtures/sandbox/echo-worker'

const sandboxes: Sandbox<EchoInput, string, string>[] = []
afterEach(() => {
  for (const sandbox of sandboxes.splice(0)) sandbox.dispose()
})

function echoSandbox(options: Partial<SandboxOptions> = {}) {
  let created = 0
  const sandbox = createSandbox<EchoInput, string, string>({
    label: 'echo',
    createWorker: () => {
      created++
      return new Worker(new URL('../fixtures/sandbox/echo-worker.ts', import.meta.url), { type: 'module' })
    },
    ...options,
  })
  sandboxes.push(sandbox)
  return { sandbox, workersCreated: () => created }
}

const healthy: EchoInput = {
  files: {
    'Twice.ts': "import { one } from './One'\nexport const twice = (): number => 2 * one\n",
    'One.ts': 'export const one: number = 1\n',
  },
  file: 'Twice.ts',
  call: 'twice',
}
const looping: EchoInput = { files: { 'Counter.ts': infiniteLoop }, file: 'Counter.ts', call: 'countDown' }

describe('the sandbox with a user of its own', () => {
  test('loads the learner module with its imports, calls it, and reports progress and the result', async () => {
    const { sandbox } = echoSandbox()
    const progress: string[] = []
    const outcome = await sandbox.run(healthy, {
      budgetMs: 5_000,
      onProgress: (value) => progress.push(value),
    })
    expect(outcome).toEqual({ status: 'done', result: 'returned 2' })
    expect(progress).toEqual(['calling twice'])
  })

  test('learner code meets the hardened realm and the sealed channel, with messages that name the user', async () => {
    const { sandbox } = echoSandbox()
    const attempt = (body: string) =>
      sandbox.run(
        { files: { 'Bad.ts': `export function go() {\n  ${body}\n}\n` }, file: 'Bad.ts', call: 'go' },
        {
          budgetMs: 5_000,
        },
      )
    expect(await attempt("self.postMessage('hello')")).toEqual({
      status: 'done',
      result:
        'threw self.postMessage is not available to code under test: the echo sandbox reports results itself, on a channel your code cannot reach.',
    })
    expect(await attempt("return new Function('return 1')()")).toMatchObject({
      status: 'done',
      result: expect.stringMatching(/^threw Code generation from strings .* is not available here/),
    })
    expect(await attempt("Object.defineProperty(Array.prototype, 'x', { value: 1 })")).toMatchObject({
      status: 'done',
      result: expect.stringMatching(/^threw Cannot define property x, object is not extensible/),
    })
  })

  test('a hang is stopped after 1 s of silence, reported after the termination grace, and the next run gets a fresh worker', async () => {
    const { sandbox, workersCreated } = echoSandbox()
    sandbox.prepare()
    const started = performance.now()
    const outcome = await sandbox.run(looping, { budgetMs: 20_000 })
    const elapsed = performance.now() - started
    expect(outcome).toMatchObject({ status: 'timeout', reason: 'unresponsive', budgetMs: 20_000 })
    if (outcome.status !== 'timeout') return
    expect(outcome.stoppedAfterMs).toBeGreaterThanOrEqual(sandboxTiming.unresponsiveAfterMs)
    expect(outcome.stoppedAfterMs).toBeLessThan(sandboxTiming.unresponsiveAfterMs + 1_000)
    // the outcome waits out the grace Chromium gives a terminated busy worker
    expect(elapsed).toBeGreaterThanOrEqual(outcome.stoppedAfterMs + sandboxTiming.terminationGraceMs)
    // the replacement started when the hang was stopped, not when it was reported
    expect(workersCreated()).toBe(2)
    expect(await sandbox.run(healthy, { budgetMs: 5_000 })).toEqual({ status: 'done', result: 'returned 2' })
  }, 30_000)

  test('a loop of awaited Web Crypto calls keeps beating although its timers starve, and runs to its end', async () => {
    const { sandbox } = echoSandbox()
    const outcome = await sandbox.run(
      { files: { 'Crack.ts': cryptoLoop }, file: 'Crack.ts', call: 'crackFor' },
      { budgetMs: 20_000 },
    )
    expect(outcome).toMatchObject({
      status: 'done',
      result: expect.stringMatching(/^returned made Web Crypto calls; a 100 ms timer ticked \d+ times$/),
    })
  }, 30_000)

  test('a synchronous loop that starts Web Crypto calls without awaiting them is still stopped after 1 s', async () => {
    const { sandbox } = echoSandbox()
    const outcome = await sandbox.run(
      { files: { 'Hash.ts': cryptoLoop }, file: 'Hash.ts', call: 'hashWithoutWaiting' },
      { budgetMs: 20_000 },
    )
    expect(outcome).toMatchObject({ status: 'timeout', reason: 'unresponsive' })
    if (outcome.status !== 'timeout') return
    expect(outcome.stoppedAfterMs).toBeLessThan(sandboxTiming.unresponsiveAfterMs + 1_000)
  }, 30_000)

  test('a worker that never says ready is reported as crashed at the startup timeout and replaced', async () => {
    const silent = URL.createObjectURL(new Blob(['// never answers'], { type: 'text/javascript' }))
    let created = 0
    const { sandbox } = echoSandbox({
      startupTimeoutMs: 500,
      createWorker: () =>
        created++ === 0
          ? new Worker(silent, { type: 'module' })
          : new Worker(new URL('../fixtures/sandbox/echo-worker.ts', import.meta.url), { type: 'module' }),
    })
    const started = performance.now()
    expect(await sandbox.run(healthy, { budgetMs: 5_000 })).toEqual({
      status: 'crashed',
      message: 'The echo worker did not start within 500 ms.',
    })
    expect(performance.now() - started).toBeLessThan(1_500)
    expect(await sandbox.run(healthy, { budgetMs: 5_000 })).toEqual({ status: 'done', result: 'returned 2' })
    URL.revokeObjectURL(silent)
  })
})
