import { init, parse } from 'es-module-lexer/js'
import type { ModuleError } from './protocol'

/**
 * One transpiled module to link. Learner files may import learner files; hidden files (the grader's suites), which
 * the learner never sees, may import both.
 */
export interface LinkModule {
  readonly fileName: string
  readonly code: string
  readonly role: 'learner' | 'hidden'
}

/** Which bare specifiers each role may import. */
export interface LinkPolicy {
  /** Packages learner files may import (the exercise's `allowedImports`). */
  readonly learnerPackages: readonly string[]
  /** Packages hidden files may import (every bundled package, and what the sandbox's user provides, e.g. `vitest`). */
  readonly hiddenPackages: readonly string[]
}

/** Where one import points, decided before any blob URL exists. */
type Target =
  | { readonly kind: 'local'; readonly file: string }
  | { readonly kind: 'package'; readonly name: string }

interface ResolvedImport {
  /** Replace `code.slice(start, end)` with the target URL (quoted when `quote`). */
  readonly start: number
  readonly end: number
  readonly quote: boolean
  readonly target: Target
  /** Static imports are evaluated before the importer; dynamic ones only when reached. */
  readonly dynamic: boolean
}

/** The import graph of one run: what each module imports and the problems found. */
export interface ModuleGraph {
  readonly modules: ReadonlyMap<string, LinkModule>
  readonly imports: ReadonlyMap<string, readonly ResolvedImport[]>
  /** Packages some module imports and is allowed to. */
  readonly packages: ReadonlySet<string>
  readonly errors: readonly ModuleError[]
}

/** Blob URLs for every module of a run. */
export interface LinkedModules {
  readonly urls: ReadonlyMap<string, string>
  /** Learner files the roots are or import statically, dependencies first: the order a module graph evaluates them. */
  readonly evaluationOrder: readonly string[]
}

/** Loads the import lexer (asm.js build: no WebAssembly, so no `wasm-unsafe-eval` in the CSP); await before `analyseImports`. */
export function prepareLexer(): Promise<void> {
  return init()
}

/** Imports found in code lexed before its run asked (`lexAhead`), by that code. */
const lexedAhead = new Map<string, ReturnType<typeof parse>[0]>()

/**
 * Lexes code a coming run will most likely bring (the hidden suite, transpiled ahead) while the worker waits
 * for that run: 5-20 ms of a warm run's time otherwise, as a fresh worker's lexer is cold. `analyseImports` takes
 * the result for the same code. Call after `prepareLexer`; code that does not lex is left for the run to report.
 */
export function lexAhead(code: string): void {
  try {
    lexedAhead.set(code, parse(code)[0])
  } catch {
    // the run lexes it again and reports where
  }
}

/** Maps `./Name`, `./Name.ts` and `./Name.js` to `Name.ts`; anything else with a slash is not a file of ours. */
function localFileName(specifier: string): string | undefined {
  const match = /^\.\/([A-Za-z0-9_.-]+?)(\.ts|\.js)?$/.exec(specifier)
  return match ? `${match[1]}.ts` : undefined
}

function lineAndColumn(code: string, offset: number): { line: number; column: number } {
  const before = code.slice(0, offset)
  const lastNewline = before.lastIndexOf('\n')
  return { line: before.split('\n').length, column: offset - lastNewline }
}

/**
 * Finds and resolves every import of every module (after transpiling, so type-only imports are gone).
 * Never throws: forbidden packages, missing files and computed `import()` become `import` errors.
 */
