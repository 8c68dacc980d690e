// npm run grade -- <id> <dir | decoy.patch> [--json]: grades the files in <dir> (or a decoy: the reference with its
// patch applied) with the exercise's hidden suite through the app's grader worker in headless Chromium, and
// type-checks them as the app's editor does. Exit 0 when the app would say passed (every test passed, none
// skipped, no type error in the editable files), 1 when not, 2 on bad input.
import { resolve } from 'node:path'
import { typeErrorsIn } from '../src/content/verdict'
import { outcomeVerdict, runProblems } from '../src/grader/run-verdict'
import { createBrowserGrader } from './lib/browser-grader'
import { findChromium } from './lib/chromium'
import { inspectContent } from './lib/exercise-content'
import { gradeInput } from './lib/grade-input'
import { gradeJson, gradeText } from './lib/grade-report'

const usage = 'Usage: npm run grade -- <exercise-id> <folder | solutions/<id>/decoys/<name>.patch> [--json]'

/** Bad input: one line on stderr, exit 2. */
function fail(message: string): never {
  console.error(message)
  process.exit(2)
}

const args = process.argv.slice(2)
const json = args.includes('--json')
const unknownFlag = args.find((arg) => arg.startsWith('-') && arg !== '--json')
const [id, dir, extra] = args.filter((arg) => !arg.startsWith('-'))
if (unknownFlag) fail(`Unknown option ${unknownFlag}. ${usage}`)
if (!id || !dir || extra) fail(usage)

const root = process.cwd()
const content = inspectContent(root)
const exercise = content.catalogue.exercises.find((candidate) => candidate.id === id)
if (!exercise) {
  if (content.ids.includes(id)) fail(`Exercise "${id}" is invalid: ${content.problems.get(id)?.[0]}`)
  fail(`Unknown exercise "${id}"; there are: ${content.catalogue.exercises.map((e) => e.id).join(', ')}`)
}

let prepared: Awaited<ReturnType<typeof gradeInput>>
try {
  prepared = await gradeInput(exercise, resolve(dir))
} catch (error) {
  fail((error as Error).message)
}
for (const note of prepared.notes) console.error(`note: ${note}`)

const chromiumPath = findChromium()
if (!chromiumPath)
  fail('No Chromium found. Install Chromium or Chrome, or set CHROMIUM_PATH to its executable.')

let grader: Awaited<ReturnType<typeof createBrowserGrader>>
try {
  grader = await createBrowserGrader(root, chromiumPath)
} catch (error) {
  fail((error as Error).message.split('\n')[0] ?? 'Could not start the grader.')
}
try {
  const outcome = await grader.grade(prepared.input, { budgetMs: exercise.manifest.timeBudgetMs })
  // loaded only now: the typescript package takes a while to load, and bad input never needs it
  const { checkLearnerTypes } = await import('./lib/learner-types')
  const editable = exercise.files.filter((file) => file.role === 'editable').map((file) => file.path)
  const typeErrors = typeErrorsIn(checkLearnerTypes(root, exercise.id, prepared.input.files), editable)
  const verdict = outcomeVerdict(outcome, typeErrors)
  if (json) {
    console.log(JSON.stringify(gradeJson(exercise.id, outcome, verdict)))
    for (const problem of runProblems(outcome)) console.error(problem)
  } else console.log(gradeText(exercise.id, outcome, verdict))
  process.exitCode = verdict.passed ? 0 : 1
} finally {
  await grader.close()
}
