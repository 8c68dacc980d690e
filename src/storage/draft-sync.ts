// Keeps tabs of one browser in step: which other tabs show the same exercise, and what they saved.

/** What tabs tell each other over the BroadcastChannel. */
export type DraftSyncMessage =
  /** A tab opened `exerciseId` (or, without it, shows none); the others answer with `here`. */
  | { readonly type: 'hello'; readonly tab: string; readonly exerciseId?: string }
  /** The answer to `hello`: what this tab shows. */
  | { readonly type: 'here'; readonly tab: string; readonly exerciseId?: string }
  /** The tab is closing. */
  | { readonly type: 'bye'; readonly tab: string }
  /** The tab saved a file to the store. */
  | {
      readonly type: 'saved'
      readonly tab: string
      readonly exerciseId: string
      readonly path: string
      readonly content: string
      /** The text this save replaced although the saving tab had never shown it (it is in history). */
      readonly replaced?: string
    }

/** A file another tab saved. */
export interface RemoteSave {
  readonly exerciseId: string
  readonly path: string
  readonly content: string
  /** The text the save replaced without having shown it (another tab's), now in history. */
  readonly replaced?: string
}

/** This tab's end of the channel between tabs. */
export interface DraftSync {
  /** Says which exercise this tab shows now (`undefined`: none), and asks the others what they show. */
  show(exerciseId: string | undefined): void
  /** Tells the other tabs that this tab saved `content`, and what it `replaced` if that was unseen text. */
  saved(exerciseId: string, path: string, content: string, replaced?: string): void
  /** Subscribes to other tabs' saves; returns the unsubscribe function. */
  onRemoteSave(listener: (save: RemoteSave) => void): () => void
  /** Subscribes to the number of other tabs that show this tab's exercise; returns the unsubscribe function. */
  onPeers(listener: (count: number) => void): () => void
  /** Says goodbye and closes the channel. */
  dispose(): void
}

/** Options of `createDraftSync`; tests give each fake tab its own id on a channel of their own. */
export interface DraftSyncOptions {
  /** Channel name; default `authlab-drafts`. */
  readonly channel?: string
  /** This tab's id; default a random UUID. */
  readonly tab?: string
  /** Window whose `pagehide` says goodbye; `null` for none. */
  readonly window?: Window | null
}

/**
 * Creates this tab's end of the channel. Where `BroadcastChannel` is missing, it does nothing, and the store's
 * check on every save (`saveDraft` with a base) still keeps another tab's text in history.
 */
export function createDraftSync(options: DraftSyncOptions = {}): DraftSync {
  const tab = options.tab ?? crypto.randomUUID()
  const channel =
    typeof BroadcastChannel === 'function'
      ? new BroadcastChannel(options.channel ?? 'authlab-drafts')
      : undefined
  const peers = new Map<string, string | undefined>()
  const saveListeners = new Set<(save: RemoteSave) => void>()
  const peerListeners = new Set<(count: number) => void>()
  let shown: string | undefined
  let lastCount = 0
  let closed = false

  const post = (message: DraftSyncMessage) => {
    if (!closed) channel?.postMessage(message)
  }
  const countPeers = () =>
    shown === undefined ? 0 : [...peers.values()].filter((exerciseId) => exerciseId === shown).length
  const tellPeers = (force = false) => {
    const count = countPeers()
    if (count === lastCount && !force) return
    lastCount = count
    for (const listener of peerListeners) listener(count)
  }

  const onMessage = (event: MessageEvent<DraftSyncMessage>) => {
    const message = event.data
    if (!message || message.tab === tab) return
    switch (message.type) {
      case 'hello':
        peers.set(message.tab, message.exerciseId)
        post({ type: 'here', tab, ...(shown ? { exerciseId: shown } : {}) })
        break
      case 'here':
        peers.set(message.tab, message.exerciseId)
        break
      case 'bye':
        peers.delete(message.tab)
        break
      case 'saved': {
        const { exerciseId, path, content, replaced } = message
        const save =
          replaced === undefined ? { exerciseId, path, content } : { exerciseId, path, content, replaced }
        for (const listener of saveListeners) listener(save)
        return
      }
    }
    tellPeers()
  }
  channel?.addEventListener('message', onMessage)

  const win = options.window === undefined ? globalThis.window : options.window
  const onPageHide = () => post({ type: 'bye', tab })
  win?.addEventListener('pagehide', onPageHide)

  return {
    show(exerciseId) {
      shown = exerciseId
      post({ type: 'hello', tab, ...(exerciseId ? { exerciseId } : {}) })
      tellPeers(true)
    },
    saved(exerciseId, path, content, replaced) {
      post({ type: 'saved', tab, exerciseId, path, content, ...(replaced === undefined ? {} : { replaced }) })
    },
    onRemoteSave(listener) {
      saveListeners.add(listener)
      return () => saveListeners.delete(listener)
    },
    onPeers(listener) {
      peerListeners.add(listener)
      return () => peerListeners.delete(listener)
    },
    dispose() {
      post({ type: 'bye', tab })
      closed = true
      win?.removeEventListener('pagehide', onPageHide)
      channel?.close()
      saveListeners.clear()
      peerListeners.clear()
    },
  }
}
