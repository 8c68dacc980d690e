import { DecodedMap, getOriginalPosition } from '@vitest/utils/source-map'
import type { RawSourceMap } from './transpile'

/** What a blob URL of this run stands for. */
export interface ModuleInfo {
  readonly fileName: string
  /** Learner files are shown with their lines; hidden files (the grader's suites) never are. */
  readonly learner: boolean
  readonly map?: RawSourceMap
}

/** One stack frame in a learner file, 1-based line and column in the TypeScript the learner wrote. */
export interface LearnerFrame {
  readonly fileName: string
  readonly line: number
  readonly column: number
  readonly method?: string
}

/** Maps this run's blob URLs back to file names and TypeScript positions. */
export interface ModuleLocator {
  /** Learner frames of a V8 stack, innermost first; frames in hidden files, the sandbox and libraries are dropped. */
  learnerFrames(stack: string | undefined): LearnerFrame[]
  /** Replaces blob URLs in free text (messages) with file names, hiding positions in hidden files. */
  scrub(text: string): string
}

const frameLine = /^\s*at (?:(.*?) \()?(blob:[^\s()]+?):(\d+):(\d+)\)?\s*$/
const blobUrl = /blob:[^\s()'"`]+?(?::(\d+):(\d+))?(?=[\s)'"`]|$)/g

/** A locator for the modules of one run. */
export function createLocator(modules: ReadonlyMap<string, ModuleInfo>): ModuleLocator {
  const decoded = new Map<string, DecodedMap>()
  const original = (url: string, info: ModuleInfo, line: number, column: number) => {
    if (!info.map) return { line, column }
    let map = decoded.get(url)
    if (!map) {
      map = new DecodedMap(info.map, info.fileName)
      decoded.set(url, map)
    }
    // V8 columns are 1-based, source map columns 0-based
    const position = getOriginalPosition(map, { line, column: Math.max(column - 1, 0) })
    return position ? { line: position.line, column: position.column + 1 } : { line, column }
  }

  return {
    learnerFrames(stack) {
      if (!stack) return []
      const frames: LearnerFrame[] = []
      for (const text of stack.split('\n')) {
        const match = frameLine.exec(text)
        if (!match) continue
        const [, method, url = '', line = '0', column = '0'] = match
        const info = modules.get(url)
        if (!info?.learner) continue
        const position = original(url, info, Number(line), Number(column))
        frames.push({
          fileName: info.fileName,
          ...position,
          ...(method ? { method: method.replace(/^async /, '') } : {}),
        })
      }
      return frames
    },
    scrub(text) {
      return text.replace(blobUrl, (whole, line?: string, column?: string) => {
        const url = line ? whole.slice(0, whole.length - `:${line}:${column}`.length) : whole
        const info = modules.get(url)
        if (!info) return '(sandbox module)'
        if (!info.learner) return `(hidden file ${info.fileName})`
        if (!line || !column) return info.fileName
        const position = original(url, info, Number(line), Number(column))
        return `${info.fileName}:${position.line}:${position.column}`
      })
    },
  }
}

/** `at fn (File.ts:3:5)` lines, or undefined when there are no learner frames. */
export function formatFrames(frames: readonly LearnerFrame[]): string | undefined {
  if (!frames.length) return undefined
  return frames
    .map((frame) => {
      const where = `${frame.fileName}:${frame.line}:${frame.column}`
      return `    at ${frame.method ? `${frame.method} (${where})` : where}`
    })
    .join('\n')
}
