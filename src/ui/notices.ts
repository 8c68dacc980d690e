import { h } from './dom'

/** A banner under the top bar for things the learner must know (storage trouble, safe mode). */
export function showBanner(
  root: HTMLElement,
  text: string,
  options: { kind?: 'warn' | 'info'; action?: { label: string; run: () => void } } = {},
): () => void {
  const close = h('button', { type: 'button', class: 'link', 'aria-label': 'Dismiss notice' }, 'Dismiss')
  const banner = h(
    'div',
    { class: `banner ${options.kind ?? 'warn'}`, role: options.kind === 'info' ? 'status' : 'alert' },
    h('span', { class: 'banner-text' }, text),
  )
  if (options.action) {
    const { label, run } = options.action
    const button = h('button', { type: 'button' }, label)
    button.addEventListener('click', run)
    banner.append(button)
  }
  banner.append(close)
  const remove = () => banner.remove()
  close.addEventListener('click', remove)
  root.append(banner)
  return remove
}

/** A short-lived message at the bottom with an optional action (Undo). */
export function showToast(text: string, action?: { label: string; run: () => void }, ms = 8000): void {
  document.querySelector('.toast')?.remove()
  const toast = h('div', { class: 'toast', role: 'status' }, h('span', {}, text))
  if (action) {
    const button = h('button', { type: 'button' }, action.label)
    button.addEventListener('click', () => {
      toast.remove()
      action.run()
    })
    toast.append(button)
  }
  document.body.append(toast)
  setTimeout(() => toast.remove(), ms)
}

/** Asks a yes/no question in a modal dialog; resolves true when confirmed. */
export function confirmDialog(title: string, text: string, confirmLabel: string): Promise<boolean> {
  const dialog = h('dialog', { 'aria-labelledby': 'confirm-title' })
  const cancel = h('button', { type: 'button', value: 'cancel' }, 'Cancel')
  const confirm = h('button', { type: 'button', class: 'primary', value: 'confirm' }, confirmLabel)
  dialog.append(
    h('h2', { id: 'confirm-title' }, title),
    h('p', {}, text),
    h('div', { class: 'dialog-actions' }, cancel, confirm),
  )
  document.body.append(dialog)
  return new Promise((resolve) => {
    const finish = (answer: boolean) => {
      dialog.close()
      dialog.remove()
      resolve(answer)
    }
    cancel.addEventListener('click', () => finish(false))
    confirm.addEventListener('click', () => finish(true))
    dialog.addEventListener('cancel', () => finish(false))
    dialog.showModal()
    cancel.focus()
  })
}
