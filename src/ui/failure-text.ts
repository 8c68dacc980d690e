// A failed test's message and diff as a learner reads them best: the author's words without a boolean diff
// that adds nothing, and each changed line paired with its counterpart, the part that differs marked.
import { changedSpan } from '../editor/changed-span'
import type { ErrorInfo } from '../sandbox/protocol'

/** One line of a diff as shown. */
export interface DiffLine {
  /** `expected` and `received` lines differ; `header` names the sides; `same` is context. */
  readonly kind: 'expected' | 'received' | 'same' | 'header'
  readonly text: string
  /** The part of `text` that differs from its counterpart line, as [start, end) offsets. */
  readonly mark?: readonly [number, number]
}

/** What the results show of one error. */
export interface ReadableError {
  readonly message: string
  readonly diff?: readonly DiffLine[]
}

// chai's own sentence after a suite author's message, when the values compared were booleans
const booleanTail =
  /^([\s\S]+?): expected (?:true|false) to (?:be|equal|deeply equal|strictly equal) (?:true|false)(?: \/\/ Object\.is equality)?$/

const sidePrefix = /^(- |\+ |Expected: |Received: |-|\+)/

function kindOf(line: string, index: number): DiffLine['kind'] {
  if (index < 2 && (line === '- Expected' || line === '+ Received')) return 'header'
  if (line.startsWith('Expected: ') || line.startsWith('-')) return 'expected'
  if (line.startsWith('Received: ') || line.startsWith('+')) return 'received'
  return 'same'
}

/** Marks what differs in each expected line and the received line paired with it (same count, same order). */
function markPairs(lines: DiffLine[]): DiffLine[] {
  const marked = [...lines]
  for (let at = 0; at < marked.length; ) {
    if (marked[at]?.kind !== 'expected') {
      at++
      continue
    }
    let expectedEnd = at
    while (marked[expectedEnd]?.kind === 'expected') expectedEnd++
    let receivedEnd = expectedEnd
    while (marked[receivedEnd]?.kind === 'received') receivedEnd++
    const count = expectedEnd - at
    if (count === receivedEnd - expectedEnd) {
      for (let index = 0; index < count; index++) {
        const expected = marked[at + index]
        const received = marked[expectedEnd + index]
        if (!expected || !received) continue
        const expectedBody = expected.text.replace(sidePrefix, '')
        const receivedBody = received.text.replace(sidePrefix, '')
        const { start, oldEnd, newEnd } = changedSpan(expectedBody, receivedBody)
        const expectedOffset = expected.text.length - expectedBody.length
        const receivedOffset = received.text.length - receivedBody.length
        if (oldEnd > start)
          marked[at + index] = { ...expected, mark: [expectedOffset + start, expectedOffset + oldEnd] }
        if (newEnd > start)
          marked[expectedEnd + index] = {
            ...received,
            mark: [receivedOffset + start, receivedOffset + newEnd],
          }
      }
    }
    at = receivedEnd
  }
  return marked
}

/**
 * The message and diff to show for `error`. When a suite author's message explains a failed boolean check
 * (`expect(resolved, 'decode must reject …').toBe(false)`), only that message is kept: chai's "expected true
 * to be false" and the `- false / + true` diff add nothing.
 */
export function readableError(error: ErrorInfo): ReadableError {
  const booleans = new Set(['true', 'false'])
  const authored = booleanTail.exec(error.message)
  if (authored?.[1] && booleans.has(error.expected ?? '') && booleans.has(error.actual ?? '')) {
    return { message: authored[1] }
  }
  if (!error.diff) return { message: error.message }
  const lines = error.diff.split('\n').map((text, index): DiffLine => ({ kind: kindOf(text, index), text }))
  return { message: error.message, diff: markPairs(lines) }
}
