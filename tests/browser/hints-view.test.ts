// Progressive hints: what the buttons promise, and the last hint's warning.
import { expect, test } from 'vitest'
import { buttonLabel, mountHints } from '../../src/ui/hints-view'

test('the first button says how many hints there are; the last says it is nearly the answer', () => {
  expect(buttonLabel(0, 4)).toBe('Show a hint (4 in all, vaguest first)')
  expect(buttonLabel(1, 4)).toBe('Show hint 2 of 4')
  expect(buttonLabel(3, 4)).toBe('Show hint 4 of 4: nearly the answer')
  expect(buttonLabel(0, 1)).toBe('Show the hint')
})

test('a revealed last hint is labelled as nearly the answer, and its code block sits inside the hint', () => {
  const root = document.createElement('div')
  document.body.append(root)
  mountHints(root, {
    hints: ['Think about bytes.', 'Nearly:\n\n```ts\nconst x = 1\n```'],
    revealed: 2,
    onReveal: () => {},
  })
  const labels = [...root.querySelectorAll('.hint-label')].map((label) => label.textContent)
  expect(labels).toEqual(['Hint 1 of 2', 'Hint 2 of 2 · nearly the answer'])
  expect(root.querySelector<HTMLElement>('.hint pre')?.tabIndex).toBe(0)
  root.remove()
})
