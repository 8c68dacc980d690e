/**
 * The open exercise: opening it (its files, drafts, carried files, last result), running its hidden suite with a
 * type-check beside it, judging both by the one verdict rule, saving the result, and resetting to the starters.
 * Every collaborator is handed in, so the controller is tested with fakes and `main.ts` only wires.
 */
import type { Exercise, SuiteSources } from '../content/catalogue'
import { type ExerciseVerdict, typeErrorsIn } from '../content/verdict'
import type { TypeProblem, WorkspaceFile } from '../editor/workspace'
import type { RunInput, RunLimits, RunOutcome } from '../grader/client'
import { partialResult } from '../grader/cross-check-result'
import { outcomeVerdict, runProblems } from '../grader/run-verdict'
import type { AppStore, Drafts, ExerciseProgress, RunSummary } from '../storage'
import { type CarriedStanding, carriedStandings } from './carried-status'
import { type LessonFile, lessonFiles } from './lesson-files'
import { connectOtherTabs, type LessonSync, type TabSaver, type TabViews } from './other-tabs'

/** The editor as the controller uses it (src/editor/workspace.ts implements it). */
export interface LessonWorkspace {
  open(exerciseId: string, files: readonly WorkspaceFile[]): void
  readonly activePath: string | undefined
  /** Current text of every open file, by path. */
  contents(): Record<string, string>
  /** Replaces one file's text as an undoable edit. */
  replace(path: string, content: string): void
  /** Shows another tab's text in one file, not as this tab's edit. */
  follow(path: string, content: string): void
  /** Fresh diagnostics of every open file. */
  typeCheck(): Promise<TypeProblem[]>
  /** The diagnostics the editor last showed; the fallback when `typeCheck` fails. */
  typeProblems(): TypeProblem[]
}

/** The storage the controller uses (src/storage implements it). */
export type LessonStore = Pick<
  AppStore,
  | 'getDrafts'
  | 'deleteDrafts'
  | 'restoreDrafts'
  | 'saveResult'
  | 'getResult'
  | 'progress'
  | 'markRunning'
  | 'clearRunning'
  | 'getHintsRevealed'
  | 'setHintsRevealed'
  | 'saveDraft'
>

/** Pending edits, written to storage with a debounce (src/storage's DraftSaver). */
export interface LessonSaver extends TabSaver {
  update(exerciseId: string, path: string, content: string): void
  /** Resolves once every pending edit is written. */
  flush(): Promise<void>
}

/** The grader client (src/grader/client.ts). */
export interface LessonGrader {
  run(input: RunInput, options: RunLimits): Promise<RunOutcome>
  /** The suite the next runs will most likely grade (the open exercise's), prepared before the click. */
  foresee(suite: RunInput['suite']): void
}

/** Where a learner goes after passing an exercise. */
export interface WayOn {
  /** The exercise just passed. */
  readonly exercise: Exercise
  /** The exercise after it in course order; none after the last. */
  readonly next: Exercise | undefined
  /** This run passed the exercise for the first time. */
  readonly firstPass: boolean
  /** The exercise is the last of its chapter: the next one starts another chapter, or there is none. */
  readonly chapterEnd: boolean
  /** Every exercise's progress, this pass included. */
  readonly progress: Readonly<Record<string, ExerciseProgress>>
}

/** What the learner sees; `main.ts` maps each to the ui modules. */
export interface LessonViews extends TabViews {
  /** A newly opened exercise: title, lesson, the link to the next exercise. */
  showExercise(exercise: Exercise, next: Exercise | undefined): void
  /** The exercise's hints, `revealed` of them shown; `onReveal` is told each new count. */
  showHints(exercise: Exercise, revealed: number, onReveal: (count: number) => void): void
  /** The exercise's files as tabs, with a note for each carried file that is not the learner's own. */
  showFiles(files: readonly LessonFile[], activePath: string | undefined): void
  /** How each carried file stands against its own exercise (after `showFiles`; none: an empty list). */
  showCarried(standings: readonly CarriedStanding[]): void
  /** Each exercise's progress, the open one marked. */
  showProgress(currentId: string | undefined, progress: Readonly<Record<string, ExerciseProgress>>): void
  /** Nothing run in this page yet: the saved result, if any. */
  showIdle(saved: RunSummary | undefined): void
  showRunning(): void
  /** A run's results; `wayOn` is given when it passed the exercise. */
  showOutcome(outcome: RunOutcome, verdict: ExerciseVerdict, wayOn?: WayOn): void
  /** A run of the visible examples started (not graded). */
  showExamplesRunning(): void
  /** How the examples ran against the learner's files; judged like a graded run, but nothing is saved. */
  showExamplesOutcome(outcome: RunOutcome, verdict: ExerciseVerdict): void
  /** The Run button's state. */
  setRunning(running: boolean): void
  /** Asks before a reset; resolves true to go ahead. */
  confirmReset(exercise: Exercise): Promise<boolean>
  /** Says the reset happened and offers to undo it. */
  offerUndo(undo: () => Promise<void>): void
  /** A storage problem the learner should know about. */
  warn(error: unknown): void
}

