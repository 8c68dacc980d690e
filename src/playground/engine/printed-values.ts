import { printValue, processThrown, serialiseError } from '../../sandbox/serialise-error'
import type { ModuleLocator } from '../../sandbox/stack'
import type { ThrownInfo } from '../protocol'

/**
 * A returned value as pretty JSON, as a learner would see it on the wire; values JSON cannot hold
 * (undefined, functions, cycles, BigInt) are printed instead of being silently dropped.
 */
export function toJsonText(value: unknown): string {
  if (value === undefined) return 'undefined'
  try {
    const text = JSON.stringify(value, null, 2)
    return text === undefined ? printValue(value) : text
  } catch {
    return printValue(value)
  }
}

const ownFieldsSkipped = new Set(['name', 'message', 'stack', 'cause'])

/** A thrown value as strings, with frames in learner files only and the error's own fields (e.g. `issues`). */
export function describeThrown(value: unknown, locator: ModuleLocator): ThrownInfo {
  const info = serialiseError(processThrown(value), locator)
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

/** Short printed form of any value, for messages such as "resolved with {...} instead of a Response". */
export function preview(value: unknown): string {
  const text = printValue(value)
  return text.length > 200 ? `${text.slice(0, 200)}…` : text
}
