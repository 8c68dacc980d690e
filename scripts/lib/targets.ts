import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describeProblem, type Exercise, loadCatalogue } from '../../src/content/catalogue'
import { readContentSources } from './content-sources'

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
}

/** Where `npm test` lays out one folder per target; ignored by git. */
export const targetsRoot = (root: string) => join(root, '.authlab', 'targets')

function listDecoys(root: string, exerciseId: string): string[] {
  const dir = join(root, 'solutions', exerciseId, 'decoys')
  if (!existsSync(dir)) return []
  return readdirSync(dir)
    .filter((name) => statSync(join(dir, name)).isDirectory())
    .sort()
}

/** The files of one target: editable ones from `editableDir` (or the solution), the rest as CI resolves them. */
function layOut(root: string, exercise: Exercise, target: Target, editableDir: string): void {
  const solutionDir = join(root, 'solutions', exercise.id)
  const editable = new Set(exercise.files.filter((file) => file.role === 'editable').map((file) => file.path))
  if (target.kind === 'decoy') {
    const stray = readdirSync(editableDir).filter((name) => !editable.has(name))
    if (stray.length > 0)
      throw new Error(`${editableDir}: a decoy holds only editable files, not ${stray.join(', ')}`)
  }
  mkdirSync(target.dir, { recursive: true })
  for (const file of exercise.files) {
    let source: string
    if (file.role === 'provided') source = join(root, 'exercises', exercise.id, file.path)
    else if (file.role === 'carried') source = join(root, 'solutions', file.from ?? '', file.path)
    else
      source = existsSync(join(editableDir, file.path))
        ? join(editableDir, file.path)
        : join(solutionDir, file.path)
    if (!existsSync(source)) throw new Error(`${exercise.id} ${target.name}: ${source} is missing`)
    copyFileSync(source, join(target.dir, file.path))
  }
  for (const name of exercise.manifest.suite) {
    copyFileSync(join(root, 'exercises', exercise.id, name), join(target.dir, name))
  }
}

/**
 * Lays out every exercise's hidden suite against its solution, its starter and each decoy under
 * `.authlab/targets/<exercise>/<target>/`, so that plain `./File` imports resolve to that target's code.
 */
export function materializeTargets(root: string, warn: (line: string) => void = console.error): Target[] {
  const catalogue = loadCatalogue(readContentSources(root))
  // an invalid exercise is left out here and fails the manifest tests; the others still run
  for (const problem of catalogue.problems) warn(`Skipping invalid exercise: ${describeProblem(problem)}`)
  const out = targetsRoot(root)
  const targets: Target[] = []
  for (const exercise of catalogue.exercises) {
    const { suite, allowedImports, timeBudgetMs } = exercise.manifest
    const at = (name: string) => join(out, exercise.id, name)
    const target = (kind: TargetKind, name: string, dir: string): Target => ({
      exerciseId: exercise.id,
      kind,
      name,
      dir: at(dir),
      suite,
      allowedImports,
      timeBudgetMs,
    })
    rmSync(join(out, exercise.id), { recursive: true, force: true })
    const solution = target('solution', 'solution', 'solution')
    layOut(root, exercise, solution, join(root, 'solutions', exercise.id))
    const starter = target('starter', 'starter', 'starter')
    layOut(root, exercise, starter, join(root, 'exercises', exercise.id))
    targets.push(solution, starter)
    for (const decoy of listDecoys(root, exercise.id)) {
      const wrong = target('decoy', decoy, `decoy-${decoy}`)
      layOut(root, exercise, wrong, join(root, 'solutions', exercise.id, 'decoys', decoy))
      targets.push(wrong)
    }
  }
  writeFileSync(join(out, 'index.json'), `${JSON.stringify(targets, null, 2)}\n`)
  return targets
}
