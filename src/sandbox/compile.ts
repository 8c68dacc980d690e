import { analyseImports, findCycle, type LinkModule, lexAhead, type ModuleGraph, prepareLexer } from './link'
import type { ModuleError, SourceFiles } from './protocol'
import { bundledPackages } from './shims'
import { type RawSourceMap, transpile, transpileAhead } from './transpile'

/** The files of one run, before anything is transpiled. */
export interface ProgramSources {
  /** The learner's files (editable, provided and carried), TypeScript, keyed by file name. */
  readonly learner: SourceFiles
  /** Files the learner never sees (the grader's hidden suites); their positions are never reported. */
  readonly hidden: SourceFiles
  /** Packages learner files may import besides `./Name` files, e.g. `['idb']`; only bundled ones resolve. */
  readonly allowedImports: readonly string[]
}

/** Every file of a run turned into JavaScript, with its imports resolved and checked. */
export type CompiledProgram =
  | {
      readonly ok: true
      readonly graph: ModuleGraph
      /** Source maps of every module, by file name. */
      readonly maps: ReadonlyMap<string, RawSourceMap>
    }
  | { readonly ok: false; readonly errors: readonly ModuleError[] }

/**
 * Transpiles and lexes files a coming run will most likely bring (the hidden suite) while the worker waits for
 * that run; `compileProgram` takes both results over for the same sources. A failure here is left for the run
 * to find and report.
 */
export function compileAhead(files: SourceFiles): void {
  transpileAhead(files)
  void prepareLexer()
    .then(() => {
      for (const [fileName, source] of Object.entries(files)) {
        const result = transpile(fileName, source)
        if (result.ok) lexAhead(result.code)
      }
    })
    .catch(() => undefined)
}

/**
 * Transpiles learner and hidden files, then resolves their imports: learner files may import `./Name` learner
 * files and the allowed packages; hidden files may also import every bundled package, the provided modules and
 * each other. `provided` names the modules the sandbox's user provides to hidden files (the grader: `vitest`).
 * Problems come back as data; positions inside hidden files are dropped.
 */
export async function compileProgram(
  sources: ProgramSources,
  provided: readonly string[] = [],
): Promise<CompiledProgram> {
  const hiddenFiles = new Set(Object.keys(sources.hidden))
  const roles: [SourceFiles, LinkModule['role']][] = [
    [sources.learner, 'learner'],
    [sources.hidden, 'hidden'],
  ]
  const modules: LinkModule[] = []
  const maps = new Map<string, RawSourceMap>()
  const syntaxErrors: ModuleError[] = []
  for (const [files, role] of roles) {
    for (const [fileName, source] of Object.entries(files)) {
      const result = transpile(fileName, source)
      if (result.ok) {
        modules.push({ fileName, code: result.code, role })
        maps.set(fileName, result.map)
      } else syntaxErrors.push(result.error)
    }
  }
  const hidePositions = (errors: readonly ModuleError[]) =>
    errors.map(
      (error): ModuleError =>
        error.file && hiddenFiles.has(error.file)
          ? { kind: error.kind, file: error.file, message: error.message }
          : error,
    )
  if (syntaxErrors.length) return { ok: false, errors: hidePositions(syntaxErrors) }

  await prepareLexer()
  const graph = analyseImports(modules, {
    learnerPackages: sources.allowedImports.filter((name) => name in bundledPackages),
    hiddenPackages: [...provided, ...Object.keys(bundledPackages)],
  })
  if (graph.errors.length) return { ok: false, errors: hidePositions(graph.errors) }
  const cycle = findCycle(graph)
  if (cycle) {
    const message = `Import cycle: ${cycle.join(' -> ')}. Files cannot import each other in a circle here; move what they share into one file.`
    return { ok: false, errors: [{ kind: 'import', file: cycle[0] ?? '', message }] }
  }
  return { ok: true, graph, maps }
}
