/**
 * Where each carried file stands against its own exercise, from that exercise's last saved result (judged by the
 * one verdict rule) and the file's saved draft: so a failure caused by an earlier file is blamed on that file.
 */
import type { ExerciseVerdict } from '../content/verdict'
import { type Draft, type RunSummary, summaryVerdict } from '../storage'
import type { LessonFile } from './lesson-files'

/**
 * `reference`: the reference version stands in (an earlier chapter's exercise not passed yet). `passed`: its
 * exercise's last run passed and the file has not changed since. `failing`: that run did not pass. `changed`:
 * edited since that run. `not-run`: written, but its exercise was never run. `starter`: never written.
 */
export type CarriedState = 'reference' | 'passed' | 'failing' | 'changed' | 'not-run' | 'starter'

/** One carried file and how it stands. */
export interface CarriedStanding {
  readonly path: string
  /** The exercise the file is written in, where a problem in it is fixed. */
  readonly from: { readonly id: string; readonly title: string }
  readonly state: CarriedState
  /** The verdict of that exercise's last run, if it was ever run. */
  readonly verdict?: ExerciseVerdict
}

/** What the standings are read from, per exercise a carried file comes from. */
export interface CarriedRecords {
  /** The exercise's last saved result. */
  readonly result: (exerciseId: string) => Promise<RunSummary | undefined>
  /** The exercise's saved drafts (with their save times). */
  readonly drafts: (exerciseId: string) => Promise<Readonly<Record<string, Draft>>>
}

/** The standing of every carried file among `files`, in tab order. */
export async function carriedStandings(
  files: readonly LessonFile[],
  records: CarriedRecords,
): Promise<CarriedStanding[]> {
  const carried = files.filter((file) => file.role === 'carried' && file.from)
  return Promise.all(
    carried.map(async (file): Promise<CarriedStanding> => {
      const from = file.from ?? { id: '', title: '' }
      const base = { path: file.path, from }
      if (file.source === 'reference') return { ...base, state: 'reference' }
      if (file.source === 'starter') return { ...base, state: 'starter' }
      const [result, drafts] = await Promise.all([
        records.result(from.id).catch(() => undefined),
        records.drafts(from.id).catch(() => ({}) as Record<string, Draft>),
      ])
      if (!result) return { ...base, state: 'not-run' }
      const verdict = summaryVerdict(result)
      const updatedAt = drafts[file.path]?.updatedAt
      // the saved result judged the file as it was then: an edit after it leaves the verdict unknown
      if (updatedAt !== undefined && updatedAt > result.at) return { ...base, state: 'changed', verdict }
      return { ...base, state: verdict.passed ? 'passed' : 'failing', verdict }
    }),
  )
}
