// Saves editor content as drafts: debounced per file, journaled synchronously, flushed when the page hides.
import type { AppStore } from './app-store'
import { createDraftJournal, type JournalOptions } from './draft-journal'
import { describeStorageError } from './storage-messages'

/** The saver's state for a "Saving… / Saved / Couldn't save" indicator. */
export type DraftSaveStatus =
  | { readonly state: 'saving' }
  /** Every edit so far is in the store. */
  | { readonly state: 'saved' }
  | {
      readonly state: 'error'
      readonly exerciseId: string
      readonly path: string
      /** The store's rejection, usually a `DOMException` such as `QuotaExceededError`. */
      readonly error: unknown
      /** What happened and what to do, for the learner. */
      readonly message: string
    }

/** Options of `createDraftSaver`. */
export interface DraftSaverOptions extends JournalOptions {
  /** Quiet time after an edit before the file is saved; default 500 ms. */
  readonly delayMs?: number
  /** Longest time an edit waits while typing goes on; default 1000 ms. */
  readonly maxWaitMs?: number
  /** Clock for journal entries, in ms since the epoch; default `Date.now`. */
  readonly now?: () => number
  /** Window whose `pagehide` and document `visibilitychange` trigger a flush; `null` for none. */
  readonly window?: Window | null
}

/** A save replaced a draft that another tab had saved after this tab last read the file; it is in history. */
export interface DraftOverwrite {
  readonly exerciseId: string
  readonly path: string
  /** The other tab's text, now the file's newest history snapshot. */
  readonly theirs: string
  /** This tab's text, now the draft. */
  readonly ours: string
}

/** A file's text as it now stands in the store. */
export interface SavedDraft {
  readonly exerciseId: string
  readonly path: string
  readonly content: string
}

/** Saves drafts as the learner types. */
export interface DraftSaver {
  /**
   * Call with what this tab shows for a file when it opens it (the stored draft or the starter): a later save
   * that finds another text stored keeps that text in history and reports it to `onOverwrite`.
   */
  opened(exerciseId: string, path: string, content: string): void
  /** Call on every edit: journals `content` at once and saves it to the store soon. */
  update(exerciseId: string, path: string, content: string): void
  /**
   * Another tab saved `content`. Returns true when this tab has no unsaved edit of the file, so it may show
   * that text (the next save then builds on it); false when it has one, and the next save reports the overwrite.
   */
  remote(exerciseId: string, path: string, content: string): boolean
  /** Subscribes to overwrites of another tab's draft; returns the unsubscribe function. */
  onOverwrite(listener: (overwrite: DraftOverwrite) => void): () => void
  /** Subscribes to each file saved to the store (to tell other tabs); returns the unsubscribe function. */
  onSaved(listener: (saved: SavedDraft) => void): () => void
  /** Saves every pending edit now, retrying failed ones. Never rejects: failures go to `onStatus`. */
  flush(): Promise<void>
  /** Subscribes to status changes; returns the unsubscribe function. */
  onStatus(listener: (status: DraftSaveStatus) => void): () => void
  /** Stops timers and page listeners without saving (call `flush` first); pending edits stay journaled. */
  dispose(): void
}

interface FileState {
  readonly exerciseId: string
  readonly path: string
  content: string
  /** The text this tab last read from or saved to the store; undefined until `opened` or a save. */
  base: string | undefined
  revision: number
  savedRevision: number
  /** `performance.now()` of the oldest edit not yet handed to the store. */
  dirtySince: number | undefined
  timer: ReturnType<typeof setTimeout> | undefined
  writing: Promise<void> | undefined
}

/**
 * Creates a saver over `store`. Each edit is written to the localStorage journal synchronously, then saved
 * `delayMs` after typing pauses but never more than `maxWaitMs` after the edit. A failed save keeps the
 * content in memory and in the journal, reports `error`, and is retried on the next edit or `flush`.
 */
