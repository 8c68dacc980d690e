// npm run docs:manifest: regenerates exercises/manifest.schema.json and the field table in exercises/README.md
// from the zod manifest schema's .describe() texts. tests/unit/manifest-docs.test.ts fails when they drift.
import { writeManifestDocs } from './lib/manifest-docs'

const changed = writeManifestDocs(process.cwd())
console.log(changed.length > 0 ? `Updated ${changed.join(', ')}` : 'Manifest docs are up to date.')
