// `npx tsx bench/profile.ts [--exercise simple-jwt] [--readable]`: where the time goes. Records two Chrome traces
// (DevTools timeline + V8 sampling profiler) of the built app: (1) a fresh page load until typed text is shown,
// (2) five warm grading runs. Writes them to .authlab/bench/*.trace.json (open in DevTools' Performance panel or
// ui.perfetto.dev) and prints the main thread's long tasks and each thread's busiest functions.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { chromium } from 'playwright'
import { build, preview } from 'vite'
import { chromiumArgs, ensureChromium } from '../scripts/lib/chromium'
import { readContentSources } from '../scripts/lib/content-sources'
import { loadCatalogue } from '../src/content/catalogue'
import { readMarks, typeAsSoonAsPossible, waitForMark } from './lib/app-page'
import { gradeSolution, openFreshContext, prepareSolution } from './lib/exercise-session'
import {
  longTasks,
  navigationStart,
  type TraceEvent,
  threadProfiles,
  topFunctions,
} from './lib/trace-summary'

const root = join(import.meta.dirname, '..')
const { values: options } = parseArgs({
  options: {
    exercise: { type: 'string', default: 'simple-jwt' },
    readable: { type: 'boolean', default: false },
  },
})
const exercises = loadCatalogue(readContentSources(root)).exercises
const exercise = exercises.find((candidate) => candidate.id === options.exercise)
if (!exercise) throw new Error(`bench/profile: unknown exercise ${options.exercise}`)
const categories = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8.execute',
  'blink.user_timing',
  'loading',
  'disabled-by-default-v8.cpu_profiler',
]
const outDir = join(root, '.authlab/bench/profile-dist')
const traces = join(root, '.authlab/bench')
mkdirSync(traces, { recursive: true })

// --readable keeps function names (no minification) at the cost of slightly different timings
await build({ root, logLevel: 'warn', build: { outDir, emptyOutDir: true, minify: !options.readable } })
const server = await preview({
  root,
  logLevel: 'warn',
  build: { outDir },
  preview: { host: '127.0.0.1', port: 0 },
})
const appUrl = server.resolvedUrls?.local[0] ?? ''
const browser = await chromium.launch({
  executablePath: ensureChromium(),
  args: chromiumArgs,
  headless: true,
})
try {
  const context = await openFreshContext(browser, appUrl)
  const page = await context.newPage()
  await browser.startTracing(page, { categories })
  await page.goto(`${appUrl}#/${exercise.id}`)
  await typeAsSoonAsPossible(page)
  await waitForMark(page, 'typed marker', (marks) => marks.typedShownAt)
  const load: TraceEvent[] = JSON.parse((await browser.stopTracing()).toString()).traceEvents
  writeFileSync(join(traces, `load-${exercise.id}.trace.json`), JSON.stringify({ traceEvents: load }))
  const marks = await readMarks(page)
  const start = navigationStart(load)
  if (!start) throw new Error('bench/profile: no navigation in the trace')
  const at = (ms: number | undefined) => start.ts + (ms ?? 0) * 1000
  process.stdout.write(
    `== Page load of ${exercise.id} (ms from navigation): lesson painted ${marks.lessonPaintAt}, lesson in DOM ${marks.lessonDomAt?.toFixed(0)}, editor shown ${marks.editorShownAt?.toFixed(0)}, typed shown ${marks.typedShownAt?.toFixed(0)}\n`,
  )
  process.stdout.write(`-- main-thread tasks over 8 ms\n${longTasks(load, start.pid, start.ts)}\n`)
  const mainThread = threadProfiles(load).find(
    (profile) => profile.pid === start.pid && profile.thread === 'CrRendererMain',
  )
  if (mainThread) {
    process.stdout.write(
      `-- main thread, navigation to lesson in DOM: ${topFunctions(mainThread, start.ts, at(marks.lessonDomAt))}\n`,
    )
    process.stdout.write(
      `-- main thread, lesson in DOM to editor shown: ${topFunctions(mainThread, at(marks.lessonDomAt), at(marks.editorShownAt))}\n`,
    )
  }

  await prepareSolution(page, root, exercise, exercises)
  await gradeSolution(page, exercise)
  await gradeSolution(page, exercise)
  await browser.startTracing(page, { categories })
  const runs = []
  for (let run = 0; run < 5; run++) runs.push(await gradeSolution(page, exercise))
  const warm: TraceEvent[] = JSON.parse((await browser.stopTracing()).toString()).traceEvents
  writeFileSync(join(traces, `warm-${exercise.id}.trace.json`), JSON.stringify({ traceEvents: warm }))
  process.stdout.write(
    `\n== Five warm runs of ${exercise.id}: wall ${runs.map((run) => run.wallMs.toFixed(0)).join(', ')} ms; tests' own ${runs.map((run) => run.testsMs).join(', ')} ms\n`,
  )
  for (const profile of threadProfiles(warm).filter((candidate) => candidate.samples.length > 0)) {
    process.stdout.write(
      `-- ${profile.thread} (pid ${profile.pid}): ${topFunctions(profile, 0, Number.POSITIVE_INFINITY)}\n`,
    )
  }
  process.stdout.write(
    `\nTraces: ${join('.authlab/bench', `load-${exercise.id}.trace.json`)}, ${join('.authlab/bench', `warm-${exercise.id}.trace.json`)}\n`,
  )
  await context.close()
} finally {
  await browser.close()
  await server.close()
}
