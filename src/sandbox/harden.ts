import type { HardenReport } from './protocol'
import { pinWebCryptoMethods } from './web-crypto'

/**
 * Hardening of the global scope learner code runs in. Learner code shares its realm with the sandbox and its
 * user (the grader's runner and expect), so without this it could redefine what they rely on (`Promise.prototype.then`, `Object.is`,
 * `Array.prototype.filter`, a getter on `Object.prototype`...) and turn failures into passes. Called once,
 * before any learner code loads; everything it changes stays changed for the realm's lifetime.
 */

/**
 * Hands a sandbox user's own objects to the freezer before the realm is frozen, e.g. the grader's assertion
 * library and the registries it keeps under `Symbol.for` keys, which no global names.
 */
export type Seal = (freeze: (roots: readonly unknown[]) => void) => void

const codeGenerationMessage =
  'Code generation from strings (eval, new Function, setTimeout with a string) is not available here; write the code itself.'

// captured before anything is frozen or replaced
const { defineProperty, freeze, getOwnPropertyDescriptor, getPrototypeOf, isFrozen, preventExtensions } =
  Object
const { apply, ownKeys } = Reflect
const now = () => performance.now()

/** Properties that ordinary code assigns on instances (`this.name = 'JwtError'`), by intrinsic prototype. */
const assignedOnInstances: Readonly<Record<string, readonly string[]>> = {
  Object: ['constructor', 'toString', 'valueOf', 'toLocaleString', 'hasOwnProperty', 'isPrototypeOf'],
  Function: ['constructor', 'toString'],
  Array: ['constructor', 'toString'],
  Promise: ['constructor'],
  Error: ['constructor', 'name', 'message', 'toString'],
  EvalError: ['constructor', 'name', 'message'],
  RangeError: ['constructor', 'name', 'message'],
  ReferenceError: ['constructor', 'name', 'message'],
  SyntaxError: ['constructor', 'name', 'message'],
  TypeError: ['constructor', 'name', 'message'],
  URIError: ['constructor', 'name', 'message'],
  AggregateError: ['constructor', 'name', 'message'],
  DOMException: ['constructor'],
}

/**
 * Turns a data property of a prototype into a getter/setter pair so that assigning it on an instance still
 * creates an own property once the prototype is frozen (an inherited read-only property would make that
 * assignment throw: the "override mistake").
 */
function keepAssignable(prototype: object, key: string): void {
  const descriptor = getOwnPropertyDescriptor(prototype, key)
  if (!descriptor || !('value' in descriptor) || !descriptor.configurable) return
  const { value } = descriptor
  defineProperty(prototype, key, {
    get: () => value,
    set(this: object, replacement: unknown) {
      if (this === prototype)
        throw new TypeError(`Cannot assign to read only property '${key}' of a built-in prototype`)
      defineProperty(this, key, { value: replacement, writable: true, enumerable: true, configurable: true })
    },
    enumerable: descriptor.enumerable ?? false,
    configurable: false,
  })
}

/** Replaces every way of compiling a string (Function constructors, eval, string timers) with one that throws. */
function disableCodeGeneration(global: Record<string, unknown>): void {
  const refuse = () => {
    throw new EvalError(codeGenerationMessage)
  }
  const constructors = [
    Function,
    getPrototypeOf(async () => {}).constructor,
    getPrototypeOf(function* () {}).constructor,
    getPrototypeOf(async function* () {}).constructor,
  ] as { prototype: object }[]
  for (const original of constructors) {
    const tamed = function tamedFunction() {
      refuse()
    }
    // same prototype, so `value instanceof Function` keeps working
    defineProperty(tamed, 'prototype', { value: original.prototype })
    defineProperty(tamed, 'name', { value: (original as unknown as { name: string }).name })
    defineProperty(original.prototype, 'constructor', { value: tamed })
    if (original === Function) defineProperty(global, 'Function', { value: tamed })
  }
  defineProperty(global, 'eval', { value: refuse })
  for (const name of ['setTimeout', 'setInterval']) {
    const timer = global[name] as (...args: unknown[]) => number
    defineProperty(global, name, {
      value: (handler: unknown, ...rest: unknown[]) =>
        typeof handler === 'function' ? apply(timer, global, [handler, ...rest]) : refuse(),
    })
  }
}

/** Objects V8 creates that no global names: iterator, generator and async function prototypes. */
function hiddenIntrinsics(): unknown[] {
  const arrayIterator = [][Symbol.iterator]()
  const found: unknown[] = [
    arrayIterator,
    new Map().entries(),
    new Set().values(),
    ''[Symbol.iterator](),
    /a/g[Symbol.matchAll](''),
    async () => {},
    function* () {},
    async function* () {},
    getPrototypeOf(Int8Array),
  ]
  const iteratorHelpers = arrayIterator as unknown as { map?: (fn: (value: unknown) => unknown) => unknown }
  if (typeof iteratorHelpers.map === 'function') found.push(iteratorHelpers.map((value) => value))
  return found
}

// chai's per-object scratch space (the flags of an assertion or of a matcher wrapper): frozen with its owner
// as a property, but the object itself must stay writable
const mutableState = '__flags'

/** Freezes one object; `Error` keeps `stackTraceLimit` writable, which @vitest/runner sets around its captures. */
function freezeOne(value: object): void {
  if (value !== Error) {
    freeze(value)
    return
  }
  for (const key of ownKeys(value)) {
    const descriptor = getOwnPropertyDescriptor(value, key)
    if (!descriptor?.configurable) continue
    const fixValue = 'value' in descriptor && key !== 'stackTraceLimit'
    defineProperty(value, key, { configurable: false, ...(fixValue ? { writable: false } : {}) })
  }
  preventExtensions(value)
}

