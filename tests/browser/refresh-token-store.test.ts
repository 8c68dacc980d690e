// The provided RefreshTokenStore of the sessions exercise: records keyed by hash, markUsed that only one of two
// racing callers wins, family and user revocation (used tokens included, later families not), close.
import { deleteDB } from 'idb'
import { afterEach, describe, expect, test } from 'vitest'
import {
  openRefreshTokenStore,
  type RefreshRecord,
  type RefreshTokenStore,
} from '../../exercises/sessions/RefreshTokenStore'

const opened: { store: RefreshTokenStore & { close(): void }; name: string }[] = []
afterEach(async () => {
  for (const { store, name } of opened.splice(0)) {
    store.close()
    await deleteDB(name)
  }
})

async function fresh(): Promise<RefreshTokenStore & { close(): void }> {
  const name = `authlab-refresh-test-${crypto.randomUUID()}`
  const store = await openRefreshTokenStore(name)
  opened.push({ store, name })
  return store
}

const record = (tokenHash: string, familyId: string, userId = 1): RefreshRecord => ({
  tokenHash,
  familyId,
  userId,
  expiresAt: 2_000_000_000,
})

describe('openRefreshTokenStore', () => {
  test('add then get returns the record; an unknown hash gives undefined', async () => {
    const store = await fresh()
    await store.add(record('h1', 'f1'))
    expect(await store.get('h1')).toEqual(record('h1', 'f1'))
    expect(await store.get('nope')).toBeUndefined()
  })

  test('add refuses a second record with the same hash (ConstraintError) and unknown fields (TypeError)', async () => {
    const store = await fresh()
    await store.add(record('h1', 'f1'))
    await expect(store.add(record('h1', 'f2'))).rejects.toMatchObject({ name: 'ConstraintError' })
    const leaky = { ...record('h2', 'f1'), refreshToken: 'raw' }
    await expect(store.add(leaky)).rejects.toBeInstanceOf(TypeError)
    expect(await store.get('h2')).toBeUndefined()
  })

  test('add keeps a usedAt it is given', async () => {
    const store = await fresh()
    await store.add({ ...record('h1', 'f1'), usedAt: 5 })
    expect(await store.get('h1')).toEqual({ ...record('h1', 'f1'), usedAt: 5 })
  })

  test('markUsed sets usedAt once: true the first time, false after, false for an unknown hash', async () => {
    const store = await fresh()
    await store.add(record('h1', 'f1'))
    expect(await store.markUsed('h1', 100)).toBe(true)
    expect((await store.get('h1'))?.usedAt).toBe(100)
    expect(await store.markUsed('h1', 200)).toBe(false)
    expect((await store.get('h1'))?.usedAt, 'the first use is kept').toBe(100)
    expect(await store.markUsed('unknown', 100)).toBe(false)
    expect(await store.get('unknown'), 'markUsed creates nothing').toBeUndefined()
  })

  test('of two markUsed calls racing for one token, exactly one wins', async () => {
    const store = await fresh()
    await store.add(record('h1', 'f1'))
    const results = await Promise.all([store.markUsed('h1', 100), store.markUsed('h1', 101)])
    expect(results.filter(Boolean)).toHaveLength(1)
    expect((await store.get('h1'))?.usedAt).toBe(results[0] ? 100 : 101)
  })

  test('revokeFamily revokes that family only, and revoking twice is harmless', async () => {
    const store = await fresh()
    await store.add(record('h1', 'f1'))
    await store.add(record('h2', 'f2'))
    expect(await store.isFamilyRevoked('f1')).toBe(false)
    await store.revokeFamily('f1', 100)
    await store.revokeFamily('f1', 200)
    expect(await store.isFamilyRevoked('f1')).toBe(true)
    expect(await store.isFamilyRevoked('f2')).toBe(false)
  })

  test('revokeFamily works for a family the store has no token of', async () => {
    const store = await fresh()
    await store.revokeFamily('ghost', 100)
    expect(await store.isFamilyRevoked('ghost')).toBe(true)
  })

  test("revokeUser revokes every family of the user, used ones included, and no other user's", async () => {
    const store = await fresh()
    await store.add(record('a1', 'fa', 1))
    await store.add(record('a2', 'fa', 1))
    await store.add(record('b1', 'fb', 1))
    await store.add(record('c1', 'fc', 2))
    // a family whose every token was used still belongs to the user
    await store.markUsed('b1', 50)
    await store.revokeUser(1, 100)
    expect(await store.isFamilyRevoked('fa')).toBe(true)
    expect(await store.isFamilyRevoked('fb')).toBe(true)
    expect(await store.isFamilyRevoked('fc'), "user 2's family stays").toBe(false)
  })

  test('revokeUser does not touch families started afterwards, nor a user without tokens', async () => {
    const store = await fresh()
    await store.add(record('a1', 'fa', 1))
    await store.revokeUser(1, 100)
    await store.revokeUser(3, 100)
    await store.add(record('a2', 'later', 1))
    expect(await store.isFamilyRevoked('fa')).toBe(true)
    expect(await store.isFamilyRevoked('later')).toBe(false)
  })

  test('a family revoked earlier stays revoked after revokeUser', async () => {
    const store = await fresh()
    await store.add(record('a1', 'fa', 1))
    await store.revokeFamily('fa', 50)
    await store.revokeUser(1, 100)
    expect(await store.isFamilyRevoked('fa')).toBe(true)
  })

  test('reopening the database keeps records and revocations', async () => {
    const name = `authlab-refresh-test-${crypto.randomUUID()}`
    const first = await openRefreshTokenStore(name)
    await first.add(record('h1', 'f1'))
    await first.revokeFamily('f1', 100)
    first.close()
    const second = await openRefreshTokenStore(name)
    opened.push({ store: second, name })
    expect(await second.get('h1')).toEqual(record('h1', 'f1'))
    expect(await second.isFamilyRevoked('f1')).toBe(true)
  })

  test('close lets the database be deleted; a closed store rejects with the platform error', async () => {
    const name = `authlab-refresh-test-${crypto.randomUUID()}`
    const store = await openRefreshTokenStore(name)
    store.close()
    await deleteDB(name)
    await expect(store.get('h1')).rejects.toMatchObject({ name: 'InvalidStateError' })
  })

  test('an open store does not block deleting its database', async () => {
    const name = `authlab-refresh-test-${crypto.randomUUID()}`
    const store = await openRefreshTokenStore(name)
    await store.add(record('h1', 'f1'))
    await deleteDB(name)
    const again = await openRefreshTokenStore(name)
    opened.push({ store: again, name })
    expect(await again.get('h1'), 'the database was deleted').toBeUndefined()
  })
})
