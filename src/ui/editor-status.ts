import { h } from './dom'

export interface EditorStatus {
  /** Says what Tab does now: indent, or move focus out of the editor (Ctrl+M switches). */
  setTabMovesFocus(on: boolean): void
}

/** The line under the editor that says what Tab does and how to change it. */
export function mountEditorStatus(root: HTMLElement): EditorStatus {
  const keys = () => [
    h('kbd', {}, 'Ctrl'),
    '+',
    h('kbd', {}, 'M'),
    ' (',
    h('kbd', {}, 'Ctrl'),
    '+',
    h('kbd', {}, 'Shift'),
    '+',
    h('kbd', {}, 'M'),
    ' on a Mac)',
  ]
  return {
    setTabMovesFocus(on) {
      root.replaceChildren(
        h(
          'span',
          {},
          ...(on
            ? ['Tab moves focus out of the editor. ', ...keys(), ' makes Tab indent again.']
            : ['Tab indents. ', ...keys(), ' makes Tab move focus out of the editor.']),
        ),
      )
      root.classList.toggle('tab-moves-focus', on)
    },
  }
}
