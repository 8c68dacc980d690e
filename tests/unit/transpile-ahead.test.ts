// The hidden suite is transpiled while a grader worker waits for its run (src/sandbox/transpile.ts): the run
// gets that result only for the very source it was made from.
import { describe, expect, it } from 'vitest'
import { transpile, transpileAhead } from '../../src/sandbox/transpile'

describe('transpiling ahead of a run', () => {
  it('hands over the result made ahead for the same file and source', () => {
    const source = 'export const answer: number = 42\n'
    transpileAhead({ 'Ahead.test.ts': source })
    const first = transpile('Ahead.test.ts', source)
    expect(first).toBe(transpile('Ahead.test.ts', source))
    expect(first.ok && first.code).toBe('export const answer = 42\n')
  })

  it('transpiles again when the run brings another source under that name', () => {
    transpileAhead({ 'Changed.test.ts': 'export const a: number = 1\n' })
    const result = transpile('Changed.test.ts', 'export const b: string = "two"\n')
    expect(result.ok && result.code).toBe('export const b = "two"\n')
  })

  it('keeps a syntax error made ahead as the same error', () => {
    transpileAhead({ 'Broken.test.ts': 'export const = 1\n' })
    const result = transpile('Broken.test.ts', 'export const = 1\n')
    expect(result.ok).toBe(false)
    expect(!result.ok && result.error).toMatchObject({ kind: 'syntax', file: 'Broken.test.ts', line: 1 })
  })
})
