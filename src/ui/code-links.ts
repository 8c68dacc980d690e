// Positions in learner files (`authRoutes.ts:19:11`) in stack frames and messages, as buttons into the editor.
import { h } from './dom'

const frame = /\b([A-Za-z][\w-]*\.ts):(\d+):(\d+)\b/g

/** Shows a position of a learner file in the editor. */
export type Reveal = (path: string, line: number, column: number) => void

/** `text` with every `File.ts:line:column` made a button that shows that place in the editor. */
export function linkified(text: string, reveal: Reveal): (Node | string)[] {
  const parts: (Node | string)[] = []
  let last = 0
  for (const match of text.matchAll(frame)) {
    const [whole, path = '', line = '1', column = '1'] = match
    parts.push(text.slice(last, match.index))
    const link = h('button', { type: 'button', class: 'link' }, whole)
    link.addEventListener('click', () => reveal(path, Number(line), Number(column)))
    parts.push(link)
    last = match.index + whole.length
  }
  parts.push(text.slice(last))
  return parts
}
