// Export, import and reset as the page runs them: storage in, storage out, then the page catches up.
import type { AppStore } from '../storage'
import { emptyDump } from '../storage'
import { type MergeReport, mergeProgress } from './merge'
import { changedSuites, passportFileName, readPassport, writePassport } from './passport'

/** What the passport actions need from the page. */
export interface PassportDeps {
  readonly store: Pick<AppStore, 'exportAll' | 'replaceAll'>
  /** Writes edits still waiting for the save debounce, so the export (or the merge) sees them. */
  readonly flush: () => Promise<void>
  /** SHA-256 fingerprints of this app's hidden suites, by exercise id. */
  readonly fingerprints: () => Promise<Record<string, string>>
  /** Ids of the exercises this app has. */
  readonly exerciseIds: readonly string[]
  /** Storage changed underneath the page: show the stored drafts, progress and settings. */
  readonly reload: () => Promise<void>
  /** Grades these exercises' stored code here, one after another, saving each result. */
  readonly regrade: (exerciseIds: readonly string[]) => Promise<void>
}

/** An import's outcome: what was merged, or why nothing changed. */
export type ImportOutcome =
  | {
      ok: true
      report: MergeReport
      /** Exercises whose hidden tests changed since the passport was made. */
      changedSuites: readonly string[]
      /** Exercises in the passport that this app does not have: kept in storage, not shown. */
      unknown: readonly string[]
      /** One paragraph for the learner. */
      summary: string
      /** Settles once every exercise in `report.regrade` was graded again. */
      graded: Promise<void>
    }
  | { ok: false; message: string }

export interface PassportActions {
  /** The passport of everything stored: a file name and its JSON text. */
  exportPassport(): Promise<{ name: string; text: string }>
  /** Merges a passport file into storage, then grades its exercises again; nothing changes if it is unreadable. */
  importPassport(text: string): Promise<ImportOutcome>
  /** Deletes every draft, snapshot, result, hint and setting. */
  resetAll(): Promise<void>
}

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`

function summarise(report: MergeReport, changed: readonly string[], unknown: readonly string[]): string {
  const parts = [
    report.taken.length === 0
      ? 'No file was newer in the passport.'
      : `${plural(report.taken.length, 'file')} taken from the passport.`,
  ]
  const kept = report.conflicts.filter((conflict) => conflict.kept === 'this browser').length
  if (report.conflicts.length > 0) {
    parts.push(
      `${plural(report.conflicts.length, 'file')} differed: the newer text is the draft (${kept} from this browser), the other is in the file's history.`,
    )
  }
  if (report.snapshotsOverLimit > 0) {
    parts.push(
      `${plural(report.snapshotsOverLimit, 'oldest snapshot')} past the history limit were not kept.`,
    )
  }
  if (report.regrade.length > 0) {
    parts.push(
      `Results are not imported: ${plural(report.regrade.length, 'exercise')} will be graded again here.`,
    )
  }
  if (changed.length > 0)
    parts.push(`The tests of ${changed.join(', ')} changed since the passport was made.`)
  if (unknown.length > 0) parts.push(`Kept but not shown (not in this version): ${unknown.join(', ')}.`)
  return parts.join(' ')
}

/** Export, import and reset over `deps`. */
export function createPassportActions(deps: PassportDeps): PassportActions {
  return {
    async exportPassport() {
      await deps.flush()
      const [dump, suites] = await Promise.all([deps.store.exportAll(), deps.fingerprints()])
      return { name: passportFileName(), text: writePassport(dump, suites) }
    },

    async importPassport(text) {
      const read = readPassport(text)
      if (!read.ok) return read
      await deps.flush()
      const local = await deps.store.exportAll()
      const { dump, report } = mergeProgress(local, read.dump)
      await deps.store.replaceAll(dump)
      const known = new Set(deps.exerciseIds)
      const changed = changedSuites(read.passport, await deps.fingerprints())
      const unknown = [...new Set(read.dump.drafts.map((draft) => draft.exerciseId))].filter(
        (id) => !known.has(id),
      )
      await deps.reload()
      const regrade = report.regrade.filter((id) => known.has(id))
      return {
        ok: true,
        report: { ...report, regrade },
        changedSuites: changed,
        unknown,
        summary: summarise({ ...report, regrade }, changed, unknown),
        graded: deps.regrade(regrade),
      }
    },

    async resetAll() {
      await deps.flush()
      await deps.store.replaceAll(emptyDump)
      await deps.reload()
    },
  }
}
