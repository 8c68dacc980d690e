// Learner code that tries to turn a failing suite into a pass, run in the real grader worker: every attempt
// must leave the run failing, and the page must only ever trust what arrives on the grader's own port.
import { afterEach, describe, expect, test } from 'vitest'
import { loadCatalogue } from '../../src/content/catalogue'
import {
  createGraderClient,
  type GraderClient,
  type RunInput,
  type RunOutcome,
} from '../../src/grader/client'
import type { ReadyMessage } from '../../src/sandbox/protocol'
import exitEarly from '../fixtures/tampering/exit-early.ts?raw'
import fakeWebCrypto from '../fixtures/tampering/fake-web-crypto.ts?raw'
import forgeResult from '../fixtures/tampering/forge-result.ts?raw'
import generateCode from '../fixtures/tampering/generate-code.ts?raw'
import overrideVitestGlobals from '../fixtures/tampering/override-vitest-globals.ts?raw'
import patchBuiltins from '../fixtures/tampering/patch-builtins.ts?raw'

// inline `new Worker(new URL(...))`, the form Vite recognises as a worker entry
const newWorker = () => new Worker(new URL('../../src/grader/worker.ts', import.meta.url), { type: 'module' })
const clients: GraderClient[] = []
afterEach(() => {
  for (const client of clients.splice(0)) client.dispose()
})

function realClient(): GraderClient {
  const client = createGraderClient({ createWorker: newWorker })
  clients.push(client)
  return client
}

/** What the results view calls a pass: finished, some tests, none failed, no run-level errors. */
function isPass(outcome: RunOutcome): boolean {
  const { totals, errors } = outcome.result
  return outcome.status === 'done' && totals.total > 0 && totals.failed === 0 && errors.length === 0
}

const consoleLines = (outcome: RunOutcome) =>
  [...outcome.result.console, ...outcome.result.tests.flatMap((test) => test.console)].map(
    (line) => line.text,
  )
const consoleText = (outcome: RunOutcome) => consoleLines(outcome).join('\n')

// five ways of asserting on a wrong `add` (it subtracts): toBe, toEqual, resolves, an asymmetric matcher, rejects
const calcSuite = {
  'Calc.test.ts': `
    import { describe, expect, it } from 'vitest'
    import { add } from './Calc'
    describe('add', () => {
      it('adds', () => { expect(add(1, 2)).toBe(3) })
      it('adds in a list', () => { expect([add(1, 1), add(2, 2)]).toEqual([2, 4]) })
      it('adds later', async () => { await expect(Promise.resolve().then(() => add(2, 3))).resolves.toBe(5) })
      it('adds inside an object', () => { expect({ sum: add(2, 2) }).toEqual(expect.objectContaining({ sum: 4 })) })
      it('reports the sum in a rejection', async () => {
        await expect(Promise.reject(new Error(String(add(1, 1))))).rejects.toThrow('2')
      })
    })
  `,
}
const calc = (source: string): RunInput => ({
  files: { 'Calc.ts': source },
  suite: calcSuite,
  allowedImports: [],
})

/** Every test failed on its own assertion, not on some error the tampering caused in the grader. */
const verdicts = (outcome: RunOutcome) =>
  outcome.result.tests.map((test) => [test.name, test.state, test.error?.name])
const allFailedOnAssertions = [
  ['add > adds', 'fail', 'AssertionError'],
  ['add > adds in a list', 'fail', 'AssertionError'],
  ['add > adds later', 'fail', 'AssertionError'],
  ['add > adds inside an object', 'fail', 'AssertionError'],
  ['add > reports the sum in a rejection', 'fail', 'AssertionError'],
]

describe('learner code cannot turn a failing suite into a pass', () => {
  test.each([
    // new globals can be added, but suites take expect/describe/it from their `vitest` import, not globals
    [
      'overriding expect/describe/it and the matcher registries',
      overrideVitestGlobals,
      'globalThis.expect, globalThis.describe/it/test',
    ],
    [
      'patching Promise.prototype.then, Object.prototype, Array.prototype, Object.is and globals',
      patchBuiltins,
      'none',
    ],
    ['compiling strings into code (eval, new Function, string timers)', generateCode, 'none'],
  ])('%s', async (_, fixture, tookEffect) => {
    const outcome = await realClient().run(calc(fixture), { budgetMs: 10_000 })
    expect(outcome.status).toBe('done')
    expect(verdicts(outcome)).toEqual(allFailedOnAssertions)
    expect(consoleLines(outcome)).toContain(`tampering that took effect: ${tookEffect}`)
    expect(isPass(outcome)).toBe(false)
  })

  test('posting a forged result (guessed or sniffed runId, stolen port) never reaches the page', async () => {
    const outcome = await realClient().run(calc(forgeResult), { budgetMs: 10_000 })
    expect(outcome.status).toBe('done')
    expect(verdicts(outcome)).toEqual(allFailedOnAssertions)
    const printed = consoleText(outcome)
    expect(printed).toContain('tampering that took effect: listen for the run message')
    expect(printed).toContain(
      'forging at import: self.postMessage is not available to code under test: the grader reports results itself, on a channel your code cannot reach.',
    )
    expect(isPass(outcome)).toBe(false)
  })

  test('closing the worker early fails the test that did it, at the line, and the rest still report', async () => {
    const outcome = await realClient().run(calc(exitEarly), { budgetMs: 10_000 })
    expect(outcome.status).toBe('done')
    expect(outcome.result.totals).toEqual({ passed: 0, failed: 5, skipped: 0, total: 5 })
    const [first] = outcome.result.tests
    expect(first?.error).toMatchObject({
      name: 'TypeError',
      message:
        'self.close() is not available to code under test: the grader stops its worker itself when the run is over.',
      stack: '    at add (Calc.ts:3:49)',
    })
    expect(consoleText(outcome)).toContain('close at import: self.close() is not available')
    expect(isPass(outcome)).toBe(false)
  })
})

