import { join } from 'node:path'
import { chromium } from 'playwright'
import { chromiumArgs, ensureChromium } from '../scripts/lib/chromium'
import { readContentSources } from '../scripts/lib/content-sources'
import { loadCatalogue } from '../src/content/catalogue'
import { buildAndServe } from '../bench/lib/serve'
import { openFreshContext, prepareSolution, gradeSolution } from '../bench/lib/exercise-session'
const root = process.env.ROOT ?? '/work/main'
const ids = (process.env.IDS ?? 'simple-jwt').split(',')
const catalogue = loadCatalogue(readContentSources(root))
const app = await buildAndServe(root)
const browser = await chromium.launch({ executablePath: ensureChromium(() => {}), args: chromiumArgs, headless: true })
for (const id of ids) {
  const exercise = catalogue.exercises.find((e) => e.id === id)!
  const context = await openFreshContext(browser, app.url)
  const page = await context.newPage()
  await page.goto(`${app.url}#/${id}`)
  await page.locator('.monaco-editor .view-lines').first().waitFor()
  await prepareSolution(page, root, exercise, catalogue.exercises)
  for (let i = 0; i < 6; i++) {
    const run = await gradeSolution(page, exercise)
    const m: any = await page.evaluate(`(() => {
      const get = (n) => performance.getEntriesByName(n).at(-1)?.startTime ?? NaN
      const marks = window.__authlabBench.runs.at(-1)
      return { pressed: marks.pressedAt, start: get('authlab:run-start'), types: get('authlab:types-checked'), graded: get('authlab:graded'), worker: performance.getEntriesByName('authlab:graded').at(-1)?.detail, shown: marks.shownAt }
    })()`)
    const r = (x: number) => Math.round(x - m.pressed)
    console.log(`${id} run ${i}: wall ${Math.round(run.wallMs)} tests ${Math.round(run.testsMs)} | start +${r(m.start)} graded +${r(m.graded)} types +${r(m.types)} worker ${m.worker} shown +${r(m.shown)}`)
  }
  await context.close()
}
await browser.close()
await app.close?.()
process.exit(0)
