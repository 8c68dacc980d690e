/**
 * The request builder's data: presets, header lines, status phrases, and where a token comes back. Pure, so
 * the panel stays DOM glue.
 */
import type { CatalogueFile } from '../content/catalogue'
import type { CallResult, PlaygroundAction, PlaygroundMode } from './protocol'

/** Passwords are hashed with the learner's PasswordManager at this count: real PBKDF2, quick enough to click. */
export const playgroundIterations = 100_000

/** A user the presets fill in; the password meets the lesson's policy. */
export const sampleUser = {
  username: 'alice',
  email: 'alice@example.com',
  password: 'Correct-Horse-42',
} as const

/** One request the builder can fill in. */
export interface RequestPreset {
  readonly id: 'register' | 'login' | 'profile'
  readonly label: string
  readonly method: string
  readonly path: string
  readonly headers: readonly (readonly [string, string])[]
  readonly body?: string
}

const jsonHeader = ['Content-Type', 'application/json'] as const

/** Presets for the three endpoints; profile carries `token` when there is one. */
export function requestPresets(token: string | undefined): readonly RequestPreset[] {
  const { username, email, password } = sampleUser
  return [
    {
      id: 'register',
      label: 'Register',
      method: 'POST',
      path: '/register',
      headers: [jsonHeader],
      body: JSON.stringify({ username, email, password }, null, 2),
    },
    {
      id: 'login',
      label: 'Login',
      method: 'POST',
      path: '/login',
      headers: [jsonHeader],
      body: JSON.stringify({ username, password }, null, 2),
    },
    {
      id: 'profile',
      label: 'Profile',
      method: 'GET',
      path: '/profile',
      headers: token ? [['Authorization', `Bearer ${token}`]] : [],
    },
  ]
}

/** Header lines as typed (`Name: value`, one per line); blank lines are skipped, lines without a colon reported. */
export function parseHeaderLines(text: string): {
  headers: [string, string][]
  problems: string[]
} {
  const headers: [string, string][] = []
  const problems: string[] = []
  text.split('\n').forEach((line, index) => {
    if (!line.trim()) return
    const colon = line.indexOf(':')
    if (colon <= 0) problems.push(`Header line ${index + 1} needs "Name: value"`)
    else headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()])
  })
  return { headers, problems }
}

/** The inverse of `parseHeaderLines`. */
export function formatHeaderLines(headers: readonly (readonly [string, string])[]): string {
  return headers.map(([name, value]) => `${name}: ${value}`).join('\n')
}

/** Header text with its Authorization line (any case) replaced by, or added as, `Bearer <token>`. */
export function withBearer(text: string, token: string): string {
  const lines = text.split('\n').filter((line) => line.trim() && !/^\s*authorization\s*:/i.test(line))
  return [...lines, `Authorization: Bearer ${token}`].join('\n')
}

/** Reason phrases (RFC 9110) for the statuses an auth API answers with; `Response` leaves statusText empty. */
export const reasonPhrases: Readonly<Record<number, string>> = {
  200: 'OK',
  201: 'Created',
  204: 'No Content',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

const field = (value: unknown, name: string): unknown =>
  value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[name] : undefined

/** The access token a successful login handed back (`access_token` over HTTP, `accessToken` from the service). */
export function tokenFrom(action: PlaygroundAction, result: CallResult): string | undefined {
  let token: unknown
  if (action.kind === 'http' && result.status === 'response' && result.response.status === 200) {
    token = field(parsed(result.response.body), 'access_token')
  } else if (action.kind === 'login' && result.status === 'returned') {
    token = field(parsed(result.value), 'accessToken')
  }
  return typeof token === 'string' && token.split('.').length === 3 ? token : undefined
}

/** True when a body or value contains a `hashedPassword` field anywhere: it must never leave the service. */
export function leaksHash(text: string): boolean {
  return /"hashedPassword"\s*:/.test(text)
}

/** How the playground can call an exercise's code, from the files it has; undefined when it cannot. */
export function playgroundModeOf(files: readonly Pick<CatalogueFile, 'path'>[]): PlaygroundMode | undefined {
  const paths = new Set(files.map((file) => file.path))
  if (paths.has('Totp.ts')) return 'totp'
  const service = ['AuthService.ts', 'UserStore.ts', 'PasswordManager.ts', 'SimpleJWT.ts'].every((path) =>
    paths.has(path),
  )
  if (!service) return undefined
  return paths.has('authRoutes.ts') ? 'http' : 'service'
}
