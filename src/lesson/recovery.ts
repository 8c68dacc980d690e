import { type AppStore, describeStorageError, recoverJournal } from '../storage'

/** Something the learner must be told when the page opens. */
export interface StartupNotice {
  readonly kind: 'info' | 'warn'
  readonly text: string
}

/**
 * Picks up where the last page left off: edits journaled but never stored are stored, and a running mark still
 * set means the last run hung the tab, so nothing runs until the learner presses Run (safe mode). Returns what to
 * tell the learner; never rejects.
 */
export async function recoverLastSession(
  store: Pick<AppStore, 'getDrafts' | 'saveDraft' | 'getRunningMark' | 'clearRunning'>,
): Promise<StartupNotice[]> {
  const notices: StartupNotice[] = []
  try {
    const recovered = await recoverJournal(store)
    if (recovered.length > 0) {
      notices.push({
        kind: 'info',
        text: `Restored ${recovered.length} unsaved edit(s) from before the tab closed.`,
      })
    }
    const mark = await store.getRunningMark()
    if (mark) {
      await store.clearRunning()
      notices.push({
        kind: 'warn',
        text: `Safe mode: the last run of "${mark.exerciseId}" never finished and may have frozen the tab. Nothing runs until you press Run; your drafts are intact.`,
      })
    }
  } catch (error) {
    notices.push({ kind: 'warn', text: describeStorageError(error) })
  }
  return notices
}
