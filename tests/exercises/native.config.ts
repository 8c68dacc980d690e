import { readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Target } from '../../scripts/lib/targets.ts'
import { childConfig } from './child-configs.ts'

// every laid-out hidden suite natively: the targets in index.json (all exercises, or the ones asked for)
const root = fileURLToPath(new URL('../..', import.meta.url))
const targets: Target[] = JSON.parse(readFileSync(join(root, '.authlab/targets/index.json'), 'utf8'))
const include = targets.flatMap((target) =>
  target.suite.map((name) => relative(root, join(target.dir, name))),
)

export default childConfig('native', include)
