import { format } from '@vitest/utils/display'
import { processThrown, serialiseTestError } from '../../grader/engine/serialise'
import type { ModuleLocator } from '../../grader/engine/stack'
import type { PlainRequest, PlainResponse, ThrownInfo } from '../protocol'

/** Where request paths are resolved; nothing is ever fetched from it. */
export const playgroundOrigin = 'http://localhost'

/** Response bodies are cut here: the page shows them, and a runaway body must not fill the tab's memory. */
export const maxBodyChars = 1_000_000

function printed(value: unknown): string {
  try {
    return format(value)
  } catch {
    return '[value that cannot be printed]'
  }
}

/**
 * A returned value as pretty JSON, as a learner would see it on the wire; values JSON cannot hold
 * (undefined, functions, cycles, BigInt) are printed instead of being silently dropped.
 */
export function toJsonText(value: unknown): string {
  if (value === undefined) return 'undefined'
  try {
    const text = JSON.stringify(value, null, 2)
    return text === undefined ? printed(value) : text
  } catch {
    return printed(value)
  }
}

const ownFieldsSkipped = new Set(['name', 'message', 'stack', 'cause'])

/** A thrown value as strings, with frames in learner files only and the error's own fields (e.g. `issues`). */
export function describeThrown(value: unknown, locator: ModuleLocator): ThrownInfo {
  const info = serialiseTestError(processThrown(value), locator)
  let fields: string | undefined
  if (value !== null && typeof value === 'object') {
    const own = Object.entries(value).filter(([key]) => !ownFieldsSkipped.has(key))
    if (own.length) fields = toJsonText(Object.fromEntries(own))
  }
  return {
    name: info.name,
    message: info.message,
    ...(info.stack ? { stack: info.stack } : {}),
    ...(fields ? { fields } : {}),
  }
}

/** A real `Request` from plain data; throws the platform's TypeError for a bad method or header. */
export function buildRequest(plain: PlainRequest): Request {
  const path = plain.path.startsWith('/') ? plain.path : `/${plain.path}`
  const bodyless = /^(GET|HEAD)$/i.test(plain.method)
  return new Request(new URL(path, playgroundOrigin), {
    method: plain.method,
    headers: plain.headers.map(([name, value]): [string, string] => [name, value]),
    ...(bodyless || plain.body === undefined ? {} : { body: plain.body }),
  })
}

/** Reads a `Response` to the end as plain data. */
export async function readResponse(response: Response): Promise<PlainResponse> {
  const text = await response.text()
  const headers: [string, string][] = []
  response.headers.forEach((value, name) => {
    headers.push([name, value])
  })
  return {
    status: response.status,
    statusText: response.statusText,
    headers,
    body:
      text.length > maxBodyChars
        ? `${text.slice(0, maxBodyChars)}… [${text.length - maxBodyChars} more characters]`
        : text,
  }
}

/** Short printed form of any value, for messages such as "resolved with {...} instead of a Response". */
export function preview(value: unknown): string {
  const text = printed(value)
  return text.length > 200 ? `${text.slice(0, 200)}…` : text
}
