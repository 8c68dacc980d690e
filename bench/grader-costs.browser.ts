// How long a learner waits: a ~10-test suite graded by a new client (cold: the worker still loading) and again
// by the same client (warm: each run gets a fresh worker, started in the background after the previous run),
// and what the defences against tampering cost. A measurement, not a test: `npm run bench:grader` prints the
// medians of 5 (as annotations); only a suite that fails to pass stops it.
import { afterAll, test } from 'vitest'
import { loadCatalogue } from '../src/content/catalogue'
import { createGraderClient, type GraderClient, type RunInput } from '../src/grader/client'
import type { ReadyMessage } from '../src/sandbox/protocol'
import { loadEngineInFrame } from '../tests/fixtures/engine-frame'

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

const newWorker = () => new Worker(new URL('../src/grader/worker.ts', import.meta.url), { type: 'module' })

function newClient(options: { recycleAfterRuns?: number } = {}): GraderClient {
  const client = createGraderClient({ ...options, createWorker: newWorker })
  clients.push(client)
  return client
}

async function timed(client: GraderClient, run: RunInput = input): Promise<number> {
  const started = performance.now()
  const outcome = await client.run(run, { budgetMs: 20_000 })
  const elapsed = performance.now() - started
  const { totals, errors } = outcome.result
  if (outcome.status !== 'done' || totals.failed > 0 || totals.passed === 0 || errors.length > 0) {
    throw new Error(`the timing suite did not pass: ${JSON.stringify(outcome).slice(0, 500)}`)
  }
  return elapsed
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN

test('a 10-test suite: cold run with a new client and warm re-runs (medians of 5)', async ({ annotate }) => {
  const first = await timed(newClient())
  const cold: number[] = []
  for (let i = 0; i < 5; i++) cold.push(await timed(newClient()))
  const client = newClient()
  await timed(client)
  const warm: number[] = []
  for (let i = 0; i < 5; i++) warm.push(await timed(client))

  const ms = (value: number) => `${Math.round(value)} ms`
  await annotate(
    `first run on the page ${ms(first)}; cold (new client) median ${ms(median(cold))} [${cold.map(ms).join(', ')}]; ` +
      `warm (worker started in the background) median ${ms(median(warm))} [${warm.map(ms).join(', ')}]`,
  )
}, 60_000)

// the real simple-jwt suite against its reference solution
const raw = import.meta.glob(['/exercises/simple-jwt/*', '/solutions/simple-jwt/*.ts'], {
  query: '?raw',
  import: 'default',
  eager: true,
})
const sources = Object.fromEntries(Object.entries(raw).map(([path, text]) => [path.slice(1), text as string]))
const [jwt] = loadCatalogue(sources).exercises
const jwtInput: RunInput = {
  files: { 'SimpleJWT.ts': sources['solutions/simple-jwt/SimpleJWT.ts'] ?? '' },
  suite: (await jwt?.suite()) ?? {},
  allowedImports: [],
}

test('what the defences cost: hardening at worker start, a fresh worker per run, a frozen realm (medians of 5)', async ({
  annotate,
}) => {
  const ms = (value: number) => `${Math.round(value)} ms`

  // hardening, once per worker, before it says ready
  const hardening: number[] = []
  let frozen = 0
  for (let i = 0; i < 5; i++) {
    const worker = newWorker()
    const channel = new MessageChannel()
    const beats = new MessageChannel()
    const ready = new Promise<ReadyMessage>((resolve) => {
      channel.port1.onmessage = (event) => resolve(event.data)
    })
    worker.postMessage({ type: 'connect', port: channel.port2, beats: beats.port2 }, [
      channel.port2,
      beats.port2,
    ])
    const message = await ready
    hardening.push(message.hardening?.durationMs ?? Number.NaN)
    frozen = message.hardening?.frozen ?? 0
    worker.terminate()
  }

  // a run in a fresh (pre-started) worker, as the app does now, against re-using one worker
  const fresh = newClient()
  await timed(fresh, jwtInput)
  const freshRuns: number[] = []
  for (let i = 0; i < 5; i++) {
    // the next worker starts in the background while a learner reads the results
    await new Promise((resolve) => setTimeout(resolve, 500))
    freshRuns.push(await timed(fresh, jwtInput))
  }
  const reused = newClient({ recycleAfterRuns: 20 })
  await timed(reused, jwtInput)
  const reusedRuns: number[] = []
  for (let i = 0; i < 5; i++) reusedRuns.push(await timed(reused, jwtInput))

  // the same engine in a plain realm and in a hardened one (frozen intrinsics, tamed accessors)
  const engineRuns = async (harden: boolean) => {
    const frame = await loadEngineInFrame()
    if (harden) await frame.harden()
    const durations: number[] = []
    for (let i = 0; i < 6; i++) {
      const result = await frame.grade(jwtInput)
      if (result.totals.failed > 0 || result.totals.passed === 0)
        throw new Error(`simple-jwt did not pass: ${JSON.stringify(result.totals)}`)
      if (i > 0) durations.push(result.durationMs)
    }
    frame.dispose()
    return durations
  }
  const plain = await engineRuns(false)
  const hardened = await engineRuns(true)

  const list = (values: number[]) => `median ${ms(median(values))} [${values.map(ms).join(', ')}]`
  await annotate(
    `hardening a worker: ${list(hardening)}, ${frozen} objects frozen; ` +
      `simple-jwt (${jwt ? 'whole suite' : '?'}) wall per run: fresh worker ${list(freshRuns)}, reused worker ${list(reusedRuns)}; ` +
      `engine run in a plain realm ${list(plain)}, in a hardened realm ${list(hardened)}`,
  )
}, 120_000)
