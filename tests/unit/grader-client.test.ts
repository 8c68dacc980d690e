// The grader client's bookkeeping against a scripted worker and watchdog: deadlines, stalls, stale and forged
// messages, recycling, crashes.
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { createGraderClient, type RunOutcome } from '../../src/grader/client'
import type {
  ConnectMessage,
  RunRequest,
  TestResult,
  WatchdogRequest,
  WorkerMessage,
} from '../../src/grader/protocol'
import { inconsistentResultMessage } from '../../src/grader/run-checks'

/** A MessagePort that delivers at once, so the bookkeeping can be stepped with fake timers. */
class ScriptedPort extends EventTarget {
  other?: ScriptedPort
  closed = false
  postMessage(data: unknown) {
    if (!this.closed) this.other?.dispatchEvent(new MessageEvent('message', { data }))
  }
  start() {}
  close() {
    this.closed = true
  }
}

class ScriptedChannel {
  readonly port1 = new ScriptedPort()
  readonly port2 = new ScriptedPort()
  constructor() {
    this.port1.other = this.port2
    this.port2.other = this.port1
  }
}

class ScriptedWorker extends EventTarget {
  readonly received: RunRequest[] = []
  port?: ScriptedPort
  terminated = false
  /** The one message the worker's global channel carries. */
  postMessage(message: ConnectMessage) {
    this.port = message.port as unknown as ScriptedPort
    this.port.addEventListener('message', (event) => this.received.push((event as MessageEvent).data))
  }
  terminate() {
    this.terminated = true
  }
  send(message: WorkerMessage) {
    this.port?.postMessage(message)
  }
  /** Posts on the worker's global channel, as learner code calling self.postMessage would. */
  sendOnGlobalChannel(message: WorkerMessage) {
    this.dispatchEvent(new MessageEvent('message', { data: message }))
  }
  get runId(): string {
    const last = this.received.at(-1)
    if (!last) throw new Error('no run was posted')
    return last.runId
  }
}

class ScriptedWatchdog extends EventTarget {
  readonly requests: WatchdogRequest[] = []
  terminated = false
  postMessage(request: WatchdogRequest) {
    this.requests.push(request)
  }
  terminate() {
    this.terminated = true
  }
  stall(workerId: number, runId: string) {
    this.dispatchEvent(
      new MessageEvent('message', { data: { type: 'stall', workerId, runId, silentForMs: 1_001 } }),
    )
  }
}

const input = { files: {}, suite: { 'A.test.ts': '' }, allowedImports: [] }
const result = (tests: TestResult[] = []) => ({
  tests,
  errors: [],
  console: [],
  totals: {
    passed: tests.filter((test) => test.state === 'pass').length,
    failed: 0,
    skipped: 0,
    total: tests.length,
  },
  durationMs: 1,
})
const passed = (name: string): TestResult => ({ id: name, name, state: 'pass', durationMs: 1, console: [] })
const failed = (name: string): TestResult => ({ ...passed(name), state: 'fail' })

let workers: ScriptedWorker[]
let watchdog: ScriptedWatchdog
const latest = () => {
  const worker = workers.at(-1)
  if (!worker) throw new Error('no worker was created')
  return worker
}
const client = (options: { recycleAfterRuns?: number; startupTimeoutMs?: number } = {}) =>
  createGraderClient({
    ...options,
    createWorker: () => {
      const worker = new ScriptedWorker()
      workers.push(worker)
      return worker as unknown as Worker
    },
    createWatchdog: () => {
      watchdog = new ScriptedWatchdog()
      return watchdog as unknown as Worker
    },
  })

/** Resolves to the outcome if `promise` has settled, else to 'pending'. */
async function peek(promise: Promise<RunOutcome>): Promise<RunOutcome | 'pending'> {
  return Promise.race([promise, vi.advanceTimersByTimeAsync(0).then(() => 'pending' as const)])
}

beforeEach(() => {
  workers = []
  vi.stubGlobal('MessageChannel', ScriptedChannel)
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
})

