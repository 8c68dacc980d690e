import { h } from './dom'

/** What the update prompt needs from the page. */
export interface UpdatePromptDeps {
  /** Whether a learner run is under way now. */
  readonly running: () => boolean
  /** Resolves when no learner run is under way: a reload never happens during one. */
  readonly idle: () => Promise<void>
  /** Reloads the page onto the new version. */
  readonly reload: () => void
}

/** Drives the prompt from the service worker's events. */
export interface UpdatePrompt {
  /** A new version is installed and waiting; `activate` hands it control (its `controlling` follows). */
  offer(activate: () => Promise<void>): void
  /** The new version took control of this page (after `activate`, or from another tab): reload when idle. */
  controlling(): void
  /** The app is cached: it works offline from now on. */
  offlineReady(): void
}

/**
 * "Update ready — reload": a status bar in `root` offering the new version. Nothing changes until the learner
 * chooses Reload, and the reload waits for a run under way to end, so code is never swapped under a run.
 */
export function mountUpdatePrompt(root: HTMLElement, deps: UpdatePromptDeps): UpdatePrompt {
  let bar: HTMLElement | undefined
  let requested = false
  let reloading = false

  const waitLabel = (button: HTMLButtonElement) => {
    button.disabled = true
    button.textContent = deps.running() ? 'Reloading after this run…' : 'Reloading…'
  }
  const reloadWhenIdle = async (button?: HTMLButtonElement) => {
    if (reloading) return
    reloading = true
    if (button) waitLabel(button)
    await deps.idle()
    deps.reload()
  }

  const show = (text: string, onReload: (button: HTMLButtonElement) => void) => {
    bar?.remove()
    const reload = h('button', { type: 'button', class: 'primary' }, 'Reload')
    const later = h('button', { type: 'button', class: 'link' }, 'Later')
    bar = h('div', { class: 'update-prompt', role: 'status' }, h('span', {}, text), reload, later)
    reload.addEventListener('click', () => onReload(reload))
    later.addEventListener('click', () => {
      bar?.remove()
      bar = undefined
    })
    root.append(bar)
  }

  return {
    offer(activate) {
      show('Update ready — reload to use the new version.', (button) => {
        requested = true
        waitLabel(button)
        // the new version takes control only once no run is under way; `controlling` then reloads
        void deps.idle().then(activate)
      })
    },
    controlling() {
      if (requested) {
        void reloadWhenIdle()
        return
      }
      // another tab took the update: this page keeps its code until the learner reloads
      show('AuthLab was updated in another tab — reload to use the new version.', (button) => {
        void reloadWhenIdle(button)
      })
    },
    offlineReady() {
      const note = h('div', { class: 'update-prompt', role: 'status' }, 'AuthLab now works offline.')
      root.append(note)
      setTimeout(() => note.remove(), 6000)
    },
  }
}
