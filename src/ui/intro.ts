import { h } from './dom'

/**
 * The first visit's "how this works": three lines on reading, running and hints, until the learner dismisses it
 * (for good: `onDismiss` persists that).
 */
export function mountIntro(root: HTMLElement, deps: { show: boolean; onDismiss: () => void }): void {
  if (!deps.show) {
    root.hidden = true
    return
  }
  const dismiss = h('button', { type: 'button' }, 'Got it')
  root.replaceChildren(
    h('h2', { class: 'intro-title', id: 'intro-title' }, 'How this works'),
    h(
      'ol',
      { class: 'intro-steps' },
      h(
        'li',
        {},
        'Read the lesson, then write what it asks for in the editor; its files are the tabs above it.',
      ),
      h(
        'li',
        {},
        'Press Run',
        h('span', { class: 'keyboard-tip' }, ' (Ctrl/⌘+Enter)'),
        ' to check your code against hidden tests; the results appear under the editor.',
      ),
      h(
        'li',
        {},
        'Stuck? Hints are at the end of the lesson, one at a time. Your work is saved in this browser.',
      ),
    ),
    dismiss,
  )
  root.hidden = false
  dismiss.addEventListener('click', () => {
    root.hidden = true
    root.replaceChildren()
    deps.onDismiss()
    document.getElementById('lesson')?.focus()
  })
}
