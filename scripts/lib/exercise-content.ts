import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { type Catalogue, describeProblem, type Exercise, loadCatalogue } from '../../src/content/catalogue'
import { readContentSources } from './content-sources'
import { type Decoy, decoyFilePattern, readDecoy } from './decoys'

/** Fewer decoys than this and an exercise is not ready to publish (exercise:new scaffolds one). */
export const minimumDecoys = 5

/** What is on disk for every exercise folder, checked before any suite runs. */
export interface ExerciseContent {
  /** Every folder under exercises/, sorted. */
  readonly ids: readonly string[]
  readonly catalogue: Catalogue
  /** Valid exercises by id (manifest, the files it names, a solution per editable file, well-formed decoys). */
  readonly valid: ReadonlyMap<string, Exercise>
  /** Every problem found in a folder, as `file: field message` lines; empty for a valid exercise. */
  readonly problems: ReadonlyMap<string, readonly string[]>
  /** The decoys of each valid exercise that parse and apply to its reference, by name. */
  readonly decoys: ReadonlyMap<string, readonly Decoy[]>
  /** Decoy files that do not parse or apply (the exercise still runs; exercise:check fails its decoys). */
  readonly decoyProblems: ReadonlyMap<string, readonly string[]>
}

/** Thrown for an exercise id that has no folder; the message is one line naming the ids there are. */
export class UnknownExerciseError extends Error {
  override readonly name = 'UnknownExerciseError'
}

const isDirectory = (path: string) => existsSync(path) && statSync(path).isDirectory()

function folderNames(dir: string): string[] {
  if (!isDirectory(dir)) return []
  return readdirSync(dir)
    .filter((name) => isDirectory(join(dir, name)))
    .sort()
}

const editableFiles = (exercise: Exercise) =>
  exercise.files.filter((file) => file.role === 'editable').map((file) => file.path)

/** Problems with the solution side of one valid manifest: a reference per editable file. */
function solutionProblems(root: string, exercise: Exercise): string[] {
  return editableFiles(exercise)
    .map((name) => `solutions/${exercise.id}/${name}`)
    .filter((path) => !existsSync(join(root, path)))
    .map((path) => `${path}: missing (the reference for editable ${path.split('/').pop()})`)
}

/** Reads every `solutions/<id>/decoys/*.patch` and applies it to the reference; anything else there is a problem. */
function readDecoys(root: string, exercise: Exercise): { decoys: Decoy[]; problems: string[] } {
  const folder = `solutions/${exercise.id}/decoys`
  const decoys: Decoy[] = []
  const problems: string[] = []
  if (!isDirectory(join(root, folder))) return { decoys, problems }
  const reference = (name: string) => {
    const path = join(root, 'solutions', exercise.id, name)
    return existsSync(path) ? readFileSync(path, 'utf8') : undefined
  }
  for (const entry of readdirSync(join(root, folder)).sort()) {
    const name = decoyFilePattern.exec(entry)?.[1]
    if (!name) {
      problems.push(`${folder}/${entry}: a decoy is a kebab-case <name>.patch file (see exercises/README.md)`)
      continue
    }
    const file = `${folder}/${entry}`
    const text = readFileSync(join(root, file), 'utf8')
    const result = readDecoy(name, file, text, editableFiles(exercise), reference)
    if (result.ok) decoys.push(result.decoy)
    else problems.push(...result.problems)
  }
  return { decoys, problems }
}

/** Reads and checks every exercise folder; a broken folder is reported, never thrown. */
export function inspectContent(root: string): ExerciseContent {
  const ids = folderNames(join(root, 'exercises'))
  const catalogue = loadCatalogue(readContentSources(root))
  const problems = new Map<string, string[]>(ids.map((id) => [id, []]))
  const decoys = new Map<string, Decoy[]>()
  const decoyProblems = new Map<string, string[]>()
  for (const problem of catalogue.problems) problems.get(problem.exerciseId)?.push(describeProblem(problem))
  // loadCatalogue only sees folders that have a manifest
  for (const id of ids) {
    if (!existsSync(join(root, 'exercises', id, 'exercise.json')))
      problems.get(id)?.push(`exercises/${id}/exercise.json: missing`)
  }
  const valid = new Map<string, Exercise>()
  for (const exercise of catalogue.exercises) {
    const found = solutionProblems(root, exercise)
    problems.get(exercise.id)?.push(...found)
    if (found.length > 0) continue
    valid.set(exercise.id, exercise)
    const read = readDecoys(root, exercise)
    decoys.set(exercise.id, read.decoys)
    decoyProblems.set(exercise.id, read.problems)
  }
  return { ids, catalogue, valid, problems, decoys, decoyProblems }
}

/** The ids to work on: all of them, or `only` after checking that each names an exercise folder. */
export function selectExercises(content: ExerciseContent, only: readonly string[] = []): string[] {
  if (only.length === 0) return [...content.ids]
  const unknown = only.filter((id) => !content.ids.includes(id))
  if (unknown.length > 0) {
    throw new UnknownExerciseError(
      `Unknown exercise ${unknown.map((id) => `"${id}"`).join(', ')}; there are: ${content.ids.join(', ')}`,
    )
  }
  return [...new Set(only)]
}