export interface LessonDeps {
  /** Every exercise, in course order. */
  readonly exercises: readonly Exercise[]
  readonly store: LessonStore
  readonly saver: LessonSaver
  readonly grader: LessonGrader
  /** Resolves once the editor has loaded. */
  readonly workspace: Promise<LessonWorkspace>
  readonly views: LessonViews
  /** The channel to other tabs of this browser (src/storage's DraftSync); without it, no tab follows another. */
  readonly sync?: LessonSync
  /** The clock for saved results, in ms since the epoch. */
  readonly now?: () => number
}

export interface LessonController {
  /** The exercise open now, if any. */
  readonly current: Exercise | undefined
  /** Opens an exercise; resolves once its files are in the editor (or another exercise was opened meanwhile). */
  open(exercise: Exercise): Promise<void>
  /** Grades the open files; does nothing while a run is under way. Resolves with the verdict shown. */
  run(): Promise<ExerciseVerdict | undefined>
  /**
   * Runs the open exercise's visible examples against the open files, as a run of the hidden suite would run
   * them, but saves nothing: no result, no progress. Does nothing while a run is under way or without examples.
   */
  runExamples(): Promise<ExerciseVerdict | undefined>
  /** After confirmation, puts the starters back into the editable files; undoable. */
  reset(): Promise<void>
  /** The learner edited a file of the open exercise. */
  edited(path: string, content: string): void
  /** Reads progress again and shows it. */
  refreshProgress(): Promise<Readonly<Record<string, ExerciseProgress>>>
}

/** A run whose hidden suite could not be fetched (offline before the app had it cached): no test ran. */
function suiteNotFetched(error: unknown): RunOutcome {
  const detail = error instanceof Error ? error.message : String(error)
  return {
    status: 'crashed',
    message: `This exercise's tests could not be downloaded (${detail}). Check your connection, then press Run again.`,
    result: partialResult([], 0),
  }
}

