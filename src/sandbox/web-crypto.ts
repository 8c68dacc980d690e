/**
 * What the sandbox does to Web Crypto besides freezing it: a heartbeat from each settled `crypto.subtle` call,
 * and own properties on the `crypto` and `crypto.subtle` instances that suites' spies can replace and restore.
 */

// captured before anything is frozen or replaced
const { defineProperty, getOwnPropertyDescriptor, getPrototypeOf } = Object
const { apply, ownKeys } = Reflect
const promiseThen = Promise.prototype.then

interface WebCryptoScope {
  readonly crypto?: Crypto
  readonly SubtleCrypto?: { readonly prototype: object }
}

/**
 * Calls `settled` whenever a `crypto.subtle` call settles, by wrapping each method of `SubtleCrypto.prototype`
 * (before hardening freezes it). A loop that awaits Web Crypto call after call never lets a timer or message
 * task run in Chromium, so a heartbeat timer falls silent although the loop is making progress; a settled call
 * is progress the event loop delivered, which a synchronous loop never gets. The wrapper returns a promise that
 * settles as the original does, one reaction later (so an unhandled rejection is still reported as one), and
 * keeps the method's name, length and `[native code]` source (a Proxy).
 */
export function onWebCryptoSettled(global: object, settled: () => void): void {
  const prototype = (global as WebCryptoScope).SubtleCrypto?.prototype
  if (!prototype) return
  const fulfilled = (value: unknown) => {
    settled()
    return value
  }
  const rejected = (reason: unknown) => {
    settled()
    throw reason
  }
  for (const key of ownKeys(prototype)) {
    const descriptor = getOwnPropertyDescriptor(prototype, key)
    if (key === 'constructor' || !descriptor?.configurable || typeof descriptor.value !== 'function') continue
    const wrapped = new Proxy(descriptor.value as (...args: unknown[]) => unknown, {
      apply(target, thisArgument, args) {
        const result = apply(target, thisArgument, args)
        return result instanceof Promise ? apply(promiseThen, result, [fulfilled, rejected]) : result
      },
    })
    defineProperty(prototype, key, { ...descriptor, value: wrapped })
  }
}

/**
 * Gives the `crypto` and `crypto.subtle` instances an own, configurable, non-writable copy of each method their
 * (frozen) prototypes hold. `vi.spyOn` copies the flags of the descriptor it finds: from a frozen prototype that
 * is a non-configurable spy that `mockRestore()` cannot take out again; from these copies it is a configurable
 * one, which restores as it does natively. Assigning a member still throws, as it did on the frozen prototype.
 */
export function pinWebCryptoMethods(global: object): void {
  const cryptoObject = (global as WebCryptoScope).crypto
  for (const instance of [cryptoObject, cryptoObject?.subtle]) {
    if (!instance) continue
    for (
      let from = getPrototypeOf(instance);
      from && from !== Object.prototype;
      from = getPrototypeOf(from)
    ) {
      for (const key of ownKeys(from)) {
        const descriptor = getOwnPropertyDescriptor(from, key)
        if (key === 'constructor' || typeof descriptor?.value !== 'function') continue
        if (getOwnPropertyDescriptor(instance, key)) continue
        // not enumerable: Object.keys(crypto) stays [] as natively
        defineProperty(instance, key, {
          value: descriptor.value,
          writable: false,
          enumerable: false,
          configurable: true,
        })
      }
    }
  }
}

/** Whether `instance[key]` is still the method its prototype chain holds (a pin, not a replacement). */
export function isPinnedOriginal(instance: object, key: PropertyKey): boolean {
  const own = getOwnPropertyDescriptor(instance, key)
  if (!own || !('value' in own)) return false
  for (let from = getPrototypeOf(instance); from; from = getPrototypeOf(from)) {
    const inherited = getOwnPropertyDescriptor(from, key)
    if (inherited) return 'value' in inherited && inherited.value === own.value
  }
  return false
}
