// npm run exercise:check [-- <id>...]: every check of every exercise (or the ones named), one table, exit 1 on any
// failure and 2 on bad input (an unknown id, no browser).

import { renderCheckTable } from './lib/check-table'
import { ensureChromium } from './lib/chromium'
import { checkExercises } from './lib/exercise-check'

const started = performance.now()
try {
  ensureChromium()
  const ids = process.argv.slice(2).filter((arg) => !arg.startsWith('-'))
  const report = await checkExercises(process.cwd(), { only: ids, log: (line) => console.error(line) })
  console.log(renderCheckTable(report.rows))
  for (const problem of report.reports.problems) console.log(`✗ ${problem}`)
  const { native, grader } = report.reports.durations
  const total = ((performance.now() - started) / 1000).toFixed(0)
  console.error(
    `Native files ${(native / 1000).toFixed(0)} s beside the grader's ${(grader / 1000).toFixed(0)} s, ${total} s in all.`,
  )
  console.log(report.passed ? 'All checks passed.' : 'Some checks failed.')
  process.exitCode = report.passed ? 0 : 1
} catch (error) {
  console.error((error as Error).message)
  process.exitCode = 2
}
