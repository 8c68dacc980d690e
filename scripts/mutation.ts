// npm run mutation [-- <id>...] [-- --node]: Stryker mutates each reference solution and runs the hidden suite
// against every mutant, in Chromium through Vitest's browser mode as CI runs the suites (or, with --node, under
// Node with its Web Crypto and fake-indexeddb: faster). Prints the score per exercise and every
// surviving mutant; exit 1 when one is under 90%.
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { inspectContent, selectExercises } from './lib/exercise-content'
import {
  describeSurvivor,
  type MutationScore,
  renderMutationTable,
  type StrykerReport,
  summariseMutationReport,
} from './lib/mutation-report'
import { mutationReportFile, prepareMutationWorkspace } from './lib/mutation-workspace'

const target = 90
const root = process.cwd()

function stryker(dir: string): Promise<number> {
  const bin = join(root, 'node_modules/@stryker-mutator/core/bin/stryker.js')
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, 'run', 'stryker.config.json'], { cwd: dir, stdio: 'inherit' })
    child.on('close', (code) => resolve(code ?? 1))
  })
}

const args = process.argv.slice(2)
const environment = args.includes('--node') ? 'node' : 'browser'
let ids: string[]
const content = inspectContent(root)
try {
  ids = selectExercises(
    content,
    args.filter((arg) => !arg.startsWith('-')),
  )
} catch (error) {
  console.error((error as Error).message)
  process.exit(2)
}

const started = performance.now()
const scores: MutationScore[] = []
for (const id of ids) {
  const exercise = content.valid.get(id)
  if (!exercise) {
    console.error(`${id}: skipped, the exercise is invalid (${content.problems.get(id)?.[0]})`)
    process.exitCode = 1
    continue
  }
  const editable = exercise.files.filter((file) => file.role === 'editable').map((file) => file.path)
  console.error(
    `${id}: mutating ${editable.join(', ')} (suite in ${environment === 'node' ? 'Node' : 'Chromium'})`,
  )
  const dir = prepareMutationWorkspace(root, exercise, environment)
  const runStarted = performance.now()
  const code = await stryker(dir)
  if (code !== 0) {
    console.error(`${id}: Stryker exited with ${code}`)
    process.exitCode = 1
    continue
  }
  const report = JSON.parse(readFileSync(join(dir, mutationReportFile), 'utf8')) as StrykerReport
  scores.push(summariseMutationReport(id, report, performance.now() - runStarted))
}

console.log(renderMutationTable(scores, target))
for (const score of scores) {
  if (score.survivors.length === 0) continue
  console.log(
    `\n${score.exerciseId}: ${score.survivors.length} surviving mutants (see exercises/${score.exerciseId}/NOTES.md)`,
  )
  for (const survivor of score.survivors) console.log(`  ${describeSurvivor(survivor)}`)
}
console.log(`\nMutation testing took ${((performance.now() - started) / 1000).toFixed(0)} s.`)
if (scores.some((score) => score.score < target)) process.exitCode = 1