/** Creates the controller; nothing is opened until `open`. */
export function createLessonController(deps: LessonDeps): LessonController {
  const { exercises, store, saver, grader, views } = deps
  const now = deps.now ?? Date.now
  let current: Exercise | undefined
  let workspace: LessonWorkspace | undefined
  let running = false
  // the exercise whose files the editor shows, and the open under way: a run pressed before its files are in
  // the editor (a Ctrl+Enter right after the page loads) waits for them instead of grading an empty editor
  let inEditor: Exercise | undefined
  let opening: Promise<void> = Promise.resolve()
  let waitingToRun = false
  let progress: Readonly<Record<string, ExerciseProgress>> = {}
  void deps.workspace.then((ready) => {
    workspace = ready
  })
  const otherTabs = deps.sync
    ? connectOtherTabs({ sync: deps.sync, saver, store, views, warn: (error) => views.warn(error) })
    : undefined

  const refreshProgress = async () => {
    try {
      progress = await store.progress(exercises.map((exercise) => exercise.id))
    } catch (error) {
      views.warn(error)
    }
    views.showProgress(current?.id, progress)
    return progress
  }

  const wayOn = (exercise: Exercise): WayOn => {
    const next = exercises[exercises.indexOf(exercise) + 1]
    return {
      exercise,
      next,
      firstPass: progress[exercise.id] !== 'passed',
      chapterEnd: next?.manifest.chapter.number !== exercise.manifest.chapter.number,
      progress: { ...progress, [exercise.id]: 'passed' },
    }
  }

  const textsOf = async (exerciseId: string) => {
    const drafts: Drafts = await store.getDrafts(exerciseId).catch((error: unknown) => {
      views.warn(error)
      return {}
    })
    return Object.fromEntries(Object.entries(drafts).map(([path, draft]) => [path, draft.content]))
  }

  function open(exercise: Exercise): Promise<void> {
    const done = openFiles(exercise)
    opening = done.catch(() => undefined)
    return done
  }

  /** Waits until `exercise`'s files are in the editor; false if another exercise was opened meanwhile. */
  async function filesShown(exercise: Exercise): Promise<boolean> {
    if (inEditor === exercise) return true
    if (waitingToRun) return false
    waitingToRun = true
    try {
      await opening
    } finally {
      waitingToRun = false
    }
    return current === exercise && inEditor === exercise
  }

  async function openFiles(exercise: Exercise) {
    current = exercise
    inEditor = undefined
    // fetched now, while the learner reads: the grader transpiles it ahead and Run finds it here
    exercise.suite().then(
      (suite) => {
        if (current === exercise) grader.foresee(suite)
      },
      () => undefined, // a run fetches it again and says why if it still cannot
    )
    otherTabs?.showing(exercise)
    views.showExercise(exercise, exercises[exercises.indexOf(exercise) + 1])
    const revealed = await store.getHintsRevealed(exercise.id).catch(() => 0)
    if (current !== exercise) return
    views.showHints(exercise, revealed, (count) => {
      void store.setHintsRevealed(exercise.id, count).catch(() => undefined)
    })
    const saved = await store.getResult(exercise.id).catch(() => undefined)
    if (current !== exercise) return
    views.showIdle(saved)
    // edits still waiting for the debounce may be the very files this exercise carries over
    await saver.flush()
    const known = await refreshProgress()
    const files = await lessonFiles(exercise, {
      drafts: textsOf,
      passed: (id) => known[id] === 'passed',
      exercises,
    })
    if (current !== exercise) return
    views.showFiles(files, files.find((file) => file.role === 'editable')?.path)
    const standings = await carriedStandings(files, {
      result: (id) => store.getResult(id),
      drafts: (id) => store.getDrafts(id),
    })
    if (current !== exercise) return
    views.showCarried(standings)
    const editor = await deps.workspace
    if (current !== exercise) return
    editor.open(exercise.id, files)
    inEditor = exercise
    otherTabs?.opened(exercise, files, editor)
  }

  /** Runs `suite` against the open files (the exercise's own, not its examples) and judges the outcome. */
  async function runSuite(
    exercise: Exercise,
    editor: LessonWorkspace,
    suite: () => Promise<SuiteSources>,
  ): Promise<{ outcome: RunOutcome; verdict: ExerciseVerdict }> {
    running = true
    views.setRunning(true)
    const contents = editor.contents()
    const files = Object.fromEntries(
      exercise.files.flatMap((file) => {
        const text = contents[file.path]
        return text === undefined ? [] : [[file.path, text] as const]
      }),
    )
    // neither write waits in front of the run: the journal already holds the text, and IndexedDB keeps the
    // mark and its clearing in order because both go through the same connection
    void saver.flush()
    void store.markRunning(exercise.id).catch(() => undefined)
    performance.mark('authlab:run-start')
    const typesChecked = editor
      .typeCheck()
      .catch(() => editor.typeProblems())
      .finally(() => performance.mark('authlab:types-checked'))
    let outcome: RunOutcome
    try {
      outcome = await suite().then(
        (tests) =>
          grader.run(
            { files, suite: tests, allowedImports: exercise.manifest.allowedImports },
            { budgetMs: exercise.manifest.timeBudgetMs },
          ),
        suiteNotFetched,
      )
      performance.mark('authlab:graded', { detail: outcome.result.durationMs })
    } finally {
      void store.clearRunning().catch(() => undefined)
      running = false
      views.setRunning(false)
    }
    const editable = exercise.files.filter((file) => file.role === 'editable').map((file) => file.path)
    return { outcome, verdict: outcomeVerdict(outcome, typeErrorsIn(await typesChecked, editable)) }
  }

  async function runExamples(): Promise<ExerciseVerdict | undefined> {
    const exercise = current
    if (!exercise || running || Object.keys(exercise.examples).length === 0) return undefined
    if (!(await filesShown(exercise)) || !workspace || running) return undefined
    views.showExamplesRunning()
    const { outcome, verdict } = await runSuite(exercise, workspace, async () => exercise.examples)
    if (current === exercise) views.showExamplesOutcome(outcome, verdict)
    return verdict
  }

  async function run(): Promise<ExerciseVerdict | undefined> {
    const exercise = current
    if (!exercise || running) return undefined
    if (!(await filesShown(exercise)) || !workspace || running) return undefined
    views.showRunning()
    const { outcome, verdict } = await runSuite(exercise, workspace, exercise.suite)
    if (current !== exercise) return verdict
    views.showOutcome(outcome, verdict, verdict.passed ? wayOn(exercise) : undefined)
    await store
      .saveResult(exercise.id, {
        passed: verdict.counts.passed,
        total: verdict.counts.total,
        failed: verdict.counts.failed,
        at: now(),
        tests: outcome.result.tests.map((test) => ({
          name: test.name,
          state: test.state,
          ...(test.error ? { message: test.error.message } : {}),
        })),
        problems: runProblems(outcome),
        typeErrors: verdict.typeErrors,
      })
      .catch((error: unknown) => views.warn(error))
    await refreshProgress()
    return verdict
  }

  async function reset() {
    const exercise = current
    const editor = workspace
    if (!exercise || !editor) return
    if (!(await views.confirmReset(exercise))) return
    await saver.flush()
    const deleted = await store.deleteDrafts(exercise.id)
    for (const file of exercise.files) if (file.role === 'editable') editor.replace(file.path, file.initial)
    await saver.flush()
    views.offerUndo(async () => {
      await store.restoreDrafts(exercise.id, deleted)
      if (current !== exercise) return
      for (const [path, draft] of Object.entries(deleted)) editor.replace(path, draft.content)
    })
  }

  return {
    get current() {
      return current
    },
    open,
    run,
    runExamples,
    reset,
    edited(path, content) {
      if (current) saver.update(current.id, path, content)
    },
    refreshProgress,
  }
}
