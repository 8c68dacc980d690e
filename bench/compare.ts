// `npm run bench:compare -- --base <commit> [--samples 7] [--exercise simple-jwt]`: the start-up figures of two
// builds side by side in one run, so a change is judged against the noise of this machine at that moment:
// the app at <commit> (checked out in a git worktree) and the working tree, each built and served by
// `vite preview`, loaded alternately (A B, then B A) in fresh browser contexts. Prints the medians and the ratio
// after/before (a build without a service worker, from before the offline cache, gets no cached-reload figures);
// `npm run bench` stays the full report with the goals.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, rmSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { chromium } from 'playwright'
import { chromiumArgs, ensureChromium } from '../scripts/lib/chromium'
import { readMarks, typeAsSoonAsPossible, waitForMark } from './lib/app-page'
import { openFreshContext } from './lib/exercise-session'
import { buildAndServe } from './lib/serve'
import { summarise } from './lib/stats'

const root = join(import.meta.dirname, '..')
const { values: options } = parseArgs({
  options: {
    base: { type: 'string' },
    samples: { type: 'string', default: '7' },
    exercise: { type: 'string', default: 'simple-jwt' },
  },
})
if (!options.base) throw new Error('bench:compare needs --base <commit>')
const samples = Number(options.samples)
const work = join(root, '.authlab/bench/compare')

/** A worktree of `commit` sharing this checkout's node_modules (the lock file is assumed compatible). */
function checkOut(commit: string): string {
  const dir = join(work, 'base-src')
  if (existsSync(dir)) execFileSync('git', ['worktree', 'remove', '--force', dir], { cwd: root })
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(work, { recursive: true })
  execFileSync('git', ['worktree', 'add', '--detach', dir, commit], { cwd: root, stdio: 'ignore' })
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'))
  return dir
}

interface StartUp {
  readonly lessonPaint: number
  readonly editorShown: number
  readonly typed: number
  readonly diagnostic: number
  readonly cachedReloadTyped: number
  readonly cachedReloadLesson: number
}

/** Builds from before the offline cache have no service worker, so no cached reload to measure (NaN, shown as —). */
const hasServiceWorker = (outDir: string) => existsSync(join(outDir, 'sw.js'))

async function measure(
  browser: import('playwright').Browser,
  url: string,
  withReload: boolean,
): Promise<StartUp> {
  const context = await openFreshContext(browser, url)
  try {
    const page = await context.newPage()
    await page.goto(`${url}#/${options.exercise}`)
    await typeAsSoonAsPossible(page)
    const typed = await waitForMark(page, 'typed marker', (marks) => marks.typedShownAt)
    const diagnostic = await waitForMark(page, 'error squiggle', (marks) => marks.squiggleShownAt)
    const marks = await readMarks(page)
    const figures = {
      lessonPaint: marks.lessonPaintAt ?? Number.NaN,
      editorShown: marks.editorShownAt ?? Number.NaN,
      typed,
      diagnostic,
    }
    if (!withReload) return { ...figures, cachedReloadTyped: Number.NaN, cachedReloadLesson: Number.NaN }
    await page.evaluate('navigator.serviceWorker.ready.then(() => undefined)')
    await page.reload()
    await typeAsSoonAsPossible(page)
    const cachedReloadTyped = await waitForMark(page, 'typed marker after a reload', (m) => m.typedShownAt)
    const cachedReloadLesson = await waitForMark(page, 'lesson after a reload', (m) => m.lessonPaintAt)
    return { ...figures, cachedReloadTyped, cachedReloadLesson }
  } finally {
    await context.close()
  }
}

const baseSource = checkOut(options.base)
const builds = {
  before: await buildAndServe(baseSource, join(work, 'dist-before')),
  after: await buildAndServe(root, join(work, 'dist-after')),
}
const browser = await chromium.launch({
  executablePath: ensureChromium(),
  args: chromiumArgs,
  headless: true,
})
const figures = { before: [] as StartUp[], after: [] as StartUp[] }
try {
  for (let sample = 0; sample < samples; sample++) {
    const order = sample % 2 === 0 ? (['before', 'after'] as const) : (['after', 'before'] as const)
    for (const name of order)
      figures[name].push(await measure(browser, builds[name].url, hasServiceWorker(builds[name].outDir)))
    process.stderr.write(`sample ${sample + 1} of ${samples}\n`)
  }
} finally {
  await browser.close()
  await Promise.all(Object.values(builds).map((build) => build.close()))
  execFileSync('git', ['worktree', 'remove', '--force', baseSource], { cwd: root })
}

const rows: (keyof StartUp)[] = [
  'lessonPaint',
  'editorShown',
  'typed',
  'diagnostic',
  'cachedReloadTyped',
  'cachedReloadLesson',
]
const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root }).toString().trim()
process.stdout.write(
  `${options.exercise}, ${samples} fresh contexts each, alternating; before = ${options.base}, after = working tree at ${commit}\n`,
)
process.stdout.write('| figure (ms, median) | before | after | after / before |\n|---|---|---|---|\n')
const shown = (value: number, digits: number) => (Number.isNaN(value) ? '—' : value.toFixed(digits))
for (const row of rows) {
  const before = summarise(figures.before.map((sample) => sample[row])).median
  const after = summarise(figures.after.map((sample) => sample[row])).median
  process.stdout.write(
    `| ${row} | ${shown(before, 0)} | ${shown(after, 0)} | ${shown(after / before, 2)} |\n`,
  )
}
