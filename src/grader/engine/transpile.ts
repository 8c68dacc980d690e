import { transform } from 'sucrase'
import type { ModuleError } from '../protocol'

/** A TypeScript file turned into JavaScript with the same line numbers. */
export interface TranspiledFile {
  readonly ok: true
  readonly fileName: string
  readonly code: string
  /** Source map (v3) from the JavaScript back to the TypeScript; lines match, columns move where types were removed. */
  readonly map: RawSourceMap
}

/** A file sucrase could not parse. */
export interface TranspileFailure {
  readonly ok: false
  readonly error: ModuleError
}

/** The parts of a v3 source map the stack mapper reads. */
export interface RawSourceMap {
  readonly version: number
  readonly mappings: string
  readonly sources: string[]
  readonly names: string[]
}

interface SucraseSyntaxError {
  message: string
  loc?: { line: number; column: number }
}

/**
 * Strips TypeScript syntax from `source` (sucrase: `typescript` transform only, ES syntax left as written),
 * so line numbers in stacks are the learner's. A syntax error becomes data naming the file, line and column.
 */
export function transpile(fileName: string, source: string): TranspiledFile | TranspileFailure {
  try {
    const result = transform(source, {
      transforms: ['typescript'],
      disableESTransforms: true,
      filePath: fileName,
      sourceMapOptions: { compiledFilename: fileName },
    })
    const map = result.sourceMap as RawSourceMap | undefined
    return {
      ok: true,
      fileName,
      code: result.code,
      map: map ?? { version: 3, mappings: '', sources: [fileName], names: [] },
    }
  } catch (thrown) {
    const error = thrown as SucraseSyntaxError
    const message = String(error.message ?? thrown)
      .replace(/^Error transforming [^:]*: /, '')
      .replace(/ \(\d+:\d+\)$/, '')
    // sucrase reports 1-based lines and columns, as editors show them
    const where = error.loc ? { line: error.loc.line, column: error.loc.column } : {}
    return { ok: false, error: { kind: 'syntax', file: fileName, ...where, message } }
  }
}
