// The grader client's bookkeeping against a scripted worker: deadlines, stale messages, recycling, crashes.
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { createGraderClient, type RunOutcome } from '../../src/grader/client'
import type { RunRequest, TestResult, WorkerMessage } from '../../src/grader/protocol'

class ScriptedWorker extends EventTarget {
  readonly received: RunRequest[] = []
  terminated = false
  postMessage(message: RunRequest) {
    this.received.push(message)
  }
  terminate() {
    this.terminated = true
  }
  send(message: WorkerMessage) {
    this.dispatchEvent(new MessageEvent('message', { data: message }))
  }
  get runId(): string {
    const last = this.received.at(-1)
    if (!last) throw new Error('no run was posted')
    return last.runId
  }
}

const input = { files: {}, suite: { 'A.test.ts': '' }, allowedImports: [] }
const result = (tests: TestResult[] = []) => ({
  tests,
  errors: [],
  console: [],
  totals: { passed: tests.length, failed: 0, skipped: 0, total: tests.length },
  durationMs: 1,
})
const passed = (name: string): TestResult => ({ id: name, name, state: 'pass', durationMs: 1, console: [] })

let workers: ScriptedWorker[]
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
  })

/** Resolves to the outcome if `promise` has settled, else to 'pending'. */
async function peek(promise: Promise<RunOutcome>): Promise<RunOutcome | 'pending'> {
  return Promise.race([promise, vi.advanceTimersByTimeAsync(0).then(() => 'pending' as const)])
}

beforeEach(() => {
  workers = []
  vi.useFakeTimers()
})
afterEach(() => vi.useRealTimers())

describe('createGraderClient', () => {
  test('starts a worker at once and posts each run with a fresh runId', () => {
    const grader = client()
    expect(workers).toHaveLength(1)
    void grader.run(input, { budgetMs: 1_000 })
    expect(latest().received).toEqual([{ type: 'run', runId: expect.any(String), ...input }])
  })

  test('ignores messages about other runs', async () => {
    const grader = client()
    latest().send({ type: 'ready' })
    const run = grader.run(input, { budgetMs: 1_000 })
    latest().send({ type: 'result', runId: 'stale-run', result: result([passed('old')]) })
    latest().send({ type: 'progress', runId: 'stale-run', phase: 'start', testId: 'x', name: 'old test' })
    expect(await peek(run)).toBe('pending')
    latest().send({ type: 'result', runId: latest().runId, result: result([passed('new')]) })
    expect(await run).toEqual({ status: 'done', result: result([passed('new')]) })
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
      budgetMs: 1_000,
      runningTest: 'b loops',
      result: { tests: [passed('a')], totals: { passed: 1, failed: 0, skipped: 0, total: 1 } },
    })
    expect(first.terminated).toBe(true)
    expect(workers).toHaveLength(2)
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
    latest().dispatchEvent(new Event('messageerror'))
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
