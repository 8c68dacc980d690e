import type { z } from 'zod'
import { type FileRole, type Manifest, manifestSchema } from './manifest-schema.ts'

/**
 * Raw text of content files, keyed by repository-relative path such as `exercises/simple-jwt/exercise.json`:
 * every file under exercises/, plus the reference files `referencePaths` names (and no other solution).
 */
export type ContentSources = Readonly<Record<string, string>>

/**
 * Content files fetched on first use, keyed like `ContentSources`. The app defers the hidden suites (a chunk
 * each), which only the grader needs, so the lesson paints without waiting for them.
 */
export type DeferredSources = Readonly<Record<string, () => Promise<string>>>

/** The hidden suite's sources by file name (`manifest.suite`), never shown to the learner. */
export type SuiteSources = Readonly<Record<string, string>>

/** One file of an exercise as the editor opens it. */
export interface CatalogueFile {
  /** File name, e.g. `SimpleJWT.ts`. */
  readonly path: string
  readonly role: FileRole
  /** For carried files: the exercise the learner wrote it in; for provided files: the folder it is taken from. */
  readonly from?: string | undefined
  /** What the learner starts from: the starter, the provided file, or the earlier exercise's starter. */
  readonly initial: string
  /**
   * Carried files from an exercise of an earlier chapter: that exercise's reference solution of the file, which a
   * learner who has not passed it works with instead, so a chapter can be started before the last is finished.
   */
  readonly reference?: string
}

/** A valid exercise with every file it names loaded. */
export interface Exercise {
  readonly id: string
  readonly manifest: Manifest
  readonly lesson: string
  readonly files: readonly CatalogueFile[]
  /** Fetches the hidden suite once; a fetch that failed (offline before it was cached) is tried again next call. */
  readonly suite: () => Promise<SuiteSources>
  readonly examples: Readonly<Record<string, string>>
}

/** Why one exercise folder could not be loaded; `file` is repository-relative, `field` a dotted path. */
export interface ContentProblem {
  readonly exerciseId: string
  readonly file: string
  readonly field?: string
  readonly message: string
}

export interface Catalogue {
  /** Valid exercises, by `order`. */
  readonly exercises: readonly Exercise[]
  /** One entry per problem; a broken folder is left out, the rest still load. */
  readonly problems: readonly ContentProblem[]
}

/** Formats a problem as `exercises/x/exercise.json: hints[2] must be a string`. */
export function describeProblem(problem: ContentProblem): string {
  return `${problem.file}: ${problem.field ? `${problem.field} ` : ''}${problem.message}`
}

/** Turns a zod issue path into `files[1].path`. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  return path
    .map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`))
    .join('')
}

function valueAt(json: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>(
    (value, key) => (value as Record<PropertyKey, unknown> | undefined)?.[key],
    json,
  )
}

function issueMessage(issue: z.core.$ZodIssue, json: unknown): string {
  if (issue.code === 'invalid_type' && valueAt(json, issue.path) === undefined) return 'is required'
  if (issue.code === 'unrecognized_keys') return `has unknown field(s): ${issue.keys.join(', ')}`
  return issue.message.replace(/^Invalid input: /, '')
}

/** Where a chapter-crossing carried file's reference lives, as a `ContentSources` key. */
const referencePath = (from: string, path: string) => `solutions/${from}/${path}`

/** Every valid manifest among `sources`, by folder name (the catalogue reports the invalid ones). */
function validManifests(sources: ContentSources): Map<string, Manifest> {
  const manifests = new Map<string, Manifest>()
  for (const [path, text] of Object.entries(sources)) {
    const folder = /^exercises\/([^/]+)\/exercise\.json$/.exec(path)?.[1]
    if (!folder) continue
    try {
      const parsed = manifestSchema.safeParse(JSON.parse(text))
      if (parsed.success && parsed.data.id === folder) manifests.set(folder, parsed.data)
    } catch {
      // not JSON: loadCatalogue says so
    }
  }
  return manifests
}

/** Whether a carried file crosses chapters: the exercise it comes from is in an earlier chapter. */
const crossesChapter = (manifest: Manifest, from: Manifest | undefined) =>
  from !== undefined && from.chapter.number < manifest.chapter.number

/**
 * The reference solutions the catalogue needs besides exercises/ (`solutions/<from>/<file>` keys): one per file
 * carried from an earlier chapter, and nothing else, so a build ships no other solution.
 */
export function referencePaths(sources: ContentSources): string[] {
  const manifests = validManifests(sources)
  const paths = new Set<string>()
  for (const manifest of manifests.values()) {
    for (const file of manifest.files) {
      if (file.role === 'carried' && crossesChapter(manifest, manifests.get(file.from)))
        paths.add(referencePath(file.from, file.path))
    }
  }
  return [...paths].sort()
}

