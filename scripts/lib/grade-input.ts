import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { Exercise } from '../../src/content/catalogue'
import type { RunInput } from '../../src/grader/client'

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
export function gradeInput(exercise: Exercise, dir: string): GradeInput {
  if (!existsSync(dir)) throw new GradeInputError(`No such folder: ${dir}`)
  if (!statSync(dir).isDirectory()) throw new GradeInputError(`Not a folder: ${dir}`)
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
    input: { files, suite: exercise.suite, allowedImports: exercise.manifest.allowedImports },
    notes,
  }
}
