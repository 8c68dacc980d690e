// The sandbox client's bookkeeping against a scripted worker and watchdog: start-up, deadlines, stalls and the
// termination grace, stale and forged messages, result checks, recycling, crashes, cancellation.
import { describe, expect, test, vi } from 'vitest'
import { createSandbox, type SandboxOptions, type SandboxOutcome } from '../../src/sandbox/client'
import { sandboxTiming } from '../../src/sandbox/timing'
import { ScriptedPort, useScriptedWorkers } from '../support/scripted-worker'

const scripted = useScriptedWorkers<string, string, string>()
const latest = () => scripted.latest()
const sandbox = (options: Partial<SandboxOptions> = {}) =>
  createSandbox<string, string, string, string>({ label: 'test', ...options, ...scripted.factories })

/** Resolves to the outcome if `promise` has settled, else to 'pending'. */
async function peek<T>(promise: Promise<T>): Promise<T | 'pending'> {
  return Promise.race([promise, vi.advanceTimersByTimeAsync(0).then(() => 'pending' as const)])
}

describe('createSandbox', () => {
  test('starts nothing until prepare() or the first run; then a worker with its ports, watched for 1 s of silence', () => {
    const box = sandbox()
    expect(scripted.workers).toHaveLength(0)
    expect(scripted.watchdog).toBeUndefined()
    box.prepare()
    box.prepare()
    expect(scripted.workers).toHaveLength(1)
    expect(latest().port).toBeInstanceOf(ScriptedPort)
    expect(scripted.watchdog?.requests).toEqual([
      { type: 'watch', workerId: 1, port: expect.any(ScriptedPort), unresponsiveAfterMs: 1_000 },
    ])
    void box.run('input', { budgetMs: 1_000 })
    expect(latest().received).toEqual([
      { type: 'run', runId: expect.stringMatching(/^[0-9a-f]{32}$/), input: 'input' },
    ])
  })

  test('foresee tells the waiting worker, and each later one at its start, before their run', async () => {
    const box = sandbox()
    box.foresee('the suite')
    box.prepare()
    expect(latest().received).toEqual([{ type: 'foresee', hint: 'the suite' }])
    const first = box.run('input', { budgetMs: 1_000 })
    latest().ready()
    latest().result('one')
    expect(await first).toEqual({ status: 'done', result: 'one' })
    // the worker that ran is replaced; its successor hears the hint before any run
    expect(scripted.workers).toHaveLength(2)
    expect(latest().received).toEqual([{ type: 'foresee', hint: 'the suite' }])
    box.foresee('another suite')
    expect(latest().received.at(-1)).toEqual({ type: 'foresee', hint: 'another suite' })
  })

  test("ignores everything on the worker's global channel, including a forged ready and result", async () => {
    const run = sandbox().run('input', { budgetMs: 1_000 })
    const worker = latest()
    worker.sendOnGlobalChannel({ type: 'ready' })
    worker.sendOnGlobalChannel({ type: 'result', runId: worker.runId, result: 'forged' })
    await vi.advanceTimersByTimeAsync(5_000)
    expect(await peek(run)).toBe('pending')
    worker.ready()
    worker.result('real')
    expect(await run).toEqual({ status: 'done', result: 'real' })
  })

  test('hands on the progress of its own run, in order, and ignores messages about other runs', async () => {
    const box = sandbox()
    box.prepare()
    latest().ready()
    const progress: string[] = []
    const run = box.run('input', { budgetMs: 1_000, onProgress: (value) => progress.push(value) })
    latest().send({ type: 'progress', runId: 'stale-run', progress: 'old' })
    latest().send({ type: 'result', runId: 'stale-run', result: 'old' })
    expect(await peek(run)).toBe('pending')
    latest().progress('first')
    latest().progress('second')
    latest().result('new')
    expect(await run).toEqual({ status: 'done', result: 'new' })
    expect(progress).toEqual(['first', 'second'])
  })

  test('the budget starts when the worker is ready; past it the worker is replaced at once', async () => {
    const run = sandbox().run('input', { budgetMs: 1_000 })
    await vi.advanceTimersByTimeAsync(5_000)
    expect(await peek(run)).toBe('pending')
    const first = latest()
    first.ready()
    await vi.advanceTimersByTimeAsync(999)
    expect(await peek(run)).toBe('pending')
    await vi.advanceTimersByTimeAsync(1)
    expect(await run).toEqual({ status: 'timeout', reason: 'budget', budgetMs: 1_000, stoppedAfterMs: 1_000 })
    expect(first.terminated).toBe(true)
    expect(scripted.workers).toHaveLength(2)
    expect(scripted.watchdog?.requests.filter((request) => request.type === 'unwatch')).toEqual([
      { type: 'unwatch', workerId: 1 },
    ])
  })

  test('a stall stops the run at once and reports it after the termination grace; a stale stall is ignored', async () => {
    const box = sandbox()
    box.prepare()
    latest().ready()
    const run = box.run('input', { budgetMs: 4_000 })
    const first = latest()
    scripted.watchdog?.stall(1, 'an earlier run')
    scripted.watchdog?.stall(2, first.runId)
    await vi.advanceTimersByTimeAsync(2_500)
    expect(await peek(run)).toBe('pending')
    scripted.watchdog?.stall(1, first.runId)
    expect(first.terminated).toBe(true)
    expect(scripted.workers).toHaveLength(2)
    // the terminated worker may run on for ~2 s: the run stays in progress until that is over
    await vi.advanceTimersByTimeAsync(sandboxTiming.terminationGraceMs - 1)
    expect(await peek(run)).toBe('pending')
    await vi.advanceTimersByTimeAsync(1)
    expect(await run).toEqual({
      status: 'timeout',
      reason: 'unresponsive',
      budgetMs: 4_000,
      stoppedAfterMs: 2_500,
    })
    // the budget ran out during the grace period, and nothing was stopped a second time
    expect(scripted.workers).toHaveLength(2)
    expect(scripted.workers[1]?.terminated).toBe(false)
  })

  test('a result the check refuses ends the run crashed and discards the worker, even one that could serve more', async () => {
    const box = sandbox({ recycleAfterRuns: 5 })
    const check = (result: string) =>
      result === 'forged' ? { ok: false as const, message: 'no' } : { ok: true as const, value: `${result}!` }
    const good = box.run('input', { budgetMs: 1_000, check })
    latest().result('fine')
    expect(await good).toEqual({ status: 'done', result: 'fine!' })
    expect(scripted.workers).toHaveLength(1)
    const bad = box.run('input', { budgetMs: 1_000, check })
    latest().result('forged')
    expect(await bad).toEqual({ status: 'crashed', message: 'no' })
    expect(scripted.workers).toHaveLength(2)
    expect(scripted.workers[0]?.terminated).toBe(true)
  })

  test('every run gets a fresh worker by default; recycleAfterRuns keeps one for that many runs', async () => {
    const fresh = sandbox()
    const run = fresh.run('input', { budgetMs: 1_000 })
    latest().result('done')
    await run
    expect(scripted.workers).toHaveLength(2)
    expect(scripted.workers[0]?.terminated).toBe(true)

    scripted.forgetWorkers()
    const reused = sandbox({ recycleAfterRuns: 2 })
    for (let i = 0; i < 2; i++) {
      const next = reused.run('input', { budgetMs: 1_000 })
      latest().result('done')
      await next
    }
    expect(scripted.workers).toHaveLength(2)
    expect(scripted.workers[0]?.terminated).toBe(true)
    expect(scripted.workers[1]?.terminated).toBe(false)
  })

  test('crashes: an error message, an unreadable message, a worker that fails or never gets ready', async () => {
    const box = sandbox({ startupTimeoutMs: 3_000 })
    const reported = box.run('input', { budgetMs: 1_000 })
    latest().send({ type: 'error', runId: latest().runId, message: 'The code under test closed the worker.' })
    expect(await reported).toEqual({ status: 'crashed', message: 'The code under test closed the worker.' })

    const unreadable = box.run('input', { budgetMs: 1_000 })
    latest().port?.other?.dispatchEvent(new Event('messageerror'))
    expect(await unreadable).toEqual({
      status: 'crashed',
      message: 'A message from the test worker could not be read.',
    })

    const failed = box.run('input', { budgetMs: 1_000 })
    latest().dispatchEvent(Object.assign(new Event('error'), { message: 'Uncaught SyntaxError' }))
    expect(await failed).toEqual({
      status: 'crashed',
      message: 'The test worker failed: Uncaught SyntaxError',
    })

    const silent = box.run('input', { budgetMs: 1_000 })
    await vi.advanceTimersByTimeAsync(3_000)
    expect(await silent).toEqual({
      status: 'crashed',
      message: 'The test worker did not start within 3000 ms.',
    })
    expect(scripted.workers.slice(0, -1).every((worker) => worker.terminated)).toBe(true)
  })

  test('a newer run cancels an older one, which loses its worker', async () => {
    const box = sandbox()
    const older = box.run('older', { budgetMs: 1_000 })
    const first = latest()
    const newer = box.run('newer', { budgetMs: 1_000 })
    expect(await older).toEqual({ status: 'cancelled' })
    expect(first.terminated).toBe(true)
    expect(latest().received).toEqual([expect.objectContaining({ type: 'run', input: 'newer' })])
    latest().result('done')
    expect(await newer).toEqual({ status: 'done', result: 'done' })
  })

  test('aborting cancels; an already aborted signal never reaches the worker', async () => {
    const box = sandbox()
    const controller = new AbortController()
    const run = box.run('input', { budgetMs: 1_000, signal: controller.signal })
    controller.abort()
    expect(await run).toEqual({ status: 'cancelled' })
    expect(scripted.workers[0]?.terminated).toBe(true)
    expect(await box.run('input', { budgetMs: 1_000, signal: controller.signal })).toEqual({
      status: 'cancelled',
    })
    expect(latest().received).toEqual([])
  })

  test('dispose cancels the run in progress and later runs report the sandbox as gone', async () => {
    const box = sandbox()
    const run = box.run('input', { budgetMs: 1_000 })
    box.dispose()
    expect(await run).toEqual({ status: 'cancelled' })
    expect(latest().terminated).toBe(true)
    expect(scripted.watchdog?.terminated).toBe(true)
    const outcome: SandboxOutcome<string> = await box.run('input', { budgetMs: 1_000 })
    expect(outcome).toEqual({ status: 'crashed', message: 'The test was disposed.' })
  })
})
