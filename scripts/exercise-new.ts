// npm run exercise:new -- <id>: scaffolds exercises/<id>/ and solutions/<id>/ (see scripts/lib/scaffold.ts).
// A bad or taken id gets one line on stderr and exit 2.
import { ScaffoldError, scaffoldExercise } from './lib/scaffold'

const [id, extra] = process.argv.slice(2)
if (!id || extra) {
  console.error('Usage: npm run exercise:new -- <exercise-id>   (kebab-case, like "rate-limiter")')
  process.exit(2)
}
try {
  const written = scaffoldExercise(process.cwd(), id)
  console.log(written.map((path) => `created ${path}`).join('\n'))
  console.log(
    [
      '',
      'Next: replace the example with your exercise (each file says what to change), add decoys until there are',
      `at least 5, then run: npm run exercise:check -- ${id}   (the guide: exercises/README.md)`,
    ].join('\n'),
  )
} catch (error) {
  if (!(error instanceof ScaffoldError)) throw error
  console.error(error.message)
  process.exit(2)
}
