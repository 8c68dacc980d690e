// The app's Content-Security-Policy forbids eval, and zod probes for it (a reported violation) unless told not
// to before its first object schema is built: src/content/zod.ts does, so every schema must take z from there.
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { expect, it } from 'vitest'

const src = join(import.meta.dirname, '../../src')

it('builds every zod schema of the app with the z of src/content/zod.ts', () => {
  const files = readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts'))
  const direct = files.filter(
    (file) =>
      file !== join('content', 'zod.ts') &&
      /^import (?!type )[^\n]*from ['"]zod(\/[^'"]*)?['"]/m.test(readFileSync(join(src, file), 'utf8')),
  )
  expect(direct.map((file) => relative(src, join(src, file)))).toEqual([])
  expect(readFileSync(join(src, 'content/zod.ts'), 'utf8')).toContain('z.config({ jitless: true })')
})
