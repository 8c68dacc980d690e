import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { type Catalogue, describeProblem, type Exercise, loadCatalogue } from '../../src/content/catalogue'
import { readContentSources } from './content-sources'

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
  /** Decoy folder names under solutions/<id>/decoys/, sorted. */
  readonly decoys: ReadonlyMap<string, readonly string[]>
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

/** Problems with the solution side of one valid manifest: a reference per editable file, decoys of editable files. */
function solutionProblems(root: string, exercise: Exercise, decoys: readonly string[]): string[] {
  const problems: string[] = []
  const editable = exercise.files.filter((file) => file.role === 'editable').map((file) => file.path)
  for (const name of editable) {
    const path = `solutions/${exercise.id}/${name}`
    if (!existsSync(join(root, path))) problems.push(`${path}: missing (the reference for editable ${name})`)
  }
  for (const decoy of decoys) {
    const folder = `solutions/${exercise.id}/decoys/${decoy}`
    const files = readdirSync(join(root, folder))
    if (files.length === 0) problems.push(`${folder}: is empty; add the wrong version of an editable file`)
    for (const name of files.filter((file) => !editable.includes(file)))
      problems.push(`${folder}/${name}: a decoy holds only editable files (${editable.join(', ')})`)
  }
  return problems
}

/** Reads and checks every exercise folder; a broken folder is reported, never thrown. */
export function inspectContent(root: string): ExerciseContent {
  const ids = folderNames(join(root, 'exercises'))
  const catalogue = loadCatalogue(readContentSources(root))
  const problems = new Map<string, string[]>(ids.map((id) => [id, []]))
  const decoys = new Map(ids.map((id) => [id, folderNames(join(root, 'solutions', id, 'decoys'))]))
  for (const problem of catalogue.problems) problems.get(problem.exerciseId)?.push(describeProblem(problem))
  // loadCatalogue only sees folders that have a manifest
  for (const id of ids) {
    if (!existsSync(join(root, 'exercises', id, 'exercise.json')))
      problems.get(id)?.push(`exercises/${id}/exercise.json: missing`)
  }
  const valid = new Map<string, Exercise>()
  for (const exercise of catalogue.exercises) {
    const found = solutionProblems(root, exercise, decoys.get(exercise.id) ?? [])
    problems.get(exercise.id)?.push(...found)
    if (found.length === 0) valid.set(exercise.id, exercise)
  }
  return { ids, catalogue, valid, problems, decoys }
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
