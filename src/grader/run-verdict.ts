// A grader run's outcome judged by the one verdict rule (content/verdict.ts); the app and `npm run grade` share it.
import { decideVerdict, type ExerciseVerdict, type TypeErrorAt } from '../content/verdict'
import type { RunOutcome } from './client'

/** Why a run as a whole cannot count beyond its tests (cut short, a file did not load), one line each. */
export function runProblems(outcome: RunOutcome): string[] {
  const problems = outcome.result.errors.map((error) => {
    const where = error.file
      ? `${error.file}${error.line ? `:${error.line}:${error.column ?? 1}` : ''}: `
      : ''
    return `${error.kind} error: ${where}${error.message.split('\n')[0]}`
  })
  if (outcome.status === 'timeout') {
    const running = outcome.runningTest ? ` while "${outcome.runningTest}" was running` : ''
    problems.push(`stopped after the ${outcome.budgetMs / 1000} s time budget${running}`)
  } else if (outcome.status === 'crashed') problems.push(`the grader crashed: ${outcome.message}`)
  else if (outcome.status === 'cancelled') problems.push('the run was cancelled')
  return problems
}

/** The verdict on one run, given the type errors in the learner's editable files. */
export function outcomeVerdict(outcome: RunOutcome, typeErrors: readonly TypeErrorAt[]): ExerciseVerdict {
  return decideVerdict({ tests: outcome.result.tests, runProblems: runProblems(outcome), typeErrors })
}