/** Freezes `roots` and everything reachable from them through own properties, accessors and prototypes. */
function freezeReachable(roots: unknown[], skip: ReadonlySet<unknown>, failures: string[]): number {
  const seen = new Set<unknown>()
  const queue = [...roots]
  let frozen = 0
  while (queue.length) {
    const value = queue.pop()
    if ((typeof value !== 'object' && typeof value !== 'function') || value === null) continue
    if (seen.has(value) || skip.has(value)) continue
    seen.add(value)
    // chai wraps each matcher in a Proxy that gives its target a `__flags` object on first property access;
    // touch it now, or the frozen target could never get one
    if (typeof value === 'function') {
      try {
        void (value as { name?: unknown }).name
      } catch {
        // a function whose name cannot be read has nothing to set up
      }
    }
    // a module namespace cannot be frozen (its bindings are live) and only its module can change them;
    // what its exports point at is walked like anything else
    if (!isModuleNamespace(value) && !isFrozen(value)) {
      try {
        freezeOne(value)
        frozen++
      } catch (error) {
        failures.push(`${describeValue(value)}: ${String(error)}`)
      }
    }
    queue.push(getPrototypeOf(value))
    for (const key of ownKeys(value)) {
      if (key === mutableState) continue
      try {
        const descriptor = getOwnPropertyDescriptor(value, key)
        if (descriptor) queue.push(descriptor.value, descriptor.get, descriptor.set)
      } catch {
        // an export not initialised yet (a module still loading) has nothing to freeze
      }
    }
  }
  return frozen
}

function isModuleNamespace(value: object): boolean {
  return getOwnPropertyDescriptor(value, Symbol.toStringTag)?.value === 'Module'
}

function describeValue(value: object): string {
  const name = (getOwnPropertyDescriptor(value, 'name')?.value as string | undefined) ?? ''
  return typeof value === 'function' ? `function ${name}` : Object.prototype.toString.call(value)
}

/** Global properties left alone: the console is rewired per run to capture output. */
const unlockedGlobals = new Set(['console'])

/**
 * Hardens `global` (a worker's `self`, or a test frame's window) before learner code loads:
 * - every string compiler throws (`eval`, the four Function constructors, string `setTimeout`/`setInterval`),
 *   so learner code is only ever the source the sandbox transpiled and checked, and cannot `import()` by URL;
 * - the JavaScript intrinsics and every Web API interface on the global (constructors, prototypes and all
 *   they reach) are frozen, with the properties ordinary code assigns on instances kept assignable;
 * - the global bindings that exist now (`Promise`, `crypto`, `setTimeout`...), own or inherited, can no longer
 *   be replaced or shadowed;
 * - what `seal` hands over (the grader's assertion library) is frozen the same way;
 * - `crypto` and `crypto.subtle` get own, configurable copies of their methods, so a suite's spies on them
 *   restore as they do natively.
 * Instances stay open (`crypto.subtle` can still be spied on by a suite), and so does the global object:
 * learner code may add globals of its own.
 */
export function hardenRealm(global: object, seal?: Seal): HardenReport {
  const started = now()
  const slots = global as unknown as Record<string, unknown>
  disableCodeGeneration(slots)
  for (const [name, keys] of Object.entries(assignedOnInstances)) {
    const prototype = (slots[name] as { prototype?: object } | undefined)?.prototype
    if (prototype) for (const key of keys) keepAssignable(prototype, key)
  }

  const failures: string[] = []
  const skip = new Set<unknown>([global, slots.console])
  let frozen = 0
  seal?.((objects) => {
    frozen += freezeReachable([...objects], skip, failures)
  })

  const roots: unknown[] = hiddenIntrinsics()
  for (const key of ownKeys(global)) {
    if (typeof key === 'string' && unlockedGlobals.has(key)) continue
    const descriptor = getOwnPropertyDescriptor(global, key)
    if (!descriptor) continue
    roots.push(descriptor.value, descriptor.get, descriptor.set)
  }
  frozen += freezeReachable(roots, skip, failures)

  // a global inherited from the global's prototypes (`crypto`, `indexedDB` and `addEventListener` in a
  // worker) could be shadowed by an own property of the same name: pin each one on the global itself
  for (let from = getPrototypeOf(global); from && from !== Object.prototype; from = getPrototypeOf(from)) {
    for (const key of ownKeys(from)) {
      if (key === 'constructor' || getOwnPropertyDescriptor(global, key)) continue
      const descriptor = getOwnPropertyDescriptor(from, key)
      if (descriptor) defineProperty(global, key, descriptor)
    }
  }
  for (const key of ownKeys(global)) {
    if (typeof key === 'string' && unlockedGlobals.has(key)) continue
    const descriptor = getOwnPropertyDescriptor(global, key)
    if (!descriptor?.configurable) continue
    const isData = 'value' in descriptor
    try {
      defineProperty(global, key, { configurable: false, ...(isData ? { writable: false } : {}) })
    } catch (error) {
      failures.push(`global ${String(key)}: ${String(error)}`)
    }
  }
  pinWebCryptoMethods(global)
  return { frozen, failures, durationMs: Math.round((now() - started) * 10) / 10 }
}
