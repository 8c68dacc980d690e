// A synchronous write-ahead journal of unsaved drafts in localStorage, so a crashed or killed tab loses nothing.

/** One unsaved file as the journal holds it. */
export interface JournalEntry {
  readonly exerciseId: string
  readonly path: string
  readonly content: string
  /** When the edit happened, in ms since the epoch. */
  readonly at: number
}

/** Where journal keys start: one key per file, `<prefix><exerciseId>/<path>`. */
export const DEFAULT_JOURNAL_PREFIX = 'authlab:journal:'

/** Where the journal lives. */
export interface JournalOptions {
  /** `localStorage` unless given; `null` turns the journal off. */
  readonly storage?: Storage | null
  /** Key prefix, `DEFAULT_JOURNAL_PREFIX` unless given. */
  readonly prefix?: string
}

/** The journal's operations; all synchronous and best effort (a full or blocked localStorage is skipped). */
export interface DraftJournal {
  /** Records the file's newest unsaved content; false if localStorage refused it. */
  write(entry: JournalEntry): boolean
  /** Drops the file's entry if it still holds `content` (a newer edit keeps its entry). */
  settle(exerciseId: string, path: string, content: string): void
  /** Every readable entry under the prefix. */
  entries(): JournalEntry[]
}

function defaultStorage(): Storage | null {
  try {
    return globalThis.localStorage ?? null
  } catch {
    // reading localStorage throws SecurityError when site data is blocked
    return null
  }
}

function parseEntry(text: string | null): JournalEntry | undefined {
  if (text === null) return undefined
  try {
    const value: unknown = JSON.parse(text)
    if (typeof value !== 'object' || value === null) return undefined
    const { exerciseId, path, content, at } = value as Record<string, unknown>
    if (typeof exerciseId !== 'string' || typeof path !== 'string') return undefined
    if (typeof content !== 'string' || typeof at !== 'number') return undefined
    return { exerciseId, path, content, at }
  } catch {
    return undefined
  }
}

/** Opens the journal in `options.storage` (default `localStorage`) under `options.prefix`. */
export function createDraftJournal(options: JournalOptions = {}): DraftJournal {
  const storage = options.storage === undefined ? defaultStorage() : options.storage
  const prefix = options.prefix ?? DEFAULT_JOURNAL_PREFIX
  const keyOf = (exerciseId: string, path: string) => `${prefix}${exerciseId}/${path}`

  return {
    write(entry) {
      if (!storage) return false
      try {
        storage.setItem(keyOf(entry.exerciseId, entry.path), JSON.stringify(entry))
        return true
      } catch {
        return false
      }
    },

    settle(exerciseId, path, content) {
      if (!storage) return
      try {
        const key = keyOf(exerciseId, path)
        if (parseEntry(storage.getItem(key))?.content === content) storage.removeItem(key)
      } catch {
        // nothing to settle in a storage we cannot read
      }
    },

    entries() {
      if (!storage) return []
      try {
        const keys: string[] = []
        for (let index = 0; index < storage.length; index++) {
          const key = storage.key(index)
          if (key?.startsWith(prefix)) keys.push(key)
        }
        return keys.flatMap((key) => parseEntry(storage.getItem(key)) ?? [])
      } catch {
        return []
      }
    },
  }
}
