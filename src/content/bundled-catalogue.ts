import { course, lessons, suites, texts } from 'virtual:authlab/catalogue'
import type { Catalogue, ContentProblem, Exercise } from './catalogue'
import { loadOnce } from './load-once'
import { withTexts } from './text-refs'

/**
 * What scripts/lib/catalogue-module.ts emits: the validated catalogue, its exercises without their suites and
 * lessons (each a loader below).
 */
interface BuiltCourse {
  readonly exercises: readonly Omit<Exercise, 'suite' | 'lesson'>[]
  readonly problems: readonly ContentProblem[]
}

const built = withTexts(course, texts) as BuiltCourse

/** The catalogue of exercises shipped with this build, validated when it was built (in dev, re-read on change). */
export const bundledCatalogue: Catalogue = {
  exercises: built.exercises.map((exercise) => ({
    ...exercise,
    lesson: loadOnce(async () => {
      const load = lessons[exercise.id]
      if (!load) throw new Error(`this build has no lesson for ${exercise.id}`)
      return load()
    }),
    suite: loadOnce(async () => {
      const loaders = Object.entries(suites[exercise.id] ?? {})
      return Object.fromEntries(await Promise.all(loaders.map(async ([name, load]) => [name, await load()])))
    }),
  })),
  problems: built.problems,
}
