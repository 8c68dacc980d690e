import type { RunInput } from '../protocol'
import { runGrading } from './run'

// A small suite in the shapes the hidden suites use: describe blocks, hooks, async tests, the common matchers,
// passing and failing, so every path a real run takes (collect, hooks, assertions, diffs, results) has run once
const warmUpInput: RunInput = {
  files: {
    'Counter.ts': `
export class Counter {
  #count = 0
  constructor(private readonly step: number = 1) {}
  async next(): Promise<number> {
    this.#count += this.step
    return this.#count
  }
  reset(to: number): void {
    if (!Number.isFinite(to)) throw new RangeError('to must be a finite number')
    this.#count = to
  }
}
`,
  },
  suite: {
    'Counter.test.ts': `
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { Counter } from './Counter'

let counter: Counter
beforeEach(() => { counter = new Counter(2) })
afterEach(() => { vi.restoreAllMocks() })

describe('Counter', () => {
  for (let round = 0; round < 12; round++) {
    it('counts in steps ' + round, async () => {
      await expect(counter.next(), 'the first step').resolves.toBe(2)
      expect(await counter.next()).toEqual(4)
      expect({ count: await counter.next(), round }).toMatchObject({ count: 6 })
      expect(String(round)).toMatch(/^\\d+$/)
      expect(() => counter.reset(Number.NaN)).toThrow(RangeError)
      expect(() => counter.reset(round)).not.toThrow()
      const spy = vi.spyOn(counter, 'reset')
      counter.reset(1)
      expect(spy).toHaveBeenCalledWith(1)
    })
  }
  it('fails with a diff', async () => {
    expect({ count: await counter.next(), tags: ['a'] }).toEqual({ count: 3, tags: ['b'] })
  })
  it('rejects', async () => {
    await expect(Promise.reject(new TypeError('no')), 'a rejection').rejects.toThrow('yes')
  })
})
`,
  },
  allowedImports: [],
}

/**
 * Grades the warm-up suite once, in a worker waiting for its run: a fresh worker otherwise runs the test runner,
 * the assertion library and the result code cold on the learner's run (about 30 ms more for 80 tests).
 */
export async function warmUpGrading(): Promise<void> {
  await runGrading(warmUpInput)
}
