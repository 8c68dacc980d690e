// The AppStore contract shared by the IndexedDB store and the in-memory fallback, plus the rules both follow.
import { decideVerdict, type ExerciseVerdict, type TypeErrorAt } from '../content/verdict'

/** The saved text of one file of an exercise. */
export interface Draft {
  readonly content: string
  /** When it was saved, in ms since the epoch (the store's clock). */
  readonly updatedAt: number
}

/** What a save found: the draft another tab had saved and this save replaced (it is in history). */
export interface SaveDraftResult {
  readonly overwritten?: Draft
}

/** The drafts of one exercise, keyed by file path (`SimpleJWT.ts`). */
export type Drafts = Record<string, Draft>

/** One entry in a file's history. */
export interface HistorySnapshot {
  readonly content: string
  /** When the snapshot was taken, in ms since the epoch. */
  readonly at: number
}

/** How one test of a run ended. */
export type TestState = 'pass' | 'fail' | 'skip'

/** One test of a run as the results view lists it. */
export interface TestSummary {
  /** Full test name, e.g. `SimpleJWT > decode > rejects alg none`. */
  readonly name: string
  readonly state: TestState
  /** The failure message, for failed tests (`undefined` as from a parsed passport means none). */
  readonly message?: string | undefined
}

/** The last run of an exercise's hidden suite, as plain data. */
export interface RunSummary {
  /** Number of tests that passed. */
  readonly passed: number
  /** Number of tests in the suite. */
  readonly total: number
  /** Number of tests that failed. */
  readonly failed: number
  /** When the run finished, in ms since the epoch. */
  readonly at: number
  readonly tests: readonly TestSummary[]
  /**
   * Why the run as a whole did not count (stopped, a file did not load), one line each. Absent in results saved
   * before it existed, whose `failed` counted such a run as one more failure.
   */
  readonly problems?: readonly string[] | undefined
  /** Type errors in the editable files when it ran; absent (none known) in results saved before types counted. */
  readonly typeErrors?: readonly TypeErrorAt[] | undefined
}

/** Where a learner stands on one exercise. */
export type ExerciseProgress = 'not-started' | 'in-progress' | 'passed'

/** Left behind by `markRunning`; found on load, it means the last run froze the tab. */
export interface RunningMark {
  readonly exerciseId: string
  /** When the run started, in ms since the epoch. */
  readonly at: number
}

/** Learner preferences. */
export interface Settings {
  /** Colour theme; `system` follows the operating system. */
  theme: 'light' | 'dark' | 'system'
  /** Turns on the editor's screen reader support and announces results. */
  screenReaderMode: boolean
  /** The learner dismissed the first visit's "how this works" for good. */
  introDismissed: boolean
  /** Editor font size in CSS pixels, 10 to 32. */
  fontSize: number
  /** Soft-wraps long lines in the editor at every width (narrow editors wrap anyway). */
  wordWrap: boolean
  /** The exercise list is folded away on wide screens, leaving room for the code. */
  sidebarHidden: boolean
  /** The lesson is folded away on wide screens. */
  lessonHidden: boolean
  /** The lesson column's width in CSS pixels, 240 to 1200; 0 lets the page choose. */
  lessonWidth: number
}

/** One saved file, with its exercise: a row of the progress dump. */
export interface StoredDraft extends Draft {
  readonly exerciseId: string
  /** File name, e.g. `SimpleJWT.ts`. */
  readonly path: string
}

/** One history snapshot, with its file: a row of the progress dump. */
export interface StoredSnapshot extends HistorySnapshot {
  readonly exerciseId: string
  readonly path: string
}

/** Everything a learner has stored (not the running mark): what a progress passport carries. */
export interface ProgressDump {
  readonly drafts: readonly StoredDraft[]
  /** Every file's snapshots, oldest first. */
  readonly history: readonly StoredSnapshot[]
  /** Last result per exercise id. */
  readonly results: Readonly<Record<string, RunSummary>>
  /** Hints revealed per exercise id. */
  readonly hints: Readonly<Record<string, number>>
  /** Only the settings the learner set; the rest take their defaults. */
  readonly settings: Partial<Settings>
}

/** A dump with nothing in it: what "Reset all progress" leaves. */
export const emptyDump: ProgressDump = Object.freeze({
  drafts: [],
  history: [],
  results: {},
  hints: {},
  settings: {},
})

