/**
 * The playground's messages, in the slots of the sandbox protocol (`src/sandbox/protocol.ts`, which carries them
 * on the worker's private port): a `CallInput` in, a `CallReport` out, no progress. Plain, structured-cloneable
 * data only: requests and responses cross as fields, learner errors as strings, never as thrown values.
 */
import type { ConsoleLine, ErrorInfo, ModuleError, SourceFiles } from '../sandbox/protocol'

/** How the playground talks to the learner's code. */
export type PlaygroundMode =
  /** `createAuthHandler(auth)(request)` from `authRoutes.ts`: HTTP requests in, responses out. */
  | 'http'
  /** `new AuthService(...)` from `AuthService.ts`: its methods called directly. */
  | 'service'
  /** `new Totp(secret)` from `Totp.ts`: codes for a secret, its `otpauth://` URI, a code verified. */
  | 'totp'

/** An HTTP request as plain data; the worker builds a real `Request` from it. */
export interface PlainRequest {
  /** `GET`, `POST`, ... as typed by the learner. */
  readonly method: string
  /** Path and query, e.g. `/profile`; the worker puts it on `http://localhost`. */
  readonly path: string
  /** Header lines in order, `[name, value]`. */
  readonly headers: readonly (readonly [string, string])[]
  /** The body text; absent for none (GET and HEAD never carry one). */
  readonly body?: string
}

/** What the learner's handler answered, read to the end. */
export interface PlainResponse {
  readonly status: number
  readonly statusText: string
  /** As the `Headers` object iterates them: lower-case names, sorted. */
  readonly headers: readonly (readonly [string, string])[]
  /** The body as text (UTF-8), cut at 1 MB with a note. */
  readonly body: string
}

/** One call to the learner's code. */
export type PlaygroundAction =
  | { readonly kind: 'http'; readonly request: PlainRequest }
  | {
      readonly kind: 'register'
      readonly input: { readonly username: string; readonly email: string; readonly password: string }
    }
  | { readonly kind: 'login'; readonly username: string; readonly password: string }
  | { readonly kind: 'current-user'; readonly token: string }
  | BurstAction
  | TotpAction

/**
 * Who fires a burst of logins: one client guessing one account's password, many clients (a botnet) guessing it,
 * or one client trying one password on many accounts (credential stuffing).
 */
export type BurstScenario = 'one-client' | 'many-clients' | 'many-accounts'

/**
 * A scripted burst through the learner's `throttledLogin(auth, new LoginThrottle(), ...)`: `wrongAttempts`
 * failing logins, then the user's right password. The user is registered first if it does not exist.
 */
export interface BurstAction {
  readonly kind: 'burst'
  readonly scenario: BurstScenario
  /** Failing attempts before the right password, 1 to 200. */
  readonly wrongAttempts: number
  readonly user: { readonly username: string; readonly email: string; readonly password: string }
}

/** How one login of a burst ended. */
export interface BurstAttempt {
  /** 1-based, in the order fired. */
  readonly attempt: number
  readonly account: string
  readonly client: string
  readonly password: 'wrong' | 'right'
  /** `signed-in`: a session came back; `refused`: AuthError; `locked`: TooManyAttemptsError; `threw`: anything else. */
  readonly outcome: 'signed-in' | 'refused' | 'locked' | 'threw'
  /** The `retryAfter` of a TooManyAttemptsError: a number, or how the learner's other value prints. */
  readonly retryAfter?: number | string
  /** For `threw` (and a refusal that is not the expected error): the error, as `Name: message`. */
  readonly message?: string
  /** Whether the attempt reached `auth.login` (the password was checked). */
  readonly checkedPassword: boolean
}

