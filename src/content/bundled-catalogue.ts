import references from 'virtual:authlab/references'
import { type Catalogue, loadCatalogue } from './catalogue'

// every file of every exercise folder as text; Vite re-runs this glob when a folder is added or changed.
// NOTES.md is for authors (mutation survivors): it never ships.
const files = import.meta.glob<string>(['/exercises/*/**', '!/exercises/*/NOTES.md'], {
  query: '?raw',
  import: 'default',
  eager: true,
})

/** The catalogue of exercises shipped with this build (in dev, live with HMR). */
export const bundledCatalogue: Catalogue = loadCatalogue({
  ...Object.fromEntries(Object.entries(files).map(([path, text]) => [path.replace(/^\//, ''), text])),
  // only the reference files carried into a later chapter (scripts/lib/reference-module.ts)
  ...references,
})
