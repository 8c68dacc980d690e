// The hidden suite is transpiled and lexed while a grader worker waits for its run (src/sandbox/compile.ts): the
// run takes the lexer's result over only for the very code it was made from, and gets the same import graph.
import { parse } from 'es-module-lexer/js'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { compileAhead, compileProgram } from '../../src/sandbox/compile'
import { prepareLexer } from '../../src/sandbox/link'

vi.mock('es-module-lexer/js', async (importOriginal) => {
  const lexer = await importOriginal<typeof import('es-module-lexer/js')>()
  return { ...lexer, parse: vi.fn(lexer.parse) }
})

beforeAll(() => prepareLexer())

const suite = {
  'Ahead.test.ts':
    "import { it } from 'vitest'\nimport { a } from './A'\nit('a', () => a satisfies number)\n",
}
const learner = { 'A.ts': 'export const a: number = 1\n' }
const lexedCode = () => vi.mocked(parse).mock.calls.map(([code]) => code)

/**
 * compileAhead lexes in a reaction to the lexer being ready; awaiting that readiness after it, and one more
 * turn, sees it done.
 */
const lookAhead = async (files: Record<string, string>) => {
  compileAhead(files)
  await prepareLexer()
  await Promise.resolve()
}

describe('compiling ahead of a run', () => {
  it('lexes the suite once, ahead; the run lexes only the files it brings that were not', async () => {
    await lookAhead(suite)
    expect(lexedCode()).toHaveLength(1)
    vi.mocked(parse).mockClear()
    const ahead = await compileProgram({ learner, hidden: suite, allowedImports: [] }, ['vitest'])
    expect(lexedCode()).toEqual([expect.stringContaining('export const a = 1')])

    const fresh = await compileProgram(
      { learner, hidden: { 'Fresh.test.ts': suite['Ahead.test.ts'] }, allowedImports: [] },
      ['vitest'],
    )
    if (!ahead.ok || !fresh.ok) throw new Error('the program did not compile')
    expect(ahead.graph.imports.get('Ahead.test.ts')).toEqual(fresh.graph.imports.get('Fresh.test.ts'))
  })

  it('lexes again when the run brings another source under that name', async () => {
    await lookAhead({ 'Changed.test.ts': "import { it } from 'vitest'\nit('x', () => {})\n" })
    vi.mocked(parse).mockClear()
    const changed = "import { it } from 'vitest'\nimport { a } from './A'\nit('y', () => a)\n"
    const compiled = await compileProgram(
      { learner, hidden: { 'Changed.test.ts': changed }, allowedImports: [] },
      ['vitest'],
    )
    expect(lexedCode()).toContain(changed)
    if (!compiled.ok) throw new Error('the program did not compile')
    expect(compiled.graph.imports.get('Changed.test.ts')?.map((entry) => entry.target)).toEqual([
      { kind: 'package', name: 'vitest' },
      { kind: 'local', file: 'A.ts' },
    ])
  })

  it('leaves a suite that does not compile for the run to report', async () => {
    const broken = { 'Broken.test.ts': 'export const = 1\n' }
    expect(() => compileAhead(broken)).not.toThrow()
    await lookAhead(broken)
    const compiled = await compileProgram({ learner, hidden: broken, allowedImports: [] }, ['vitest'])
    expect(compiled.ok).toBe(false)
  })
})
