import { type Exercise, loadCatalogue } from '../../src/content/catalogue'

// Browser tests' view of the content: every exercise, plus the files a learner who solved everything has.
const raw = import.meta.glob<string>(['/exercises/*/*', '/solutions/*/*.ts'], {
  query: '?raw',
  import: 'default',
  eager: true,
})
const sources = Object.fromEntries(Object.entries(raw).map(([path, text]) => [path.slice(1), text]))

/** Every valid exercise, as the app's catalogue loads it. */
export const { exercises } = loadCatalogue(sources)

/** One exercise by id; throws for an unknown one. */
export function exerciseById(id: string): Exercise {
  const found = exercises.find((candidate) => candidate.id === id)
  if (!found) throw new Error(`no exercise ${id}`)
  return found
}

/**
 * The exercise's files as a learner who solved everything has them: editable and carried files from the
 * reference solutions, provided files as shipped; `overrides` on top.
 */
export function solvedFiles(id: string, overrides: Record<string, string> = {}): Record<string, string> {
  const files = exerciseById(id).files.map((file) => {
    const from = file.role === 'editable' ? id : file.role === 'carried' ? file.from : undefined
    return [file.path, from ? (sources[`solutions/${from}/${file.path}`] ?? '') : file.initial] as const
  })
  return { ...Object.fromEntries(files), ...overrides }
}