/** Codes from the learner's Totp for one secret at one moment, and what else the panel asked. */
export interface TotpAction {
  readonly kind: 'totp'
  /** The secret, 20 random bytes kept in the playground database. */
  readonly secret: Uint8Array
  /** The moment, in seconds since the epoch: codes for its step and the steps either side. */
  readonly atSeconds: number
  /** For `uri(account, issuer)`. */
  readonly account: string
  readonly issuer: string
  /** A code to check with `verify(code)` at `atSeconds`, e.g. the one a phone shows. */
  readonly verify?: string
}

/**
 * What one method of the learner's Totp returned, printed (a string as it is), with its `typeof` (`null` for
 * null); or the error it threw, as `Name: message`.
 */
export type TotpAnswer =
  | { readonly ok: true; readonly value: string; readonly type: string }
  | { readonly ok: false; readonly error: string }

/** What the learner's Totp answered for a `TotpAction`. */
export interface TotpReport {
  /** `generate(at)` for the step before, the step of `atSeconds` and the step after (30-second steps). */
  readonly codes: readonly { readonly at: number; readonly code: TotpAnswer }[]
  readonly uri: TotpAnswer
  /** `verify(code)`, when a code was given: the matched step or null. */
  readonly verified?: TotpAnswer
}

/** How the worker builds the services the learner's code runs on. */
export interface PlaygroundSetup {
  /** The persistent IndexedDB database `openUserStore` opens (created by the page first). */
  readonly dbName: string
  /** The playground's HS256 secret, 32 random bytes kept in the playground database. */
  readonly secret: Uint8Array
  /** PBKDF2 iterations for `new PasswordManager({ iterations })`. */
  readonly iterations: number
}

/** Page -> worker: load the learner's files and perform one action. */
export interface CallInput {
  readonly mode: PlaygroundMode
  /** The learner's files as they are in the editor now (editable, provided and carried), by file name. */
  readonly files: SourceFiles
  /** Packages learner files may import, from the exercise manifest (e.g. `['idb']`). */
  readonly allowedImports: readonly string[]
  readonly setup: PlaygroundSetup
  readonly action: PlaygroundAction
}

/** Something that keeps the learner's code from being called, in words that say what to change. */
export type PlaygroundProblem = Pick<ModuleError, 'file' | 'line' | 'column' | 'message'>

/** A value the learner's code threw, serialised once in the worker (no diff: nothing was compared). */
export interface ThrownInfo extends Pick<ErrorInfo, 'name' | 'message' | 'stack'> {
  /** The error's own fields besides name, message and stack (e.g. `issues`), as pretty JSON. */
  readonly fields?: string
}

/** How one call ended; every case is data. */
export type CallResult =
  /** The handler answered (http mode). */
  | { readonly status: 'response'; readonly response: PlainResponse }
  /** The service method returned; `value` is pretty JSON (or a printed form of a value JSON cannot hold). */
  | { readonly status: 'returned'; readonly value: string }
  /** The learner's code threw or rejected while handling the call. */
  | { readonly status: 'threw'; readonly error: ThrownInfo; readonly context: string }
  /** The learner's code cannot be used as the playground needs: it does not load, export or answer as required. */
  | { readonly status: 'unusable'; readonly problems: readonly PlaygroundProblem[] }
  /** The request itself could not be built (bad header name, invalid method...): the builder's fault. */
  | { readonly status: 'bad-request'; readonly message: string }
  /** A burst of logins ran; `registered` says whether its user was created for it or already there. */
  | {
      readonly status: 'burst'
      readonly registered: 'created' | 'existing'
      readonly attempts: readonly BurstAttempt[]
    }
  /** The learner's Totp answered (each part may have thrown on its own). */
  | { readonly status: 'totp'; readonly report: TotpReport }

/** A finished call with what surrounds it. */
export interface CallReport {
  readonly result: CallResult
  /** Console output of the learner's code during the call, capped. */
  readonly console: readonly ConsoleLine[]
  /** Errors that escaped the call (unhandled rejections, timer exceptions), as text. */
  readonly unhandled: readonly string[]
  /** Time in the learner's code for the action itself, in ms (loading excluded). */
  readonly durationMs: number
}
