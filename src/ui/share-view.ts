import { SHARE_LINK_WARN_LENGTH, type SharedAttempt } from '../share/share-link'
import { h } from './dom'

/** What the shared-attempt view needs. */
export interface SharedAttemptDeps {
  /** The exercise's title, for the heading. */
  readonly title: string
  /** The exercise's editable files in tab order: only these are shown and copied. */
  readonly editable: readonly string[]
  /** True when the attempt passed and this learner has not passed the exercise: blurred until they choose. */
  readonly spoiler: boolean
  /** Puts the shared files into the learner's editor (the page asks before replacing their own code). */
  readonly copy: (files: Readonly<Record<string, string>>) => Promise<void>
  /** The view was closed. */
  readonly close: () => void
}

/**
 * A read-only view of an attempt shared by link, shown beside the lesson: the shared files as tabs of plain
 * text (nothing of it runs), "Copy into my editor", and a blur over a passing solution until asked.
 */
export function mountSharedAttempt(root: HTMLElement, attempt: SharedAttempt, deps: SharedAttemptDeps): void {
  const paths = deps.editable.filter((path) => attempt.f[path] !== undefined)
  const ignored = Object.keys(attempt.f).filter((path) => !deps.editable.includes(path))
  const code = h('code')
  const pre = h('pre', { class: 'shared-code', tabindex: '0', 'aria-label': 'Shared code' }, code)
  const tabs = h('div', { class: 'shared-tabs', role: 'tablist', 'aria-label': 'Shared files' })
  const select = (path: string) => {
    code.textContent = attempt.f[path] ?? ''
    for (const tab of tabs.children)
      tab.setAttribute('aria-selected', String((tab as HTMLElement).dataset.path === path))
  }
  for (const path of paths) {
    const tab = h('button', { type: 'button', role: 'tab', class: 'tab', 'data-path': path }, path)
    tab.addEventListener('click', () => select(path))
    tabs.append(tab)
  }
  const body = h('div', { class: 'shared-body' }, tabs, pre)
  const copy = h('button', { type: 'button', class: 'primary' }, 'Copy into my editor')
  const close = h('button', { type: 'button', class: 'link' }, 'Close')
  const note = h(
    'p',
    { class: 'shared-note' },
    attempt.p ? 'The sender’s code passed every test when they shared it.' : 'Someone’s work in progress.',
  )
  const panel = h(
    'section',
    { class: 'shared-attempt', 'aria-labelledby': 'shared-title' },
    h('h2', { id: 'shared-title' }, `Shared attempt: ${deps.title}`),
    note,
    ignored.length > 0
      ? h('p', { class: 'shared-note' }, `Not shown (not files of this exercise): ${ignored.join(', ')}.`)
      : null,
    body,
    h('div', { class: 'dialog-actions start' }, copy, close),
  )
  if (deps.spoiler) {
    body.classList.add('spoiler')
    body.setAttribute('inert', '')
    const look = h('button', { type: 'button' }, 'Show the solution')
    const cover = h(
      'div',
      { class: 'spoiler-cover' },
      h('p', {}, 'This is a passing solution of an exercise you have not passed yet. Looking may spoil it.'),
      look,
    )
    look.addEventListener('click', () => {
      body.classList.remove('spoiler')
      body.removeAttribute('inert')
      cover.remove()
      pre.focus()
    })
    body.after(cover)
    copy.disabled = true
    look.addEventListener('click', () => {
      copy.disabled = false
    })
  }
  copy.addEventListener(
    'click',
    () => void deps.copy(Object.fromEntries(paths.map((path) => [path, attempt.f[path] ?? '']))),
  )
  close.addEventListener('click', () => {
    panel.remove()
    deps.close()
  })
  if (paths[0]) select(paths[0])
  root.replaceChildren(panel)
}

/** Shows the link to share in a dialog: copy button, its length, and a warning past 2,000 characters. */
export function showShareDialog(url: string): void {
  const input = h('input', {
    type: 'text',
    readonly: true,
    value: url,
    class: 'share-url',
    'aria-label': 'Share link',
  })
  const copy = h('button', { type: 'button', class: 'primary' }, 'Copy link')
  const done = h('button', { type: 'button' }, 'Close')
  const status = h('p', { role: 'status', class: 'passport-status' })
  const long = url.length > SHARE_LINK_WARN_LENGTH
  const dialog = h(
    'dialog',
    { class: 'share-dialog', 'aria-labelledby': 'share-title' },
    h('h2', { id: 'share-title' }, 'Share this attempt'),
    h(
      'p',
      {},
      'The link carries your editable files only, inside the link itself (after the #): no hidden tests, nothing else you stored, and nothing is uploaded anywhere.',
    ),
    input,
    h(
      'p',
      { class: long ? 'share-length warn' : 'share-length' },
      `${url.length.toLocaleString('en')} characters.`,
      long
        ? ` Links longer than ${SHARE_LINK_WARN_LENGTH.toLocaleString('en')} characters may be cut by chat apps: check it arrives whole, or send it by email.`
        : '',
    ),
    status,
    h('div', { class: 'dialog-actions' }, done, copy),
  )
  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(url)
      status.textContent = 'Link copied.'
    } catch {
      input.select()
      status.textContent = 'Select the link and copy it (Ctrl+C).'
    }
  })
  done.addEventListener('click', () => dialog.close())
  dialog.addEventListener('close', () => dialog.remove())
  document.body.append(dialog)
  dialog.showModal()
  input.select()
  copy.focus()
}
