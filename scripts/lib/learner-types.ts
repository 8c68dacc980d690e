/**
 * Type-checks an exercise's files in Node the way the app's editor does: the `typescript` package (the same
 * major.minor as Monaco's), the options and typed packages of src/editor/learner-typescript.ts, the files in
 * memory under a virtual folder. Nothing is written.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import ts from 'typescript'
import type { Exercise } from '../../src/content/catalogue'
import { type TypeDiagnostic, type TypeErrorAt, typeErrorsIn } from '../../src/content/verdict'
import {
  learnerCompilerOptions,
  typeLibraryFiles,
  typeLibraryFolder,
} from '../../src/editor/learner-typescript'
import type { Target } from './targets'

// exercise files live at /<exercise>/<File>.ts, typed packages at /node_modules/..., as in the editor
const virtualRoot = '/'
const libFolder = dirname(ts.getDefaultLibFilePath({}))

const parsed = ts.convertCompilerOptionsFromJson(learnerCompilerOptions, virtualRoot)
if (parsed.errors.length > 0) {
  const why = parsed.errors.map((error) => ts.flattenDiagnosticMessageText(error.messageText, ' ')).join('; ')
  throw new Error(`src/editor/learner-typescript.ts: learnerCompilerOptions are not valid: ${why}`)
}
const options: ts.CompilerOptions = { ...parsed.options, noEmit: true }

let typeLibraries: Readonly<Record<string, string>> | undefined
function loadTypeLibraries(root: string): Readonly<Record<string, string>> {
  if (typeLibraries) return typeLibraries
  const folder = join(root, typeLibraryFolder)
  const declarations = Object.fromEntries(
    readdirSync(folder)
      .filter((name) => name.endsWith('.d.ts'))
      .map((name) => [`/${typeLibraryFolder}/${name}`, readFileSync(join(folder, name), 'utf8')]),
  )
  typeLibraries = typeLibraryFiles(declarations)
  return typeLibraries
}

// lib files are the same for every check: parse each once per process
const libSources = new Map<string, ts.SourceFile>()

/**
 * Every TypeScript error and warning in `files` (file name -> text, as one exercise folder), checked together
 * so `./Name` imports resolve; positions 1-based. `root` is the repository, for the typed packages' declarations.
 */
export function checkLearnerTypes(
  root: string,
  exerciseId: string,
  files: Readonly<Record<string, string>>,
): TypeDiagnostic[] {
  const folder = `/${exerciseId}/`
  const virtual = new Map<string, string>(Object.entries(loadTypeLibraries(root)))
  for (const [name, text] of Object.entries(files)) virtual.set(`${folder}${name}`, text)
  const isLib = (path: string) => path.startsWith(`${libFolder}/`)

  const host: ts.CompilerHost = {
    getSourceFile(path, languageVersion) {
      if (isLib(path)) {
        let source = libSources.get(path)
        if (!source) {
          source = ts.createSourceFile(path, readFileSync(path, 'utf8'), languageVersion)
          libSources.set(path, source)
        }
        return source
      }
      const text = virtual.get(path)
      return text === undefined ? undefined : ts.createSourceFile(path, text, languageVersion)
    },
    getDefaultLibFileName: (compilerOptions) => join(libFolder, ts.getDefaultLibFileName(compilerOptions)),
    getDefaultLibLocation: () => libFolder,
    writeFile: () => {},
    getCurrentDirectory: () => virtualRoot,
    getCanonicalFileName: (path) => path,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => '\n',
    fileExists: (path) => virtual.has(path) || (isLib(path) && ts.sys.fileExists(path)),
    readFile: (path) => virtual.get(path) ?? (isLib(path) ? ts.sys.readFile(path) : undefined),
    directoryExists: (path) => {
      const prefix = path.endsWith('/') ? path : `${path}/`
      return (
        [...virtual.keys()].some((key) => key.startsWith(prefix)) ||
        (isLib(prefix) && ts.sys.directoryExists(path))
      )
    },
    getDirectories: () => [],
  }

  const names = Object.keys(files).filter((name) => name.endsWith('.ts'))
  const program = ts.createProgram(
    names.map((name) => `${folder}${name}`),
    options,
    host,
  )
  return names.flatMap((name) => {
    const source = program.getSourceFile(`${folder}${name}`)
    if (!source) return []
    return [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)]
      .filter(
        (diagnostic) =>
          diagnostic.category === ts.DiagnosticCategory.Error ||
          diagnostic.category === ts.DiagnosticCategory.Warning,
      )
      .map((diagnostic): TypeDiagnostic => {
        const at = source.getLineAndCharacterOfPosition(diagnostic.start ?? 0)
        return {
          path: name,
          line: at.line + 1,
          column: at.character + 1,
          message: ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'),
          severity: diagnostic.category === ts.DiagnosticCategory.Error ? 'error' : 'warning',
        }
      })
  })
}

/** Type errors in the editable files of each solution and starter target, by the target's folder. */
export type TargetTypes = ReadonlyMap<string, readonly TypeErrorAt[]>

/**
 * Type-checks the laid-out solution and starter of each exercise (its files as the learner gets them, suites
 * left out) the way the editor does, and keeps the errors in the editable files: the types half of the verdict.
 */
export function checkTargetTypes(
  root: string,
  targets: readonly Target[],
  exercises: ReadonlyMap<string, Exercise>,
): TargetTypes {
  const found = new Map<string, readonly TypeErrorAt[]>()
  for (const target of targets) {
    const exercise = exercises.get(target.exerciseId)
    if (!exercise || target.kind === 'decoy') continue
    const files = Object.fromEntries(
      exercise.files.map((file) => [file.path, readFileSync(join(target.dir, file.path), 'utf8')]),
    )
    const editable = exercise.files.filter((file) => file.role === 'editable').map((file) => file.path)
    found.set(target.dir, typeErrorsIn(checkLearnerTypes(root, exercise.id, files), editable))
  }
  return found
}
