import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { checkLearnerTypes } from '../../scripts/lib/learner-types'

// The Node side of "types count": npm run grade and exercise:check type-check learner files as the editor does.
const root = join(import.meta.dirname, '../..')
const check = (source: string) => checkLearnerTypes(root, 'simple-jwt', { 'SimpleJWT.ts': source })

describe('checkLearnerTypes', () => {
  it("uses the editor's TypeScript: the same major.minor as the one inside Monaco", () => {
    const services = readFileSync(
      join(root, 'node_modules/monaco-editor/esm/vs/languages/features/typescript/lib/typescriptServices.js'),
      'utf8',
    )
    expect(services.match(/versionMajorMinor = "([\d.]+)"/)?.[1]).toBe(ts.versionMajorMinor)
  })

  it('accepts natural code: a string | Uint8Array secret handed to importKey without a cast, idb imported', () => {
    const natural = `import { openDB } from 'idb'
export async function keyFor(secret: string | Uint8Array) {
  const bytes = typeof secret === 'string' ? new TextEncoder().encode(secret) : secret
  const signed = await crypto.subtle.sign('HMAC', await crypto.subtle.importKey('raw', bytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']), bytes)
  return { signed, db: openDB }
}
`
    expect(check(natural)).toEqual([])
  })

  it('finds the errors the editor shows, at 1-based positions, and nothing from Node or undeclared packages', () => {
    const wrong = `export const count: number = 'text'
export const env = process.env.SECRET
import { z } from 'zod'
export const schema = z
`
    expect(check(wrong).map(({ line, column, severity }) => ({ line, column, severity }))).toEqual([
      { line: 1, column: 14, severity: 'error' },
      { line: 2, column: 20, severity: 'error' },
      { line: 3, column: 19, severity: 'error' },
    ])
  })

  it("checks against a Web Worker's globals, where learner code runs: no document, no window", () => {
    const inWorker = `export const store = indexedDB.open('users')
export const subtle = crypto.subtle
export const scope: WorkerGlobalScope = self
export const title = document.title
export const width = window.innerWidth
`
    expect(check(inWorker).map(({ line, message }) => ({ line, message }))).toEqual([
      { line: 4, message: expect.stringContaining("Cannot find name 'document'") },
      { line: 5, message: expect.stringContaining("Cannot find name 'window'") },
    ])
  })

  it("resolves ./Name imports between the exercise's files, and names a missing one", () => {
    const files = {
      'A.ts': "import { b } from './B'\nexport const a: string = b\n",
      'B.ts': 'export const b = 1\n',
      'C.ts': "import { gone } from './Gone'\nexport const c = gone\n",
    }
    expect(
      checkLearnerTypes(root, 'x', files).map(({ path, line, message }) => ({ path, line, message })),
    ).toEqual([
      { path: 'A.ts', line: 2, message: "Type 'number' is not assignable to type 'string'." },
      {
        path: 'C.ts',
        line: 1,
        message: "Cannot find module './Gone' or its corresponding type declarations.",
      },
    ])
  })
})
