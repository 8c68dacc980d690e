// The AppStore in memory, for browsers where IndexedDB cannot be opened; and the opener that falls back to it.
import { type OpenAppStoreOptions, openAppStore } from './app-db'
import {
  type AppStore,
  checkHintCount,
  checkSetting,
  type Drafts,
  defaultSettings,
  deriveProgress,
  HISTORY_LIMIT,
  type HistorySnapshot,
  type RunningMark,
  type RunSummary,
  type Settings,
  settingsFrom,
  shouldSnapshot,
  toRunSummary,
  unseenDraft,
} from './app-store'
import { storageUnavailableMessage } from './storage-messages'

/** Options of `createMemoryStore`. */
export interface MemoryStoreOptions {
  /** The clock for `updatedAt`, snapshots and marks, in ms since the epoch. */
  readonly now?: () => number
}

/** An AppStore that keeps everything in this tab only (`persistent: false`), with the same rules as IndexedDB. */
export function createMemoryStore(options: MemoryStoreOptions = {}): AppStore {
  const now = options.now ?? Date.now
  const drafts = new Map<string, Drafts>()
  // newest snapshot last, as in IndexedDB
  const histories = new Map<string, HistorySnapshot[]>()
  const results = new Map<string, RunSummary>()
  const hints = new Map<string, number>()
  const settings = new Map<keyof Settings, Settings[keyof Settings]>()
  let running: RunningMark | undefined
  let closed = false

  const fileKey = (exerciseId: string, path: string) => JSON.stringify([exerciseId, path])
  // behave like a closed IDBDatabase, so callers see the same failure either way
  const open = () => {
    if (closed) throw new DOMException('The store is closed.', 'InvalidStateError')
  }

  return {
    persistent: false,

    async getDrafts(exerciseId) {
      open()
      return { ...drafts.get(exerciseId) }
    },

    async saveDraft(exerciseId, path, content, base) {
      open()
      const at = now()
      const overwritten = unseenDraft(drafts.get(exerciseId)?.[path], content, base)
      drafts.set(exerciseId, { ...drafts.get(exerciseId), [path]: { content, updatedAt: at } })
      const key = fileKey(exerciseId, path)
      const history = histories.get(key) ?? []
      if (overwritten) history.push({ content: overwritten.content, at })
      if (shouldSnapshot(history.at(-1), content, at)) history.push({ content, at })
      histories.set(key, history.slice(-HISTORY_LIMIT))
      return overwritten ? { overwritten } : {}
    },

    async history(exerciseId, path) {
      open()
      return [...(histories.get(fileKey(exerciseId, path)) ?? [])].reverse()
    },

    async deleteDrafts(exerciseId) {
      open()
      const deleted = drafts.get(exerciseId) ?? {}
      drafts.delete(exerciseId)
      return { ...deleted }
    },

    async restoreDrafts(exerciseId, deleted) {
      open()
      drafts.set(exerciseId, { ...drafts.get(exerciseId), ...structuredClone(deleted) })
    },

    async saveResult(exerciseId, summary) {
      open()
      results.set(exerciseId, structuredClone(toRunSummary(summary)))
    },

    async getResult(exerciseId) {
      open()
      const summary = results.get(exerciseId)
      return summary && structuredClone(summary)
    },

    async getHintsRevealed(exerciseId) {
      open()
      return hints.get(exerciseId) ?? 0
    },

    async setHintsRevealed(exerciseId, count) {
      open()
      checkHintCount(count)
      hints.set(exerciseId, count)
    },

    async getSetting<K extends keyof Settings>(key: K): Promise<Settings[K]> {
      open()
      return (settings.get(key) as Settings[K] | undefined) ?? defaultSettings[key]
    },

    async setSetting(key, value) {
      open()
      checkSetting(key, value)
      settings.set(key, value)
    },

    async getSettings() {
      open()
      return settingsFrom(settings)
    },

    async progress(exerciseIds) {
      open()
      const withDrafts = [...drafts].filter(([, files]) => Object.keys(files).length > 0).map(([id]) => id)
      return deriveProgress(withDrafts, results, exerciseIds)
    },

    async markRunning(exerciseId) {
      open()
      running = { exerciseId, at: now() }
    },

    async clearRunning() {
      open()
      running = undefined
    },

    async getRunningMark() {
      open()
      return running && { ...running }
    },

    async exportAll() {
      open()
      const files = (key: string) => JSON.parse(key) as [string, string]
      return structuredClone({
        drafts: [...drafts].flatMap(([exerciseId, files]) =>
          Object.entries(files).map(([path, draft]) => ({ exerciseId, path, ...draft })),
        ),
        history: [...histories]
          .flatMap(([key, snapshots]) => {
            const [exerciseId, path] = files(key)
            return snapshots.map((snapshot) => ({ exerciseId, path, ...snapshot }))
          })
          .sort((a, b) => a.at - b.at),
        results: Object.fromEntries(results),
        hints: Object.fromEntries(hints),
        settings: Object.fromEntries(settings) as Partial<Settings>,
      })
    },

    async replaceAll(dump) {
      open()
      const copy = structuredClone(dump)
      drafts.clear()
      histories.clear()
      results.clear()
      hints.clear()
      settings.clear()
      for (const { exerciseId, path, content, updatedAt } of copy.drafts)
        drafts.set(exerciseId, { ...drafts.get(exerciseId), [path]: { content, updatedAt } })
      for (const { exerciseId, path, content, at } of copy.history) {
        const key = fileKey(exerciseId, path)
        histories.set(key, [...(histories.get(key) ?? []), { content, at }])
      }
      for (const [id, summary] of Object.entries(copy.results)) results.set(id, toRunSummary(summary))
      for (const [id, count] of Object.entries(copy.hints)) hints.set(id, count)
      for (const [key, value] of Object.entries(copy.settings)) settings.set(key as keyof Settings, value)
    },

    close() {
      closed = true
    },
  }
}

/** What `openAppStoreOrFallback` opened. */
export interface OpenedStore {
  readonly store: AppStore
  /** Set when IndexedDB could not be used: what happened and what to do, for a warning banner. */
  readonly warning?: string
  /** Why IndexedDB could not be opened, for the console or a bug report. */
  readonly error?: unknown
}

/**
 * Opens the IndexedDB store, or an in-memory one with a `warning` when IndexedDB is missing or fails to
 * open (private windows, site data turned off, a database from a newer AuthLab).
 */
export async function openAppStoreOrFallback(
  name = 'authlab',
  options: OpenAppStoreOptions = {},
): Promise<OpenedStore> {
  const memory = () => createMemoryStore(options.now ? { now: options.now } : {})
  if (typeof indexedDB === 'undefined')
    return { store: memory(), warning: storageUnavailableMessage(undefined) }
  try {
    return { store: await openAppStore(name, options) }
  } catch (error) {
    return { store: memory(), warning: storageUnavailableMessage(error), error }
  }
}
