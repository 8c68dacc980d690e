// The real exercises through the grader engine: every reference solution passes its hidden suite, and the
// starter files (what a learner begins with) do not.
import { afterAll, beforeAll, expect, test } from 'vitest'
import { type EngineFrame, loadEngineInFrame } from '../fixtures/engine-frame'
import { exercises, solvedFiles } from '../support/reference-files'

let frame: EngineFrame
beforeAll(async () => {
  frame = await loadEngineInFrame()
})
afterAll(() => frame.dispose())

test.each(exercises.map((exercise) => [exercise.id, exercise] as const))(
  '%s: the reference solution passes and the starter does not',
  async (_, exercise) => {
    const files = solvedFiles(exercise.id)
    const result = await frame.grade({
      files,
      suite: await exercise.suite(),
      allowedImports: exercise.manifest.allowedImports,
    })
    expect(result.errors).toEqual([])
    expect(result.tests.filter((t) => t.state !== 'pass').map((t) => [t.name, t.error?.message])).toEqual([])
    expect(result.totals.total).toBeGreaterThan(5)

    const starter = Object.fromEntries(exercise.files.map((file) => [file.path, file.initial]))
    const started = await frame.grade({
      files: { ...files, ...starter },
      suite: await exercise.suite(),
      allowedImports: exercise.manifest.allowedImports,
    })
    expect(started.totals.failed + started.errors.length).toBeGreaterThan(0)
  },
  60_000,
)
