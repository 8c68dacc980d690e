// Runs before `vitest run` and `tsc`: lays out the exercise targets the hidden suites run against and, unless
// --no-browser, makes sure a browser exists.
import { ensureChromium } from './lib/chromium'
import { materializeTargets } from './lib/targets'

try {
  const chromium = process.argv.includes('--no-browser') ? undefined : ensureChromium()
  const targets = materializeTargets(process.cwd())
  const exercises = new Set(targets.map((target) => target.exerciseId)).size
  console.error(
    `${chromium ? `Chromium: ${chromium}. ` : ''}Targets: ${targets.length} across ${exercises} exercises.`,
  )
} catch (error) {
  console.error((error as Error).message)
  process.exit(1)
}
