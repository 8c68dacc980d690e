import { isMockFunction } from '@vitest/spy'
import type { ModuleError } from '../../sandbox/protocol'
import { isPinnedOriginal } from '../../sandbox/web-crypto'

interface CryptoLike {
  readonly subtle?: object
}

// the real instances, taken when the grader loads, before any learner code: a replaced `crypto.subtle` must
// not hide what was done to the real one
const realCrypto = (globalThis as { crypto?: CryptoLike }).crypto
const realSubtle = realCrypto?.subtle

/**
 * Members learner code put on the Web Crypto objects the suites rely on (`crypto.subtle.verify = ...`, or a
 * whole fake `crypto.subtle`). Their prototypes and the `crypto` binding are frozen by `hardenRealm`, but the
 * instances stay open because suites spy on them (`vi.spyOn(crypto, 'getRandomValues')`); a suite's spies are
 * recognised and allowed, and so are the hardened realm's own copies of the original methods (see
 * `pinWebCryptoMethods`).
 */
export function replacedCryptoMembers(): string[] {
  const targets: [string, object | undefined][] = [
    ['crypto', realCrypto],
    ['crypto.subtle', realSubtle],
  ]
  const replaced: string[] = []
  for (const [label, target] of targets) {
    if (!target) continue
    for (const key of Reflect.ownKeys(target)) {
      const descriptor = Object.getOwnPropertyDescriptor(target, key)
      if (descriptor && 'value' in descriptor && isMockFunction(descriptor.value)) continue
      if (isPinnedOriginal(target, key)) continue
      replaced.push(`${label}.${String(key)}`)
    }
  }
  return replaced
}

/** The run-level error for replaced Web Crypto members: a run with errors is never a pass. */
export function cryptoTamperError(replaced: readonly string[]): ModuleError {
  return {
    kind: 'tamper',
    message: `Your code replaced ${replaced.join(', ')}. The tests check your code against the browser's own Web Crypto, so this run cannot pass: remove the replacement and run again.`,
  }
}
