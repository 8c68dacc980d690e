import { compileRun } from '../../grader/engine/compile'
import { linkModules } from '../../grader/engine/link'
import { processThrown, toModuleError } from '../../grader/engine/serialise'
import { bundledPackages, createShims } from '../../grader/engine/shims'
import { createLocator, type ModuleInfo, type ModuleLocator } from '../../grader/engine/stack'
import type { ModuleError, SourceFiles } from '../../grader/protocol'
import type { PlaygroundProblem } from '../protocol'

/** The learner's modules of one call, evaluated, with what maps their stacks back to TypeScript. */
export interface LoadedCode {
  /** Module namespace of each requested file, by file name. */
  readonly namespaces: ReadonlyMap<string, Readonly<Record<string, unknown>>>
  readonly locator: ModuleLocator
  /** Revokes the blob URLs of the call's modules and shims. */
  dispose(): void
}

/** Loaded code, or why it could not be loaded. */
export type LoadOutcome =
  | { readonly ok: true; readonly code: LoadedCode }
  | { readonly ok: false; readonly problems: readonly PlaygroundProblem[] }

// an invisible importer standing in for a hidden suite, so the engine orders and links the files as in grading
const entryFile = 'playground-entry.ts'

const kindWords: Record<ModuleError['kind'], string> = {
  syntax: 'does not compile',
  import: 'cannot be linked',
  runtime: 'threw while loading',
  unhandled: 'threw while loading',
  tamper: 'changed the test environment',
}

/** A grader module error in the playground's words: `AuthService.ts:3:7 does not compile: ...`. */
export function toProblem(error: ModuleError): PlaygroundProblem {
  const where = error.file ? `${error.file}${error.line ? `:${error.line}:${error.column ?? 1}` : ''} ` : ''
  return {
    ...(error.file ? { file: error.file } : {}),
    ...(error.line ? { line: error.line, column: error.column ?? 1 } : {}),
    message: `${where}${kindWords[error.kind]}: ${error.message}`,
  }
}

/**
 * Compiles and links the learner's files with the grader engine (same transpiler, same import rules, same
 * blob modules) and evaluates `needed` with their imports, dependencies first, so a failure names its file.
 */
export async function loadLearnerCode(
  files: SourceFiles,
  allowedImports: readonly string[],
  needed: readonly string[],
): Promise<LoadOutcome> {
  const missing = needed.filter((file) => !(file in files))
  if (missing.length) {
    return {
      ok: false,
      problems: missing.map((file) => ({
        message: `This exercise has no file ${file}, which the playground needs.`,
      })),
    }
  }
  const entry = needed.map((file) => `import './${file.replace(/\.ts$/, '')}'`).join('\n')
  const compiled = await compileRun({ files, suite: { [entryFile]: entry }, allowedImports })
  if (!compiled.ok) return { ok: false, problems: compiled.errors.map(toProblem) }
  const { graph, maps } = compiled

  const packages = new Map<string, object>()
  for (const name of graph.packages) {
    const load = bundledPackages[name]
    if (load) packages.set(name, await load())
  }
  const shims = createShims(packages)
  const linked = linkModules(graph, shims.urls)
  const infos = new Map<string, ModuleInfo>()
  for (const [fileName, url] of linked.urls) {
    const map = maps.get(fileName)
    infos.set(url, { fileName, learner: fileName !== entryFile, ...(map ? { map } : {}) })
  }
  const locator = createLocator(infos)
  const dispose = () => {
    shims.dispose()
    for (const url of linked.urls.values()) URL.revokeObjectURL(url)
  }

  const namespaces = new Map<string, Readonly<Record<string, unknown>>>()
  // the shims first, so they have taken their exports from the registry before learner code can look there
  for (const url of shims.urls.values()) await import(/* @vite-ignore */ url)
  shims.release()
  for (const fileName of linked.evaluationOrder) {
    try {
      const namespace = await import(/* @vite-ignore */ linked.urls.get(fileName) ?? '')
      namespaces.set(fileName, namespace)
    } catch (thrown) {
      dispose()
      const processed = processThrown(thrown)
      const kind = processed.name === 'SyntaxError' ? 'syntax' : 'runtime'
      return {
        ok: false,
        problems: [toProblem(toModuleError(kind, processed, locator, { fallbackFile: fileName }))],
      }
    }
  }
  return { ok: true, code: { namespaces, locator, dispose } }
}