describe('createGraderClient', () => {
  test('starts a worker at once, hands it its ports, and posts each run on the port with a random runId', () => {
    const grader = client()
    expect(workers).toHaveLength(1)
    expect(watchdog.requests).toEqual([
      { type: 'watch', workerId: 1, port: expect.any(ScriptedPort), unresponsiveAfterMs: 1_000 },
    ])
    void grader.run(input, { budgetMs: 1_000 })
    expect(latest().received).toEqual([
      { type: 'run', runId: expect.stringMatching(/^[0-9a-f]{32}$/), ...input },
    ])
  })

  test("ignores everything on the worker's global channel, including a forged ready and result", async () => {
    const grader = client()
    const run = grader.run(input, { budgetMs: 1_000 })
    const worker = latest()
    worker.sendOnGlobalChannel({ type: 'ready' })
    worker.sendOnGlobalChannel({ type: 'result', runId: worker.runId, result: result([passed('forged')]) })
    await vi.advanceTimersByTimeAsync(5_000)
    expect(await peek(run)).toBe('pending')
    worker.send({ type: 'ready' })
    worker.send({ type: 'progress', runId: worker.runId, phase: 'end', test: failed('real') })
    worker.send({ type: 'result', runId: worker.runId, result: result([failed('real')]) })
    expect(await run).toMatchObject({ status: 'done', result: { tests: [failed('real')] } })
  })

  test('ignores messages about other runs', async () => {
    const grader = client()
    latest().send({ type: 'ready' })
    const run = grader.run(input, { budgetMs: 1_000 })
    latest().send({ type: 'result', runId: 'stale-run', result: result([passed('old')]) })
    latest().send({ type: 'progress', runId: 'stale-run', phase: 'start', testId: 'x', name: 'old test' })
    expect(await peek(run)).toBe('pending')
    latest().send({ type: 'progress', runId: latest().runId, phase: 'end', test: passed('new') })
    latest().send({ type: 'result', runId: latest().runId, result: result([passed('new')]) })
    expect(await run).toEqual({ status: 'done', result: result([passed('new')]) })
  })

  test('a final result that disagrees with the progress reported during the run does not count', async () => {
    const grader = client()
    latest().send({ type: 'ready' })
    const changed = grader.run(input, { budgetMs: 1_000 })
    latest().send({ type: 'progress', runId: latest().runId, phase: 'end', test: failed('a') })
    latest().send({ type: 'result', runId: latest().runId, result: result([passed('a')]) })
    expect(await changed).toMatchObject({ status: 'crashed', message: inconsistentResultMessage })

    const unreported = grader.run(input, { budgetMs: 1_000 })
    latest().send({ type: 'result', runId: latest().runId, result: result([passed('never ran')]) })
    expect(await unreported).toMatchObject({ status: 'crashed', message: inconsistentResultMessage })

    // the totals are counted on the page, not taken from the worker
    const miscounted = grader.run(input, { budgetMs: 1_000 })
    latest().send({ type: 'progress', runId: latest().runId, phase: 'end', test: failed('b') })
    latest().send({
      type: 'result',
      runId: latest().runId,
      result: { ...result([failed('b')]), totals: { passed: 1, failed: 0, skipped: 0, total: 1 } },
    })
    expect(await miscounted).toMatchObject({
      status: 'done',
      result: { totals: { passed: 0, failed: 1, skipped: 0, total: 1 } },
    })
  })

  test('the budget starts when the worker is ready; a timeout keeps finished tests and names the running one', async () => {
    const grader = client()
    const run = grader.run(input, { budgetMs: 1_000 })
    await vi.advanceTimersByTimeAsync(5_000)
    expect(await peek(run)).toBe('pending')

    const first = latest()
    first.send({ type: 'ready' })
    first.send({ type: 'progress', runId: first.runId, phase: 'start', testId: 'a', name: 'a' })
    first.send({ type: 'progress', runId: first.runId, phase: 'end', test: passed('a') })
    first.send({ type: 'progress', runId: first.runId, phase: 'start', testId: 'b', name: 'b loops' })
    await vi.advanceTimersByTimeAsync(999)
    expect(await peek(run)).toBe('pending')
    await vi.advanceTimersByTimeAsync(1)
    expect(await run).toMatchObject({
      status: 'timeout',
      reason: 'budget',
      budgetMs: 1_000,
      stoppedAfterMs: 1_000,
      runningTest: 'b loops',
      result: { tests: [passed('a')], totals: { passed: 1, failed: 0, skipped: 0, total: 1 } },
    })
    expect(first.terminated).toBe(true)
    expect(workers).toHaveLength(2)
    expect(watchdog.requests.filter((request) => request.type === 'unwatch')).toEqual([
      { type: 'unwatch', workerId: 1 },
    ])
  })

  test('a stall reported by the watchdog stops the run early as unresponsive; a stale one is ignored', async () => {
    const grader = client()
    latest().send({ type: 'ready' })
    const run = grader.run(input, { budgetMs: 4_000 })
    const first = latest()
    first.send({ type: 'progress', runId: first.runId, phase: 'start', testId: 'a', name: 'a spins' })
    watchdog.stall(1, 'an earlier run')
    watchdog.stall(2, first.runId)
    await vi.advanceTimersByTimeAsync(2_500)
    expect(await peek(run)).toBe('pending')
    watchdog.stall(1, first.runId)
    expect(first.terminated).toBe(true)
    expect(workers).toHaveLength(2)
    // the terminated worker may run on for ~2 s: the run stays in progress until that is over
    await vi.advanceTimersByTimeAsync(2_499)
    expect(await peek(run)).toBe('pending')
    await vi.advanceTimersByTimeAsync(1)
    expect(await run).toMatchObject({
      status: 'timeout',
      reason: 'unresponsive',
      budgetMs: 4_000,
      stoppedAfterMs: 2_500,
      runningTest: 'a spins',
    })
    // the budget ran out during the grace period, and nothing was stopped a second time
    expect(workers).toHaveLength(2)
    expect(workers[1]?.terminated).toBe(false)
  })

  test('every run gets a fresh worker by default', async () => {
    const grader = client()
    const run = grader.run(input, { budgetMs: 1_000 })
    latest().send({ type: 'result', runId: latest().runId, result: result() })
    await run
    expect(workers).toHaveLength(2)
    expect(workers[0]?.terminated).toBe(true)
  })

  test('replaces the worker after recycleAfterRuns runs', async () => {
    const grader = client({ recycleAfterRuns: 2 })
    for (let i = 0; i < 2; i++) {
      const run = grader.run(input, { budgetMs: 1_000 })
      latest().send({ type: 'result', runId: latest().runId, result: result() })
      await run
    }
    expect(workers).toHaveLength(2)
    expect(workers[0]?.terminated).toBe(true)
    expect(workers[1]?.terminated).toBe(false)
  })

  test('crashes: an error message, an unreadable message, a worker that never gets ready', async () => {
    const grader = client({ startupTimeoutMs: 3_000 })
    const reported = grader.run(input, { budgetMs: 1_000 })
    latest().send({ type: 'error', runId: latest().runId, message: 'The code under test closed the grader.' })
    expect(await reported).toMatchObject({
      status: 'crashed',
      message: 'The code under test closed the grader.',
    })

    const unreadable = grader.run(input, { budgetMs: 1_000 })
    latest().port?.other?.dispatchEvent(new Event('messageerror'))
    expect(await unreadable).toMatchObject({
      status: 'crashed',
      message: 'A message from the grader worker could not be read.',
    })

    const silent = grader.run(input, { budgetMs: 1_000 })
    await vi.advanceTimersByTimeAsync(3_000)
    expect(await silent).toMatchObject({
      status: 'crashed',
      message: 'The grader worker did not start within 3000 ms.',
    })
    expect(workers.slice(0, -1).every((worker) => worker.terminated)).toBe(true)
  })

  test('dispose cancels the run in progress and later runs report the client as gone', async () => {
    const grader = client()
    const run = grader.run(input, { budgetMs: 1_000 })
    grader.dispose()
    expect(await run).toMatchObject({ status: 'cancelled' })
    expect(latest().terminated).toBe(true)
    expect(watchdog.terminated).toBe(true)
    expect(await grader.run(input, { budgetMs: 1_000 })).toMatchObject({
      status: 'crashed',
      message: 'The grader was disposed.',
    })
  })

  test('an already aborted signal never reaches the worker', async () => {
    const grader = client()
    const controller = new AbortController()
    controller.abort()
    expect(await grader.run(input, { budgetMs: 1_000, signal: controller.signal })).toMatchObject({
      status: 'cancelled',
    })
    expect(latest().received).toEqual([])
  })
})
