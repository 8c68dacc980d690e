import type { Exercise } from '../content/catalogue'
import type { WorkspaceFile } from '../editor/workspace'

/** Saved file texts of one exercise, by file name. */
export type DraftTexts = Readonly<Record<string, string>>

/** One file of the open exercise as the learner gets it, and where its text came from. */
export interface LessonFile extends WorkspaceFile {
  /**
   * `own`: the learner's draft (or a provided file). `starter`: no draft yet. `reference`: a file carried from an
   * earlier chapter whose exercise the learner has not passed, shown as its reference solution.
   */
  readonly source: 'own' | 'starter' | 'reference'
  /** For carried files: the exercise the file belongs to. */
  readonly from?: { readonly id: string; readonly title: string } | undefined
}

/** What the files of an exercise depend on besides the catalogue. */
export interface LessonFileState {
  /** The learner's saved files of an exercise. */
  readonly drafts: (exerciseId: string) => Promise<DraftTexts>
  /** Whether the learner has passed an exercise (by the one verdict rule, through progress). */
  readonly passed: (exerciseId: string) => boolean
  /** Every exercise, to name the one a carried file comes from. */
  readonly exercises: readonly Exercise[]
}

/**
 * The files of `exercise` as the learner has them now: editable files from their drafts over the starters;
 * carried files from the earlier exercise's draft (or its starter), except that a file carried from an earlier
 * chapter is its reference solution while the learner has not passed the exercise it comes from; then the
 * visible example tests, read-only.
 */
export async function lessonFiles(exercise: Exercise, state: LessonFileState): Promise<LessonFile[]> {
  const own = await state.drafts(exercise.id)
  const examples = Object.entries(exercise.examples).map(
    ([path, content]): LessonFile => ({ path, role: 'example', content, source: 'own' }),
  )
  const files = await Promise.all(
    exercise.files.map(async (file): Promise<LessonFile> => {
      const base = { path: file.path, role: file.role }
      if (file.role === 'editable') {
        const draft = own[file.path]
        return draft === undefined
          ? { ...base, content: file.initial, source: 'starter' }
          : { ...base, content: draft, source: 'own' }
      }
      if (file.role !== 'carried' || !file.from) return { ...base, content: file.initial, source: 'own' }
      const origin = state.exercises.find((candidate) => candidate.id === file.from)
      const from = { id: file.from, title: origin?.manifest.title ?? file.from }
      if (file.reference !== undefined && !state.passed(file.from)) {
        return {
          ...base,
          content: file.reference,
          source: 'reference',
          from,
          readOnlyMessage: `This is the reference version of ${file.path}: pass "${from.title}" to use your own.`,
        }
      }
      const draft = (await state.drafts(file.from))[file.path]
      return draft === undefined
        ? { ...base, content: file.initial, source: 'starter', from }
        : { ...base, content: draft, source: 'own', from }
    }),
  )
  return [...files, ...examples]
}
