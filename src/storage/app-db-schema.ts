// The app database's schema and its migrations, one step per version.
import type { DBSchema, IDBPDatabase, IDBPTransaction } from 'idb'
import type { RunSummary, Settings } from './app-store'
import { startAll } from './idb-requests'

/** The schema version this code opens. Raise it only together with a new entry in `migrations`. */
export const APP_DB_VERSION = 2

/** A row of `drafts` (v2+): one file of one exercise. */
export interface DraftRecord {
  readonly exerciseId: string
  readonly path: string
  readonly content: string
  readonly updatedAt: number
}

/** A row of `history` (v2+); `id` grows with every snapshot, so it orders them. */
export interface SnapshotRecord {
  readonly id?: number
  readonly exerciseId: string
  readonly path: string
  readonly content: string
  readonly at: number
}

/** The stores of the app database at `APP_DB_VERSION`. */
export interface AppDBSchema extends DBSchema {
  drafts: { key: [string, string]; value: DraftRecord; indexes: { exerciseId: string } }
  history: { key: number; value: SnapshotRecord; indexes: { file: [string, string] } }
  /** Last run summary, keyed by exercise id. */
  results: { key: string; value: RunSummary }
  /** Hints revealed, keyed by exercise id. */
  hints: { key: string; value: number }
  settings: { key: keyof Settings; value: Settings[keyof Settings] }
  /** `running` -> the running mark; `v1-unreadable:<key>` -> a v1 draft that could not be converted, kept as is. */
  meta: { key: string; value: unknown }
}

/** Key of the running mark in `meta`. */
export const RUNNING_KEY = 'running'

type UpgradeTransaction = IDBPTransaction<unknown, string[], 'versionchange'>

/** Moves the database from version `n` to `n + 1`, where `n` is the migration's index. */
type Migration = (db: IDBPDatabase, tx: UpgradeTransaction, now: number) => Promise<void> | void

// v1: drafts only, out-of-line keys "exerciseId/path", values {content, updatedAt}.
const toV1: Migration = (db) => {
  db.createObjectStore('drafts')
}

/** Reads a v1 draft; undefined if the key or value cannot be understood. */
function readV1Draft(key: IDBValidKey, value: unknown, now: number): DraftRecord | undefined {
  if (typeof key !== 'string') return undefined
  const slash = key.indexOf('/')
  if (slash <= 0 || slash === key.length - 1) return undefined
  const exerciseId = key.slice(0, slash)
  const path = key.slice(slash + 1)
  if (typeof value === 'string') return { exerciseId, path, content: value, updatedAt: now }
  if (typeof value !== 'object' || value === null) return undefined
  const { content, updatedAt } = value as { content?: unknown; updatedAt?: unknown }
  if (typeof content !== 'string') return undefined
  return { exerciseId, path, content, updatedAt: Number.isFinite(updatedAt) ? (updatedAt as number) : now }
}

// v2: drafts keyed by [exerciseId, path]; adds history, results, hints, settings, meta.
const toV2: Migration = async (db, tx, now) => {
  const legacy = tx.objectStore('drafts')
  const [keys, values] = await startAll([() => legacy.getAllKeys(), () => legacy.getAll()])
  db.deleteObjectStore('drafts')

  const drafts = db.createObjectStore('drafts', { keyPath: ['exerciseId', 'path'] })
  drafts.createIndex('exerciseId', 'exerciseId')
  const history = db.createObjectStore('history', { keyPath: 'id', autoIncrement: true })
  history.createIndex('file', ['exerciseId', 'path'])
  db.createObjectStore('results')
  db.createObjectStore('hints')
  db.createObjectStore('settings')
  const meta = db.createObjectStore('meta')

  const keep = async (key: IDBValidKey, value: unknown) => {
    const draft = readV1Draft(key, value, now)
    // never drop learner data: keep what we cannot read as it is
    if (!draft) return meta.put(value, `v1-unreadable:${String(key)}`)
    // the migrated text becomes the file's first snapshot
    return startAll([() => drafts.put(draft), () => history.add({ ...draft, at: draft.updatedAt })])
  }
  await Promise.all(keys.map((key, index) => keep(key, values[index])))
}

/** `migrations[n]` upgrades version `n` to `n + 1`. Never delete one: old databases still need it. */
const migrations: readonly Migration[] = [toV1, toV2]

/**
 * Runs every migration from `oldVersion` up to `APP_DB_VERSION` inside the upgrade transaction.
 * Rejects (after aborting the transaction, so nothing changes on disk) if a step fails.
 */
export async function upgradeAppDB(
  db: IDBPDatabase,
  oldVersion: number,
  tx: UpgradeTransaction,
  now: number,
): Promise<void> {
  // a failed upgrade is reported by the open request; this only keeps the abort from going unhandled
  tx.done.catch(() => {})
  try {
    for (let version = oldVersion; version < APP_DB_VERSION; version++) {
      const migrate = migrations[version]
      if (!migrate) throw new Error(`src/storage/app-db-schema.ts: no migration from version ${version}`)
      await migrate(db, tx, now)
    }
  } catch (error) {
    try {
      tx.abort()
    } catch {
      // already aborted by the failed request
    }
    throw error
  }
}
