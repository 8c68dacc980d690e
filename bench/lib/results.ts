import type { BundleReport } from './bundle'
import type { SessionSample } from './exercise-session'
import type { LeakCheck } from './leak-check'
import { type Summary, summarise } from './stats'

/** Figures of one exercise: each a summary over fresh contexts (warm figures: each context's median first). */
export interface ExerciseFigures {
  /** Navigation start to the lesson's first Element Timing renderTime. */
  readonly lessonPaintMs: Summary
  /** Navigation start to the editor showing the file (a lower bound for typing: the harness has not reacted yet). */
  readonly editorShownMs: Summary
  /** Navigation start to a typed character shown in the editor. */
  readonly typingMs: Summary
  /** Navigation start to the squiggle of a type error typed as soon as the editor took input. */
  readonly diagnosticsMs: Summary
  /** Ctrl+Enter to results shown, first run of the page's grader worker. */
  readonly coldGradeMs: Summary
  /** Navigation start to typed text shown, reloading a page the service worker has cached. */
  readonly cachedReloadTypingMs: Summary
  /** The same reload: navigation start to the lesson painted. */
  readonly cachedReloadLessonMs: Summary
  /** A space typed, then Ctrl+Enter at once, to results shown: what a learner feels after a change. */
  readonly feedbackMs: Summary
  /** Sum of the tests' own durations in that first run. */
  readonly coldTestsMs: Summary
  /** Ctrl+Enter to results shown, later runs. */
  readonly warmWallMs: Summary
  /** Sum of the tests' own durations as the results list shows them, later runs. */
  readonly warmTestsMs: Summary
  /** Wall minus the tests' own durations: the grader's and the page's overhead. */
  readonly warmOverheadMs: Summary
  /** `vitest run` (browser mode, Chromium) of the same suite against the same solution, process wall time. */
  readonly nativeWallMs: Summary
  /** Median native wall / median warm in-app wall. */
  readonly speedupWarm: number
  /** Median native wall / median cold in-app wall. */
  readonly speedupCold: number
}

/** The whole result file, `bench/results/latest.json`. */
export interface BenchResults {
  readonly meta: Readonly<Record<string, unknown>>
  readonly exercises: Readonly<Record<string, ExerciseFigures>>
  readonly leak: LeakCheck
  readonly bundle: BundleReport
  readonly goals: readonly GoalCheck[]
  readonly sessions: readonly SessionSample[]
}

const median = (values: readonly number[]) => summarise(values).median

/** Reduces one exercise's sessions and native timings to its figures. */
export function exerciseFigures(
  sessions: readonly SessionSample[],
  nativeMs: readonly number[],
): ExerciseFigures {
  const perContext = (pick: (run: SessionSample['cold']) => number) =>
    summarise(sessions.map((session) => median(session.warm.map(pick))))
  const warmWallMs = perContext((run) => run.wallMs)
  const coldGradeMs = summarise(sessions.map((session) => session.cold.wallMs))
  const nativeWallMs = summarise(nativeMs)
  return {
    lessonPaintMs: summarise(sessions.map((session) => session.lessonPaintMs)),
    editorShownMs: summarise(sessions.map((session) => session.editorShownMs)),
    typingMs: summarise(sessions.map((session) => session.typingMs)),
    diagnosticsMs: summarise(sessions.map((session) => session.diagnosticsMs)),
    cachedReloadTypingMs: summarise(sessions.map((session) => session.cachedReloadTypingMs)),
    cachedReloadLessonMs: summarise(sessions.map((session) => session.cachedReloadLessonMs)),
    feedbackMs: summarise(sessions.map((session) => median(session.feedback.map((run) => run.wallMs)))),
    coldGradeMs,
    coldTestsMs: summarise(sessions.map((session) => session.cold.testsMs)),
    warmWallMs,
    warmTestsMs: perContext((run) => run.testsMs),
    warmOverheadMs: perContext((run) => run.wallMs - run.testsMs),
    nativeWallMs,
    speedupWarm: Math.round((nativeWallMs.median / warmWallMs.median) * 10) / 10,
    speedupCold: Math.round((nativeWallMs.median / coldGradeMs.median) * 10) / 10,
  }
}

/** One goal from the issue, checked against a measured median. */
export interface GoalCheck {
  readonly goal: string
  readonly scope: string
  readonly value: number
  readonly limit: number
  readonly unit: string
  readonly met: boolean
}

/** The goals; `at most` unless `atLeast`. */
const goals = {
  lessonPaintMs: { label: 'lesson text painted', limit: 300, unit: 'ms' },
  typingMs: { label: 'editor accepts typing', limit: 800, unit: 'ms' },
  diagnosticsMs: { label: 'TS diagnostic shown', limit: 1500, unit: 'ms' },
  cachedReloadTypingMs: { label: 'cached reload: typing', limit: 500, unit: 'ms' },
  coldGradeMs: { label: 'first grade (cold worker)', limit: 300, unit: 'ms' },
  warmOverheadMs: { label: 'warm overhead', limit: 30, unit: 'ms' },
  speedupWarm: { label: 'in-app vs native (warm)', limit: 50, unit: 'x', atLeast: true },
  heapGrowth: { label: 'heap growth after 50 runs', limit: 10_000_000, unit: 'B' },
  workers: { label: 'workers after 50 runs vs 1', limit: 0, unit: 'workers' },
  beforeEditor: { label: 'loads before the editor', limit: 150_000, unit: 'B gz' },
} as const

/** Checks every goal of the issue against the figures. */
export function checkGoals(
  exercises: Readonly<Record<string, ExerciseFigures>>,
  leak: LeakCheck,
  bundle: BundleReport,
): GoalCheck[] {
  const check = (key: keyof typeof goals, scope: string, value: number): GoalCheck => {
    const goal = goals[key]
    const met = 'atLeast' in goal ? value >= goal.limit : value <= goal.limit
    return { goal: goal.label, scope, value, limit: goal.limit, unit: goal.unit, met }
  }
  const perExercise = Object.entries(exercises).flatMap(([id, figures]) => [
    check('lessonPaintMs', id, figures.lessonPaintMs.median),
    check('typingMs', id, figures.typingMs.median),
    check('diagnosticsMs', id, figures.diagnosticsMs.median),
    check('cachedReloadTypingMs', id, figures.cachedReloadTypingMs.median),
    check('coldGradeMs', id, figures.coldGradeMs.median),
    check('warmOverheadMs', id, figures.warmOverheadMs.median),
    check('speedupWarm', id, figures.speedupWarm),
  ])
  return [
    ...perExercise,
    check('heapGrowth', leak.exerciseId, leak.heapGrowth),
    check('workers', leak.exerciseId, leak.afterLast.workers - leak.afterFirst.workers),
    check('beforeEditor', 'bundle', bundle.beforeEditor.gzipBytes),
  ]
}
