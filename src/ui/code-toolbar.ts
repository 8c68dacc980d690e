import type { WorkspaceRole } from '../editor/workspace'
import { h } from './dom'

export interface ToolbarFile {
  readonly path: string
  readonly role: WorkspaceRole
  /** `reference`: a carried file shown as its reference solution (the learner has not passed its exercise). */
  readonly source?: string
}

/** What the learner sees of saving: kept in the browser, being written, or failed (with why). */
export type SaveState = { state: 'saved' } | { state: 'saving' } | { state: 'error'; message: string }

export interface CodeToolbarDeps {
  readonly onSelect: (path: string) => void
  readonly onRun: () => void
  readonly onReset: () => void
  /** Shown as a Share button when given. */
  readonly onShare?: () => void
}

export interface CodeToolbar {
  showFiles(files: readonly ToolbarFile[], active: string | undefined): void
  setActive(path: string): void
  setRunning(running: boolean): void
  setSaveState(save: SaveState): void
}

const roleNote: Partial<Record<WorkspaceRole, string>> = {
  provided: 'read-only',
  carried: 'from earlier',
  example: 'examples',
}
// a small mark keeps five tabs in a 600 px column; the words stay for screen readers and the tooltip
const roleMark: Partial<Record<WorkspaceRole, string>> = { provided: '🔒', carried: '↩', example: '📄' }
const isMac = /Mac|iPhone|iPad/.test(navigator.platform)

/** File tabs (ARIA tabs, arrow keys move between them), the save indicator, Reset and Run. */
export function mountCodeToolbar(root: HTMLElement, deps: CodeToolbarDeps): CodeToolbar {
  const tabs = h('div', { class: 'tabs', role: 'tablist', 'aria-label': 'Files' })
  // when the tabs do not fit, a visible "all files" menu says how many there are and reaches every one
  const more = h(
    'button',
    { type: 'button', class: 'tabs-more', 'aria-haspopup': 'true', 'aria-expanded': 'false', hidden: true },
    'Files ▾',
  )
  const menu = h('div', { class: 'tabs-menu', role: 'menu', 'aria-label': 'All files', hidden: true })
  const strip = h('div', { class: 'tab-strip' }, tabs, more, menu)
  const save = h('span', { class: 'save-status', role: 'status' })
  const reset = h('button', { type: 'button', title: 'Put the starter files back (you can undo)' }, 'Reset')
  const runLabel = h('span', {}, '▶ Run')
  const run = h(
    'button',
    { type: 'button', class: 'primary run', title: `Run the tests (${isMac ? '⌘' : 'Ctrl'}+Enter)` },
    runLabel,
    h('kbd', { 'aria-hidden': 'true' }, `${isMac ? '⌘' : 'Ctrl'}↵`),
  )
  reset.addEventListener('click', deps.onReset)
  run.addEventListener('click', deps.onRun)
  const share = deps.onShare
    ? h('button', { type: 'button', class: 'share', title: 'Share your code by link' }, 'Share')
    : null
  if (share && deps.onShare) share.addEventListener('click', deps.onShare)
  root.replaceChildren(strip, save, ...(share ? [share] : []), reset, run)

  const fits = () => tabs.scrollWidth <= tabs.clientWidth + 1
  const updateOverflow = () => {
    const overflowing = !fits()
    more.hidden = !overflowing
    strip.classList.toggle('overflowing', overflowing)
    strip.classList.toggle('at-start', tabs.scrollLeft <= 1)
    strip.classList.toggle('at-end', tabs.scrollLeft + tabs.clientWidth >= tabs.scrollWidth - 1)
    if (!overflowing) closeMenu()
  }
  const closeMenu = () => {
    menu.hidden = true
    more.setAttribute('aria-expanded', 'false')
  }
  more.addEventListener('click', () => {
    if (!menu.hidden) return closeMenu()
    menu.replaceChildren(
      ...buttons().map((tab) => {
        const item = h(
          'button',
          {
            type: 'button',
            role: 'menuitem',
            'aria-current': tab.getAttribute('aria-selected') === 'true' ? 'true' : undefined,
          },
          tab.dataset.path ?? '',
        )
        item.addEventListener('click', () => {
          closeMenu()
          tab.click()
          tab.focus()
        })
        return item
      }),
    )
    menu.hidden = false
    more.setAttribute('aria-expanded', 'true')
    menu.querySelector<HTMLButtonElement>('[aria-current="true"]')?.focus()
  })
  menu.addEventListener('keydown', (event) => {
    const items = [...menu.querySelectorAll<HTMLButtonElement>('button')]
    const index = items.indexOf(document.activeElement as HTMLButtonElement)
    if (event.key === 'Escape') {
      closeMenu()
      more.focus()
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      items[(index + (event.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length]?.focus()
    } else return
    event.preventDefault()
  })
  tabs.addEventListener('scroll', updateOverflow, { passive: true })
  new ResizeObserver(updateOverflow).observe(tabs)

  const buttons = () => [...tabs.querySelectorAll<HTMLButtonElement>('[role="tab"]')]
  const setActive = (path: string) => {
    for (const tab of buttons()) {
      const selected = tab.dataset.path === path
      tab.setAttribute('aria-selected', String(selected))
      tab.tabIndex = selected ? 0 : -1
      if (selected) tab.scrollIntoView({ block: 'nearest', inline: 'nearest' })
    }
  }
  tabs.addEventListener('keydown', (event) => {
    const all = buttons()
    const index = all.indexOf(document.activeElement as HTMLButtonElement)
    if (index < 0 || (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft')) return
    const next = all[(index + (event.key === 'ArrowRight' ? 1 : all.length - 1)) % all.length]
    next?.focus()
    next?.click()
    event.preventDefault()
  })

  return {
    showFiles(files, active) {
      tabs.replaceChildren(
        ...files.map((file) => {
          const note = file.source === 'reference' ? 'reference' : roleNote[file.role]
          const tab = h(
            'button',
            {
              type: 'button',
              role: 'tab',
              class: 'tab',
              'data-path': file.path,
              'aria-controls': 'editor-host',
              title: note ? `${file.path} (${note})` : undefined,
            },
            file.path,
            note ? h('span', { class: 'lock', 'aria-hidden': 'true' }, roleMark[file.role]) : null,
            note ? h('span', { class: 'sr-only' }, ` (${note})`) : null,
          )
          tab.addEventListener('click', () => {
            setActive(file.path)
            deps.onSelect(file.path)
          })
          return tab
        }),
      )
      if (active) setActive(active)
      updateOverflow()
    },
    setActive,
    setRunning(running) {
      run.disabled = running
      runLabel.textContent = running ? '… Running' : '▶ Run'
    },
    setSaveState(state) {
      save.classList.toggle('error', state.state === 'error')
      save.textContent =
        state.state === 'saved' ? '✓ Saved' : state.state === 'saving' ? 'Saving…' : 'Not saved'
      save.title = state.state === 'error' ? state.message : 'Your work is saved in this browser'
    },
  }
}
