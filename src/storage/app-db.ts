// The AppStore on IndexedDB (via idb): opening, version upgrades, blocked/blocking connections.
import { type IDBPDatabase, type IDBPTransaction, openDB } from 'idb'
import {
  APP_DB_VERSION,
  type AppDBSchema,
  type DraftRecord,
  RUNNING_KEY,
  upgradeAppDB,
} from './app-db-schema'
import {
  type AppStore,
  checkHintCount,
  checkSetting,
  type Drafts,
  defaultSettings,
  deriveProgress,
  HISTORY_LIMIT,
  isRunningMark,
  isValidSetting,
  type Settings,
  settingsFrom,
  shouldSnapshot,
  toRunSummary,
  unseenDraft,
} from './app-store'
import { committed, startAll } from './idb-requests'

/** Another tab holds the database open at an older version, so opening waits until that tab closes it. */
export interface StoreBlockedEvent {
  /** The version the other tab has open. */
  readonly currentVersion: number
  /** The version this tab asked for. */
  readonly requestedVersion: number
}

/**
 * Why an open store closed by itself: `versionchange` — another tab needs a newer version, so this tab let
 * go (reload to continue); `terminated` — the browser closed it (storage cleared, disk trouble).
 */
export type StoreCloseReason = 'versionchange' | 'terminated'

/** Options of `openAppStore`. */
export interface OpenAppStoreOptions {
  /** The clock for `updatedAt`, snapshots and marks, in ms since the epoch; tests inject one. */
  readonly now?: () => number
  /** Called while opening waits for other tabs; the promise settles once they let go. */
  readonly onBlocked?: (event: StoreBlockedEvent) => void
  /** Called when the connection closed without `close()`; later calls reject with `InvalidStateError`. */
  readonly onClose?: (reason: StoreCloseReason) => void
}

/**
 * Opens (creating or upgrading as needed) the app database `name`. Upgrades migrate step by step from any
 * earlier version and keep all learner data; a failed upgrade changes nothing and rejects with its cause.
 * Rejects with the platform's `DOMException` when IndexedDB is unavailable (`openAppStoreOrFallback`
 * handles that), or with `VersionError` when the database is newer than this code.
 */
export async function openAppStore(name = 'authlab', options: OpenAppStoreOptions = {}): Promise<AppStore> {
  const now = options.now ?? Date.now
  let upgradeError: unknown
  try {
    const db = await openDB<AppDBSchema>(name, APP_DB_VERSION, {
      upgrade(database, oldVersion, _newVersion, tx) {
        const untyped = tx as unknown as IDBPTransaction<unknown, string[], 'versionchange'>
        upgradeAppDB(database as unknown as IDBPDatabase, oldVersion, untyped, now()).catch(
          (error: unknown) => {
            upgradeError = error
          },
        )
      },
      blocked(currentVersion, blockedVersion) {
        options.onBlocked?.({ currentVersion, requestedVersion: blockedVersion ?? APP_DB_VERSION })
      },
      blocking(_currentVersion, _blockedVersion, event) {
        // let the newer tab upgrade instead of blocking it
        ;(event.target as IDBDatabase).close()
        options.onClose?.('versionchange')
      },
      terminated() {
        options.onClose?.('terminated')
      },
    })
    return createIdbStore(db, now)
  } catch (error) {
    throw upgradeError ?? error
  }
}

function toDrafts(records: readonly DraftRecord[]): Drafts {
  return Object.fromEntries(records.map(({ path, content, updatedAt }) => [path, { content, updatedAt }]))
}