/** The value of every setting that was never set. */
export const defaultSettings: Readonly<Settings> = Object.freeze({
  theme: 'system',
  screenReaderMode: false,
  introDismissed: false,
  fontSize: 14,
  wordWrap: false,
  sidebarHidden: false,
  lessonHidden: false,
  lessonWidth: 0,
})

/** At most this many snapshots are kept per file; the oldest go first. */
export const HISTORY_LIMIT = 50

/** A new snapshot is taken only when this long has passed since the file's last one. */
export const HISTORY_SPACING_MS = 30_000

/**
 * Everything AuthLab keeps for a learner. Methods reject with the platform's own `DOMException`s
 * (`QuotaExceededError`, `InvalidStateError` after the connection closed, ...); see `describeStorageError`.
 */
export interface AppStore {
  /** False for the in-memory fallback: everything is gone when the tab closes. */
  readonly persistent: boolean
  /** The saved files of an exercise, keyed by path; `{}` if none. */
  getDrafts(exerciseId: string): Promise<Drafts>
  /**
   * Saves a file. Also adds a history snapshot when the file has none yet, or when the content differs
   * from its last snapshot and `HISTORY_SPACING_MS` have passed since it; keeps the newest `HISTORY_LIMIT`.
   * With `base`, the text this tab last read or saved: when the stored draft is neither `base` nor `content`,
   * another tab changed it meanwhile, so it is first kept as a history snapshot and returned as `overwritten`.
   */
  saveDraft(exerciseId: string, path: string, content: string, base?: string): Promise<SaveDraftResult>
  /** A file's snapshots, newest first. */
  history(exerciseId: string, path: string): Promise<HistorySnapshot[]>
  /** Deletes an exercise's drafts ("reset to starter") and returns them so the reset can be undone. History stays. */
  deleteDrafts(exerciseId: string): Promise<Drafts>
  /** Puts back drafts returned by `deleteDrafts`, replacing any saved since. */
  restoreDrafts(exerciseId: string, deleted: Drafts): Promise<void>
  /** Keeps `summary` as the exercise's last result (only the `RunSummary` fields are stored). */
  saveResult(exerciseId: string, summary: RunSummary): Promise<void>
  /** The exercise's last result, if it was ever run. */
  getResult(exerciseId: string): Promise<RunSummary | undefined>
  /** How many hints the learner has revealed; 0 if none. */
  getHintsRevealed(exerciseId: string): Promise<number>
  /** Records how many hints are revealed. Throws a `RangeError` unless `count` is a whole number >= 0. */
  setHintsRevealed(exerciseId: string, count: number): Promise<void>
  /** One setting, or its default when unset or unreadable. */
  getSetting<K extends keyof Settings>(key: K): Promise<Settings[K]>
  /** Saves one setting. Throws a `RangeError` for a value the setting does not allow. */
  setSetting<K extends keyof Settings>(key: K, value: Settings[K]): Promise<void>
  /** Every setting, defaults filled in. */
  getSettings(): Promise<Settings>
  /**
   * Progress of every exercise with a draft or a result: `passed` when the last result passed every test,
   * else `in-progress`. Ids in `exerciseIds` without either are `not-started`.
   */
  progress(exerciseIds?: readonly string[]): Promise<Record<string, ExerciseProgress>>
  /** Call before running learner code; resolves once the mark is written. */
  markRunning(exerciseId: string): Promise<void>
  /** Call after the run ended, whatever its outcome. */
  clearRunning(): Promise<void>
  /** The mark of a run that never ended, if any. */
  getRunningMark(): Promise<RunningMark | undefined>
  /** Everything stored, for an export. */
  exportAll(): Promise<ProgressDump>
  /**
   * Replaces drafts, history, results, hints and settings with `dump` in one transaction (all or nothing):
   * an import writes its merged dump, a reset writes `emptyDump`. The running mark is kept.
   */
  replaceAll(dump: ProgressDump): Promise<void>
  /** Closes the store; later calls reject. */
  close(): void
}

/** The stored draft a save of `content` over `base` would replace although this tab never saw it. */
export function unseenDraft(stored: Draft | undefined, content: string, base: string | undefined) {
  if (base === undefined || !stored || stored.content === base || stored.content === content) return undefined
  return stored
}

