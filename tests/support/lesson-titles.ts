import type { Exercise } from '../../src/content/catalogue'

/** Each exercise's lesson title (its `# ` heading), by exercise id: what a painted opening must show. */
export async function lessonTitles(
  exercises: readonly Exercise[],
): Promise<ReadonlyMap<string, string | undefined>> {
  const entries = await Promise.all(
    exercises.map(
      async (exercise) => [exercise.id, (await exercise.lesson()).match(/^# (.+)$/m)?.[1]] as const,
    ),
  )
  return new Map(entries)
}
