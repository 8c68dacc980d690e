// The sandbox's compile and import analysis, which need no browser: sucrase output and import resolution.
import { beforeAll, describe, expect, test } from 'vitest'
import { analyseImports, findCycle, type LinkModule, prepareLexer } from '../../src/sandbox/link'
import { transpile } from '../../src/sandbox/transpile'

beforeAll(() => prepareLexer())

const policy = { learnerPackages: ['idb'], hiddenPackages: ['vitest', 'idb', 'zod'] }

function compile(files: Record<string, string>, role: LinkModule['role'] = 'learner'): LinkModule[] {
  return Object.entries(files).map(([fileName, source]) => {
    const result = transpile(fileName, source)
    if (!result.ok) throw new Error(result.error.message)
    return { fileName, code: result.code, role }
  })
}

describe('transpile', () => {
  test('removes types and keeps every line where it was', () => {
    const source = [
      "import type { User } from './UserStore'",
      'export interface Options { iterations?: number }',
      'export class Hasher {',
      '  constructor(private readonly options: Options = {}) {}',
      '  rounds(user: User): number {',
      '    return this.options.iterations ?? 600_000',
      '  }',
      '}',
    ].join('\n')
    const result = transpile('Hasher.ts', source)
    if (!result.ok) throw new Error(result.error.message)
    const lines = result.code.split('\n')
    expect(lines).toHaveLength(8)
    expect(lines[0]).toBe('')
    expect(lines[4]).toBe('  rounds(user) {')
    expect(lines[5]).toBe('    return this.options.iterations ?? 600_000')
    expect(result.map.sources).toEqual(['Hasher.ts'])
  })

  test('a syntax error is data with a 1-based line and column', () => {
    expect(transpile('Broken.ts', 'const a = 1\nconst b = ;\n')).toEqual({
      ok: false,
      error: { kind: 'syntax', file: 'Broken.ts', line: 2, column: 11, message: 'Unexpected token' },
    })
  })
})

describe('analyseImports', () => {
  test('./Name, ./Name.ts and ./Name.js all mean Name.ts; allowed packages are collected', () => {
    const modules = [
      ...compile({
        'A.ts':
          "import { b } from './B'\nimport { c } from './C.ts'\nimport { openDB } from 'idb'\nexport const a = [b, c, openDB]",
        'B.ts': "export const b = 1\nexport const later = () => import('./C.js')",
        'C.ts': 'export const c = 2',
      }),
      ...compile(
        {
          'A.test.ts':
            "import { it } from 'vitest'\nimport { z } from 'zod'\nimport { a } from './A'\nit('x', () => [a, z])",
        },
        'hidden',
      ),
    ]
    const graph = analyseImports(modules, policy)
    expect(graph.errors).toEqual([])
    expect([...graph.packages].sort()).toEqual(['idb', 'vitest', 'zod'])
    const targets = (file: string) => graph.imports.get(file)?.map((entry) => [entry.target, entry.dynamic])
    expect(targets('A.ts')).toEqual([
      [{ kind: 'local', file: 'B.ts' }, false],
      [{ kind: 'local', file: 'C.ts' }, false],
      [{ kind: 'package', name: 'idb' }, false],
    ])
    expect(targets('B.ts')).toEqual([[{ kind: 'local', file: 'C.ts' }, true]])
  })

  test('learner files cannot reach hidden files, vitest, packages off the list or other folders', () => {
    const modules = [
      ...compile({
        'A.ts': [
          "import { secret } from './A.test'",
          "import { expect } from 'vitest'",
          "import { z } from 'zod'",
          "import { x } from '../other/X'",
          'export const all = [secret, expect, z, x]',
        ].join('\n'),
      }),
      ...compile({ 'A.test.ts': 'export const secret = 1' }, 'hidden'),
    ]
    expect(analyseImports(modules, policy).errors).toEqual([
      {
        kind: 'import',
        file: 'A.ts',
        line: 1,
        column: 25,
        message: 'A.ts imports "./A.test", but there is no file A.test.ts here (files: A.ts)',
      },
      {
        kind: 'import',
        file: 'A.ts',
        line: 2,
        column: 25,
        message: 'A.ts imports "vitest", which is not available here (allowed: ./files, idb)',
      },
      {
        kind: 'import',
        file: 'A.ts',
        line: 3,
        column: 20,
        message: 'A.ts imports "zod", which is not available here (allowed: ./files, idb)',
      },
      {
        kind: 'import',
        file: 'A.ts',
        line: 4,
        column: 20,
        message: 'A.ts imports "../other/X", which is not available here (allowed: ./files, idb)',
      },
    ])
  })
})

describe('findCycle', () => {
  test('names the files of a cycle in import order', () => {
    const graph = analyseImports(
      compile({
        'A.ts': "import { b } from './B'\nexport const a = () => b",
        'B.ts': "import { c } from './C'\nexport const b = () => c",
        'C.ts': "import { a } from './A'\nexport const c = () => a",
      }),
      policy,
    )
    expect(findCycle(graph)).toEqual(['A.ts', 'B.ts', 'C.ts', 'A.ts'])
  })

  test('type-only imports are gone after transpiling, so they make no cycle', () => {
    const graph = analyseImports(
      compile({
        'A.ts': "import type { B } from './B'\nexport interface A { b?: B }\nexport const a = 1",
        'B.ts': "import { a } from './A'\nexport interface B { a: number }\nexport const b = a",
      }),
      policy,
    )
    expect(findCycle(graph)).toBeUndefined()
  })
})
