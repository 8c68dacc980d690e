import type { Monaco } from '../editor/load-monaco'
import { h } from './dom'
import { renderLesson } from './render-markdown'

/** One file as the diff view compares it. */
export interface DiffFile {
  readonly path: string
  /** The learner's passing code. */
  readonly mine: string
  readonly reference: string
}

/** What the diff view shows. */
export interface SolutionDiffDeps {
  readonly monaco: Monaco
  readonly title: string
  readonly files: readonly DiffFile[]
  /** "Why this is secure" points in markdown. */
  readonly why: string
  readonly theme: 'light' | 'dark'
}

/**
 * The reference solution beside the learner's own in Monaco's diff editor (read-only both sides), with the
 * lesson's "why this is secure" points, in a large dialog. Only offered once the exercise passed.
 */
export function showSolutionDiff(deps: SolutionDiffDeps): void {
  const { monaco } = deps
  const tabs = h('div', { class: 'tabs', role: 'tablist', 'aria-label': 'Compared files' })
  const host = h('div', { class: 'diff-host' })
  const notes = h('div', { class: 'diff-why lesson-body' }, ...renderLesson(deps.why).childNodes)
  const close = h('button', { type: 'button' }, 'Close')
  const dialog = h(
    'dialog',
    { class: 'diff-dialog', 'aria-labelledby': 'diff-title' },
    h(
      'div',
      { class: 'diff-head' },
      h('h2', { id: 'diff-title' }, `${deps.title}: the reference solution beside yours`),
      close,
    ),
    h(
      'p',
      { class: 'diff-legend' },
      'The reference solution against your passing code: what only the reference has is marked red, what only yours has green.',
    ),
    h(
      'div',
      { class: 'diff-body' },
      h('div', { class: 'diff-code' }, tabs, host),
      h('aside', { 'aria-label': 'Why this is secure' }, notes),
    ),
  )
  document.body.append(dialog)
  dialog.showModal()

  monaco.editor.setTheme(deps.theme === 'dark' ? 'authlab-dark' : 'vs')
  const diff = monaco.editor.createDiffEditor(host, {
    readOnly: true,
    originalEditable: false,
    automaticLayout: true,
    renderSideBySide: true,
    useInlineViewWhenSpaceIsLimited: true,
    // side by side down to a laptop's dialog; inline only on phones
    renderSideBySideInlineBreakpoint: 560,
    minimap: { enabled: false },
    scrollBeyondLastLine: false,
    fontSize: 13,
  })
  const models = deps.files.map((file, index) => ({
    path: file.path,
    original: monaco.editor.createModel(
      file.reference,
      'typescript',
      monaco.Uri.parse(`reference:///${index}/${file.path}`),
    ),
    modified: monaco.editor.createModel(
      file.mine,
      'typescript',
      monaco.Uri.parse(`mine:///${index}/${file.path}`),
    ),
  }))
  const select = (path: string) => {
    const pair = models.find((model) => model.path === path)
    if (!pair) return
    diff.setModel({ original: pair.original, modified: pair.modified })
    for (const tab of tabs.querySelectorAll('[role="tab"]')) {
      tab.setAttribute('aria-selected', String((tab as HTMLElement).dataset.path === path))
    }
  }
  for (const { path } of models) {
    const tab = h('button', { type: 'button', role: 'tab', class: 'tab', 'data-path': path }, path)
    tab.addEventListener('click', () => select(path))
    tabs.append(tab)
  }
  if (models[0]) select(models[0].path)
  close.addEventListener('click', () => dialog.close())
  dialog.addEventListener('close', () => {
    diff.dispose()
    for (const model of models) {
      model.original.dispose()
      model.modified.dispose()
    }
    dialog.remove()
  })
  close.focus()
}