export function analyseImports(modules: readonly LinkModule[], policy: LinkPolicy): ModuleGraph {
  const byName = new Map(modules.map((module) => [module.fileName, module]))
  const learnerFiles = modules.filter((module) => module.role === 'learner').map((module) => module.fileName)
  const imports = new Map<string, ResolvedImport[]>()
  const packages = new Set<string>()
  const errors: ModuleError[] = []

  for (const module of modules) {
    const resolved: ResolvedImport[] = []
    imports.set(module.fileName, resolved)
    const allowedPackages = module.role === 'hidden' ? policy.hiddenPackages : policy.learnerPackages
    const allowedText = ['./files', ...allowedPackages].join(', ')
    const fail = (offset: number, message: string) =>
      errors.push({ kind: 'import', file: module.fileName, ...lineAndColumn(module.code, offset), message })

    let found: ReturnType<typeof parse>[0]
    try {
      found = lexedAhead.get(module.code) ?? parse(module.code, module.fileName)[0]
    } catch (error) {
      const offset = (error as { idx?: number }).idx ?? 0
      errors.push({
        kind: 'syntax',
        file: module.fileName,
        ...lineAndColumn(module.code, offset),
        message: 'Syntax error',
      })
      continue
    }

    for (const entry of found) {
      if (entry.type === 'import-meta') continue
      const dynamic = entry.type === 'dynamic'
      const specifier = entry.specifier
      if (specifier === undefined || (entry.type === 'dynamic' && entry.glob)) {
        fail(
          entry.start,
          `${module.fileName} uses import() with a computed specifier, which is not supported here; import files as "./Name"`,
        )
        continue
      }
      const place = { start: entry.start, end: entry.end, quote: dynamic, dynamic }
      const local = localFileName(specifier)
      if (local !== undefined) {
        const target = byName.get(local)
        if (target && (module.role === 'hidden' || target.role === 'learner')) {
          resolved.push({ ...place, target: { kind: 'local', file: local } })
        } else {
          fail(
            entry.start,
            `${module.fileName} imports "${specifier}", but there is no file ${local} here (files: ${learnerFiles.join(', ')})`,
          )
        }
      } else if (allowedPackages.includes(specifier)) {
        packages.add(specifier)
        resolved.push({ ...place, target: { kind: 'package', name: specifier } })
      } else {
        fail(
          entry.start,
          `${module.fileName} imports "${specifier}", which is not available here (allowed: ${allowedText})`,
        )
      }
    }
  }
  return { modules: byName, imports, packages, errors }
}

/** Finds an import cycle among local modules, as `A.ts -> B.ts -> A.ts`, if there is one. */
export function findCycle(graph: ModuleGraph): string[] | undefined {
  const state = new Map<string, 'visiting' | 'done'>()
  const path: string[] = []
  const visit = (file: string): string[] | undefined => {
    if (state.get(file) === 'done') return undefined
    if (state.get(file) === 'visiting') return [...path.slice(path.indexOf(file)), file]
    state.set(file, 'visiting')
    path.push(file)
    for (const entry of graph.imports.get(file) ?? []) {
      if (entry.target.kind !== 'local') continue
      const cycle = visit(entry.target.file)
      if (cycle) return cycle
    }
    path.pop()
    state.set(file, 'done')
    return undefined
  }
  for (const file of graph.modules.keys()) {
    const cycle = visit(file)
    if (cycle) return cycle
  }
  return undefined
}

/**
 * Turns every module into a blob: URL whose imports point at the other modules' blob URLs and at
 * `packageUrls` (shim modules). A module's URL must exist before its importers are written, so the graph
 * must be free of cycles (`findCycle`). `roots` (default: the hidden files) decide which learner files are
 * evaluated. The caller revokes the URLs when the run is over.
 */
export function linkModules(
  graph: ModuleGraph,
  packageUrls: ReadonlyMap<string, string>,
  roots: readonly string[] = hiddenFiles(graph),
): LinkedModules {
  const urls = new Map<string, string>()
  const create = (file: string): string => {
    const existing = urls.get(file)
    if (existing) return existing
    const module = graph.modules.get(file)
    if (!module) throw new Error(`link: unknown module ${file}`)
    const entries = [...(graph.imports.get(file) ?? [])].sort((a, b) => b.start - a.start)
    let code = module.code
    for (const entry of entries) {
      const url =
        entry.target.kind === 'local' ? create(entry.target.file) : packageUrls.get(entry.target.name)
      if (!url)
        throw new Error(
          `link: no module for package ${entry.target.kind === 'package' ? entry.target.name : ''}`,
        )
      code = code.slice(0, entry.start) + (entry.quote ? JSON.stringify(url) : url) + code.slice(entry.end)
    }
    const url = URL.createObjectURL(new Blob([code], { type: 'text/javascript' }))
    urls.set(file, url)
    return url
  }
  for (const file of graph.modules.keys()) create(file)
  return { urls, evaluationOrder: staticLearnerOrder(graph, roots) }
}

function hiddenFiles(graph: ModuleGraph): string[] {
  return [...graph.modules.values()]
    .filter((module) => module.role === 'hidden')
    .map((module) => module.fileName)
}

/** Post-order of the learner files among `roots` and reachable from them through static imports. */
function staticLearnerOrder(graph: ModuleGraph, roots: readonly string[]): string[] {
  const order: string[] = []
  const seen = new Set<string>()
  const visit = (file: string) => {
    if (seen.has(file)) return
    seen.add(file)
    for (const entry of graph.imports.get(file) ?? []) {
      if (entry.target.kind === 'local' && !entry.dynamic) visit(entry.target.file)
    }
    if (graph.modules.get(file)?.role === 'learner') order.push(file)
  }
  for (const root of roots) visit(root)
  return order
}
