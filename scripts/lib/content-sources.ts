import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { type ContentSources, referencePaths } from '../../src/content/catalogue.ts'

/** Reads the reference solutions `referencePaths` names for `exercises` (a missing one is left for the catalogue to report). */
export function readReferenceSources(root: string, exercises: ContentSources): Record<string, string> {
  const references: Record<string, string> = {}
  for (const path of referencePaths(exercises)) {
    const file = join(root, path)
    if (existsSync(file)) references[path] = readFileSync(file, 'utf8')
  }
  return references
}

/**
 * Reads every file under `<root>/exercises`, plus the reference files carried into later chapters, as the same
 * path-keyed record the app gets from Vite.
 */
export function readContentSources(root: string): ContentSources {
  const sources: Record<string, string> = {}
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name)
      if (statSync(path).isDirectory()) walk(path)
      else sources[relative(root, path).split(sep).join('/')] = readFileSync(path, 'utf8')
    }
  }
  walk(join(root, 'exercises'))
  return { ...sources, ...readReferenceSources(root, sources) }
}
