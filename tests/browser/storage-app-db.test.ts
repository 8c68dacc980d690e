// IndexedDB-only behaviour: persistence, upgrades from a v1 database, blocked and blocking connections.
import { deleteDB } from 'idb'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { openAppStore } from '../../src/storage/app-db'
import { APP_DB_VERSION } from '../../src/storage/app-db-schema'
import type { AppStore } from '../../src/storage/app-store'

const open: { close(): void }[] = []
const names: string[] = []

function dbName(): string {
  const name = `authlab-test-${crypto.randomUUID()}`
  names.push(name)
  return name
}

afterEach(async () => {
  vi.restoreAllMocks()
  for (const connection of open.splice(0)) connection.close()
  await Promise.all(names.splice(0).map((name) => deleteDB(name)))
})

async function track(store: Promise<AppStore>): Promise<AppStore> {
  const opened = await store
  open.push(opened)
  return opened
}

/** Opens `name` with raw IndexedDB, as an older AuthLab (or another tab) would. */
function openRaw(name: string, version?: number, upgrade?: (db: IDBDatabase) => void): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name, version)
    request.onupgradeneeded = () => upgrade?.(request.result)
    request.onsuccess = () => {
      open.push(request.result)
      resolve(request.result)
    }
    request.onerror = () => reject(request.error)
  })
}

function rawRequest<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result)
    request.onerror = () => reject(request.error)
  })
}

const v1Saved = Date.UTC(2026, 9, 1)

/** A database as AuthLab v1 left it: one `drafts` store keyed by "exerciseId/path". */
function createV1Fixture(name: string): Promise<IDBDatabase> {
  return openRaw(name, 1, (db) => {
    const drafts = db.createObjectStore('drafts')
    drafts.put({ content: 'class SimpleJWT { /* mine */ }', updatedAt: v1Saved }, 'simple-jwt/SimpleJWT.ts')
    drafts.put({ content: 'class AuthService {}', updatedAt: v1Saved + 1 }, 'auth-service/AuthService.ts')
    drafts.put(
      { content: '// my PasswordManager', updatedAt: v1Saved + 2 },
      'auth-service/PasswordManager.ts',
    )
    // an early v1 build stored bare strings
    drafts.put('class PasswordManager {}', 'password-manager/PasswordManager.ts')
    // and something no version should have written
    drafts.put({ text: 'odd' }, 'no-slash-key')
  })
}

