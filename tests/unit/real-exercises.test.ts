import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { inspectContent, minimumDecoys } from '../../scripts/lib/exercise-content'
import { describeProblem } from '../../src/content/catalogue'

const root = join(import.meta.dirname, '../..')
const content = inspectContent(root)
const { catalogue } = content
const folders = readdirSync(join(root, 'exercises'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)

describe('the exercises in this repository', () => {
  it('all have a valid manifest and every file they name', () => {
    expect(catalogue.problems.map(describeProblem)).toEqual([])
    expect(catalogue.exercises.map((exercise) => exercise.id).sort()).toEqual([...folders].sort())
  })

  it('start with the lesson steps in DESIGN.md order', () => {
    expect(catalogue.exercises.map((exercise) => exercise.id).slice(0, 3)).toEqual([
      'password-manager',
      'simple-jwt',
      'auth-service',
    ])
  })

  describe.each(catalogue.exercises.map((exercise) => [exercise.id, exercise] as const))(
    '%s',
    (id, exercise) => {
      const editable = exercise.files.filter((file) => file.role === 'editable')

      it('has a reference solution for every editable file', () => {
        for (const file of editable)
          expect(existsSync(join(root, 'solutions', id, file.path)), file.path).toBe(true)
      })

      it(`has at least ${minimumDecoys} decoys, each a patch that applies to the reference`, () => {
        expect(content.decoyProblems.get(id) ?? []).toEqual([])
        expect(content.decoys.get(id)?.length ?? 0).toBeGreaterThanOrEqual(minimumDecoys)
      })

      it('has progressive hints and a lesson', async () => {
        expect(exercise.manifest.hints.length).toBeGreaterThanOrEqual(2)
        expect((await exercise.lesson()).length).toBeGreaterThan(500)
      })
    },
  )
})
