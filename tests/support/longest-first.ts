import { relative } from 'node:path'
import { BaseSequencer, type TestSpecification } from 'vitest/node'

/**
 * Orders the test run's files (`npm test`, `npm run check:full`) so the longest start first: the exercise checks'
 * file (its child run takes longest) before anything else, then every other file by its duration in the last run
 * (Vitest's cache), whatever its project, so no long file is left to run alone at the end. Groups
 * (`sequence.groupOrder`) keep their order; with no cache (a fresh clone) the order is Vitest's own.
 */
export class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files)
    const { cache, config } = this.ctx
    const weight = (spec: TestSpecification) =>
      spec.moduleId.endsWith('tests/exercises/hidden-suites.test.ts')
        ? Number.POSITIVE_INFINITY
        : (cache.getFileTestResults(`${spec.project.name}:${relative(config.root, spec.moduleId)}`)
            ?.duration ?? 0)
    const group = (spec: TestSpecification) => spec.project.config.sequence.groupOrder
    return sorted.sort((a, b) => group(a) - group(b) || weight(b) - weight(a))
  }
}
