// Merging a passport into what this browser holds: newer draft wins, the other text is kept in history,
// nothing is dropped without saying so, and no imported result is trusted.
import {
  HISTORY_LIMIT,
  type ProgressDump,
  type RunSummary,
  type Settings,
  type StoredDraft,
  type StoredSnapshot,
} from '../storage'

/** One file of one exercise. */
export interface FileRef {
  readonly exerciseId: string
  readonly path: string
}

/** What a merge did, for the learner. */
export interface MergeReport {
  /** Files new in the passport or newer there: the passport's text is now the draft. */
  readonly taken: readonly FileRef[]
  /** Files both sides changed differently; the older text is kept as a history snapshot. */
  readonly conflicts: readonly (FileRef & { readonly kept: 'this browser' | 'passport' })[]
  /** Snapshots from the passport added to history. */
  readonly snapshotsAdded: number
  /** The oldest snapshots past the per-file history limit that were not kept. */
  readonly snapshotsOverLimit: number
  /** Exercises whose code came from the passport: graded again here before they count as passed. */
  readonly regrade: readonly string[]
}

/** The merged dump to store and what happened. */
export interface MergeOutcome {
  readonly dump: ProgressDump
  readonly report: MergeReport
}

const fileKey = ({ exerciseId, path }: FileRef) => JSON.stringify([exerciseId, path])
const snapshotKey = (snapshot: StoredSnapshot) => JSON.stringify([snapshot.content, snapshot.at])

/** Keeps the newest `HISTORY_LIMIT` snapshots, but never one in `keep`. */
function capHistory(snapshots: StoredSnapshot[], keep: ReadonlySet<string>): [StoredSnapshot[], number] {
  const sorted = snapshots.sort((a, b) => a.at - b.at)
  let excess = sorted.length - HISTORY_LIMIT
  const kept = sorted.filter((snapshot) => {
    if (excess <= 0 || keep.has(snapshotKey(snapshot))) return true
    excess--
    return false
  })
  return [kept, sorted.length - kept.length]
}

/** Merges `imported` (a passport's dump) into `local` (this browser's). Pure: nothing is written. */
export function mergeProgress(local: ProgressDump, imported: ProgressDump): MergeOutcome {
  const drafts = new Map<string, StoredDraft>(local.drafts.map((draft) => [fileKey(draft), draft]))
  const histories = new Map<string, StoredSnapshot[]>()
  for (const snapshot of local.history)
    histories.set(fileKey(snapshot), [...(histories.get(fileKey(snapshot)) ?? []), snapshot])
  const mustKeep = new Map<string, Set<string>>()
  const taken: FileRef[] = []
  const conflicts: (FileRef & { kept: 'this browser' | 'passport' })[] = []
  const addSnapshot = (snapshot: StoredSnapshot, protect = false) => {
    const key = fileKey(snapshot)
    const list = histories.get(key) ?? []
    const added = !list.some((other) => snapshotKey(other) === snapshotKey(snapshot))
    if (added) histories.set(key, [...list, snapshot])
    if (protect) mustKeep.set(key, (mustKeep.get(key) ?? new Set()).add(snapshotKey(snapshot)))
    return added
  }

  let snapshotsAdded = 0
  for (const snapshot of imported.history) if (addSnapshot(snapshot)) snapshotsAdded++

  for (const theirs of imported.drafts) {
    const key = fileKey(theirs)
    const ours = drafts.get(key)
    const ref = { exerciseId: theirs.exerciseId, path: theirs.path }
    if (!ours) {
      drafts.set(key, theirs)
      taken.push(ref)
      continue
    }
    if (ours.content === theirs.content) {
      drafts.set(key, { ...ours, updatedAt: Math.max(ours.updatedAt, theirs.updatedAt) })
      continue
    }
    const passportWins = theirs.updatedAt > ours.updatedAt
    const [winner, loser] = passportWins ? [theirs, ours] : [ours, theirs]
    drafts.set(key, winner)
    if (passportWins) taken.push(ref)
    conflicts.push({ ...ref, kept: passportWins ? 'passport' : 'this browser' })
    // the losing text stays reachable in history, whatever the limit
    addSnapshot({ ...ref, content: loser.content, at: loser.updatedAt }, true)
    addSnapshot({ ...ref, content: winner.content, at: winner.updatedAt }, true)
  }

  let snapshotsOverLimit = 0
  const history: StoredSnapshot[] = []
  for (const [key, list] of histories) {
    const [kept, dropped] = capHistory(list, mustKeep.get(key) ?? new Set())
    snapshotsOverLimit += dropped
    history.push(...kept)
  }
  history.sort((a, b) => a.at - b.at)

  // a result describes the code it graded: where the code now comes from the passport, the old one is void
  const regrade = [...new Set(taken.map((ref) => ref.exerciseId))]
  const results: Record<string, RunSummary> = { ...local.results }
  for (const id of regrade) delete results[id]
  // an exercise the passport says was passed, with code this browser already has, is graded here as well
  for (const id of Object.keys(imported.results))
    if (!(id in results) && !regrade.includes(id)) regrade.push(id)

  const hints: Record<string, number> = { ...local.hints }
  for (const [id, count] of Object.entries(imported.hints)) hints[id] = Math.max(hints[id] ?? 0, count)

  // settings this browser never set are taken from the passport
  const settings: Partial<Settings> = { ...imported.settings, ...local.settings }

  return {
    dump: { drafts: [...drafts.values()], history, results, hints, settings },
    report: { taken, conflicts, snapshotsAdded, snapshotsOverLimit, regrade },
  }
}
