import { h } from './dom'
import { renderLesson } from './render-markdown'

export interface HintsDeps {
  readonly hints: readonly string[]
  /** How many hints the learner has already revealed. */
  readonly revealed: number
  /** Called with the new count after each reveal, to persist it. */
  readonly onReveal: (revealed: number) => void
}

// the last hint of several is close to a solution: say so before it is revealed
const isLast = (index: number, count: number) => count > 1 && index === count - 1

/** What the reveal button says: how many hints there are, and that the last is nearly the answer. */
export function buttonLabel(revealed: number, count: number): string {
  if (revealed === 0) return count === 1 ? 'Show the hint' : `Show a hint (${count} in all, vaguest first)`
  const next = `Show hint ${revealed + 1} of ${count}`
  return isLast(revealed, count) ? `${next}: nearly the answer` : next
}

/** Progressive hints: one more at a time, vaguest first; revealed ones stay revealed. */
export function mountHints(root: HTMLElement, deps: HintsDeps): void {
  let revealed = Math.min(deps.revealed, deps.hints.length)
  const render = () => {
    root.replaceChildren()
    if (deps.hints.length === 0) return
    root.append(h('h2', {}, 'Hints'))
    deps.hints.slice(0, revealed).forEach((hint, index) => {
      const body = h('div', { class: 'hint-body' }, ...renderLesson(hint).childNodes)
      root.append(
        h(
          'div',
          { class: 'hint' },
          h(
            'div',
            { class: 'hint-label' },
            `Hint ${index + 1} of ${deps.hints.length}`,
            isLast(index, deps.hints.length)
              ? h('span', { class: 'hint-last-note' }, ' · nearly the answer')
              : null,
          ),
          body,
        ),
      )
    })
    if (revealed < deps.hints.length) {
      const button = h(
        'button',
        { type: 'button', class: 'reveal-hint' },
        buttonLabel(revealed, deps.hints.length),
      )
      button.addEventListener('click', () => {
        revealed += 1
        deps.onReveal(revealed)
        render()
        root
          .querySelectorAll<HTMLElement>('.hint')
          .item(revealed - 1)
          ?.setAttribute('tabindex', '-1')
        root
          .querySelectorAll<HTMLElement>('.hint')
          .item(revealed - 1)
          ?.focus()
      })
      root.append(button)
    }
  }
  render()
}
