// The playground client with the real module worker, on the real exercises: the learner's handler and service
// on the persistent playground database, missing exports explained, hangs stopped with a fresh worker after.
import { deleteDB } from 'idb'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { base32 } from '../../src/playground/otpauth'
import {
  type CallInput,
  createPlaygroundClient,
  type PlaygroundClient,
} from '../../src/playground/playground-client'
import { openPlaygroundDb, type PlaygroundDb } from '../../src/playground/playground-db'
import type {
  BurstAttempt,
  BurstScenario,
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

describe("a login burst through the learner's throttledLogin", () => {
  const burst = (scenario: BurstScenario, wrongAttempts: number, files = solved('login-throttling')) => {
    const username = `b${Date.now()}${Math.floor(Math.random() * 1000)}`
    const user = { username, email: `${username}@example.com`, password: 'Correct-Horse-42' }
    return input('service', files, { kind: 'burst', scenario, wrongAttempts, user })
  }
  /** Each attempt as `outcome/retryAfter/checked`, to read the table at a glance. */
  const rows = (report: CallReport) =>
    report.result.status === 'burst'
      ? report.result.attempts.map(
          (row: BurstAttempt) =>
            `${row.outcome}/${row.retryAfter ?? ''}/${row.checkedPassword ? 'checked' : ''}`,
        )
      : report.result

  test('one client: five failures, then locked for 900 s, the right password too, and no password checked', async () => {
    const { client } = realClient()
    const report = await call(client, burst('one-client', 8))
    expect(report.result).toMatchObject({ status: 'burst', registered: 'created' })
    expect(rows(report)).toEqual([...Array(5).fill('refused//checked'), ...Array(4).fill('locked/900/')])
    if (report.result.status !== 'burst') return
    expect(report.result.attempts.at(-1)).toMatchObject({
      attempt: 9,
      password: 'right',
      client: '203.0.113.7',
    })
  })

  test('many clients: the per-account lock holds all the same', async () => {
    const { client } = realClient()
    const report = await call(client, burst('many-clients', 6))
    expect(rows(report)).toEqual([...Array(5).fill('refused//checked'), ...Array(2).fill('locked/900/')])
    if (report.result.status !== 'burst') return
    expect(new Set(report.result.attempts.map((row) => row.client)).size).toBe(7)
  })

  test('many accounts from one client: the client locks after 50 failures, even for a right password', async () => {
    const { client } = realClient()
    const report = await call(client, burst('many-accounts', 50))
    expect(rows(report)).toEqual([...Array(50).fill('refused//checked'), 'locked/900/'])
  })

  test("without a throttle the right password signs in, and the starter's errors are shown per attempt", async () => {
    const { client } = realClient()
    const open = solved('login-throttling', {
      'LoginThrottle.ts': `export class LoginThrottle {}
export class TooManyAttemptsError extends Error { retryAfter = 1 }
export async function throttledLogin(auth: any, _t: unknown, user: string, password: string) {
  return auth.login(user, password)
}
`,
    })
    expect(rows(await call(client, burst('one-client', 2, open)))).toEqual([
      'refused//checked',
      'refused//checked',
      'signed-in//checked',
    ])
    const starter = exerciseById('login-throttling').files.find((file) => file.path === 'LoginThrottle.ts')
    const report = await call(
      client,
      burst('one-client', 1, solved('login-throttling', { 'LoginThrottle.ts': starter?.initial ?? '' })),
    )
    expect(report.result).toMatchObject({
      status: 'burst',
      attempts: [{ outcome: 'threw', message: expect.stringContaining('Not implemented yet') }, {}],
    })
  })
})

describe("the TOTP view on the learner's Totp", () => {
  const secret = crypto.getRandomValues(new Uint8Array(20))
  const totp = (files: Record<string, string>, verify?: string) =>
    input('totp', files, {
      kind: 'totp',
      secret,
      atSeconds: 1_900_000_015,
      account: 'alice@example.com',
      issuer: 'AuthLab',
      ...(verify === undefined ? {} : { verify }),
    })

  /** RFC 6238 with SHA-1, 6 digits, 30 s steps, written here with Web Crypto apart from any solution. */
  async function expectedCode(atSeconds: number) {
    const counter = new DataView(new ArrayBuffer(8))
    counter.setBigUint64(0, BigInt(Math.floor(atSeconds / 30)))
    const key = await crypto.subtle.importKey('raw', secret, { name: 'HMAC', hash: 'SHA-1' }, false, ['sign'])
    const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, counter.buffer))
    const offset = (mac[19] ?? 0) & 15
    const value = new DataView(mac.buffer).getUint32(offset) & 0x7fffffff
    return String(value % 1_000_000).padStart(6, '0')
  }

  test('the reference gives the codes of the step and the steps either side, its URI, and verifies', async () => {
    const { client } = realClient()
    const files = solved('totp')
    const report = await call(client, totp(files))
    expect(report.result.status).toBe('totp')
    if (report.result.status !== 'totp') return
    const { codes, uri } = report.result.report
    expect(codes.map((entry) => entry.at)).toEqual([1_899_999_985, 1_900_000_015, 1_900_000_045])
    for (const entry of codes)
      expect(entry.code).toEqual({ ok: true, value: await expectedCode(entry.at), type: 'string' })
    expect(uri).toMatchObject({ ok: true, type: 'string' })
    if (uri.ok) {
      expect(uri.value).toMatch(/^otpauth:\/\/totp\//)
      expect(new URL(uri.value).searchParams.get('secret')).toBe(base32(secret))
    }
    const current = codes[1]?.code
    const checked = await call(client, totp(files, current?.ok ? current.value : ''))
    expect(checked.result).toMatchObject({
      status: 'totp',
      report: { verified: { ok: true, value: String(Math.floor(1_900_000_015 / 30)) } },
    })
    const wrong = await call(client, totp(files, '000000'))
    expect(wrong.result).toMatchObject({ status: 'totp', report: { verified: { ok: true, value: 'null' } } })
  })

  test("the starter: every method's error is reported on its own", async () => {
    const { client } = realClient()
    const starter = exerciseById('totp').files.find((file) => file.path === 'Totp.ts')?.initial ?? ''
    const report = await call(client, totp({ 'Totp.ts': starter }))
    expect(report.result).toMatchObject({
      status: 'totp',
      report: {
        codes: Array(3).fill({
          code: { ok: false, error: expect.stringContaining('Not implemented yet: generate') },
        }),
        uri: { ok: false, error: expect.stringContaining('Not implemented yet: uri') },
      },
    })
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
