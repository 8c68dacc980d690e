import { typeLibraryFiles } from './learner-typescript'

// Type declarations of the packages an exercise may import, so the editor knows `idb` the way tsc does.
const idbTypes = import.meta.glob<string>('/node_modules/idb/build/*.d.ts', {
  query: '?raw',
  import: 'default',
  eager: true,
})

/** Declaration files keyed by the virtual URI the TypeScript worker resolves `import ... from 'idb'` to. */
export const typeLibraries: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(typeLibraryFiles(idbTypes)).map(([path, text]) => [`file://${path}`, text]),
)
