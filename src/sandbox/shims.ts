/**
 * Shim modules: blob modules that re-export an object the sandbox already holds (its bundled `idb`, `zod`,
 * or what its user provides, such as the grader's `vitest` API), because blob modules cannot resolve bare specifiers and import maps do not
 * apply inside module workers.
 */

/** Packages the sandbox bundles, loaded on first use so a run that needs neither pays for neither. */
export const bundledPackages: Readonly<Record<string, () => Promise<object>>> = {
  idb: () => import('idb'),
  zod: () => import('zod'),
}

const registryKey = Symbol.for('authlab.sandbox.shims')

function registry(): Map<string, object> {
  const holder = globalThis as unknown as Record<symbol, Map<string, object> | undefined>
  let map = holder[registryKey]
  if (!map) {
    map = new Map()
    // fixed, so code that runs later cannot put a registry of its own in its place
    Object.defineProperty(globalThis, registryKey, { value: map })
  }
  return map
}

/**
 * Shim modules of one run. Import every URL, then `release()`, before learner code loads: a module is
 * evaluated once, so later importers (hidden files such as suites) get what the registry held then, and learner code, which
 * can read the global registry, finds nothing in it. `dispose` revokes the URLs.
 */
export interface ShimSet {
  /** Specifier (`vitest`, `idb`, ...) -> blob URL of its shim module. */
  readonly urls: ReadonlyMap<string, string>
  /** Drops the registry entries (the modules, once evaluated, keep their exports). */
  release(): void
  dispose(): void
}

/** Source of a module that re-exports every own enumerable key of the object registered under `key`. */
function shimSource(key: string, exports: object): string {
  const names = Object.keys(exports)
  const reads = names.map((name, index) => `const e${index} = m[${JSON.stringify(name)}];`)
  // string export names (ES2022) allow any key, including reserved words such as zod's `enum`
  const list = names.map((name, index) => `e${index} as ${JSON.stringify(name)}`).join(', ')
  return [
    `const m = globalThis[Symbol.for(${JSON.stringify(registryKey.description)})].get(${JSON.stringify(key)});`,
    ...reads,
    `export { ${list} };`,
  ].join('\n')
}

/** Registers each namespace under a key unique to this run and writes a shim module for it. */
export function createShims(namespaces: ReadonlyMap<string, object>): ShimSet {
  const run = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`
  const map = registry()
  const urls = new Map<string, string>()
  for (const [specifier, namespace] of namespaces) {
    const key = `${run}/${specifier}`
    map.set(key, namespace)
    urls.set(
      specifier,
      URL.createObjectURL(new Blob([shimSource(key, namespace)], { type: 'text/javascript' })),
    )
  }
  const release = () => {
    for (const specifier of urls.keys()) map.delete(`${run}/${specifier}`)
  }
  return {
    urls,
    release,
    dispose() {
      release()
      for (const url of urls.values()) URL.revokeObjectURL(url)
    },
  }
}
