// Falling back to the in-memory store when IndexedDB cannot be used, and the words the UI shows for it.
import { deleteDB } from 'idb'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { openAppStoreOrFallback } from '../../src/storage/memory-store'
import {
  describeStorageError,
  storageBlockedMessage,
  storageClosedMessage,
  storageUnavailableMessage,
} from '../../src/storage/storage-messages'

const names: string[] = []
const stores: { close(): void }[] = []

function dbName(): string {
  const name = `authlab-test-${crypto.randomUUID()}`
  names.push(name)
  return name
}

afterEach(async () => {
  vi.restoreAllMocks()
  vi.unstubAllGlobals()
  for (const store of stores.splice(0)) store.close()
  await Promise.all(names.splice(0).map((name) => deleteDB(name)))
})

describe('openAppStoreOrFallback', () => {
  test('opens IndexedDB when it can, without a warning', async () => {
    const opened = await openAppStoreOrFallback(dbName())
    stores.push(opened.store)
    expect(opened.store.persistent).toBe(true)
    expect(opened.warning).toBeUndefined()
  })

  test('falls back to memory when opening throws, as in some private windows', async () => {
    const refusal = new DOMException('A mutation operation was attempted on a database.', 'InvalidStateError')
    vi.spyOn(indexedDB, 'open').mockImplementation(() => {
      throw refusal
    })

    const opened = await openAppStoreOrFallback(dbName())
    stores.push(opened.store)
    expect(opened.store.persistent).toBe(false)
    expect(opened.error).toBe(refusal)
    expect(opened.warning).toMatch(
      /^Your browser blocked storage: work is kept only until you close this tab\./,
    )
    expect(opened.warning).toMatch(/allow site data/)

    // and the learner can still work
    await opened.store.saveDraft('simple-jwt', 'SimpleJWT.ts', 'kept in memory')
    expect((await opened.store.getDrafts('simple-jwt'))['SimpleJWT.ts']?.content).toBe('kept in memory')
  })

  test('falls back to memory when the browser has no IndexedDB', async () => {
    vi.stubGlobal('indexedDB', undefined)
    const opened = await openAppStoreOrFallback(dbName())
    expect(opened.store.persistent).toBe(false)
    expect(opened.warning).toMatch(/work is kept only until you close this tab/)
    await opened.store.markRunning('simple-jwt')
    expect((await opened.store.getRunningMark())?.exerciseId).toBe('simple-jwt')
  })

  test('falls back to memory for a database from a newer AuthLab, and says to reload', async () => {
    const name = dbName()
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.open(name, 99)
      request.onsuccess = () => {
        request.result.close()
        resolve()
      }
      request.onerror = () => reject(request.error)
    })

    const opened = await openAppStoreOrFallback(name)
    expect(opened.store.persistent).toBe(false)
    expect(opened.error).toMatchObject({ name: 'VersionError' })
    expect(opened.warning).toMatch(/newer version of AuthLab/)
    expect(opened.warning).toMatch(/Reload the page/)
  })

  test('passes the injected clock to the memory store', async () => {
    vi.stubGlobal('indexedDB', undefined)
    const opened = await openAppStoreOrFallback('unused', { now: () => 1234 })
    await opened.store.saveDraft('simple-jwt', 'SimpleJWT.ts', 'x')
    expect((await opened.store.getDrafts('simple-jwt'))['SimpleJWT.ts']?.updatedAt).toBe(1234)
  })
})

describe('storage messages', () => {
  test('say what happened and what to do for each kind of failure', () => {
    expect(describeStorageError(new DOMException('quota', 'QuotaExceededError'))).toMatch(
      /storage for this site is full.*Free up disk space/,
    )
    expect(describeStorageError(new DOMException('closed', 'InvalidStateError'))).toMatch(/Reload this tab/)
    expect(describeStorageError(new DOMException('disk', 'UnknownError'))).toMatch(
      /\(UnknownError: disk\).*tries again on your next edit/,
    )
    expect(describeStorageError('not an error')).toMatch(/\(not an error\)/)
    expect(storageUnavailableMessage(new DOMException('quota', 'QuotaExceededError'))).toMatch(
      /no storage space left/,
    )
    expect(storageBlockedMessage).toMatch(/Close or reload the other AuthLab tabs/)
    expect(storageClosedMessage('versionchange')).toMatch(/updated in another tab.*Reload/)
    expect(storageClosedMessage('terminated')).toMatch(/Reload this tab/)
  })
})
