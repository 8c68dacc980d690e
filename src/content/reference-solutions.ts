// Reference solutions, for the diff view a learner may open after passing: each file is its own lazy chunk,
// fetched only then (never part of the page a learner works in before passing).

const references = import.meta.glob<string>('/solutions/*/*.ts', { query: '?raw', import: 'default' })
const notes = import.meta.glob<string>('/solutions/*/WHY.md', { query: '?raw', import: 'default' })

/** The reference text of each named file of an exercise (files without a reference are left out). */
export async function loadReference(
  exerciseId: string,
  paths: readonly string[],
): Promise<Record<string, string>> {
  const entries = await Promise.all(
    paths.map(async (path) => {
      const load = references[`/solutions/${exerciseId}/${path}`]
      return load ? ([path, await load()] as const) : undefined
    }),
  )
  return Object.fromEntries(entries.filter((entry) => entry !== undefined))
}

/** The exercise's "why this is secure" notes (markdown), if its solution folder has a WHY.md. */
export async function loadWhyNotes(exerciseId: string): Promise<string | undefined> {
  return notes[`/solutions/${exerciseId}/WHY.md`]?.()
}
