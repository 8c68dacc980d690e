import type { z } from 'zod'
import type { ContentProblem } from './content-problem.ts'
import { type FileRole, type Manifest, manifestSchema } from './manifest-schema.ts'

export { type ContentProblem, describeProblem } from './content-problem.ts'

/**
 * Raw text of content files, keyed by repository-relative path such as `exercises/simple-jwt/exercise.json`:
 * every file under exercises/, plus the reference files `referencePaths` names (and no other solution).
 */
export type ContentSources = Readonly<Record<string, string>>

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
  /**
   * The lesson's whole markdown. In the app each lesson is a chunk of its own, fetched when its exercise is shown
   * (a failed fetch is tried again on the next call); its opening (lesson-opening.ts) is in index.html, rendered
   * at build time (scripts/lib/lesson-openings.ts), so the page ships ten first screens, not ten lessons.
   */
  readonly lesson: () => Promise<string>
  readonly files: readonly CatalogueFile[]
  /**
   * The hidden suite. In the app each suite is a chunk of its own, fetched on first call (a failed fetch is
   * tried again on the next), so the lesson paints without waiting for code only the grader needs.
   */
  readonly suite: () => Promise<SuiteSources>
  readonly examples: Readonly<Record<string, string>>
}

export interface Catalogue {
  /** Valid exercises, by `order`. */
  readonly exercises: readonly Exercise[]
  /** One entry per problem; a broken folder is left out, the rest still load. */
  readonly problems: readonly ContentProblem[]
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

/** Validates every `exercises/<id>/exercise.json` among `sources` and loads the files each one names. */
export function loadCatalogue(sources: ContentSources): Catalogue {
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

    const lessonText = read(manifest.lesson, 'lesson')
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
    const suiteTexts = Object.fromEntries(manifest.suite.map((name, i) => [name, read(name, `suite[${i}]`)]))
    const suite = async () => suiteTexts
    const lesson = async () => lessonText
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
