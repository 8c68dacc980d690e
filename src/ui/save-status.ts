import type { DraftSaveStatus } from '../storage'
import type { CodeToolbar } from './code-toolbar'
import { showBanner } from './notices'

/** Shows the draft saver's status in the toolbar, and one banner while saving fails, gone once a save goes through. */
export function saveStatusView(deps: {
  readonly toolbar: Pick<CodeToolbar, 'setSaveState'>
  readonly banners: HTMLElement
}): (status: DraftSaveStatus) => void {
  let warning: (() => void) | undefined
  deps.toolbar.setSaveState({ state: 'saved' })
  return (status) => {
    deps.toolbar.setSaveState(status.state === 'error' ? { state: 'error', message: status.message } : status)
    if (status.state === 'error' && !warning) warning = showBanner(deps.banners, status.message)
    if (status.state === 'saved' && warning) {
      warning()
      warning = undefined
    }
  }
}
