// `npm run bench`: builds the app, serves it on 127.0.0.1, drives headless Chromium with Playwright, and prints
// how fast a learner gets feedback next to the goals (README, "Benchmark"). Writes bench/results/latest.json.
import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { dirname, join, relative } from 'node:path'
import { parseArgs } from 'node:util'
import { chromium } from 'playwright'
import { chromiumArgs, ensureChromium } from '../scripts/lib/chromium'
import { readContentSources } from '../scripts/lib/content-sources'
import { loadCatalogue } from '../src/content/catalogue'
import { measureBundle } from './lib/bundle'
import { measureSession, type SessionSample } from './lib/exercise-session'
import { checkForLeaks } from './lib/leak-check'
import { layOutSolution, timeNativeRun } from './lib/native'
import { type BenchResults, checkGoals, type ExerciseFigures, exerciseFigures } from './lib/results'
import { buildAndServe } from './lib/serve'
import { formatTables } from './lib/table'

const root = join(import.meta.dirname, '..')
const { values: options } = parseArgs({
  options: {
    contexts: { type: 'string', default: '5' },
    warm: { type: 'string', default: '5' },
    'leak-runs': { type: 'string', default: '50' },
    'leak-exercise': { type: 'string', default: 'auth-service' },
    only: { type: 'string' },
    out: { type: 'string', default: join(root, 'bench/results/latest.json') },
  },
})
const contexts = Number(options.contexts)
const warmRuns = Number(options.warm)
const leakRuns = Number(options['leak-runs'])
const log = (line: string) => process.stderr.write(`${line}\n`)

const catalogue = loadCatalogue(readContentSources(root))
if (catalogue.problems.length > 0)
  throw new Error(`bench: invalid content: ${JSON.stringify(catalogue.problems)}`)
const only = options.only?.split(',')
const exercises = catalogue.exercises.filter((exercise) => !only || only.includes(exercise.id))
const leakExercise = catalogue.exercises.find((exercise) => exercise.id === options['leak-exercise'])
if (!leakExercise) throw new Error(`bench: unknown --leak-exercise ${options['leak-exercise']}`)

const executablePath = ensureChromium(log)
const loadBefore = loadavg()
log('Building the app and serving it with vite preview…')
const app = await buildAndServe(root)
const browser = await chromium.launch({ executablePath, args: chromiumArgs, headless: true })
try {
  const suites = new Map(exercises.map((exercise) => [exercise.id, layOutSolution(root, exercise)]))
  log('Native warm-up run (fills Vite’s dependency cache; not timed)…')
  await timeNativeRun(root, [...suites.values()].flat())

  const sessions: SessionSample[] = []
  const native = new Map<string, number[]>(exercises.map((exercise) => [exercise.id, []]))
  const network: string[] = []
  // in-app and native alternate, so both see the same machine load
  for (let round = 1; round <= contexts; round++) {
    for (const exercise of exercises) {
      const recordNetwork = round === 1 && exercise === exercises[0]
      const onRequest = (url: string) => {
        if (url.startsWith(app.url)) network.push(new URL(url).pathname.slice(1) || 'index.html')
      }
      const session = await measureSession(browser, app.url, root, exercise, catalogue.exercises, {
        warmRuns,
        ...(recordNetwork ? { onRequest } : {}),
      })
      sessions.push(session)
      const nativeMs = await timeNativeRun(root, suites.get(exercise.id) ?? [])
      native.get(exercise.id)?.push(nativeMs)
      log(
        `round ${round}/${contexts} ${exercise.id}: lesson ${Math.round(session.lessonPaintMs)} ms, typing ${Math.round(session.typingMs)} ms, cold ${Math.round(session.cold.wallMs)} ms, native ${Math.round(nativeMs)} ms`,
      )
    }
  }

  log(`Leak check: ${leakRuns} runs of ${leakExercise.id}…`)
  const leak = await checkForLeaks(browser, app.url, root, leakExercise, catalogue.exercises, leakRuns)
  const bundle = measureBundle(app.outDir, network)

  const figures: Record<string, ExerciseFigures> = {}
  for (const exercise of exercises) {
    figures[exercise.id] = exerciseFigures(
      sessions.filter((session) => session.exerciseId === exercise.id),
      native.get(exercise.id) ?? [],
    )
  }
  const results: BenchResults = {
    meta: {
      date: new Date().toISOString(),
      commit: git('rev-parse', 'HEAD'),
      uncommittedChanges: git('status', '--porcelain', '--untracked-files=no').length > 0,
      node: process.version,
      chromium: browser.version(),
      cpus: cpus().length,
      loadAverageBefore: loadBefore,
      loadAverageAfter: loadavg(),
      contexts,
      warmRunsPerContext: warmRuns,
      method: {
        times: 'performance.now() in the page, ms since navigation start; a fresh browser context per sample',
        lessonPaint:
          'Element Timing: a MutationObserver tags #lesson-body’s new children with elementtiming before their first paint; the first renderTime',
        shown:
          'typing, diagnostics and results: a MutationObserver sees the DOM change, then the first task after the next animation frame',
        typing: `as soon as Monaco shows a line, click, Ctrl+End, Enter, type "Ω"; until it is shown`,
        diagnostics: 'the typed "Ω" is an unknown name: until an error squiggle is shown',
        grade:
          'Ctrl+Enter keydown (capture listener) to the results summary shown; reference solution pasted, drafts of carried files seeded the same way, 500 ms quiet before each run',
        testsOwnTime: 'sum of the per-test times in the results list (whole ms each)',
        feedback:
          'a space typed at the end of the file, then Ctrl+Enter at once (no quiet time), to the results summary shown',
        cachedReload:
          'after the runs: navigator.serviceWorker.ready, page.reload(), then typing and lesson paint as on the first load',
        native: `node vitest.mjs run --config bench/native.config.ts (Chromium browser mode) over the same suite and solution, spawn to exit; one untimed warm-up run first`,
        heap: 'CDP HeapProfiler.collectGarbage, then Performance.getMetrics JSHeapUsedSize (page) + Runtime.getHeapUsage (each worker)',
        bundle:
          'zlib default level (as vite preview sends); groups from Vite’s manifest; network = one fresh session',
      },
    },
    exercises: figures,
    leak,
    bundle,
    goals: checkGoals(figures, leak, bundle),
    sessions,
  }
  mkdirSync(dirname(options.out), { recursive: true })
  writeFileSync(options.out, `${JSON.stringify(results, null, 2)}\n`)
  process.stdout.write(`${formatTables(results)}\n\nWritten to ${relative(root, options.out)}\n`)
} finally {
  await browser.close()
  await app.close()
}

function git(...args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim()
  } catch {
    return ''
  }
}
