import { type LinkedProgram, type Namespace, prepareProgram } from '../../sandbox/load'
import type { ModuleError, SourceFiles } from '../../sandbox/protocol'
import type { ModuleLocator } from '../../sandbox/stack'
import type { PlaygroundProblem } from '../protocol'

/** The learner's modules of one call, evaluated, with what maps their stacks back to TypeScript. */
export interface LoadedCode {
  /** Module namespace of each requested file, by file name. */
  readonly namespaces: ReadonlyMap<string, Namespace>
  readonly locator: ModuleLocator
  /** Revokes the blob URLs of the call's modules and shims. */
  dispose(): void
}

/** Loaded code, or why it could not be loaded. */
export type LoadOutcome =
  | { readonly ok: true; readonly code: LoadedCode }
  | { readonly ok: false; readonly problems: readonly PlaygroundProblem[] }

const kindWords: Record<ModuleError['kind'], string> = {
  syntax: 'does not compile',
  import: 'cannot be linked',
  runtime: 'threw while loading',
  unhandled: 'threw while loading',
  tamper: 'changed the test environment',
}

/** A sandbox module error in the playground's words: `AuthService.ts:3:7 does not compile: ...`. */
function toProblem(error: ModuleError): PlaygroundProblem {
  const where = error.file ? `${error.file}${error.line ? `:${error.line}:${error.column ?? 1}` : ''} ` : ''
  return {
    ...(error.file ? { file: error.file } : {}),
    ...(error.line ? { line: error.line, column: error.column ?? 1 } : {}),
    message: `${where}${kindWords[error.kind]}: ${error.message}`,
  }
}

/**
 * Loads the learner's files as the grader does (the sandbox's transpiler, import rules and blob modules) and
 * evaluates `needed` with their imports, dependencies first, so a failure names its file.
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
  const prepared = await prepareProgram({ learner: files, hidden: {}, allowedImports }, { roots: needed })
  if (!prepared.ok) return { ok: false, problems: prepared.errors.map(toProblem) }
  const program: LinkedProgram = prepared.program
  const evaluated = await program.evaluate()
  if (!evaluated.ok) {
    program.dispose()
    return { ok: false, problems: [toProblem(evaluated.error)] }
  }
  const { namespaces } = evaluated
  return { ok: true, code: { namespaces, locator: program.locator, dispose: () => program.dispose() } }
}