export function createDraftSaver(
  store: Pick<AppStore, 'saveDraft'>,
  options: DraftSaverOptions = {},
): DraftSaver {
  const { delayMs = 500, maxWaitMs = 1000, now = Date.now } = options
  const journal = createDraftJournal(options)
  const files = new Map<string, FileState>()
  const failures = new Map<string, DraftSaveStatus & { state: 'error' }>()
  const listeners = new Set<(status: DraftSaveStatus) => void>()
  const overwriteListeners = new Set<(overwrite: DraftOverwrite) => void>()
  const savedListeners = new Set<(saved: SavedDraft) => void>()
  const tell = <T>(targets: Set<(event: T) => void>, event: T) => {
    for (const listener of targets) {
      try {
        listener(event)
      } catch (error) {
        reportError(error)
      }
    }
  }

  const fileState = (exerciseId: string, path: string, content: string): [string, FileState] => {
    const key = JSON.stringify([exerciseId, path])
    let file = files.get(key)
    if (!file) {
      file = {
        exerciseId,
        path,
        content,
        base: undefined,
        revision: 0,
        savedRevision: 0,
        dirtySince: undefined,
        timer: undefined,
        writing: undefined,
      }
      files.set(key, file)
    }
    return [key, file]
  }

  const emit = (status: DraftSaveStatus) => tell(listeners, status)

  const write = async (key: string, file: FileState) => {
    try {
      while (file.savedRevision !== file.revision) {
        const { revision, content } = file
        file.dirtySince = undefined
        emit({ state: 'saving' })
        try {
          const { overwritten } =
            (await store.saveDraft(file.exerciseId, file.path, content, file.base)) ?? {}
          file.base = content
          const { exerciseId, path } = file
          if (overwritten)
            tell(overwriteListeners, { exerciseId, path, theirs: overwritten.content, ours: content })
          tell(savedListeners, { exerciseId, path, content })
        } catch (error) {
          const { exerciseId, path } = file
          const failed = {
            state: 'error',
            exerciseId,
            path,
            error,
            message: describeStorageError(error),
          } as const
          failures.set(key, failed)
          emit(failed)
          return
        }
        file.savedRevision = revision
        failures.delete(key)
        journal.settle(file.exerciseId, file.path, content)
      }
      const busy = [...files.values()].some(
        (other) => other !== file && (other.writing || other.savedRevision !== other.revision),
      )
      const failure = failures.values().next().value
      if (failure) emit(failure)
      else if (!busy) emit({ state: 'saved' })
    } finally {
      file.writing = undefined
    }
  }

  const persist = (key: string, file: FileState): Promise<void> => {
    clearTimeout(file.timer)
    file.timer = undefined
    if (!file.writing && file.savedRevision !== file.revision) file.writing = write(key, file)
    return file.writing ?? Promise.resolve()
  }

  const schedule = (key: string, file: FileState) => {
    const time = performance.now()
    file.dirtySince ??= time
    clearTimeout(file.timer)
    const wait = Math.max(0, Math.min(delayMs, file.dirtySince + maxWaitMs - time))
    file.timer = setTimeout(() => void persist(key, file), wait)
  }

  const flush = async () => {
    await Promise.all([...files].map(([key, file]) => persist(key, file)))
  }

  const win = options.window === undefined ? globalThis.window : options.window
  const onPageHide = () => void flush()
  const onVisibilityChange = () => {
    if (win?.document.visibilityState === 'hidden') void flush()
  }
  win?.addEventListener('pagehide', onPageHide)
  win?.document.addEventListener('visibilitychange', onVisibilityChange)

  return {
    opened(exerciseId, path, content) {
      const [, file] = fileState(exerciseId, path, content)
      if (file.savedRevision === file.revision) {
        file.content = content
        file.base = content
      }
    },

    update(exerciseId, path, content) {
      const [key, file] = fileState(exerciseId, path, content)
      // showing another tab's save changes the model too: that is not an edit of this tab's
      if (content === file.content && file.savedRevision === file.revision && file.revision > 0) return
      file.content = content
      file.revision++
      journal.write({ exerciseId, path, content, at: now() })
      schedule(key, file)
    },

    remote(exerciseId, path, content) {
      const [, file] = fileState(exerciseId, path, content)
      if (file.savedRevision !== file.revision || file.writing) return false
      file.content = content
      file.base = content
      return true
    },

    onOverwrite(listener) {
      overwriteListeners.add(listener)
      return () => overwriteListeners.delete(listener)
    },

    onSaved(listener) {
      savedListeners.add(listener)
      return () => savedListeners.delete(listener)
    },

    flush,

    onStatus(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },

    dispose() {
      for (const file of files.values()) clearTimeout(file.timer)
      win?.removeEventListener('pagehide', onPageHide)
      win?.document.removeEventListener('visibilitychange', onVisibilityChange)
      listeners.clear()
      overwriteListeners.clear()
      savedListeners.clear()
    },
  }
}

/** A file `recoverJournal` put back. */
export interface RecoveredDraft {
  readonly exerciseId: string
  readonly path: string
}

/**
 * Call on start, before editing begins: saves every journal entry newer than the stored draft (edits a
 * crashed or killed tab never saved) and clears the entries the store now has. Returns the files it restored,
 * so the UI can say so. Rejects with the store's error; entries not yet saved stay in the journal.
 */
export async function recoverJournal(
  store: Pick<AppStore, 'getDrafts' | 'saveDraft'>,
  options: JournalOptions = {},
): Promise<RecoveredDraft[]> {
  const journal = createDraftJournal(options)
  const recovered: RecoveredDraft[] = []
  for (const entry of journal.entries()) {
    const { exerciseId, path, content, at } = entry
    const stored = (await store.getDrafts(exerciseId))[path]
    if (!stored || (stored.updatedAt < at && stored.content !== content)) {
      await store.saveDraft(exerciseId, path, content)
      recovered.push({ exerciseId, path })
    }
    journal.settle(exerciseId, path, content)
  }
  return recovered
}
