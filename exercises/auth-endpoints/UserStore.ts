import { type DBSchema, type IDBPDatabase, openDB } from 'idb'

/** What a user may do; every new account starts as a `reader`. */
export type Role = 'reader' | 'author' | 'admin'

/** A user as stored. `hashedPassword` must never leave the service: hand out a {@link PublicUser} instead. */
export interface User {
  /** Assigned by the store (1, 2, 3...); never reused. */
  id: number
  /** As typed at registration; unique ignoring case. */
  username: string
  /** Unique ignoring case. */
  email: string
  /** A `pbkdf2_sha256$...` string from `PasswordManager.hashPassword`, never the password itself. */
  hashedPassword: string
  role: Role
  /** An inactive user can neither log in nor use a token issued earlier. */
  isActive: boolean
  /** ISO 8601 time of creation, set by the store. */
  createdAt: string
}

/** What `create` needs: a user without the fields the store fills in. */
export type NewUser = Omit<User, 'id' | 'createdAt'>

/** A user as it may be shown to anyone: everything but the password hash. */
export type PublicUser = Omit<User, 'hashedPassword'>

/** Thrown by `create` and `update` when the username or email (ignoring case) belongs to another user. */
export class DuplicateUserError extends Error {
  /** Which unique field clashed. */
  readonly field: 'username' | 'email'

  constructor(field: 'username' | 'email') {
    super(`A user with this ${field} already exists`)
    this.name = 'DuplicateUserError'
    this.field = field
  }
}

/** Users kept in IndexedDB. Methods reject with the platform's `DOMException` if the database fails. */
export interface UserStore {
  /** Saves a new user and returns it with `id` and `createdAt`; rejects with {@link DuplicateUserError}. */
  create(user: NewUser): Promise<User>
  /** The user with this id, or undefined. */
  findById(id: number): Promise<User | undefined>
  /** The user with this username, ignoring case, or undefined. */
  findByUsername(username: string): Promise<User | undefined>
  /** The user with this email, ignoring case, or undefined. */
  findByEmail(email: string): Promise<User | undefined>
  /** Replaces the stored user with the same id; rejects if there is none, or with {@link DuplicateUserError}. */
  update(user: User): Promise<void>
}

// the unique indexes are on lower-cased copies, so "Alice" and "alice" collide in the database itself;
// `id` is optional because autoIncrement assigns it on `add`
interface UserRecord extends Omit<User, 'id'> {
  id?: number
  usernameKey: string
  emailKey: string
}

interface UserDB extends DBSchema {
  users: {
    key: number
    value: UserRecord
    indexes: { usernameKey: string; emailKey: string }
  }
}

const newUserFields = ['username', 'email', 'hashedPassword', 'role', 'isActive']
const userFields = ['id', ...newUserFields, 'createdAt']

// a typo or a stray `password` field fails loudly instead of being saved
function rejectUnknownFields(method: string, user: object, allowed: readonly string[]): void {
  const unknown = Object.keys(user).filter((key) => !allowed.includes(key))
  if (unknown.length > 0) {
    throw new TypeError(`UserStore.${method}: unexpected field(s) ${unknown.join(', ')}`)
  }
}

function toRecord(user: Omit<User, 'id'> & { id?: number }): UserRecord {
  const { username, email, hashedPassword, role, isActive, createdAt } = user
  const record = { username, email, hashedPassword, role, isActive, createdAt }
  const keys = { usernameKey: username.toLowerCase(), emailKey: email.toLowerCase() }
  return user.id === undefined ? { ...record, ...keys } : { id: user.id, ...record, ...keys }
}

function toUser(record: UserRecord, id: number): User {
  const { username, email, hashedPassword, role, isActive, createdAt } = record
  return { id, username, email, hashedPassword, role, isActive, createdAt }
}

const isConstraintError = (error: unknown) =>
  error instanceof DOMException && error.name === 'ConstraintError'

// a ConstraintError does not say which index refused the record: ask the username index
async function clashingField(db: IDBPDatabase<UserDB>, record: UserRecord): Promise<'username' | 'email'> {
  const owner = await db.getKeyFromIndex('users', 'usernameKey', record.usernameKey)
  return owner !== undefined && owner !== record.id ? 'username' : 'email'
}

/**
 * Opens (creating if needed) the user database `dbName`. Uniqueness lives in unique indexes, so two
 * registrations racing for one name cannot both succeed. Call `close()` when done, e.g. before deleting it.
 */
export async function openUserStore(dbName: string): Promise<UserStore & { close(): void }> {
  const db: IDBPDatabase<UserDB> = await openDB<UserDB>(dbName, 1, {
    upgrade(database) {
      const users = database.createObjectStore('users', { keyPath: 'id', autoIncrement: true })
      users.createIndex('usernameKey', 'usernameKey', { unique: true })
      users.createIndex('emailKey', 'emailKey', { unique: true })
    },
    // let a deleteDatabase() or a newer version proceed instead of waiting on this connection
    blocking() {
      db.close()
    },
  })

  const found = (record: UserRecord | undefined) =>
    record?.id === undefined ? undefined : toUser(record, record.id)

  return {
    async create(user) {
      rejectUnknownFields('create', user, newUserFields)
      const record = toRecord({ ...user, createdAt: new Date().toISOString() })
      try {
        return toUser(record, await db.add('users', record))
      } catch (error) {
        if (isConstraintError(error)) throw new DuplicateUserError(await clashingField(db, record))
        throw error
      }
    },
    async findById(id) {
      return found(await db.get('users', id))
    },
    async findByUsername(username) {
      return found(await db.getFromIndex('users', 'usernameKey', username.toLowerCase()))
    },
    async findByEmail(email) {
      return found(await db.getFromIndex('users', 'emailKey', email.toLowerCase()))
    },
    async update(user) {
      rejectUnknownFields('update', user, userFields)
      const tx = db.transaction('users', 'readwrite')
      try {
        if ((await tx.store.getKey(user.id)) === undefined) {
          throw new Error(`UserStore.update: no user with id ${user.id}`)
        }
        await tx.store.put(toRecord(user))
        await tx.done
      } catch (error) {
        tx.done.catch(() => {}) // the transaction aborts with the same error; report it once
        if (isConstraintError(error)) throw new DuplicateUserError(await clashingField(db, toRecord(user)))
        throw error
      }
    },
    close() {
      db.close()
    },
  }
}
