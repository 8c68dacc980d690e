import { type DBSchema, type IDBPDatabase, openDB } from 'idb'

/**
 * One refresh token as stored. The token itself is never stored: only its SHA-256, so a
 * copy of the database hands out no sessions.
 */
export interface RefreshRecord {
  /** The key: the token's SHA-256 as text (hex or base64url: the service picks). */
  tokenHash: string
  /** The session (family): every token rotated from one login shares it. */
  familyId: string
  /** The id of the user the session belongs to. */
  userId: number
  /** Seconds since the epoch: from this moment on, the token is no longer accepted. */
  expiresAt: number
  /**
   * Seconds since the epoch when the token was exchanged, set by `markUsed`; unset while
   * the token is unused.
   */
  usedAt?: number
}

/**
 * Refresh tokens kept in IndexedDB. Methods reject with the platform's `DOMException` if
 * the database fails.
 */
export interface RefreshTokenStore {
  /**
   * Saves a new record. Rejects with a `ConstraintError` `DOMException` if this
   * `tokenHash` is taken, and with a `TypeError` for a field `RefreshRecord` lacks.
   */
  add(record: RefreshRecord): Promise<void>
  /** The record with this `tokenHash`, or undefined. */
  get(tokenHash: string): Promise<RefreshRecord | undefined>
  /**
   * Sets `usedAt` to `at` in one readwrite transaction and resolves with true, but only
   * if the record exists and `usedAt` was unset. Everyone else gets false, so of two
   * refreshes racing with one token, only one can win.
   */
  markUsed(tokenHash: string, at: number): Promise<boolean>
  /** Revokes the family `familyId` at `at` (seconds); revoking it again does nothing. */
  revokeFamily(familyId: string, at: number): Promise<void>
  /**
   * Revokes, at `at` (seconds), every family that has a token of this user in the store,
   * used tokens included. Families started later are not affected.
   */
  revokeUser(userId: number, at: number): Promise<void>
  /** Whether `revokeFamily` or `revokeUser` has revoked this family. */
  isFamilyRevoked(familyId: string): Promise<boolean>
}

/** What `openRefreshTokenStore` resolves with: the store, and `close()` for the end. */
type ClosableStore = RefreshTokenStore & { close(): void }

/** A revoked family, with its user when the store holds a token of it. */
interface RevokedFamily {
  familyId: string
  userId?: number
  revokedAt: number
}

interface RefreshDB extends DBSchema {
  tokens: {
    key: string
    value: RefreshRecord
    indexes: { familyId: string; userId: number }
  }
  revokedFamilies: {
    key: string
    value: RevokedFamily
    indexes: { userId: number }
  }
}

const recordFields = ['tokenHash', 'familyId', 'userId', 'expiresAt', 'usedAt']

// a typo or a stray `refreshToken` field fails loudly instead of being saved
function rejectUnknownFields(record: object): void {
  const unknown = Object.keys(record).filter((key) => !recordFields.includes(key))
  if (unknown.length > 0) {
    const fields = unknown.join(', ')
    throw new TypeError(`RefreshTokenStore.add: unexpected field(s) ${fields}`)
  }
}

// waits for the commit; a failed request aborts the transaction with the same error,
// so report it once
async function committed<T>(tx: { done: Promise<void> }, work: () => Promise<T>) {
  try {
    const result = await work()
    await tx.done
    return result
  } catch (error) {
    tx.done.catch(() => {})
    throw error
  }
}

/**
 * Opens (creating if needed) the refresh-token database `dbName`. Call `close()` when
 * done, e.g. before deleting it.
 */
export async function openRefreshTokenStore(dbName: string): Promise<ClosableStore> {
  const db: IDBPDatabase<RefreshDB> = await openDB<RefreshDB>(dbName, 1, {
    upgrade(database) {
      const tokens = database.createObjectStore('tokens', { keyPath: 'tokenHash' })
      tokens.createIndex('familyId', 'familyId')
      tokens.createIndex('userId', 'userId')
      const familyKey = { keyPath: 'familyId' }
      const revoked = database.createObjectStore('revokedFamilies', familyKey)
      revoked.createIndex('userId', 'userId')
    },
    // let deleteDatabase() or a newer version proceed instead of waiting on us
    blocking() {
      db.close()
    },
  })

  return {
    async add(record) {
      rejectUnknownFields(record)
      const { tokenHash, familyId, userId, expiresAt, usedAt } = record
      const copy = { tokenHash, familyId, userId, expiresAt }
      await db.add('tokens', usedAt === undefined ? copy : { ...copy, usedAt })
    },
    async get(tokenHash) {
      return db.get('tokens', tokenHash)
    },
    async markUsed(tokenHash, at) {
      // one transaction: IndexedDB runs overlapping readwrite transactions one at a
      // time, so a second caller reads the usedAt the first one wrote
      const tx = db.transaction('tokens', 'readwrite')
      return committed(tx, async () => {
        const record = await tx.store.get(tokenHash)
        if (record === undefined || record.usedAt !== undefined) return false
        await tx.store.put({ ...record, usedAt: at })
        return true
      })
    },
    async revokeFamily(familyId, at) {
      const tx = db.transaction(['tokens', 'revokedFamilies'], 'readwrite')
      const revoked = tx.objectStore('revokedFamilies')
      await committed(tx, async () => {
        if ((await revoked.getKey(familyId)) !== undefined) return
        const token = await tx.objectStore('tokens').index('familyId').get(familyId)
        const entry: RevokedFamily = { familyId, revokedAt: at }
        if (token !== undefined) entry.userId = token.userId
        await revoked.add(entry)
      })
    },
    async revokeUser(userId, at) {
      const tx = db.transaction(['tokens', 'revokedFamilies'], 'readwrite')
      const revoked = tx.objectStore('revokedFamilies')
      await committed(tx, async () => {
        // all the user's tokens, used ones too: a family whose last token was used counts
        const tokens = await tx.objectStore('tokens').index('userId').getAll(userId)
        for (const familyId of new Set(tokens.map((token) => token.familyId))) {
          if ((await revoked.getKey(familyId)) === undefined) {
            await revoked.add({ familyId, userId, revokedAt: at })
          }
        }
      })
    },
    async isFamilyRevoked(familyId) {
      return (await db.getKey('revokedFamilies', familyId)) !== undefined
    },
    close() {
      db.close()
    },
  }
}
