// The playground client with the real module worker, on the real exercises: the learner's handler and service
// on the persistent playground database, missing exports explained, hangs stopped with a fresh worker after.
import { deleteDB } from 'idb'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import {
  type CallInput,
  createPlaygroundClient,
  type PlaygroundClient,
} from '../../src/playground/playground-client'
import { openPlaygroundDb, type PlaygroundDb } from '../../src/playground/playground-db'
import type {
  CallReport,
  PlainRequest,
  PlaygroundAction,
  PlaygroundMode,
} from '../../src/playground/protocol'
import { exerciseById, solvedFiles as solved } from '../support/reference-files'

const dbName = `authlab-playground-test-${crypto.randomUUID()}`
let db: PlaygroundDb
let secret: Uint8Array
const clients: PlaygroundClient[] = []

beforeAll(async () => {
  db = openPlaygroundDb(dbName)
  secret = await db.secret()
})
afterAll(async () => {
  db.close()
  await deleteDB(dbName)
})
afterEach(() => {
  for (const client of clients.splice(0)) client.dispose()
})

function realClient(options: { unresponsiveAfterMs?: number } = {}) {
  let created = 0
  const client = createPlaygroundClient({
    ...options,
    createWorker: () => {
      created++
      return new Worker(new URL('../../src/playground/playground-worker.ts', import.meta.url), {
        type: 'module',
      })
    },
  })
  clients.push(client)
  return { client, workersCreated: () => created }
}

function input(mode: PlaygroundMode, files: Record<string, string>, action: PlaygroundAction): CallInput {
  return { mode, files, allowedImports: ['idb'], setup: { dbName, secret, iterations: 1000 }, action }
}

async function call(client: PlaygroundClient, request: CallInput): Promise<CallReport> {
  const outcome = await client.call(request, { budgetMs: 10_000 })
  if (outcome.status !== 'done') throw new Error(`call ended ${JSON.stringify(outcome)}`)
  return outcome.report
}

const json = [['content-type', 'application/json']] as const
const http = (request: PlainRequest) => ({ kind: 'http', request }) as const

describe('http mode on the reference solution', () => {
  test('register 201, login 200 with a token, profile 200 with it and 401 with one character changed', async () => {
    const { client } = realClient()
    const files = solved('auth-endpoints')
    const username = `u${Date.now()}`
    const body = JSON.stringify({ username, email: `${username}@example.com`, password: 'Correct-Horse-42' })
    const registered = await call(
      client,
      input('http', files, http({ method: 'POST', path: '/register', headers: json, body })),
    )
    expect(registered.result).toMatchObject({ status: 'response', response: { status: 201 } })
    if (registered.result.status !== 'response') return
    expect(JSON.parse(registered.result.response.body)).toMatchObject({ username, role: 'reader' })
    expect(registered.result.response.headers).toContainEqual(['content-type', 'application/json'])

    const loggedIn = await call(
      client,
      input(
        'http',
        files,
        http({
          method: 'POST',
          path: '/login',
          headers: json,
          body: JSON.stringify({ username, password: 'Correct-Horse-42' }),
        }),
      ),
    )
    if (loggedIn.result.status !== 'response') throw new Error(JSON.stringify(loggedIn.result))
    expect(loggedIn.result.response.status).toBe(200)
    const token = JSON.parse(loggedIn.result.response.body).access_token as string
    expect(token.split('.')).toHaveLength(3)

    const profile = (authorization: string) =>
      call(
        client,
        input(
          'http',
          files,
          http({ method: 'GET', path: '/profile', headers: [['authorization', authorization]] }),
        ),
      )
    const ok = await profile(`Bearer ${token}`)
    expect(ok.result).toMatchObject({ status: 'response', response: { status: 200 } })
    const [head = '', payload = '', signature = ''] = token.split('.')
    const flipped = signature[5] === 'A' ? 'B' : 'A'
    const tampered = `${head}.${payload}.${signature.slice(0, 5)}${flipped}${signature.slice(6)}`
    const refused = await profile(`Bearer ${tampered}`)
    expect(refused.result).toMatchObject({ status: 'response', response: { status: 401 } })
    if (refused.result.status === 'response')
      expect(new Map(refused.result.response.headers).get('www-authenticate')).toMatch(
        /^Bearer error="invalid_token"/,
      )

    const [stored] = (await db.users()).filter((user) => user.username === username)
    expect(stored?.hashedPassword).toMatch(/^pbkdf2_sha256\$1000\$[A-Za-z0-9]{22}\$[A-Za-z0-9+/]{43}=$/)
  })

  test('a request the builder cannot make is reported as such, not blamed on the learner', async () => {
    const { client } = realClient()
    const report = await call(
      client,
      input(
        'http',
        solved('auth-endpoints'),
        http({ method: 'GET', path: '/profile', headers: [['bad name', 'x']] }),
      ),
    )
    expect(report.result).toMatchObject({
      status: 'bad-request',
      message: expect.stringMatching(/could not be built/),
    })
  })
})

