import { copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Exercise } from '../../src/content/catalogue'
import { type ExerciseContent, inspectContent, selectExercises } from './exercise-content'

/** What a hidden suite is run against: the reference solution (must pass), the starter or a decoy (must fail). */
export type TargetKind = 'solution' | 'starter' | 'decoy'

export interface Target {
  readonly exerciseId: string
  readonly kind: TargetKind
  /** `solution`, `starter`, or the decoy's folder name. */
  readonly name: string
  /** Folder holding the suite beside the files it imports, as the learner's run would see them. */
  readonly dir: string
  /** From the manifest: the hidden suite files, the packages the files may import, the run's time budget. */
  readonly suite: readonly string[]
  readonly allowedImports: readonly string[]
  readonly timeBudgetMs: number
  /** Decoys only: the hidden tests of which at least one must fail (the decoy's `caughtBy`). */
  readonly caughtBy?: readonly string[]
}

/** Where `npm test` and `npm run check:full` lay out one folder per target; ignored by git. */
export const targetsRoot = (root: string) => join(root, '.authlab', 'targets')

/** The list of laid-out targets the child runs read. */
export const targetsIndex = (root: string) => join(targetsRoot(root), 'index.json')

/**
 * Writes the files of one target into `target.dir`: editable ones from `editableDir` (or the solution) with
 * `replaced` files (a decoy's patched files) on top, provided ones from the exercise, carried ones from the
 * earlier exercise's solution, and the hidden suite beside them.
 */
export function layOut(
  root: string,
  exercise: Exercise,
  target: Pick<Target, 'kind' | 'name' | 'dir'>,
  editableDir: string,
  replaced: Readonly<Record<string, string>> = {},
): void {
  const solutionDir = join(root, 'solutions', exercise.id)
  mkdirSync(target.dir, { recursive: true })
  for (const file of exercise.files) {
    const destination = join(target.dir, file.path)
    const text = file.role === 'editable' ? replaced[file.path] : undefined
    if (text !== undefined) {
      writeFileSync(destination, text)
      continue
    }
    let source: string
    if (file.role === 'provided') source = join(root, 'exercises', file.from ?? exercise.id, file.path)
    else if (file.role === 'carried') source = join(root, 'solutions', file.from ?? '', file.path)
    else
      source = existsSync(join(editableDir, file.path))
        ? join(editableDir, file.path)
        : join(solutionDir, file.path)
    if (!existsSync(source)) throw new Error(`${exercise.id} ${target.name}: ${source} is missing`)
    copyFileSync(source, destination)
  }
  for (const name of exercise.manifest.suite) {
    copyFileSync(join(root, 'exercises', exercise.id, name), join(target.dir, name))
  }
}

/** Which exercises to lay out, and what to do with the ones that cannot be. */
export interface MaterializeOptions {
  /** Exercise ids; empty or absent means every exercise. An unknown id throws `UnknownExerciseError`. */
  readonly only?: readonly string[]
  /** Told about each invalid exercise that is left out. */
  readonly warn?: (line: string) => void
  /** Already inspected content, to avoid reading the folders twice. */
  readonly content?: ExerciseContent
}

/**
 * Lays out the hidden suite of every selected exercise against its solution, its starter and each decoy under
 * `.authlab/targets/<exercise>/<target>/`, so that plain `./File` imports resolve to that target's code. The
 * folder is emptied first, so the child runs (which read `index.json`) see exactly this selection.
 */
export function materializeTargets(root: string, options: MaterializeOptions = {}): Target[] {
  const { warn = console.error } = options
  const content = options.content ?? inspectContent(root)
  const selected = selectExercises(content, options.only)
  const out = targetsRoot(root)
  rmSync(out, { recursive: true, force: true })
  mkdirSync(out, { recursive: true })
  const targets: Target[] = []
  for (const id of selected) {
    const exercise = content.valid.get(id)
    // an invalid exercise is left out here and fails the manifest checks; the others still run
    if (!exercise) {
      for (const problem of content.problems.get(id) ?? []) warn(`Skipping invalid exercise: ${problem}`)
      continue
    }
    const { suite, allowedImports, timeBudgetMs } = exercise.manifest
    const target = (kind: TargetKind, name: string, dir: string, caughtBy?: readonly string[]): Target => ({
      exerciseId: id,
      kind,
      name,
      dir: join(out, id, dir),
      suite,
      allowedImports,
      timeBudgetMs,
      ...(caughtBy ? { caughtBy } : {}),
    })
    const solution = target('solution', 'solution', 'solution')
    layOut(root, exercise, solution, join(root, 'solutions', id))
    const starter = target('starter', 'starter', 'starter')
    layOut(root, exercise, starter, join(root, 'exercises', id))
    targets.push(solution, starter)
    for (const decoy of content.decoys.get(id) ?? []) {
      const wrong = target('decoy', decoy.name, `decoy-${decoy.name}`, decoy.caughtBy)
      layOut(root, exercise, wrong, join(root, 'solutions', id), decoy.files)
      targets.push(wrong)
    }
  }
  writeFileSync(targetsIndex(root), `${JSON.stringify(targets, null, 2)}\n`)
  return targets
}
