import { processThrown, toModuleError } from '../../sandbox/serialise-error'
import type { PlaygroundMode, PlaygroundProblem, PlaygroundSetup } from '../protocol'
import type { LoadedCode } from './load'
import { preview } from './printed-values'

/** What the playground takes from each learner file, and how it uses it (said in every message). */
interface Requirement {
  readonly file: string
  readonly name: string
  readonly use: string
}

const store: Requirement = { file: 'UserStore.ts', name: 'openUserStore', use: 'openUserStore(dbName)' }
const passwordManager: Requirement = {
  file: 'PasswordManager.ts',
  name: 'PasswordManager',
  use: 'new PasswordManager({ iterations })',
}
const simpleJwt: Requirement = { file: 'SimpleJWT.ts', name: 'SimpleJWT', use: 'new SimpleJWT(secret)' }
const authService: Requirement = {
  file: 'AuthService.ts',
  name: 'AuthService',
  use: 'new AuthService({ users, passwords, jwt })',
}
const authRoutes: Requirement = {
  file: 'authRoutes.ts',
  name: 'createAuthHandler',
  use: 'createAuthHandler(auth)',
}

/** The modes that build an AuthService (the TOTP view loads Totp.ts alone). */
export type ServiceMode = Exclude<PlaygroundMode, 'totp'>

const requirementsOf: Record<ServiceMode, readonly Requirement[]> = {
  service: [store, passwordManager, simpleJwt, authService],
  http: [store, passwordManager, simpleJwt, authService, authRoutes],
}

/** The learner files a service mode needs loaded. */
export function filesFor(mode: ServiceMode): string[] {
  return requirementsOf[mode].map((requirement) => requirement.file)
}

/** The service methods the playground calls, as the learner's `AuthService` should have them. */
export interface AuthLike {
  register(input: unknown): Promise<unknown>
  login(username: string, password: string): Promise<unknown>
  getCurrentUser(token: string): Promise<unknown>
}

/** Everything a call runs on, built from the learner's own classes. */
export interface Services {
  readonly auth: AuthLike
  /** Only in http mode: what `createAuthHandler(auth)` returned. */
  readonly handler?: (request: Request) => unknown
  /** Closes the user store's connection, so the page can clear the database. */
  close(): void
}

export type ServicesOutcome =
  | { readonly ok: true; readonly services: Services }
  | { readonly ok: false; readonly problems: readonly PlaygroundProblem[] }

type Callable = (...args: unknown[]) => unknown
type Constructible = new (...args: unknown[]) => unknown

function missingExport(
  requirement: Requirement,
  namespace: Readonly<Record<string, unknown>>,
): PlaygroundProblem {
  const names = Object.keys(namespace)
  const found =
    requirement.name in namespace
      ? ` (it exports ${requirement.name}, but as ${typeof namespace[requirement.name]}, not a function or class)`
      : ''
  const exports = names.length ? `It exports: ${names.join(', ')}.` : 'It exports nothing yet.'
  return {
    file: requirement.file,
    message: `${requirement.file} does not export ${requirement.name}${found}. The playground calls ${requirement.use}. ${exports}`,
  }
}

/**
 * Builds the services from the learner's classes, as the hidden suites do: the provided user store on the
 * playground database, the learner's PasswordManager and SimpleJWT, their AuthService over them and, for
 * http, their handler. Every missing export is reported at once; a constructor that throws is named.
 */
export async function buildServices(
  mode: ServiceMode,
  code: LoadedCode,
  setup: PlaygroundSetup,
): Promise<ServicesOutcome> {
  const found = new Map<string, Callable>()
  const problems: PlaygroundProblem[] = []
  for (const requirement of requirementsOf[mode]) {
    const namespace = code.namespaces.get(requirement.file) ?? {}
    const value = namespace[requirement.name]
    if (typeof value === 'function') found.set(requirement.name, value as Callable)
    else problems.push(missingExport(requirement, namespace))
  }
  if (problems.length) return { ok: false, problems }

  const failed = (requirement: Requirement, thrown: unknown): ServicesOutcome => {
    const error = toModuleError('runtime', processThrown(thrown), code.locator, {
      fallbackFile: requirement.file,
    })
    const where = error.line ? ` (${error.file}:${error.line}:${error.column ?? 1})` : ''
    return {
      ok: false,
      problems: [
        {
          ...(error.file ? { file: error.file } : {}),
          ...(error.line ? { line: error.line, column: error.column ?? 1 } : {}),
          message: `${requirement.use} threw${where}: ${error.message}`,
        },
      ],
    }
  }
  const get = (requirement: Requirement) => found.get(requirement.name) as Callable

  let users: { close?: unknown } | undefined
  const close = () => {
    if (typeof users?.close === 'function') (users.close as () => void)()
  }
  try {
    users = (await get(store)(setup.dbName)) as { close?: unknown }
  } catch (thrown) {
    return failed(store, thrown)
  }
  const construct = (requirement: Requirement, ...args: unknown[]) =>
    new (get(requirement) as unknown as Constructible)(...args)
  let step = passwordManager
  try {
    const passwords = construct(passwordManager, { iterations: setup.iterations })
    step = simpleJwt
    const jwt = construct(simpleJwt, setup.secret)
    step = authService
    const auth = construct(authService, { users, passwords, jwt }) as AuthLike
    const methods = mode === 'http' ? [] : (['register', 'login', 'getCurrentUser'] as const)
    const absent = methods.filter((method) => typeof auth[method] !== 'function')
    if (absent.length) {
      close()
      return {
        ok: false,
        problems: [
          {
            file: authService.file,
            message: `AuthService has no method ${absent.join(', ')}: the playground calls register(input), login(username, password) and getCurrentUser(token).`,
          },
        ],
      }
    }
    if (mode === 'service') return { ok: true, services: { auth, close } }
    step = authRoutes
    const handler = get(authRoutes)(auth)
    if (typeof handler !== 'function') {
      close()
      return {
        ok: false,
        problems: [
          {
            file: authRoutes.file,
            message: `createAuthHandler(auth) returned ${preview(handler)} instead of a function: return async (request) => Response.`,
          },
        ],
      }
    }
    return { ok: true, services: { auth, handler: handler as (request: Request) => unknown, close } }
  } catch (thrown) {
    close()
    return failed(step, thrown)
  }
}