/** Whether a save of `content` at `now` should add a snapshot after `last`, the file's newest one. */
export function shouldSnapshot(last: HistorySnapshot | undefined, content: string, now: number): boolean {
  if (!last) return true
  return last.content !== content && now - last.at >= HISTORY_SPACING_MS
}

/** The verdict on a saved run, by the one rule (content/verdict.ts). */
export function summaryVerdict(summary: RunSummary): ExerciseVerdict {
  const failedTests = summary.tests.filter((test) => test.state === 'fail').length
  // older results counted a run that did not finish as one more failure
  const legacyProblems = Math.max(0, summary.failed - failedTests)
  return decideVerdict({
    tests: summary.tests,
    runProblems: summary.problems ?? Array.from({ length: legacyProblems }, () => 'the run did not finish'),
    typeErrors: summary.typeErrors ?? [],
  })
}

/** Whether a saved run passed the exercise. */
export const isPassing = (summary: RunSummary): boolean => summaryVerdict(summary).passed

/** Copies only the `RunSummary` fields, so extra data from the grader (diffs, console) is not stored. */
export function toRunSummary(summary: RunSummary): RunSummary {
  return {
    passed: summary.passed,
    total: summary.total,
    failed: summary.failed,
    at: summary.at,
    tests: summary.tests.map(({ name, state, message }) =>
      message === undefined ? { name, state } : { name, state, message },
    ),
    ...(summary.problems ? { problems: [...summary.problems] } : {}),
    ...(summary.typeErrors
      ? {
          typeErrors: summary.typeErrors.map(({ path, line, column, message }) => ({
            path,
            line,
            column,
            message,
          })),
        }
      : {}),
  }
}

/** Progress from the ids of exercises with drafts and the last result of each exercise. */
export function deriveProgress(
  draftExerciseIds: Iterable<string>,
  results: Iterable<readonly [string, RunSummary]>,
  exerciseIds: readonly string[] = [],
): Record<string, ExerciseProgress> {
  const progress: Record<string, ExerciseProgress> = {}
  for (const id of exerciseIds) progress[id] = 'not-started'
  for (const id of draftExerciseIds) progress[id] = 'in-progress'
  for (const [id, summary] of results) progress[id] = isPassing(summary) ? 'passed' : 'in-progress'
  return progress
}

/** Throws a `RangeError` unless `count` can be a number of revealed hints. */
export function checkHintCount(count: number): void {
  if (!Number.isInteger(count) || count < 0) {
    throw new RangeError(`hints revealed must be a whole number >= 0, got ${String(count)}`)
  }
}

/** Whether `value` is allowed for setting `key`; stored values that fail this read as the default. */
export function isValidSetting<K extends keyof Settings>(key: K, value: unknown): value is Settings[K] {
  switch (key) {
    case 'theme':
      return value === 'light' || value === 'dark' || value === 'system'
    case 'fontSize':
      return typeof value === 'number' && Number.isInteger(value) && value >= 10 && value <= 32
    case 'lessonWidth':
      return (
        typeof value === 'number' &&
        Number.isInteger(value) &&
        (value === 0 || (value >= 240 && value <= 1200))
      )
    default:
      return typeof value === typeof defaultSettings[key]
  }
}

/** Throws a `RangeError` naming the setting unless `value` is allowed for it. */
export function checkSetting<K extends keyof Settings>(key: K, value: Settings[K]): void {
  if (!isValidSetting(key, value)) throw new RangeError(`setting "${key}" cannot be ${JSON.stringify(value)}`)
}

/** Settings from stored key/value pairs; unknown keys are ignored, unset or invalid ones take the default. */
export function settingsFrom(entries: Iterable<readonly [unknown, unknown]>): Settings {
  const settings: Settings = { ...defaultSettings }
  const target = settings as unknown as Record<string, unknown>
  for (const [key, value] of entries) {
    if (
      typeof key === 'string' &&
      Object.hasOwn(defaultSettings, key) &&
      isValidSetting(key as keyof Settings, value)
    ) {
      target[key] = value
    }
  }
  return settings
}

/** Whether a stored value is a running mark (anything else reads as no mark). */
export function isRunningMark(value: unknown): value is RunningMark {
  if (typeof value !== 'object' || value === null) return false
  const mark = value as Record<string, unknown>
  return typeof mark.exerciseId === 'string' && typeof mark.at === 'number'
}
