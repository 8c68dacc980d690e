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
const isMac = /Mac|iPhone|iPad/.test(navigator.platform)

/** File tabs (ARIA tabs, arrow keys move between them), the save indicator, Reset and Run. */
export function mountCodeToolbar(root: HTMLElement, deps: CodeToolbarDeps): CodeToolbar {
  const tabs = h('div', { class: 'tabs', role: 'tablist', 'aria-label': 'Files' })
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
  root.replaceChildren(tabs, save, reset, run)

  const buttons = () => [...tabs.querySelectorAll<HTMLButtonElement>('[role="tab"]')]
  const setActive = (path: string) => {
    for (const tab of buttons()) {
      const selected = tab.dataset.path === path
      tab.setAttribute('aria-selected', String(selected))
      tab.tabIndex = selected ? 0 : -1
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
            },
            file.path,
            note ? h('span', { class: 'lock' }, `(${note})`) : null,
          )
          tab.addEventListener('click', () => {
            setActive(file.path)
            deps.onSelect(file.path)
          })
          return tab
        }),
      )
      if (active) setActive(active)
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
