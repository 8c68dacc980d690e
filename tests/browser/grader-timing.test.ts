// How long a learner waits: a ~10-test suite graded in a fresh worker (cold) and again in the same one (warm).
// Medians of 5 are attached to the test as annotations; the bounds are loose so a busy machine does not fail.
import { afterAll, expect, test } from 'vitest'
import { createGraderClient, type GraderClient, type RunInput } from '../../src/grader/client'

const input: RunInput = {
  files: {
    'Tokens.ts': `
      export class Tokens {
        private readonly issued = new Map<string, number>()
        constructor(private readonly now: () => number = Date.now) {}
        async issue(subject: string, ttlMs: number): Promise<string> {
          const bytes = new TextEncoder().encode(subject + ':' + this.now())
          const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))
          const token = Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('')
          this.issued.set(token, this.now() + ttlMs)
          return token
        }
        isValid(token: string): boolean {
          const expires = this.issued.get(token)
          return expires !== undefined && expires > this.now()
        }
        revoke(token: string): boolean {
          return this.issued.delete(token)
        }
      }
    `,
  },
  suite: {
    'Tokens.test.ts': `
      import { describe, expect, it } from 'vitest'
      import { Tokens } from './Tokens'
      describe('Tokens', () => {
        it('issues 64 hex characters', async () => { expect(await new Tokens().issue('a', 10)).toMatch(/^[0-9a-f]{64}$/) })
        it('issues different tokens to different subjects', async () => {
          const tokens = new Tokens(() => 1)
          expect(await tokens.issue('a', 10)).not.toBe(await tokens.issue('b', 10))
        })
        it('accepts a fresh token', async () => { const t = new Tokens(); expect(t.isValid(await t.issue('a', 1000))).toBe(true) })
        it('rejects an unknown token', () => { expect(new Tokens().isValid('nope')).toBe(false) })
        it('rejects an expired token', async () => {
          let now = 0
          const t = new Tokens(() => now)
          const token = await t.issue('a', 10)
          now = 10
          expect(t.isValid(token)).toBe(false)
        })
        it('revokes', async () => { const t = new Tokens(); const token = await t.issue('a', 1000); expect(t.revoke(token)).toBe(true); expect(t.isValid(token)).toBe(false) })
        it('revokes only once', async () => { const t = new Tokens(); const token = await t.issue('a', 1000); t.revoke(token); expect(t.revoke(token)).toBe(false) })
        it.each([1, 2, 3])('issues token %i of a batch', async (n) => { expect(await new Tokens(() => n).issue('s' + n, 5)).toHaveLength(64) })
      })
    `,
  },
  allowedImports: [],
}

const clients: GraderClient[] = []
afterAll(() => {
  for (const client of clients) client.dispose()
})

function newClient(): GraderClient {
  const client = createGraderClient({
    createWorker: () =>
      new Worker(new URL('../../src/grader/worker.ts', import.meta.url), { type: 'module' }),
  })
  clients.push(client)
  return client
}

async function timed(client: GraderClient): Promise<number> {
  const started = performance.now()
  const outcome = await client.run(input, { budgetMs: 10_000 })
  const elapsed = performance.now() - started
  if (outcome.status !== 'done' || outcome.result.totals.passed !== 10) {
    throw new Error(`the timing suite did not pass: ${JSON.stringify(outcome).slice(0, 500)}`)
  }
  return elapsed
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN

test('a 10-test suite: cold run in a fresh worker and warm re-runs (medians of 5)', async ({ annotate }) => {
  const first = await timed(newClient())
  const cold: number[] = []
  for (let i = 0; i < 5; i++) cold.push(await timed(newClient()))
  const client = newClient()
  await timed(client)
  const warm: number[] = []
  for (let i = 0; i < 5; i++) warm.push(await timed(client))

  const ms = (value: number) => `${Math.round(value)} ms`
  await annotate(
    `first run on the page ${ms(first)}; cold (new worker) median ${ms(median(cold))} [${cold.map(ms).join(', ')}]; ` +
      `warm median ${ms(median(warm))} [${warm.map(ms).join(', ')}]`,
  )
  expect(median(cold)).toBeLessThan(3_000)
  expect(median(warm)).toBeLessThan(500)
  expect(median(warm)).toBeLessThan(median(cold))
}, 60_000)
