import type { BenchResults, ExerciseFigures } from './results'
import type { Summary } from './stats'

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`
const cell = (summary: Summary) =>
  `${Math.round(summary.median)} (${Math.round(summary.min)}–${Math.round(summary.max)})`
const mark = (met: boolean | undefined) => (met === undefined ? '' : met ? ' ✓' : ' ✗')

function render(rows: readonly (readonly string[])[]): string {
  const widths =
    rows[0]?.map((_, column) => Math.max(...rows.map((row) => [...(row[column] ?? '')].length))) ?? []
  const line = (row: readonly string[]) =>
    `| ${row.map((text, column) => text + ' '.repeat((widths[column] ?? 0) - [...text].length)).join(' | ')} |`
  return [
    line(rows[0] ?? []),
    `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`,
    ...rows.slice(1).map(line),
  ].join('\n')
}

/** The results as Markdown tables: per exercise (median (min–max) ms, ✓/✗ against the goal), leaks, bundle. */
export function formatTables(results: BenchResults): string {
  const ids = Object.keys(results.exercises)
  const met = (goal: string, id: string) =>
    results.goals.find((check) => check.goal === goal && check.scope === id)?.met
  const row = (label: string, goalText: string, goal: string, pick: (figures: ExerciseFigures) => string) => [
    label,
    goalText,
    ...ids.map((id) => {
      const figures = results.exercises[id]
      return figures ? pick(figures) + mark(met(goal, id)) : ''
    }),
  ]
  const exerciseRows = [
    ['ms, median (min–max)', 'goal', ...ids],
    row('nav → lesson painted', '≤ 300', 'lesson text painted', (f) => cell(f.lessonPaintMs)),
    row('nav → editor shows the file', '—', '', (f) => cell(f.editorShownMs)),
    row('nav → editor accepts typing', '≤ 800', 'editor accepts typing', (f) => cell(f.typingMs)),
    row('nav → TS diagnostic shown', '≤ 1500', 'TS diagnostic shown', (f) => cell(f.diagnosticsMs)),
    row('cached reload → typing', '≤ 500', 'cached reload: typing', (f) => cell(f.cachedReloadTypingMs)),
    row('cached reload → lesson painted', '—', '', (f) => cell(f.cachedReloadLessonMs)),
    row('first grade, cold worker', '≤ 300', 'first grade (cold worker)', (f) => cell(f.coldGradeMs)),
    row('first grade: tests’ own time', '—', '', (f) => cell(f.coldTestsMs)),
    row('warm grade: wall', '—', '', (f) => cell(f.warmWallMs)),
    row('warm grade: tests’ own time', '—', '', (f) => cell(f.warmTestsMs)),
    row('warm grade: overhead', '≤ 30', 'warm overhead', (f) => cell(f.warmOverheadMs)),
    row('time to feedback: edit, Ctrl+Enter → results', '—', '', (f) => cell(f.feedbackMs)),
    row('native vitest run (wall)', '—', '', (f) => cell(f.nativeWallMs)),
    row('native ÷ in-app, warm', '≥ 50×', 'in-app vs native (warm)', (f) => `${f.speedupWarm}×`),
    row('native ÷ in-app, cold', '—', '', (f) => `${f.speedupCold}×`),
  ]
  const { leak, bundle } = results
  const heap = (snapshot: typeof leak.afterFirst) =>
    `page ${mb(snapshot.pageHeap)} + workers ${mb(snapshot.workerHeaps.reduce((sum, worker) => sum + worker.used, 0))}`
  const leakRows = [
    [`leak check (${leak.exerciseId})`, 'after 1 run', `after ${leak.runs} runs`, 'goal'],
    ['JS heap (after GC)', heap(leak.afterFirst), heap(leak.afterLast), ''],
    [
      'heap growth',
      '',
      mb(leak.heapGrowth) + mark(met('heap growth after 50 runs', leak.exerciseId)),
      '≤ 10 MB',
    ],
    [
      'workers (CDP Target)',
      String(leak.afterFirst.workers),
      String(leak.afterLast.workers) + mark(met('workers after 50 runs vs 1', leak.exerciseId)),
      'no more',
    ],
    ['DOM nodes', String(leak.afterFirst.domNodes), String(leak.afterLast.domNodes), ''],
  ]
  const bundleRows = [
    ['bundle (gzip)', 'size', 'files', 'goal'],
    [
      'loads before the editor',
      kb(bundle.beforeEditor.gzipBytes) + mark(met('loads before the editor', 'bundle')),
      String(bundle.beforeEditor.files.length),
      '≤ 150 kB',
    ],
    [
      'editor (Monaco, CSS, font, editor worker)',
      kb(bundle.editor.gzipBytes),
      String(bundle.editor.files.length),
      '',
    ],
    ['TypeScript worker', kb(bundle.tsWorker.gzipBytes), String(bundle.tsWorker.files.length), ''],
    ['grader worker', kb(bundle.graderWorker.gzipBytes), String(bundle.graderWorker.files.length), ''],
    [
      'other workers of the page',
      kb(bundle.otherWorkers.gzipBytes),
      String(bundle.otherWorkers.files.length),
      '',
    ],
    ['total (all of the above)', kb(bundle.total.gzipBytes), String(bundle.total.files.length), ''],
    [
      'loaded in one session',
      kb(bundle.loadedInSession.gzipBytes),
      String(bundle.loadedInSession.files.length),
      '',
    ],
    ['whole build (dist)', kb(bundle.distTotalGzipBytes), '', ''],
  ]
  return [render(exerciseRows), render(leakRows), render(bundleRows)].join('\n\n')
}
