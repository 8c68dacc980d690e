import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { exerciseIdSchema } from '../../src/content/manifest-schema'
import { inspectContent } from './exercise-content'
import {
  classNameOf,
  decoyTemplate,
  exampleTemplate,
  lessonTemplate,
  manifestTemplate,
  type ScaffoldNames,
  solutionTemplate,
  starterTemplate,
  suiteTemplate,
  titleOf,
} from './scaffold-templates'

/** Why an exercise cannot be scaffolded; the message is one line. */
export class ScaffoldError extends Error {
  override readonly name = 'ScaffoldError'
}

/**
 * Writes a new exercise `id` (manifest, lesson, starter, hidden suite, example test) and its solution with one
 * decoy, placed after every existing exercise. Refuses a malformed id or one already in use; returns the
 * repository-relative paths written.
 */
export function scaffoldExercise(root: string, id: string): string[] {
  const parsed = exerciseIdSchema.safeParse(id)
  if (!parsed.success) throw new ScaffoldError(`Bad exercise id "${id}": ${parsed.error.issues[0]?.message}`)
  for (const folder of ['exercises', 'solutions']) {
    if (existsSync(join(root, folder, id)))
      throw new ScaffoldError(`${folder}/${id} already exists; pick another id`)
  }
  const { catalogue } = inspectContent(root)
  const last = catalogue.exercises.at(-1)?.manifest
  const order = (last?.order ?? 0) + 1
  const chapter = last?.chapter ?? { number: 1, title: 'Build' }
  const names: ScaffoldNames = { id, className: classNameOf(id), title: titleOf(id), order, chapter }
  const file = names.className
  const files: Record<string, string> = {
    [`exercises/${id}/exercise.json`]: manifestTemplate(names),
    [`exercises/${id}/lesson.md`]: lessonTemplate(names),
    [`exercises/${id}/${file}.ts`]: starterTemplate(names),
    [`exercises/${id}/${file}.test.ts`]: suiteTemplate(names),
    [`exercises/${id}/${file}.example.test.ts`]: exampleTemplate(names),
    [`solutions/${id}/${file}.ts`]: solutionTemplate(names),
    [`solutions/${id}/decoys/utf16-length.patch`]: decoyTemplate(names),
  }
  // solutions first: the dev server reloads the catalogue as soon as exercises/<id>/ appears
  const paths = Object.keys(files).sort(
    (a, b) => Number(a.startsWith('exercises/')) - Number(b.startsWith('exercises/')),
  )
  for (const path of paths) {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    // the manifest last, so the catalogue never sees a manifest whose files are not there yet
    if (!path.endsWith('exercise.json')) writeFileSync(join(root, path), files[path] ?? '')
  }
  writeFileSync(join(root, `exercises/${id}/exercise.json`), files[`exercises/${id}/exercise.json`] ?? '')
  // line breaks depend on the class name's length: let the project's formatter lay the files out
  const biome = join(root, 'node_modules/.bin/biome')
  if (existsSync(biome)) execFileSync(biome, ['format', '--write', ...paths], { cwd: root, stdio: 'ignore' })
  return paths
}