/** `load` called at most once at a time and once for good: a rejection is forgotten, so the next call retries. */
function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined
  return () => {
    loading ??= load().catch((error: unknown) => {
      loading = undefined
      throw error
    })
    return loading
  }
}

/**
 * Validates every `exercises/<id>/exercise.json` among `sources` and loads the files each one names; a hidden
 * suite file may instead be among `deferred`, fetched when the exercise's `suite()` is first called.
 */
export function loadCatalogue(sources: ContentSources, deferred: DeferredSources = {}): Catalogue {
  const exercises: Exercise[] = []
  const problems: ContentProblem[] = []
  const manifests = new Map<string, Manifest>()

  for (const manifestPath of Object.keys(sources).sort()) {
    const match = /^exercises\/([^/]+)\/exercise\.json$/.exec(manifestPath)
    if (!match?.[1]) continue
    const folder = match[1]
    const report = (message: string, field?: string, file = manifestPath) =>
      problems.push({ exerciseId: folder, file, message, ...(field ? { field } : {}) })

    let json: unknown
    try {
      json = JSON.parse(sources[manifestPath] ?? '')
    } catch (error) {
      report(`is not valid JSON (${(error as Error).message})`)
      continue
    }
    const parsed = manifestSchema.safeParse(json)
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        report(issueMessage(issue, json), formatIssuePath(issue.path) || undefined)
      continue
    }
    if (parsed.data.id !== folder) {
      report(`must equal the folder name "${folder}"`, 'id')
      continue
    }
    manifests.set(folder, parsed.data)
  }

  for (const [id, manifest] of manifests) {
    const before = problems.length
    const read = (name: string, field: string): string => {
      const path = `exercises/${id}/${name}`
      const text = sources[path]
      if (text === undefined) {
        problems.push({
          exerciseId: id,
          file: `exercises/${id}/exercise.json`,
          field,
          message: `names "${name}" but ${path} does not exist`,
        })
      }
      return text ?? ''
    }

    const lesson = read(manifest.lesson, 'lesson')
    const files = manifest.files.map((file, index): CatalogueFile => {
      if (file.role === 'editable' || (file.role === 'provided' && !file.from)) {
        return { ...file, initial: read(file.path, `files[${index}].path`) }
      }
      if (file.role === 'provided') {
        const path = `exercises/${file.from}/${file.path}`
        const text = sources[path]
        if (text === undefined) {
          problems.push({
            exerciseId: id,
            file: `exercises/${id}/exercise.json`,
            field: `files[${index}].from`,
            message: `names "${file.from}" but ${path} does not exist`,
          })
        }
        return { ...file, initial: text ?? '' }
      }
      const source = manifests.get(file.from)
      const field = `files[${index}].from`
      const problem = (message: string) =>
        problems.push({ exerciseId: id, file: `exercises/${id}/exercise.json`, field, message })
      if (file.from === id) problem('must name another exercise')
      else if (!source) problem(`names "${file.from}", which is not a valid exercise`)
      else if (source.order >= manifest.order)
        problem(`must name an exercise that comes earlier (order < ${manifest.order})`)
      else if (!source.files.some((other) => other.role === 'editable' && other.path === file.path)) {
        problem(`"${file.from}" has no editable file "${file.path}"`)
      }
      const initial = sources[`exercises/${file.from}/${file.path}`] ?? ''
      if (!crossesChapter(manifest, source)) return { ...file, initial }
      const reference = sources[referencePath(file.from, file.path)]
      if (reference === undefined)
        problem(`comes from an earlier chapter, so ${referencePath(file.from, file.path)} must exist`)
      return { ...file, initial, reference: reference ?? '' }
    })
    const suiteFiles = manifest.suite.map((name, i): [string, () => Promise<string>] => {
      const later = deferred[`exercises/${id}/${name}`]
      if (later) return [name, later]
      const text = read(name, `suite[${i}]`)
      return [name, () => Promise.resolve(text)]
    })
    const suite = loadOnce(async () =>
      Object.fromEntries(await Promise.all(suiteFiles.map(async ([name, load]) => [name, await load()]))),
    )
    const examples = Object.fromEntries(
      manifest.examples.map((name, i) => [name, read(name, `examples[${i}]`)]),
    )

    if (problems.length === before) exercises.push({ id, manifest, lesson, files, suite, examples })
  }

  exercises.sort((a, b) => a.manifest.order - b.manifest.order || a.id.localeCompare(b.id))
  // one chapter, one title: the first exercise of a chapter (by order) names it
  const chapterTitles = new Map<number, string>()
  for (const { id, manifest } of exercises) {
    const { number, title } = manifest.chapter
    const first = chapterTitles.get(number)
    if (first === undefined) chapterTitles.set(number, title)
    else if (first !== title)
      problems.push({
        exerciseId: id,
        file: `exercises/${id}/exercise.json`,
        field: 'chapter.title',
        message: `must be "${first}", the title the other exercises of chapter ${number} give`,
      })
  }
  return { exercises, problems }
}
