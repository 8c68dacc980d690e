/**
 * The open exercise kept in step with other tabs of the same browser: this tab's saves are announced, another
 * tab's saves are shown here when this tab has no unsaved edit of the file, and whenever one tab's save replaced
 * text it had never shown (two tabs typing at once), the learner is told and can put that text back. The store
 * has kept the replaced text in history either way (`AppStore.saveDraft` with a base).
 */
import type { Exercise } from '../content/catalogue'
import type { AppStore, DraftOverwrite, RemoteSave, SavedDraft } from '../storage'
import type { LessonFile } from './lesson-files'

/** The channel between tabs (src/storage's DraftSync). */
export interface LessonSync {
  /** Says which exercise this tab shows; the peer count follows. */
  show(exerciseId: string | undefined): void
  /** Tells the other tabs about a save, with the unseen text it replaced. */
  saved(exerciseId: string, path: string, content: string, replaced?: string): void
  onRemoteSave(listener: (save: RemoteSave) => void): () => void
  /** The number of other tabs that show this tab's exercise. */
  onPeers(listener: (count: number) => void): () => void
}

/** The draft saver as seen from here (src/storage's DraftSaver). */
export interface TabSaver {
  opened(exerciseId: string, path: string, content: string): void
  remote(exerciseId: string, path: string, content: string): boolean
  onOverwrite(listener: (overwrite: DraftOverwrite) => void): () => void
  onSaved(listener: (saved: SavedDraft) => void): () => void
  flush(): Promise<void>
}

/** The editor as seen from here. */
export interface TabWorkspace {
  contents(): Record<string, string>
  /** Shows another tab's text without counting it as an edit of this tab. */
  follow(path: string, content: string): void
}

/** Which tab's save replaced which text; the replaced one is in history. */
export interface ReplacedNotice {
  readonly exerciseId: string
  readonly path: string
  /** `this-tab`: this tab's save replaced another tab's text. `other-tab`: another tab's save replaced this tab's. */
  readonly by: 'this-tab' | 'other-tab'
}

/** What the learner is told. */
export interface TabViews {
  /** How many other tabs show the open exercise (0: none). */
  showOtherTabs(count: number): void
  /** A save replaced text saved in another tab; `restore` makes that text the draft again (in every tab). */
  showReplaced(notice: ReplacedNotice, restore: () => Promise<void>): void
}

export interface OtherTabsDeps {
  readonly sync: LessonSync
  readonly saver: TabSaver
  readonly store: Pick<AppStore, 'saveDraft' | 'getDrafts'>
  readonly views: TabViews
  /** Reports a storage failure to the learner. */
  readonly warn: (error: unknown) => void
}

export interface OtherTabs {
  /** The tab now shows `exercise` (before its files are loaded). */
  showing(exercise: Exercise): void
  /** The editor now shows `files` of the exercise: the text each later save builds on. */
  opened(exercise: Exercise, files: readonly LessonFile[], editor: TabWorkspace): void
}

/** Connects the saver and the editor of this tab to the other tabs. */
export function connectOtherTabs(deps: OtherTabsDeps): OtherTabs {
  const { sync, saver, views } = deps
  let shown: { exercise: Exercise; files: readonly LessonFile[]; editor: TabWorkspace } | undefined
  // the text a save replaced, from its overwrite report to its saved report (both come from one write)
  const replacedBy = new Map<string, string>()
  const key = (exerciseId: string, path: string) => JSON.stringify([exerciseId, path])

  /** Makes `text` the file's draft again; the draft it replaces goes to history first. */
  async function restore(exerciseId: string, path: string, text: string) {
    await saver.flush()
    let replaced: string | undefined
    try {
      // the stored draft is neither base nor content, so the store keeps it as a history snapshot
      replaced = (await deps.store.saveDraft(exerciseId, path, text, text)).overwritten?.content
    } catch (error) {
      deps.warn(error)
      return
    }
    if (shown?.exercise.id === exerciseId && saver.remote(exerciseId, path, text))
      shown.editor.follow(path, text)
    sync.saved(exerciseId, path, text, replaced)
  }

  saver.onOverwrite(({ exerciseId, path, theirs }) => {
    replacedBy.set(key(exerciseId, path), theirs)
    views.showReplaced({ exerciseId, path, by: 'this-tab' }, () => restore(exerciseId, path, theirs))
  })
  saver.onSaved(({ exerciseId, path, content }) => {
    const replaced = replacedBy.get(key(exerciseId, path))
    replacedBy.delete(key(exerciseId, path))
    sync.saved(exerciseId, path, content, replaced)
  })
  sync.onPeers((count) => views.showOtherTabs(count))
  /**
   * Whether `save` is still the file's draft. Messages from different tabs arrive in no set order: one sent
   * before this tab's own newer save can arrive after it, and following it would show text that is no longer
   * the draft. If the store cannot be read, the message is taken as current, as before.
   */
  async function current(save: RemoteSave): Promise<boolean> {
    const drafts = await deps.store.getDrafts(save.exerciseId).catch(() => undefined)
    const stored = drafts?.[save.path]?.content
    return stored === undefined || stored === save.content
  }

  sync.onRemoteSave(async (save) => {
    if (!(await current(save)) || !shown) return
    const { exercise, files, editor } = shown
    const file = files.find((candidate) => candidate.path === save.path)
    if (!file) return
    if (save.exerciseId === exercise.id && file.role === 'editable') {
      const before = editor.contents()[save.path]
      // with an unsaved edit here, this tab keeps its text; its next save keeps the other one in history
      if (!saver.remote(save.exerciseId, save.path, save.content)) return
      editor.follow(save.path, save.content)
      if (save.replaced !== undefined && save.replaced === before && before !== save.content) {
        views.showReplaced({ exerciseId: exercise.id, path: save.path, by: 'other-tab' }, () =>
          restore(exercise.id, save.path, before),
        )
      }
    } else if (file.role === 'carried' && file.from?.id === save.exerciseId && file.source !== 'reference') {
      // the learner's own file from an earlier exercise, edited there in another tab
      editor.follow(save.path, save.content)
    }
  })

  return {
    showing(exercise) {
      shown = undefined
      sync.show(exercise.id)
    },
    opened(exercise, files, editor) {
      shown = { exercise, files, editor }
      for (const file of files) {
        if (file.role === 'editable') saver.opened(exercise.id, file.path, file.content)
      }
    },
  }
}
