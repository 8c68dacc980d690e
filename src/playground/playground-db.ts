import { type DBSchema, deleteDB, type IDBPDatabase, openDB } from 'idb'

/** The one persistent database the playground's services run on, so the learner can inspect it. */
export const playgroundDbName = 'authlab-playground'

/** A user row as the provided `UserStore.ts` stores it, read for display; values are shown, never trusted. */
export interface StoredUser {
  readonly id: number
  readonly username: string
  readonly email: string
  readonly role: string
  readonly isActive: boolean
  readonly createdAt: string
  readonly hashedPassword: string
}

// must match exercises/*/UserStore.ts (object store, key path, unique indexes): it opens this database
// at version 1 and only creates its store when the database is new
interface PlaygroundSchema extends DBSchema {
  users: {
    key: number
    value: Record<string, unknown>
    indexes: { usernameKey: string; emailKey: string }
  }
  meta: { key: string; value: unknown }
}

const secretKey = 'jwtSecret'
const totpSecretKey = 'totpSecret'

/** The playground database from the page's side: its signing secret and its users. */
export interface PlaygroundDb {
  /** The database name, for the worker's `openUserStore`. */
  readonly name: string
  /** The HS256 secret, 32 random bytes made on first use and kept, so tokens verify after a reload. */
  secret(): Promise<Uint8Array<ArrayBuffer>>
  /**
   * The TOTP secret of the TOTP view, 20 random bytes (RFC 4226's recommended 160 bits) made on first use and
   * kept, so an authenticator app that scanned it keeps agreeing; `renew` replaces it with a fresh one.
   */
  totpSecret(renew?: boolean): Promise<Uint8Array<ArrayBuffer>>
  /** Every stored user, by id. */
  users(): Promise<StoredUser[]>
  /** Deletes the whole database: users and secret (tokens issued so far stop verifying). */
  clear(): Promise<void>
  close(): void
}

/** Why the database cannot be used, as the panel says it. */
export class PlaygroundDbError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'PlaygroundDbError'
  }
}

const text = (value: unknown) => (typeof value === 'string' ? value : String(value ?? ''))

function toStoredUser(record: Record<string, unknown>): StoredUser {
  return {
    id: Number(record.id),
    username: text(record.username),
    email: text(record.email),
    role: text(record.role),
    isActive: record.isActive === true,
    createdAt: text(record.createdAt),
    hashedPassword: text(record.hashedPassword),
  }
}

/**
 * The playground database, opened lazily and reopened after a clear. The page opens it before the worker
 * does, so it is created with both stores; another tab or a clear closes this connection instead of waiting.
 */
export function openPlaygroundDb(name = playgroundDbName): PlaygroundDb {
  let opening: Promise<IDBPDatabase<PlaygroundSchema>> | undefined

  const connection = () => {
    opening ??= openDB<PlaygroundSchema>(name, 1, {
      upgrade(database) {
        const users = database.createObjectStore('users', { keyPath: 'id', autoIncrement: true })
        users.createIndex('usernameKey', 'usernameKey', { unique: true })
        users.createIndex('emailKey', 'emailKey', { unique: true })
        database.createObjectStore('meta')
      },
      blocking() {
        void opening?.then((db) => db.close())
        opening = undefined
      },
      terminated() {
        opening = undefined
      },
    }).then((db) => {
      if (!db.objectStoreNames.contains('meta') || !db.objectStoreNames.contains('users')) {
        db.close()
        throw new PlaygroundDbError(
          `The database "${name}" was created without the playground's stores; clear it to start over.`,
        )
      }
      return db
    })
    opening.catch(() => {
      opening = undefined
    })
    return opening
  }

  /** The random bytes kept under `key`, made (or remade, with `renew`) when there are none of `size`. */
  const keptSecret = async (key: string, size: number, renew = false) => {
    const db = await connection()
    const tx = db.transaction('meta', 'readwrite')
    const stored = await tx.store.get(key)
    if (!renew && stored instanceof Uint8Array && stored.byteLength >= size) {
      await tx.done
      return new Uint8Array(stored)
    }
    const fresh = crypto.getRandomValues(new Uint8Array(size))
    await tx.store.put(fresh, key)
    await tx.done
    return fresh
  }

  return {
    name,
    secret: () => keptSecret(secretKey, 32),
    totpSecret: (renew) => keptSecret(totpSecretKey, 20, renew),
    async users() {
      const db = await connection()
      return (await db.getAll('users')).map(toStoredUser)
    },
    async clear() {
      const current = opening
      opening = undefined
      await current?.then((db) => db.close()).catch(() => undefined)
      await deleteDB(name)
    },
    close() {
      void opening?.then((db) => db.close()).catch(() => undefined)
      opening = undefined
    },
  }
}
