import { h } from './dom'

/** One tab of the bottom panel and the element it shows. */
export interface PanelTab {
  readonly id: string
  readonly label: string
  readonly panel: HTMLElement
}

export interface PanelTabs {
  /** Shows one tab's panel (if that tab is available). */
  select(id: string): void
  /** Shows or hides a tab; hiding the selected one falls back to the first available tab. */
  setAvailable(id: string, available: boolean): void
  /** The tab shown now. */
  readonly selected: string
  /** Called after the learner or the app selects a tab. */
  onSelect(listener: (id: string) => void): void
}

/**
 * The bottom panel's tab bar (ARIA tabs with automatic activation: arrow keys, Home and End move and select)
 * and an Expand / Collapse button that gives the panel most of the code column's height, or takes it back.
 */
export function mountPanelTabs(
  root: HTMLElement,
  deps: { readonly tabs: readonly PanelTab[]; readonly label: string; readonly container: HTMLElement },
): PanelTabs {
  const list = h('div', { class: 'panel-tablist', role: 'tablist', 'aria-label': deps.label })
  const expand = h(
    'button',
    { type: 'button', class: 'panel-expand', title: 'Give this panel more room' },
    'Expand',
  )
  const listeners: ((id: string) => void)[] = []
  const buttons = new Map<string, HTMLButtonElement>()
  let selected = deps.tabs[0]?.id ?? ''

  for (const tab of deps.tabs) {
    const button = h(
      'button',
      {
        type: 'button',
        role: 'tab',
        class: 'panel-tab',
        id: `${tab.panel.id}-tab`,
        'aria-controls': tab.panel.id,
      },
      tab.label,
    )
    button.addEventListener('click', () => select(tab.id))
    buttons.set(tab.id, button)
    list.append(button)
    tab.panel.setAttribute('role', 'tabpanel')
    // a panel scrolls, and may hold nothing focusable (all tests passed): keyboard users can still scroll it
    tab.panel.tabIndex = 0
    tab.panel.setAttribute('aria-labelledby', button.id)
    tab.panel.removeAttribute('aria-label')
  }

  const available = () => deps.tabs.filter((tab) => !buttons.get(tab.id)?.hidden)

  function render() {
    for (const tab of deps.tabs) {
      const button = buttons.get(tab.id)
      const on = tab.id === selected
      button?.setAttribute('aria-selected', String(on))
      if (button) button.tabIndex = on ? 0 : -1
      tab.panel.hidden = !on
    }
  }

  function select(id: string) {
    if (buttons.get(id)?.hidden !== false) return
    const changed = id !== selected
    selected = id
    render()
    if (changed) for (const listener of listeners) listener(id)
  }

  list.addEventListener('keydown', (event) => {
    const tabs = available()
    const index = tabs.findIndex((tab) => buttons.get(tab.id) === document.activeElement)
    if (index < 0) return
    const target =
      event.key === 'ArrowRight'
        ? tabs[(index + 1) % tabs.length]
        : event.key === 'ArrowLeft'
          ? tabs[(index + tabs.length - 1) % tabs.length]
          : event.key === 'Home'
            ? tabs[0]
            : event.key === 'End'
              ? tabs[tabs.length - 1]
              : undefined
    if (!target) return
    event.preventDefault()
    select(target.id)
    buttons.get(target.id)?.focus()
  })

  // the label names what a press does next, so it is not also a pressed/unpressed toggle
  expand.addEventListener('click', () => {
    const on = !deps.container.classList.contains('panel-expanded')
    expand.textContent = on ? 'Collapse' : 'Expand'
    expand.title = on ? 'Give the editor its room back' : 'Give this panel more room'
    deps.container.classList.toggle('panel-expanded', on)
  })

  root.replaceChildren(list, expand)
  render()

  return {
    select,
    setAvailable(id, on) {
      const button = buttons.get(id)
      if (!button) return
      button.hidden = !on
      if (!on && selected === id) select(available()[0]?.id ?? '')
      else render()
    },
    get selected() {
      return selected
    },
    onSelect: (listener) => void listeners.push(listener),
  }
}
