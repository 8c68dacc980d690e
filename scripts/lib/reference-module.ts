import { join } from 'node:path'
import type { Plugin } from 'vite'
import { readContentSources } from './content-sources.ts'

/** The module the app imports the carried references from: `solutions/<id>/<file>` -> text. */
export const referenceModuleId = 'virtual:authlab/references'

/**
 * Serves `virtual:authlab/references`: the reference solutions of the files exercises carry from an earlier
 * chapter (src/content/catalogue.ts `referencePaths`), read at build time, and no other solution, so the
 * built app never ships the rest. Re-served when a manifest or one of those files changes.
 */
export function referenceModule(root: string): Plugin {
  const resolvedId = `\0${referenceModuleId}`
  return {
    name: 'authlab-references',
    resolveId: (id) => (id === referenceModuleId ? resolvedId : undefined),
    load(id) {
      if (id !== resolvedId) return undefined
      const sources = readContentSources(root)
      const references: Record<string, string> = {}
      for (const [path, text] of Object.entries(sources)) {
        if (path.endsWith('/exercise.json')) this.addWatchFile(join(root, path))
        if (!path.startsWith('solutions/')) continue
        this.addWatchFile(join(root, path))
        references[path] = text
      }
      return `export default ${JSON.stringify(references)}`
    },
  }
}
