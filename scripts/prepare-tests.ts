// Runs before `vitest run` and `tsc`: lays out the exercise targets the hidden suites run against and, unless
// --no-browser, makes sure a browser exists. Exercise ids as arguments (or AUTHLAB_EXERCISES=a,b) lay out only
// those, so the hidden-suite checks that follow run only theirs.
import { ensureChromium } from './lib/chromium'
import { materializeTargets } from './lib/targets'

try {
  const args = process.argv.slice(2)
  const ids = args.filter((arg) => !arg.startsWith('--'))
  const fromEnv = (process.env.AUTHLAB_EXERCISES ?? '').split(',').filter(Boolean)
  const chromium = args.includes('--no-browser') ? undefined : ensureChromium()
  const targets = materializeTargets(process.cwd(), { only: ids.length > 0 ? ids : fromEnv })
  const exercises = new Set(targets.map((target) => target.exerciseId)).size
  console.error(
    `${chromium ? `Chromium: ${chromium}. ` : ''}Targets: ${targets.length} across ${exercises} exercises.`,
  )
} catch (error) {
  console.error((error as Error).message)
  process.exit(1)
}