describe('openAppStore', () => {
  test('creates every store at the current version in a new database', async () => {
    const name = dbName()
    const store = await track(openAppStore(name))
    store.close()
    const raw = await openRaw(name)
    expect(raw.version).toBe(APP_DB_VERSION)
    expect([...raw.objectStoreNames].sort()).toEqual([
      'drafts',
      'hints',
      'history',
      'meta',
      'results',
      'settings',
    ])
  })

  test('keeps everything across a reload, including a running mark left by a frozen run', async () => {
    const name = dbName()
    const first = await track(openAppStore(name))
    await first.saveDraft('simple-jwt', 'SimpleJWT.ts', 'my work')
    await first.setSetting('theme', 'dark')
    await first.setHintsRevealed('simple-jwt', 1)
    await first.saveResult('simple-jwt', { passed: 1, total: 2, failed: 1, at: 1, tests: [] })
    await first.markRunning('simple-jwt')
    // the tab froze here: clearRunning never ran
    first.close()

    const second = await track(openAppStore(name))
    expect((await second.getDrafts('simple-jwt'))['SimpleJWT.ts']?.content).toBe('my work')
    expect(await second.getSetting('theme')).toBe('dark')
    expect(await second.getHintsRevealed('simple-jwt')).toBe(1)
    expect((await second.getResult('simple-jwt'))?.passed).toBe(1)
    expect((await second.getRunningMark())?.exerciseId).toBe('simple-jwt')
  })

  test('upgrades a v1 database, keeping every draft and seeding history with it', async () => {
    const name = dbName()
    ;(await createV1Fixture(name)).close()
    const migratedAt = Date.UTC(2026, 10, 1)

    const store = await track(openAppStore(name, { now: () => migratedAt }))

    expect(await store.getDrafts('simple-jwt')).toEqual({
      'SimpleJWT.ts': { content: 'class SimpleJWT { /* mine */ }', updatedAt: v1Saved },
    })
    expect(await store.getDrafts('auth-service')).toEqual({
      'AuthService.ts': { content: 'class AuthService {}', updatedAt: v1Saved + 1 },
      'PasswordManager.ts': { content: '// my PasswordManager', updatedAt: v1Saved + 2 },
    })
    expect(await store.getDrafts('password-manager')).toEqual({
      'PasswordManager.ts': { content: 'class PasswordManager {}', updatedAt: migratedAt },
    })
    expect(await store.history('simple-jwt', 'SimpleJWT.ts')).toEqual([
      { content: 'class SimpleJWT { /* mine */ }', at: v1Saved },
    ])
    expect(await store.progress()).toEqual({
      'simple-jwt': 'in-progress',
      'auth-service': 'in-progress',
      'password-manager': 'in-progress',
    })

    // and it works as a v2 store afterwards
    await store.saveDraft('simple-jwt', 'SimpleJWT.ts', 'edited after the upgrade')
    expect((await store.getDrafts('simple-jwt'))['SimpleJWT.ts']?.content).toBe('edited after the upgrade')
    store.close()

    // what could not be read as a draft is kept, not dropped
    const raw = await openRaw(name)
    const kept = await rawRequest(
      raw.transaction('meta').objectStore('meta').get('v1-unreadable:no-slash-key'),
    )
    expect(kept).toEqual({ text: 'odd' })
  })

  test('leaves a v1 database untouched when its upgrade fails', async () => {
    const name = dbName()
    ;(await createV1Fixture(name)).close()
    const failure = new DOMException('disk trouble', 'UnknownError')
    vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(() => {
      throw failure
    })

    await expect(openAppStore(name)).rejects.toBe(failure)
    vi.restoreAllMocks()

    const raw = await openRaw(name)
    expect(raw.version).toBe(1)
    const drafts = raw.transaction('drafts').objectStore('drafts')
    expect(await rawRequest(drafts.count())).toBe(5)
    expect(await rawRequest(drafts.get('simple-jwt/SimpleJWT.ts'))).toEqual({
      content: 'class SimpleJWT { /* mine */ }',
      updatedAt: v1Saved,
    })
    raw.close()

    // the next attempt succeeds
    const store = await track(openAppStore(name))
    expect(Object.keys(await store.getDrafts('auth-service'))).toEqual([
      'AuthService.ts',
      'PasswordManager.ts',
    ])
  })

  test('reports being blocked by an old tab, and opens once that tab lets go', async () => {
    const name = dbName()
    // an old tab with v1 open that ignores versionchange
    const oldTab = await createV1Fixture(name)
    const onBlocked = vi.fn()

    const opening = openAppStore(name, { onBlocked })
    await vi.waitFor(() => expect(onBlocked).toHaveBeenCalledWith({ currentVersion: 1, requestedVersion: 2 }))

    oldTab.close()
    const store = await track(opening)
    expect((await store.getDrafts('simple-jwt'))['SimpleJWT.ts']?.content).toBe(
      'class SimpleJWT { /* mine */ }',
    )
  })

  test('lets go when a newer version opens in another tab, and says so', async () => {
    const name = dbName()
    const onClose = vi.fn()
    const store = await track(openAppStore(name, { onClose }))
    await store.saveDraft('simple-jwt', 'SimpleJWT.ts', 'mine')
    const newerBlocked = vi.fn()

    const newer = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name, APP_DB_VERSION + 1)
      request.onblocked = newerBlocked
      request.onsuccess = () => resolve(request.result)
      request.onerror = () => reject(request.error)
    })
    open.push(newer)

    expect(newerBlocked).not.toHaveBeenCalled()
    expect(onClose).toHaveBeenCalledWith('versionchange')
    await expect(store.getDrafts('simple-jwt')).rejects.toMatchObject({ name: 'InvalidStateError' })
  })

  test('rejects with VersionError for a database from a newer AuthLab, leaving it alone', async () => {
    const name = dbName()
    ;(await openRaw(name, 99)).close()
    await expect(openAppStore(name)).rejects.toMatchObject({ name: 'VersionError' })
    const raw = await openRaw(name)
    expect(raw.version).toBe(99)
  })
})