function createIdbStore(db: IDBPDatabase<AppDBSchema>, now: () => number): AppStore {
  return {
    persistent: true,

    async getDrafts(exerciseId) {
      return toDrafts(await db.getAllFromIndex('drafts', 'exerciseId', exerciseId))
    },

    async saveDraft(exerciseId, path, content, base) {
      const at = now()
      const tx = db.transaction(['drafts', 'history'], 'readwrite')
      const drafts = tx.objectStore('drafts')
      const history = tx.objectStore('history')
      const snapshots = history.index('file')
      const file: [string, string] = [exerciseId, path]
      const trim = async () => {
        let excess = (await snapshots.count(file)) - HISTORY_LIMIT
        for (let cursor = await snapshots.openCursor(file); cursor && excess > 0; excess--) {
          await cursor.delete()
          cursor = await cursor.continue()
        }
      }
      // one transaction: another tab's save cannot slip in between the look and the put
      return committed(tx, async () => {
        const stored = await drafts.get(file)
        const overwritten = unseenDraft(
          stored && { content: stored.content, updatedAt: stored.updatedAt },
          content,
          base,
        )
        if (overwritten) await history.add({ exerciseId, path, content: overwritten.content, at })
        const last = await snapshots.openCursor(file, 'prev')
        if (shouldSnapshot(last?.value, content, at)) await history.add({ exerciseId, path, content, at })
        await drafts.put({ exerciseId, path, content, updatedAt: at })
        await trim()
        return overwritten ? { overwritten } : {}
      })
    },

    async history(exerciseId, path) {
      const records = await db.getAllFromIndex('history', 'file', [exerciseId, path])
      return records.reverse().map(({ content, at }) => ({ content, at }))
    },

    async deleteDrafts(exerciseId) {
      const tx = db.transaction('drafts', 'readwrite')
      return committed(tx, async () => {
        const records = await tx.store.index('exerciseId').getAll(exerciseId)
        await startAll(records.map((record) => () => tx.store.delete([record.exerciseId, record.path])))
        return toDrafts(records)
      })
    },

    async restoreDrafts(exerciseId, deleted) {
      const tx = db.transaction('drafts', 'readwrite')
      await committed(tx, async () => {
        const entries = Object.entries(deleted)
        await startAll(
          entries.map(
            ([path, { content, updatedAt }]) =>
              () =>
                tx.store.put({ exerciseId, path, content, updatedAt }),
          ),
        )
      })
    },

    async saveResult(exerciseId, summary) {
      await db.put('results', toRunSummary(summary), exerciseId)
    },

    async getResult(exerciseId) {
      return db.get('results', exerciseId)
    },

    async getHintsRevealed(exerciseId) {
      const count = await db.get('hints', exerciseId)
      return typeof count === 'number' ? count : 0
    },

    async setHintsRevealed(exerciseId, count) {
      checkHintCount(count)
      await db.put('hints', count, exerciseId)
    },

    async getSetting<K extends keyof Settings>(key: K): Promise<Settings[K]> {
      const value = await db.get('settings', key)
      return isValidSetting(key, value) ? value : defaultSettings[key]
    },

    async setSetting(key, value) {
      checkSetting(key, value)
      await db.put('settings', value, key)
    },

    async getSettings() {
      const tx = db.transaction('settings')
      const [keys, values] = await committed(tx, () =>
        startAll([() => tx.store.getAllKeys(), () => tx.store.getAll()]),
      )
      return settingsFrom(keys.map((key, index) => [key, values[index]] as const))
    },

    async progress(exerciseIds) {
      const tx = db.transaction(['drafts', 'results'])
      const results = tx.objectStore('results')
      const [draftKeys, resultIds, summaries] = await committed(tx, () =>
        startAll([
          () => tx.objectStore('drafts').getAllKeys(),
          () => results.getAllKeys(),
          () => results.getAll(),
        ]),
      )
      const pairs = summaries.flatMap((summary, index) => {
        const id = resultIds[index]
        return id === undefined ? [] : [[id, summary] as const]
      })
      return deriveProgress(
        draftKeys.map(([id]) => id),
        pairs,
        exerciseIds,
      )
    },

    async markRunning(exerciseId) {
      await db.put('meta', { exerciseId, at: now() }, RUNNING_KEY)
    },

    async clearRunning() {
      await db.delete('meta', RUNNING_KEY)
    },

    async getRunningMark() {
      const mark = await db.get('meta', RUNNING_KEY)
      return isRunningMark(mark) ? { exerciseId: mark.exerciseId, at: mark.at } : undefined
    },

    async exportAll() {
      const tx = db.transaction(['drafts', 'history', 'results', 'hints', 'settings'])
      const keyed = <T>(keys: readonly IDBValidKey[], values: readonly T[]) =>
        Object.fromEntries(keys.map((key, index) => [String(key), values[index] as T]))
      const [drafts, history, resultIds, results, hintIds, hints, settingKeys, settingValues] =
        await committed(tx, () =>
          startAll([
            () => tx.objectStore('drafts').getAll(),
            () => tx.objectStore('history').getAll(),
            () => tx.objectStore('results').getAllKeys(),
            () => tx.objectStore('results').getAll(),
            () => tx.objectStore('hints').getAllKeys(),
            () => tx.objectStore('hints').getAll(),
            () => tx.objectStore('settings').getAllKeys(),
            () => tx.objectStore('settings').getAll(),
          ]),
        )
      const settings: Record<string, unknown> = {}
      settingKeys.forEach((key, index) => {
        if (Object.hasOwn(defaultSettings, key) && isValidSetting(key, settingValues[index]))
          settings[key] = settingValues[index]
      })
      return {
        drafts: drafts.map(({ exerciseId, path, content, updatedAt }) => ({
          exerciseId,
          path,
          content,
          updatedAt,
        })),
        history: history.map(({ exerciseId, path, content, at }) => ({ exerciseId, path, content, at })),
        results: keyed(resultIds, results),
        hints: keyed(hintIds, hints),
        settings: settings as Partial<Settings>,
      }
    },

    async replaceAll(dump) {
      const tx = db.transaction(['drafts', 'history', 'results', 'hints', 'settings'], 'readwrite')
      await committed(tx, async () => {
        await startAll([
          () => tx.objectStore('drafts').clear(),
          () => tx.objectStore('history').clear(),
          () => tx.objectStore('results').clear(),
          () => tx.objectStore('hints').clear(),
          () => tx.objectStore('settings').clear(),
        ])
        await startAll([
          ...dump.drafts.map((draft) => () => tx.objectStore('drafts').put({ ...draft })),
          ...dump.history.map((snapshot) => () => tx.objectStore('history').add({ ...snapshot })),
          ...Object.entries(dump.results).map(
            ([id, summary]) =>
              () =>
                tx.objectStore('results').put(toRunSummary(summary), id),
          ),
          ...Object.entries(dump.hints).map(
            ([id, count]) =>
              () =>
                tx.objectStore('hints').put(count, id),
          ),
          ...Object.entries(dump.settings).map(
            ([key, value]) =>
              () =>
                tx.objectStore('settings').put(value, key as keyof Settings),
          ),
        ])
      })
    },

    close() {
      db.close()
    },
  }
}