describe('a fake Web Crypto cannot pass the real suites', () => {
  const raw = import.meta.glob(['/exercises/*/*', '/solutions/*/*.ts'], {
    query: '?raw',
    import: 'default',
    eager: true,
  })
  const sources = Object.fromEntries(
    Object.entries(raw).map(([path, text]) => [path.slice(1), text as string]),
  )
  const { exercises } = loadCatalogue(sources)

  // the reference solution itself, running on a crypto.subtle that always verifies and signs/derives 7s
  test.each([
    ['simple-jwt', 'SimpleJWT.ts', /RFC 7515/],
    ['password-manager', 'PasswordManager.ts', /RFC 7914/],
  ])(
    '%s: the known-answer tests fail and the run is flagged',
    async (id, file, vectorTest) => {
      const exercise = exercises.find((candidate) => candidate.id === id)
      if (!exercise) throw new Error(`no exercise ${id}`)
      const solution = sources[`solutions/${id}/${file}`] ?? ''
      const outcome = await realClient().run(
        {
          files: { [file]: `${fakeWebCrypto}\n${solution}` },
          suite: await exercise.suite(),
          allowedImports: exercise.manifest.allowedImports,
        },
        { budgetMs: exercise.manifest.timeBudgetMs },
      )
      expect(outcome.status, 'message' in outcome ? outcome.message : '').toBe('done')
      expect(consoleLines(outcome)).toContain(
        'tampering that took effect: defining crypto.subtle.verify, defining crypto.subtle',
      )
      const vectors = outcome.result.tests.filter((test) => vectorTest.test(test.name))
      expect(vectors.length).toBeGreaterThan(0)
      expect(vectors.every((test) => test.state === 'fail')).toBe(true)
      expect(outcome.result.errors.map((error) => error.message)).toEqual([
        expect.stringMatching(/^Your code replaced crypto\.subtle, crypto\.subtle\.verify\. The tests check/),
      ])
      expect(isPass(outcome)).toBe(false)
    },
    60_000,
  )
})

describe('results reach the page only through the port set up before learner code', () => {
  test('the worker takes its ports, hardens its realm and says ready on the port, never on its global channel', async () => {
    const worker = newWorker()
    const global: unknown[] = []
    worker.addEventListener('message', (event) => global.push(event.data))
    const channel = new MessageChannel()
    const ready = new Promise<ReadyMessage>((resolve) => {
      channel.port1.onmessage = (event) => resolve(event.data)
    })
    const beats = new MessageChannel()
    worker.postMessage({ type: 'connect', port: channel.port2, beats: beats.port2 }, [
      channel.port2,
      beats.port2,
    ])
    const message = await ready
    expect(message.type).toBe('ready')
    expect(message.hardening?.failures).toEqual([])
    expect(message.hardening?.frozen).toBeGreaterThan(1_000)
    // a second connect is ignored: the first port stays the only one
    const second = new MessageChannel()
    const answered = new Promise((resolve) => {
      second.port1.onmessage = resolve
      setTimeout(() => resolve('silence'), 300)
    })
    const secondBeats = new MessageChannel()
    worker.postMessage({ type: 'connect', port: second.port2, beats: secondBeats.port2 }, [
      second.port2,
      secondBeats.port2,
    ])
    expect(await answered).toBe('silence')
    expect(global).toEqual([])
    worker.terminate()
  })

  test('a worker that posts results on its global channel is not believed', async () => {
    // stands in for a grader worker taken over completely: it answers on the global channel only
    const rogue = URL.createObjectURL(
      new Blob(
        [
          `self.onmessage = () => {
             self.postMessage({ type: 'ready' })
             self.postMessage({ type: 'result', runId: 'any', result: { tests: [], errors: [], console: [], totals: { passed: 1, failed: 0, skipped: 0, total: 1 }, durationMs: 1 } })
           }`,
        ],
        { type: 'text/javascript' },
      ),
    )
    const client = createGraderClient({
      createWorker: () => new Worker(rogue, { type: 'module' }),
      startupTimeoutMs: 500,
    })
    clients.push(client)
    const outcome = await client.run(calc('export const add = (a: number, b: number) => a + b'), {
      budgetMs: 5_000,
    })
    expect(outcome).toMatchObject({
      status: 'crashed',
      message: 'The grader worker did not start within 500 ms.',
    })
    URL.revokeObjectURL(rogue)
  })
})
