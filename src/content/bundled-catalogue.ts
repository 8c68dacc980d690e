import references from 'virtual:authlab/references'
import { type Catalogue, loadCatalogue } from './catalogue'

// Every file of every exercise folder as text; Vite re-runs these globs when a folder is added or changed.
// NOTES.md is for authors (mutation survivors): it never ships. The hidden suites (the manifest schema keeps
// their names apart from the examples') are a chunk each, fetched when an exercise opens: only the grader needs
// them, and bundled they were more than a third of the code the lesson waited for.
const files = import.meta.glob<string>(
  ['/exercises/*/**', '!/exercises/*/NOTES.md', '!/exercises/*/*.test.ts'],
  {
    query: '?raw',
    import: 'default',
    eager: true,
  },
)
const examples = import.meta.glob<string>('/exercises/*/*.example.test.ts', {
  query: '?raw',
  import: 'default',
  eager: true,
})
const hiddenSuites = import.meta.glob<string>(['/exercises/*/*.test.ts', '!/exercises/*/*.example.test.ts'], {
  query: '?raw',
  import: 'default',
})

const repositoryPaths = <T>(byPath: Record<string, T>) =>
  Object.fromEntries(Object.entries(byPath).map(([path, value]) => [path.replace(/^\//, ''), value]))

/** The catalogue of exercises shipped with this build (in dev, live with HMR). */
export const bundledCatalogue: Catalogue = loadCatalogue(
  {
    ...repositoryPaths(files),
    ...repositoryPaths(examples),
    // only the reference files carried into a later chapter (scripts/lib/reference-module.ts)
    ...references,
  },
  repositoryPaths(hiddenSuites),
)
