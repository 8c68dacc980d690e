import type { PassportActions } from '../passport/passport-actions'
import { h } from './dom'

/** What the progress menu needs. */
export interface ProgressMenuDeps {
  readonly actions: PassportActions
  /** Says something to screen reader users. */
  readonly announce: (text: string) => void
}

/** Saves text as a file through a download link (no server involved). */
function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }))
  const link = h('a', { href: url, download: name })
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/**
 * A "Progress" button opening the progress passport dialog: export everything to one JSON file, import one
 * (merged, then graded again here), and reset all progress after offering an export.
 */
export function mountProgressMenu(root: HTMLElement, deps: ProgressMenuDeps): void {
  const { actions } = deps
  const open = h('button', { type: 'button', class: 'progress-open', 'aria-haspopup': 'dialog' }, 'Progress')
  root.append(open)

  open.addEventListener('click', () => {
    const status = h('p', { class: 'passport-status', role: 'status' })
    const say = (text: string, kind: 'info' | 'error' = 'info') => {
      status.textContent = text
      status.classList.toggle('error', kind === 'error')
      deps.announce(text)
    }
    const exportButton = h('button', { type: 'button', class: 'primary' }, 'Export progress')
    const file = h('input', {
      type: 'file',
      accept: '.json,application/json',
      class: 'sr-only',
      id: 'passport-file',
    })
    const importButton = h('button', { type: 'button' }, 'Import progress…')
    const resetButton = h('button', { type: 'button', class: 'danger' }, 'Reset all progress…')
    const close = h('button', { type: 'button' }, 'Close')
    const confirmRow = h('div', { class: 'passport-confirm', hidden: true })
    const dialog = h(
      'dialog',
      { class: 'passport-dialog', 'aria-labelledby': 'passport-title' },
      h('h2', { id: 'passport-title' }, 'Your progress'),
      h(
        'p',
        {},
        'Everything you did here (drafts, their history, hints, last results, settings) lives in this browser only. Export it to one file to keep a copy or to continue in another browser; importing merges it with what is here (the newer version of each file wins, the other stays in its history) and grades the imported code again.',
      ),
      h('div', { class: 'dialog-actions start' }, exportButton, importButton, file),
      status,
      h('hr'),
      h('div', { class: 'dialog-actions start' }, resetButton),
      confirmRow,
      h('div', { class: 'dialog-actions' }, close),
    )

    const runExport = async () => {
      try {
        const { name, text } = await actions.exportPassport()
        download(name, text)
        say(`Exported to ${name}.`)
        return true
      } catch (error) {
        say(`The export failed: ${error instanceof Error ? error.message : String(error)}`, 'error')
        return false
      }
    }
    exportButton.addEventListener('click', () => void runExport())
    importButton.addEventListener('click', () => file.click())
    file.addEventListener('change', async () => {
      const chosen = file.files?.[0]
      file.value = ''
      if (!chosen) return
      say(`Reading ${chosen.name}…`)
      try {
        const outcome = await actions.importPassport(await chosen.text())
        if (!outcome.ok) {
          say(`${outcome.message} Nothing was changed.`, 'error')
          return
        }
        say(
          outcome.report.regrade.length > 0
            ? `Imported. ${outcome.summary} Grading…`
            : `Imported. ${outcome.summary}`,
        )
        await outcome.graded
        if (outcome.report.regrade.length > 0) say(`Imported. ${outcome.summary} Grading done.`)
      } catch (error) {
        say(`The import failed: ${error instanceof Error ? error.message : String(error)}`, 'error')
      }
    })
    resetButton.addEventListener('click', () => {
      const exportFirst = h('button', { type: 'button' }, 'Export first')
      const cancel = h('button', { type: 'button' }, 'Cancel')
      const sure = h('button', { type: 'button', class: 'danger' }, 'Reset everything')
      confirmRow.replaceChildren(
        h(
          'p',
          { role: 'alert' },
          'Reset deletes every draft, snapshot, hint, result and setting in this browser, and cannot be undone. Export a passport first to keep a copy.',
        ),
        h('div', { class: 'dialog-actions start' }, exportFirst, cancel, sure),
      )
      confirmRow.hidden = false
      exportFirst.focus()
      exportFirst.addEventListener('click', () => void runExport())
      cancel.addEventListener('click', () => {
        confirmRow.hidden = true
        resetButton.focus()
      })
      sure.addEventListener('click', async () => {
        confirmRow.hidden = true
        try {
          await actions.resetAll()
          say('All progress was reset.')
        } catch (error) {
          say(`The reset failed: ${error instanceof Error ? error.message : String(error)}`, 'error')
        }
      })
    })
    close.addEventListener('click', () => dialog.close())
    dialog.addEventListener('close', () => {
      dialog.remove()
      open.focus()
    })
    document.body.append(dialog)
    dialog.showModal()
    exportButton.focus()
  })
}
