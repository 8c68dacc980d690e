import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { gzipSync } from 'node:zlib'

/** One built file and its size gzipped at zlib's default level (what `vite preview` and most servers send). */
export interface SizedFile {
  readonly file: string
  readonly gzipBytes: number
}

/** A group of files with its total. */
export interface FileGroup {
  readonly gzipBytes: number
  readonly files: readonly SizedFile[]
}

/** The bundle in the groups the issue budgets, plus how the page actually loaded it. */
export interface BundleReport {
  /**
   * index.html, the entry chunk, its static imports and their CSS, and the largest lesson chunk (the routed
   * exercise's lesson is fetched before it paints): what the lesson waits for.
   */
  readonly beforeEditor: FileGroup
  /** The entry's dynamic imports (Monaco core, features, TypeScript language) with CSS, font and editor worker. */
  readonly editor: FileGroup
  /** The TypeScript language service worker. */
  readonly tsWorker: FileGroup
  /** The grader's module worker: the entry's worker asset built from src/grader/worker.ts (`worker-<hash>.js`). */
  readonly graderWorker: FileGroup
  /** The entry's other worker assets (e.g. the API playground's worker, the grader's watchdog). */
  readonly otherWorkers: FileGroup
  /** Every group above together: all the app can load from its manifest. */
  readonly total: FileGroup
  /** What one fresh session (navigation, typing, diagnostics, a run) requested. */
  readonly loadedInSession: FileGroup
  /** Built files in no group, such as chunks only the grader worker imports on demand (zod). */
  readonly ungrouped: readonly string[]
  /** Every file in the build, including chunks no session here loaded (e.g. zod for exercises that allow it). */
  readonly distTotalGzipBytes: number
  /** Files the page requested, in order, during one fresh session (navigation, typing, diagnostics, a run). */
  readonly network: readonly string[]
  /** Requested files that are in no group (expected: none). */
  readonly requestedOutsideGroups: readonly string[]
  /** Grouped files that session never requested (expected: none). */
  readonly groupedNotRequested: readonly string[]
}

interface ManifestChunk {
  file: string
  isEntry?: boolean
  imports?: string[]
  dynamicImports?: string[]
  css?: string[]
  assets?: string[]
}

const gzipSize = (outDir: string, file: string) => gzipSync(readFileSync(join(outDir, file))).length

function group(outDir: string, files: Iterable<string>): FileGroup {
  const sized = [...new Set(files)].sort().map((file) => ({ file, gzipBytes: gzipSize(outDir, file) }))
  return { gzipBytes: sized.reduce((sum, file) => sum + file.gzipBytes, 0), files: sized }
}

function allFiles(dir: string, root = dir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (name === '.vite') return []
    return statSync(path).isDirectory() ? allFiles(path, root) : [relative(root, path)]
  })
}

/**
 * Groups the build by Vite's manifest (`.vite/manifest.json`) and sizes each file; `network` is the list of
 * dist-relative files a fresh session requested, in order.
 */
export function measureBundle(outDir: string, network: readonly string[]): BundleReport {
  const manifest: Record<string, ManifestChunk> = JSON.parse(
    readFileSync(join(outDir, '.vite/manifest.json'), 'utf8'),
  )
  const entries = Object.entries(manifest).filter(([, chunk]) => chunk.isEntry)
  if (entries.length !== 1)
    throw new Error(`bench: expected one entry in the manifest, found ${entries.length}`)
  const [entryKey, entry] = entries[0] as [string, ManifestChunk]

  const closure = (keys: readonly string[], follow: (chunk: ManifestChunk) => readonly string[]) => {
    const seen = new Set<string>()
    const visit = (key: string) => {
      if (seen.has(key)) return
      seen.add(key)
      const chunk = manifest[key]
      if (chunk) for (const next of follow(chunk)) visit(next)
    }
    for (const key of keys) visit(key)
    return [...seen].flatMap((key) => (manifest[key] ? [manifest[key]] : []))
  }
  const filesOf = (chunks: readonly ManifestChunk[], withAssets: boolean) =>
    chunks.flatMap((chunk) => [chunk.file, ...(chunk.css ?? []), ...(withAssets ? (chunk.assets ?? []) : [])])

  const staticChunks = closure([entryKey], (chunk) => chunk.imports ?? [])
  // each lesson is a chunk of its own, `exercises/<id>/<lesson>.md?raw` in the manifest; count the largest
  const lessons = Object.entries(manifest).flatMap(([key, chunk]) =>
    /^exercises\/[^/]+\/[^/]+\.md\?raw$/.test(key)
      ? [{ file: chunk.file, gzipBytes: gzipSize(outDir, chunk.file) }]
      : [],
  )
  const largestLesson = lessons
    .sort((a, b) => b.gzipBytes - a.gzipBytes)
    .slice(0, 1)
    .map((lesson) => lesson.file)
  const beforeEditor = ['index.html', ...filesOf(staticChunks, false), ...largestLesson]
  const workerAssets = (entry.assets ?? []).filter((file) => file.endsWith('.js'))
  const graderWorker = workerAssets.filter((file) => /(^|\/)worker-[\w-]+\.js$/.test(file))
  const otherWorkers = workerAssets.filter((file) => !graderWorker.includes(file))
  const lazyChunks = closure(entry.dynamicImports ?? [], (chunk) => [
    ...(chunk.imports ?? []),
    ...(chunk.dynamicImports ?? []),
  ]).filter((chunk) => !staticChunks.includes(chunk))
  const tsWorkerWrapper = lazyChunks.find((chunk) => /ts\.worker/.test(chunk.file))
  const tsWorker = tsWorkerWrapper?.assets ?? []
  if (tsWorker.length === 0 || graderWorker.length !== 1)
    throw new Error('bench: could not find the TypeScript or the grader worker in the manifest')
  const editor = filesOf(lazyChunks, true).filter(
    (file) => !tsWorker.includes(file) && !largestLesson.includes(file),
  )

  const grouped = [...beforeEditor, ...editor, ...tsWorker, ...graderWorker, ...otherWorkers]
  const groups = {
    beforeEditor: group(outDir, beforeEditor),
    editor: group(outDir, editor),
    tsWorker: group(outDir, tsWorker),
    graderWorker: group(outDir, graderWorker),
    otherWorkers: group(outDir, otherWorkers),
  }
  return {
    ...groups,
    total: group(outDir, grouped),
    loadedInSession: group(outDir, network),
    ungrouped: allFiles(outDir).filter((file) => !grouped.includes(file)),
    distTotalGzipBytes: allFiles(outDir).reduce((sum, file) => sum + gzipSize(outDir, file), 0),
    network,
    requestedOutsideGroups: network.filter((file) => !grouped.includes(file)),
    groupedNotRequested: [...new Set(grouped)].filter(
      (file) => !network.includes(file) && !otherWorkers.includes(file),
    ),
  }
}