describe('service mode on the reference solution', () => {
  test('register returns the public user; a bad one throws ValidationError with its issues', async () => {
    const { client } = realClient()
    const files = solved('auth-service')
    const username = `s${Date.now()}`
    const made = await call(
      client,
      input('service', files, {
        kind: 'register',
        input: { username, email: `${username}@example.com`, password: 'Correct-Horse-42' },
      }),
    )
    expect(made.result.status).toBe('returned')
    if (made.result.status === 'returned') {
      expect(JSON.parse(made.result.value)).toMatchObject({ username, isActive: true })
      expect(made.result.value).not.toContain('hashedPassword')
    }
    const bad = await call(
      client,
      input('service', files, {
        kind: 'register',
        input: { username: 'x', email: 'nope', password: 'short' },
      }),
    )
    expect(bad.result).toMatchObject({
      status: 'threw',
      context: 'auth.register(input) threw',
      error: { name: 'ValidationError', fields: expect.stringContaining('"field": "username"') },
    })
    const nobody = await call(client, input('service', files, { kind: 'current-user', token: 'not.a.token' }))
    expect(nobody.result).toEqual({ status: 'returned', value: 'null' })
  })
})

describe('code the playground cannot use', () => {
  test('a missing export is named with what the file does export', async () => {
    const { client } = realClient()
    const files = solved('auth-endpoints', { 'authRoutes.ts': 'export function createHandler() {}\n' })
    const report = await call(client, input('http', files, http({ method: 'GET', path: '/', headers: [] })))
    expect(report.result).toMatchObject({
      status: 'unusable',
      problems: [
        {
          file: 'authRoutes.ts',
          message: expect.stringMatching(
            /authRoutes\.ts does not export createAuthHandler[\s\S]*It exports: createHandler/,
          ),
        },
      ],
    })
  })

  test('the starters: a handler that throws is reported with the learner frame', async () => {
    const { client } = realClient()
    const starter =
      exerciseById('auth-endpoints').files.find((file) => file.path === 'authRoutes.ts')?.initial ?? ''
    const files = solved('auth-endpoints', { 'authRoutes.ts': starter })
    const report = await call(
      client,
      input('http', files, http({ method: 'GET', path: '/profile', headers: [] })),
    )
    expect(report.result).toMatchObject({
      status: 'threw',
      error: {
        message: expect.stringMatching(/Not implemented yet/),
        stack: expect.stringMatching(/authRoutes\.ts:\d+:\d+/),
      },
    })
  })

  test('a syntax error and a throw at load time name the file and line', async () => {
    const { client } = realClient()
    const broken = await call(
      client,
      input(
        'service',
        solved('auth-service', { 'AuthService.ts': 'export class AuthService {\n  oops(\n}\n' }),
        {
          kind: 'current-user',
          token: 'x',
        },
      ),
    )
    expect(broken.result).toMatchObject({
      status: 'unusable',
      problems: [
        {
          file: 'AuthService.ts',
          line: expect.any(Number),
          message: expect.stringMatching(/does not compile/),
        },
      ],
    })
    const throwing = await call(
      client,
      input(
        'service',
        solved('auth-service', { 'SimpleJWT.ts': "console.log('loading')\nthrow new Error('boom')\n" }),
        {
          kind: 'current-user',
          token: 'x',
        },
      ),
    )
    expect(throwing.result).toMatchObject({
      status: 'unusable',
      problems: [
        { file: 'SimpleJWT.ts', line: 2, message: expect.stringMatching(/threw while loading: boom/) },
      ],
    })
    expect(throwing.console).toContainEqual({ level: 'log', text: 'loading' })
  })

  test('an endless loop is stopped at the budget; every call gets a fresh worker', async () => {
    // the watchdog (1 s by default) would race the 1 s budget; this test is about the budget
    const { client, workersCreated } = realClient({ unresponsiveAfterMs: 10_000 })
    const looping = solved('auth-service', {
      'AuthService.ts': `${solved('auth-service')['AuthService.ts']}\nexport function spin() {}\nwhile (Date.now() > 0) {}\n`,
    })
    // as in the app after a first call, a worker waits ready, so the call's time is the budget's
    await call(client, input('service', solved('auth-service'), { kind: 'current-user', token: 'x' }))
    const started = performance.now()
    const outcome = await client.call(input('service', looping, { kind: 'current-user', token: 'x' }), {
      budgetMs: 1_000,
    })
    expect(outcome).toMatchObject({ status: 'timeout', budgetMs: 1_000, reason: 'budget' })
    expect(performance.now() - started).toBeLessThan(1_000 + 1_000)
    const next = await call(
      client,
      input('service', solved('auth-service'), { kind: 'current-user', token: 'x' }),
    )
    expect(next.result).toEqual({ status: 'returned', value: 'null' })
    // the first call's worker, the looping one, the one for the call after it, and one starting for the next
    expect(workersCreated()).toBe(4)
  })

  test('code that never yields is stopped by the watchdog long before a long budget runs out', async () => {
    const { client } = realClient()
    const stuck = solved('auth-service', {
      'AuthService.ts':
        solved('auth-service')['AuthService.ts']?.replace(
          'async getCurrentUser(token: string): Promise<PublicUser | null> {',
          'async getCurrentUser(token: string): Promise<PublicUser | null> {\n    for (;;) {}',
        ) ?? '',
    })
    expect(stuck['AuthService.ts']).toContain('for (;;) {}')
    const started = performance.now()
    const outcome = await client.call(input('service', stuck, { kind: 'current-user', token: 'x' }), {
      budgetMs: 20_000,
    })
    expect(outcome).toMatchObject({ status: 'timeout', reason: 'unresponsive' })
    // the grader's timing: 1 s of silence, then 2.5 s for Chromium to really stop the busy worker
    expect(performance.now() - started).toBeLessThan(1_000 + 2_500 + 1_500)
  })

  test('learner code cannot post to the page or close the worker', async () => {
    const { client } = realClient()
    const files = solved('auth-service', {
      'AuthService.ts':
        solved('auth-service')['AuthService.ts']?.replace(
          'async getCurrentUser(token: string): Promise<PublicUser | null> {',
          "async getCurrentUser(token: string): Promise<PublicUser | null> {\n    self.postMessage({ type: 'result', report: {} })",
        ) ?? '',
    })
    const report = await call(client, input('service', files, { kind: 'current-user', token: 'x' }))
    expect(report.result).toMatchObject({
      status: 'threw',
      error: { name: 'TypeError', message: expect.stringMatching(/self\.postMessage is not available/) },
    })
  })
})
