// Decoy: answers a successful registration with 200 instead of 201 Created; caught by "creates the user and answers 201 Created with the public user".
import { AuthError, type AuthService, ConflictError, ValidationError } from './AuthService'
import type { PublicUser } from './UserStore'

/** The largest request body accepted, in bytes; anything longer is answered with 413. */
const MAX_BODY_BYTES = 64 * 1024

// RFC 6750 section 2.1: b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i
const utf8 = new TextDecoder('utf-8', { fatal: true })

/** A request the handler refuses; `status` and `message` become the JSON error response. */
class HttpError extends Error {
  readonly status: number

  constructor(status: number, message: string) {
    super(message)
    this.name = 'HttpError'
    this.status = status
  }
}

/** Every response is JSON, never cached, never content-sniffed. */
function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      'content-type': 'application/json',
      // RFC 6749 section 5.1 for token responses; profiles and errors are no business of a cache either
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      ...headers,
    },
  })
}

// an allow-list at the edge: whatever the service hands over, only these fields leave
function publicUser(user: PublicUser): PublicUser {
  const { id, username, email, role, isActive, createdAt } = user
  return { id, username, email, role, isActive, createdAt }
}

/** Reads at most `limit` bytes of the body; Content-Length may be absent or wrong, so count what arrives. */
async function readBytes(request: Request, limit: number): Promise<Uint8Array> {
  const declared = request.headers.get('content-length')
  if (declared !== null && Number(declared) > limit) throw new HttpError(413, 'Request body is too large')
  if (request.body === null) return new Uint8Array(0)
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > limit) {
      // stop the upload instead of buffering what a client may keep sending forever
      reader.cancel().catch(() => {})
      throw new HttpError(413, 'Request body is too large')
    }
    chunks.push(value)
  }
  const bytes = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return bytes
}

/** The body as a JSON object: 415 unless sent as application/json, 413 if too large, 400 if not an object. */
async function readJsonObject(request: Request): Promise<Record<string, unknown>> {
  const mediaType = (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase()
  // a form or text/plain body is what a cross-site page can send without a CORS preflight
  if (mediaType !== 'application/json') {
    throw new HttpError(415, 'Send the body as JSON with Content-Type: application/json')
  }
  const bytes = await readBytes(request, MAX_BODY_BYTES)
  let value: unknown
  try {
    value = JSON.parse(utf8.decode(bytes))
  } catch {
    throw new HttpError(400, 'Request body must be valid UTF-8 JSON')
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new HttpError(400, 'Request body must be a JSON object')
  }
  return value as Record<string, unknown>
}

async function register(request: Request, auth: AuthService): Promise<Response> {
  const body = await readJsonObject(request)
  const fields = ['username', 'email', 'password'] as const
  const missing = fields.filter((field) => typeof body[field] !== 'string')
  if (missing.length > 0) {
    const issues = missing.map((field) => ({ field, message: `${field} is required and must be a string` }))
    return json(400, { error: 'Invalid registration', issues })
  }
  const { username, email, password } = body as Record<(typeof fields)[number], string>
  try {
    return json(200, publicUser(await auth.register({ username, email, password })))
  } catch (error) {
    if (error instanceof ValidationError) {
      return json(400, { error: 'Invalid registration', issues: error.issues })
    }
    if (error instanceof ConflictError) return json(409, { error: error.message })
    throw error
  }
}

async function login(request: Request, auth: AuthService): Promise<Response> {
  const { username, password } = await readJsonObject(request)
  if (typeof username !== 'string' || typeof password !== 'string') {
    throw new HttpError(400, 'username and password are required and must be strings')
  }
  try {
    const session = await auth.login(username, password)
    return json(200, {
      access_token: session.accessToken,
      token_type: 'bearer',
      user: publicUser(session.user),
    })
  } catch (error) {
    // RFC 9110 section 15.5.2: a 401 always carries a challenge
    if (error instanceof AuthError) {
      return json(401, { error: 'Invalid credentials' }, { 'www-authenticate': 'Bearer' })
    }
    throw error
  }
}

async function profile(request: Request, auth: AuthService): Promise<Response> {
  const authorization = request.headers.get('authorization')
  const token = authorization === null ? undefined : BEARER.exec(authorization)?.[1]
  const sentBearer = authorization !== null && /^Bearer(?: |$)/i.test(authorization)
  if (token === undefined && !sentBearer) {
    // RFC 6750 section 3: no credentials, so no error code, only the scheme to use
    return json(401, { error: 'Authentication required' }, { 'www-authenticate': 'Bearer' })
  }
  const user = token === undefined ? null : await auth.getCurrentUser(token)
  if (!user) {
    return json(
      401,
      { error: 'Invalid or expired token' },
      {
        'www-authenticate':
          'Bearer error="invalid_token", error_description="The access token is invalid or has expired"',
      },
    )
  }
  return json(200, publicUser(user))
}

interface Route {
  readonly method: 'GET' | 'POST'
  readonly handle: (request: Request, auth: AuthService) => Promise<Response>
}

const routes = new Map<string, Route>([
  ['/register', { method: 'POST', handle: register }],
  ['/login', { method: 'POST', handle: login }],
  ['/profile', { method: 'GET', handle: profile }],
])

/**
 * The HTTP face of `auth`: `POST /register`, `POST /login` and `GET /profile`, matched on the URL's pathname.
 * The returned function always resolves with a JSON `Response`, also for bad requests and internal errors.
 */
export function createAuthHandler(auth: AuthService): (request: Request) => Promise<Response> {
  return async (request) => {
    try {
      const route = routes.get(new URL(request.url).pathname)
      if (!route) return json(404, { error: 'Not found' })
      if (request.method !== route.method) {
        return json(405, { error: 'Method not allowed' }, { allow: route.method })
      }
      return await route.handle(request, auth)
    } catch (error) {
      if (error instanceof HttpError) return json(error.status, { error: error.message })
      // the details belong in a server log, never in the response
      return json(500, { error: 'Internal server error' })
    }
  }
}
