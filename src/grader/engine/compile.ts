import type { ModuleError, RunRequest } from '../protocol'
import { analyseImports, findCycle, type LinkModule, type ModuleGraph, prepareLexer } from './link'
import { bundledPackages } from './shims'
import { type RawSourceMap, transpile } from './transpile'

/** What one run grades: `RunRequest` without the envelope. */
export type GradingInput = Omit<RunRequest, 'type' | 'runId'>

/** Every file of a run turned into JavaScript, with its imports resolved and checked. */
export type CompiledRun =
  | {
      readonly ok: true
      readonly graph: ModuleGraph
      /** Source maps of every module, by file name. */
      readonly maps: ReadonlyMap<string, RawSourceMap>
      readonly suiteFiles: ReadonlySet<string>
    }
  | { readonly ok: false; readonly errors: readonly ModuleError[] }

/**
 * Transpiles learner and suite files, then resolves their imports: learner files may import `./Name` learner
 * files and the exercise's allowed packages; suites may also import `vitest`, every bundled package and each
 * other. Problems come back as data; positions inside hidden suite files are dropped.
 */
export async function compileRun(input: GradingInput): Promise<CompiledRun> {
  const suiteFiles = new Set(Object.keys(input.suite))
  const roles: [Readonly<Record<string, string>>, LinkModule['role']][] = [
    [input.files, 'learner'],
    [input.suite, 'suite'],
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
  const hideSuitePositions = (errors: readonly ModuleError[]) =>
    errors.map(
      (error): ModuleError =>
        error.file && suiteFiles.has(error.file)
          ? { kind: error.kind, file: error.file, message: error.message }
          : error,
    )
  if (syntaxErrors.length) return { ok: false, errors: hideSuitePositions(syntaxErrors) }

  await prepareLexer()
  const graph = analyseImports(modules, {
    learnerPackages: input.allowedImports.filter((name) => name in bundledPackages),
    suitePackages: ['vitest', ...Object.keys(bundledPackages)],
  })
  if (graph.errors.length) return { ok: false, errors: hideSuitePositions(graph.errors) }
  const cycle = findCycle(graph)
  if (cycle) {
    const message = `Import cycle: ${cycle.join(' -> ')}. Files cannot import each other in a circle here; move what they share into one file.`
    return { ok: false, errors: [{ kind: 'import', file: cycle[0] ?? '', message }] }
  }
  return { ok: true, graph, maps, suiteFiles }
}
