import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import type { ContentSources } from '../../src/content/catalogue'

/** Reads every file under `<root>/exercises` as the same path-keyed record the app gets from Vite. */
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
  return sources
}
