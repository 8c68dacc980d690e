import { compileProgram, type ProgramSources } from './compile'
import { linkModules } from './link'
import type { ModuleError } from './protocol'
import { processThrown, toModuleError } from './serialise-error'
import { bundledPackages, createShims } from './shims'
import { createLocator, type ModuleInfo, type ModuleLocator } from './stack'

/** A module's exports, as `import()` gives them. */
export type Namespace = Readonly<Record<string, unknown>>

/** The modules of one run as blob URLs, ready to evaluate. */
export interface LinkedProgram {
  /** Blob URL of every module, by file name (the grader's runner imports its suites by these). */
  readonly urls: ReadonlyMap<string, string>
  /** Maps this run's blob URLs in stacks and messages back to file names and TypeScript positions. */
  readonly locator: ModuleLocator
  /**
   * Evaluates the shim modules, then the learner files the roots need, one by one, dependencies first, so a
   * failure names the file it happened in. Stops at the first file that throws.
   */
  evaluate(): Promise<EvaluatedProgram>
  /** Revokes the run's blob URLs. */
  dispose(): void
}

/** The evaluated learner files' exports by file name, or the load error of the first that threw. */
export type EvaluatedProgram =
  | { readonly ok: true; readonly namespaces: ReadonlyMap<string, Namespace> }
  | { readonly ok: false; readonly error: ModuleError }

/** What a run links against besides its own files. */
export interface ProgramOptions {
  /** Modules the user provides to hidden files, by specifier (the grader: `vitest` -> its API). */
  readonly provided?: ReadonlyMap<string, object>
  /** Files whose static imports decide which learner files are evaluated (default: every hidden file). */
  readonly roots?: readonly string[]
}

// taken before any learner code runs, which may replace the globals
const revoke = URL.revokeObjectURL.bind(URL)

/**
 * Compiles `sources` (sucrase; imports checked against what each role may import) and links them to blob URLs,
 * with shim modules for the bundled packages they use and the provided ones. Compile and link problems come
 * back as data; nothing is evaluated yet.
 */
export async function prepareProgram(
  sources: ProgramSources,
  options: ProgramOptions = {},
): Promise<{ ok: true; program: LinkedProgram } | { ok: false; errors: readonly ModuleError[] }> {
  const provided = options.provided ?? new Map<string, object>()
  const compiled = await compileProgram(sources, [...provided.keys()])
  if (!compiled.ok) return compiled
  const { graph, maps } = compiled

  const namespaces = new Map(provided)
  for (const name of graph.packages) {
    const load = bundledPackages[name]
    if (load && !namespaces.has(name)) namespaces.set(name, await load())
  }
  const shims = createShims(namespaces)
  const linked = linkModules(graph, shims.urls, options.roots)
  const infos = new Map<string, ModuleInfo>()
  for (const [fileName, url] of linked.urls) {
    const map = maps.get(fileName)
    const learner = graph.modules.get(fileName)?.role === 'learner'
    infos.set(url, { fileName, learner, ...(map ? { map } : {}) })
  }
  const locator = createLocator(infos)

  const program: LinkedProgram = {
    urls: linked.urls,
    locator,
    async evaluate() {
      // the shims first, so they have taken their exports from the registry before learner code can look there
      for (const url of shims.urls.values()) await import(/* @vite-ignore */ url)
      shims.release()
      const evaluated = new Map<string, Namespace>()
      for (const fileName of linked.evaluationOrder) {
        try {
          evaluated.set(fileName, await import(/* @vite-ignore */ linked.urls.get(fileName) ?? ''))
        } catch (thrown) {
          const processed = processThrown(thrown)
          const kind = processed.name === 'SyntaxError' ? 'syntax' : 'runtime'
          return { ok: false, error: toModuleError(kind, processed, locator, { fallbackFile: fileName }) }
        }
      }
      return { ok: true, namespaces: evaluated }
    },
    dispose() {
      shims.dispose()
      for (const url of linked.urls.values()) revoke(url)
    },
  }
  return { ok: true, program }
}
