// exportAll / replaceAll (the passport's and the reset's way into storage), on IndexedDB and in memory alike.
import { deleteDB } from 'idb'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { openAppStore } from '../../src/storage/app-db'
import { type AppStore, emptyDump, HISTORY_SPACING_MS, type ProgressDump } from '../../src/storage/app-store'
import { createMemoryStore } from '../../src/storage/memory-store'

const kinds = [
  {
    kind: 'IndexedDB',
    async open(now: () => number) {
      const name = `authlab-test-${crypto.randomUUID()}`
      const store = await openAppStore(name, { now })
      return {
        store,
        cleanup: async () => {
          store.close()
          await deleteDB(name)
        },
      }
    },
  },
  {
    kind: 'memory',
    open: async (now: () => number) => ({ store: createMemoryStore({ now }), cleanup: async () => {} }),
  },
]

const start = Date.UTC(2026, 10, 1, 9, 0, 0)
const passed = { passed: 1, total: 1, failed: 0, at: start, tests: [{ name: 't', state: 'pass' as const }] }

describe.each(kinds)('$kind store dump', ({ open }) => {
  let store: AppStore
  let cleanup: () => Promise<void>
  let time = start
  beforeEach(async () => {
    time = start
    ;({ store, cleanup } = await open(() => time))
  })
  afterEach(() => cleanup())

  test('exportAll holds every draft, snapshot, result, hint and chosen setting', async () => {
    await store.saveDraft('simple-jwt', 'SimpleJWT.ts', 'v1')
    time += HISTORY_SPACING_MS
    await store.saveDraft('simple-jwt', 'SimpleJWT.ts', 'v2')
    await store.saveDraft('gone-exercise', 'Old.ts', 'kept')
    await store.saveResult('simple-jwt', passed)
    await store.setHintsRevealed('simple-jwt', 2)
    await store.setSetting('theme', 'dark')
    const dump = await store.exportAll()
    expect(dump.drafts).toEqual(
      expect.arrayContaining([
        {
          exerciseId: 'simple-jwt',
          path: 'SimpleJWT.ts',
          content: 'v2',
          updatedAt: start + HISTORY_SPACING_MS,
        },
        {
          exerciseId: 'gone-exercise',
          path: 'Old.ts',
          content: 'kept',
          updatedAt: start + HISTORY_SPACING_MS,
        },
      ]),
    )
    expect(dump.history.filter((s) => s.exerciseId === 'simple-jwt').map((s) => s.content)).toEqual([
      'v1',
      'v2',
    ])
    expect(dump.results).toEqual({ 'simple-jwt': passed })
    expect(dump.hints).toEqual({ 'simple-jwt': 2 })
    expect(dump.settings).toEqual({ theme: 'dark' })
  })

  test('replaceAll puts a dump back exactly, and emptyDump resets everything but the running mark', async () => {
    const dump: ProgressDump = {
      drafts: [{ exerciseId: 'totp', path: 'Totp.ts', content: 'x', updatedAt: 5 }],
      history: [
        { exerciseId: 'totp', path: 'Totp.ts', content: 'w', at: 1 },
        { exerciseId: 'totp', path: 'Totp.ts', content: 'x', at: 5 },
      ],
      results: { totp: passed },
      hints: { totp: 1 },
      settings: { fontSize: 18 },
    }
    await store.saveDraft('simple-jwt', 'SimpleJWT.ts', 'replaced')
    await store.markRunning('totp')
    await store.replaceAll(dump)
    expect(await store.exportAll()).toEqual(dump)
    expect(await store.getDrafts('simple-jwt')).toEqual({})
    expect((await store.history('totp', 'Totp.ts')).map((s) => s.content)).toEqual(['x', 'w'])
    expect(await store.getSetting('fontSize')).toBe(18)

    await store.replaceAll(emptyDump)
    expect(await store.exportAll()).toEqual(emptyDump)
    expect(await store.progress(['totp'])).toEqual({ totp: 'not-started' })
    expect(await store.getRunningMark()).toEqual({ exerciseId: 'totp', at: start })
  })
})

test('replaceAll on IndexedDB is all or nothing', async () => {
  const name = `authlab-test-${crypto.randomUUID()}`
  const store = await openAppStore(name)
  await store.saveDraft('simple-jwt', 'SimpleJWT.ts', 'mine')
  const before = await store.exportAll()
  const broken = {
    ...emptyDump,
    drafts: [{ exerciseId: 'simple-jwt', path: 'SimpleJWT.ts', content: 'new', updatedAt: 1 }],
    // a function cannot be stored: the transaction aborts
    hints: { x: (() => 1) as unknown as number },
  }
  await expect(store.replaceAll(broken)).rejects.toThrow()
  expect(await store.exportAll()).toEqual(before)
  store.close()
  await deleteDB(name)
})
