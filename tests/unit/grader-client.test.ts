// The grader client on top of the sandbox, against a scripted worker: what it adds is the partial result of a
// run cut short (naming the running test) and the cross-check of the final result against the progress.
import { describe, expect, test, vi } from 'vitest'
import { createGraderClient, type RunInput } from '../../src/grader/client'
import { inconsistentResultMessage } from '../../src/grader/cross-check-result'
import type { GradingProgress, RunResult, TestResult } from '../../src/grader/protocol'
import { useScriptedWorkers } from '../support/scripted-worker'

const input: RunInput = { files: {}, suite: { 'A.test.ts': '' }, allowedImports: [] }
const result = (tests: TestResult[] = []): RunResult => ({
  tests,
  errors: [],
  console: [],
  totals: {
    passed: tests.filter((test) => test.state === 'pass').length,
    failed: tests.filter((test) => test.state === 'fail').length,
    skipped: 0,
    total: tests.length,
  },
  durationMs: 1,
})
const passed = (name: string): TestResult => ({ id: name, name, state: 'pass', durationMs: 1, console: [] })
const failed = (name: string): TestResult => ({ ...passed(name), state: 'fail' })

const scripted = useScriptedWorkers<RunInput, GradingProgress, RunResult>()
const latest = () => scripted.latest()
const client = (options: { startupTimeoutMs?: number } = {}) =>
  createGraderClient({ ...options, ...scripted.factories })

describe('createGraderClient', () => {
  test('starts a worker at prepare (not before) and posts each run to it as the sandbox input', () => {
    const grader = client()
    expect(scripted.workers).toHaveLength(0)
    grader.prepare()
    expect(scripted.workers).toHaveLength(1)
    void grader.run(input, { budgetMs: 1_000 })
    expect(latest().received).toEqual([{ type: 'run', runId: expect.any(String), input }])
  })

  test('a final result that disagrees with the progress reported during the run does not count', async () => {
    const grader = client()
    grader.prepare()
    latest().ready()
    const changed = grader.run(input, { budgetMs: 1_000 })
    latest().progress({ phase: 'end', test: failed('a') })
    latest().result(result([passed('a')]))
    expect(await changed).toMatchObject({
      status: 'crashed',
      message: inconsistentResultMessage,
      result: { tests: [failed('a')] },
    })

    const unreported = grader.run(input, { budgetMs: 1_000 })
    latest().result(result([passed('never ran')]))
    expect(await unreported).toMatchObject({ status: 'crashed', message: inconsistentResultMessage })

    // the totals are counted on the page, not taken from the worker
    const miscounted = grader.run(input, { budgetMs: 1_000 })
    latest().progress({ phase: 'end', test: failed('b') })
    latest().result({ ...result([failed('b')]), totals: { passed: 1, failed: 0, skipped: 0, total: 1 } })
    expect(await miscounted).toMatchObject({
      status: 'done',
      result: { totals: { passed: 0, failed: 1, skipped: 0, total: 1 } },
    })
  })

  test('a run cut short keeps the finished tests and names the one that was running', async () => {
    const grader = client()
    const run = grader.run(input, { budgetMs: 1_000 })
    const first = latest()
    first.ready()
    first.progress({ phase: 'collected', tests: 75 })
    first.progress({ phase: 'start', testId: 'a', name: 'a' })
    first.progress({ phase: 'end', test: passed('a') })
    first.progress({ phase: 'start', testId: 'b', name: 'b loops' })
    await vi.advanceTimersByTimeAsync(1_000)
    expect(await run).toMatchObject({
      status: 'timeout',
      reason: 'budget',
      budgetMs: 1_000,
      stoppedAfterMs: 1_000,
      runningTest: 'b loops',
      notRun: 74,
      result: { tests: [passed('a')], totals: { passed: 1, failed: 0, skipped: 0, total: 1 } },
    })

    const stalled = grader.run(input, { budgetMs: 4_000 })
    const second = latest()
    second.ready()
    second.progress({ phase: 'start', testId: 'a', name: 'a spins' })
    scripted.watchdog?.stall(2, second.runId)
    await vi.advanceTimersByTimeAsync(2_500)
    expect(await stalled).toMatchObject({ status: 'timeout', reason: 'unresponsive', runningTest: 'a spins' })
    // stopped before the suite was collected: nobody knows how many tests there were
    expect(await stalled).not.toHaveProperty('notRun')

    const cancelled = grader.run(input, { budgetMs: 1_000 })
    latest().progress({ phase: 'end', test: failed('x') })
    grader.dispose()
    expect(await cancelled).toMatchObject({ status: 'cancelled', result: { tests: [failed('x')] } })
  })

  test('crash messages name the grader', async () => {
    const grader = client({ startupTimeoutMs: 3_000 })
    const silent = grader.run(input, { budgetMs: 1_000 })
    await vi.advanceTimersByTimeAsync(3_000)
    expect(await silent).toMatchObject({
      status: 'crashed',
      message: 'The grader worker did not start within 3000 ms.',
      result: { tests: [] },
    })
    grader.dispose()
    expect(await grader.run(input, { budgetMs: 1_000 })).toMatchObject({
      status: 'crashed',
      message: 'The grader was disposed.',
    })
  })
})
