import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { inspectContent } from '../../scripts/lib/exercise-content'
import { ScaffoldError, scaffoldExercise } from '../../scripts/lib/scaffold'

let root: string
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'authlab-scaffold-'))
  mkdirSync(join(root, 'exercises'))
})
afterEach(() => rmSync(root, { recursive: true, force: true }))

describe('scaffoldExercise', () => {
  it('writes a valid exercise with a starter, suite, example, solution and one decoy', () => {
    const written = scaffoldExercise(root, 'rate-limiter')
    expect(written.sort()).toEqual([
      'exercises/rate-limiter/RateLimiter.example.test.ts',
      'exercises/rate-limiter/RateLimiter.test.ts',
      'exercises/rate-limiter/RateLimiter.ts',
      'exercises/rate-limiter/exercise.json',
      'exercises/rate-limiter/lesson.md',
      'solutions/rate-limiter/RateLimiter.ts',
      'solutions/rate-limiter/decoys/utf16-length.patch',
    ])
    const content = inspectContent(root)
    expect(content.problems.get('rate-limiter')).toEqual([])
    expect(content.valid.get('rate-limiter')?.manifest).toMatchObject({
      order: 1,
      files: [{ path: 'RateLimiter.ts', role: 'editable' }],
      suite: ['RateLimiter.test.ts'],
    })
    expect(content.decoyProblems.get('rate-limiter')).toEqual([])
    expect(content.decoys.get('rate-limiter')?.map((decoy) => decoy.name)).toEqual(['utf16-length'])
  })

  it('places a new exercise after the existing ones', () => {
    scaffoldExercise(root, 'first-one')
    scaffoldExercise(root, 'second-one')
    expect(inspectContent(root).valid.get('second-one')?.manifest.order).toBe(2)
  })

  it('refuses an id that is taken, in exercises/ or in solutions/', () => {
    scaffoldExercise(root, 'taken')
    expect(() => scaffoldExercise(root, 'taken')).toThrow(
      new ScaffoldError('exercises/taken already exists; pick another id'),
    )
    mkdirSync(join(root, 'solutions', 'orphan'), { recursive: true })
    expect(() => scaffoldExercise(root, 'orphan')).toThrow(/^solutions\/orphan already exists/)
  })

  it('refuses an id that is not kebab-case, in one line', () => {
    for (const id of ['RateLimiter', 'rate_limiter', '-x', '../escape', '']) {
      expect(() => scaffoldExercise(root, id)).toThrow(ScaffoldError)
      expect(() => scaffoldExercise(root, id)).toThrow(/^Bad exercise id "[^\n]*": must be kebab-case[^\n]*$/)
    }
  })
})
