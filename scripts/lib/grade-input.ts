import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import type { Exercise } from '../../src/content/catalogue'
import type { RunInput } from '../../src/grader/client'
import { decoyFilePattern, readDecoy } from './decoys'

/** Bad input to `npm run grade`: the message is one line saying what is wrong. */
export class GradeInputError extends Error {
  override readonly name = 'GradeInputError'
}

/** What to grade and what the learner should know about how it was put together. */
export interface GradeInput {
  readonly input: RunInput
  /** One line per file taken from the starter or ignored, for stderr. */
  readonly notes: readonly string[]
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8')
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message
    throw new GradeInputError(`Cannot read ${path} (${reason}).`)
  }
}

/**
 * The run request for the files in `dir`, named as in the exercise: editable and carried files come from `dir`
 * when there and otherwise from their starter (as a new learner's would), or, for a file carried from an earlier
 * chapter, from its reference solution; provided files are always the exercise's own. The hidden suite comes from
 * the exercise.
 */
export async function gradeInput(exercise: Exercise, dir: string): Promise<GradeInput> {
  if (!existsSync(dir)) throw new GradeInputError(`No such folder: ${dir}`)
  if (dir.endsWith('.patch') && statSync(dir).isFile()) return decoyInput(exercise, dir)
  if (!statSync(dir).isDirectory()) throw new GradeInputError(`Not a folder or a decoy .patch: ${dir}`)
  const notes: string[] = []
  const files: Record<string, string> = {}
  for (const file of exercise.files) {
    const path = join(dir, file.path)
    if (file.role === 'provided') {
      if (existsSync(path)) notes.push(`${file.path}: provided by the exercise; your copy is not used`)
      files[file.path] = file.initial
    } else if (existsSync(path)) {
      files[file.path] = readText(path)
    } else if (file.role === 'carried' && file.reference !== undefined) {
      // carried from an earlier chapter: the app gives a learner who has not passed it the reference too
      notes.push(`${file.path}: not in ${dir}, using the ${file.from} reference solution`)
      files[file.path] = file.reference
    } else {
      const starter = file.role === 'carried' ? `the ${file.from} starter` : 'the starter'
      notes.push(`${file.path}: not in ${dir}, using ${starter}`)
      files[file.path] = file.initial
    }
  }
  const known = new Set(exercise.files.map((file) => file.path))
  for (const name of readdirSync(dir).sort()) {
    if (!known.has(name) && name.endsWith('.ts')) notes.push(`${name}: not a file of ${exercise.id}, ignored`)
  }
  return {
    input: { files, suite: await exercise.suite(), allowedImports: exercise.manifest.allowedImports },
    notes,
  }
}

/**
 * The run request for a decoy (`solutions/<id>/decoys/<name>.patch`), laid out as the exercise checks see it:
 * the reference solution with the decoy's patch applied, carried files from the earlier exercises' references.
 */
async function decoyInput(exercise: Exercise, path: string): Promise<GradeInput> {
  const solutions = dirname(dirname(dirname(path)))
  const referenceDir = join(solutions, exercise.id)
  if (dirname(path) !== join(referenceDir, 'decoys'))
    throw new GradeInputError(`${path}: a decoy of ${exercise.id} lives in ${join(referenceDir, 'decoys')}/`)
  const name = decoyFilePattern.exec(basename(path))?.[1] ?? basename(path)
  const editable = exercise.files.filter((file) => file.role === 'editable').map((file) => file.path)
  const reference = (file: string) => {
    const at = join(referenceDir, file)
    return existsSync(at) ? readFileSync(at, 'utf8') : undefined
  }
  const result = readDecoy(name, path, readText(path), editable, reference)
  if (!result.ok) throw new GradeInputError(result.problems.join('; '))
  const files: Record<string, string> = {}
  for (const file of exercise.files) {
    if (file.role === 'provided') files[file.path] = file.initial
    else if (file.role === 'carried') files[file.path] = readText(join(solutions, file.from ?? '', file.path))
    else files[file.path] = result.decoy.files[file.path] ?? readText(join(referenceDir, file.path))
  }
  return {
    input: { files, suite: await exercise.suite(), allowedImports: exercise.manifest.allowedImports },
    notes: [`${name}: the reference solution with the decoy's patch applied (${result.decoy.mistake})`],
  }
}
