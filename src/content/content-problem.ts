// What the catalogue reports about an exercise folder it could not load; apart from the validator (zod), so the
// app can show problems found at build time without shipping it.

/** Why one exercise folder could not be loaded; `file` is repository-relative, `field` a dotted path. */
export interface ContentProblem {
  readonly exerciseId: string
  readonly file: string
  readonly field?: string
  readonly message: string
}

/** Formats a problem as `exercises/x/exercise.json: hints[2] must be a string`. */
export function describeProblem(problem: ContentProblem): string {
  return `${problem.file}: ${problem.field ? `${problem.field} ` : ''}${problem.message}`
}
