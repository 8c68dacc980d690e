import { h } from './dom'

/**
 * A pressed/unpressed button for the editor's screen reader support (Monaco's accessibility mode); the choice is
 * persisted by `onChange`.
 */
export function mountScreenReaderToggle(
  root: HTMLElement,
  deps: { initial: boolean; onChange: (on: boolean) => void },
): void {
  let on = deps.initial
  // the state is shown as a word, not only by the pressed look (which a focus ring resembles)
  const state = h('span', { class: 'toggle-state', 'aria-hidden': 'true' })
  const button = h('button', { type: 'button', class: 'screen-reader-toggle' }, 'Screen reader mode', state)
  const render = () => {
    button.setAttribute('aria-pressed', String(on))
    state.textContent = on ? 'On' : 'Off'
    button.title = on
      ? 'The editor is optimised for screen readers. Press to turn it off.'
      : 'Optimise the editor for screen readers'
  }
  button.addEventListener('click', () => {
    on = !on
    render()
    deps.onChange(on)
  })
  render()
  root.append(button)
}
