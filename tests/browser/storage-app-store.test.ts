// The AppStore contract, run against the IndexedDB store and the in-memory fallback alike.
import { deleteDB } from 'idb'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { openAppStore } from '../../src/storage/app-db'
import {
  type AppStore,
  defaultSettings,
  HISTORY_LIMIT,
  HISTORY_SPACING_MS,
  type RunSummary,
  type Settings,
} from '../../src/storage/app-store'
import { createMemoryStore } from '../../src/storage/memory-store'

interface Opened {
  readonly store: AppStore
  readonly cleanup: () => Promise<void>
}

const kinds = [
  {
    kind: 'IndexedDB',
    async open(now: () => number): Promise<Opened> {
      const name = `authlab-test-${crypto.randomUUID()}`
      const store = await openAppStore(name, { now })
      return {
        store,
        async cleanup() {
          store.close()
          await deleteDB(name)
        },
      }
    },
  },
  {
    kind: 'memory',
    async open(now: () => number): Promise<Opened> {
      return { store: createMemoryStore({ now }), cleanup: async () => {} }
    },
  },
]

const start = Date.UTC(2026, 10, 1, 9, 0, 0)

function summary(passed: number, total: number, at = start): RunSummary {
  const tests = Array.from({ length: total }, (_, index) =>
    index < passed
      ? { name: `test ${index}`, state: 'pass' as const }
      : { name: `test ${index}`, state: 'fail' as const, message: 'expected 1 to be 2' },
  )
  return { passed, total, failed: total - passed, at, tests }
}

describe.each(kinds)('$kind store', ({ kind, open }) => {
  let store: AppStore
  let cleanup: () => Promise<void>
  let time: number

  beforeEach(async () => {
    time = start
    ;({ store, cleanup } = await open(() => time))
  })
  afterEach(() => cleanup())

  test('reports whether it outlives the tab', () => {
    expect(store.persistent).toBe(kind === 'IndexedDB')
  })

  test('saves drafts per exercise and file, and reads them back with their time', async () => {
    expect(await store.getDrafts('simple-jwt')).toEqual({})

    await store.saveDraft('simple-jwt', 'SimpleJWT.ts', 'export class SimpleJWT {}')
    time += 1000
    await store.saveDraft('auth-service', 'AuthService.ts', 'export class AuthService {}')
    await store.saveDraft('auth-service', 'PasswordManager.ts', '// carried')

    expect(await store.getDrafts('simple-jwt')).toEqual({
      'SimpleJWT.ts': { content: 'export class SimpleJWT {}', updatedAt: start },
    })
    expect(await store.getDrafts('auth-service')).toEqual({
      'AuthService.ts': { content: 'export class AuthService {}', updatedAt: start + 1000 },
      'PasswordManager.ts': { content: '// carried', updatedAt: start + 1000 },
    })

    time += 5000
    await store.saveDraft('simple-jwt', 'SimpleJWT.ts', 'v2')
    expect(await store.getDrafts('simple-jwt')).toEqual({
      'SimpleJWT.ts': { content: 'v2', updatedAt: start + 6000 },
    })
  })

  test("keeps another tab's newer draft in history when a save's base is not what is stored", async () => {
    await store.saveDraft('simple-jwt', 'SimpleJWT.ts', 'both tabs read this')
    time += 1000
    // the other tab saves over it; this tab still has the first text as its base
    await store.saveDraft('simple-jwt', 'SimpleJWT.ts', 'the other tab', 'both tabs read this')
    time += 1000
    const result = await store.saveDraft('simple-jwt', 'SimpleJWT.ts', 'this tab', 'both tabs read this')

    expect(result).toEqual({ overwritten: { content: 'the other tab', updatedAt: start + 1000 } })
    expect(await store.getDrafts('simple-jwt')).toEqual({
      'SimpleJWT.ts': { content: 'this tab', updatedAt: start + 2000 },
    })
    expect((await store.history('simple-jwt', 'SimpleJWT.ts')).map((snapshot) => snapshot.content)).toEqual([
      'the other tab',
      'both tabs read this',
    ])
  })

  test('reports no overwrite when the stored draft is the base, the same text, or absent', async () => {
    expect(await store.saveDraft('simple-jwt', 'SimpleJWT.ts', 'first', 'starter')).toEqual({})
    expect(await store.saveDraft('simple-jwt', 'SimpleJWT.ts', 'second', 'first')).toEqual({})
    expect(await store.saveDraft('simple-jwt', 'SimpleJWT.ts', 'second', 'stale')).toEqual({})
    expect(await store.saveDraft('simple-jwt', 'SimpleJWT.ts', 'third')).toEqual({})
  })

  test('keeps a snapshot on the first save, then only for changed content 30 s after the last one', async () => {
    await store.saveDraft('simple-jwt', 'SimpleJWT.ts', 'a')
    time += HISTORY_SPACING_MS - 1
    await store.saveDraft('simple-jwt', 'SimpleJWT.ts', 'ab')
    expect(await store.history('simple-jwt', 'SimpleJWT.ts')).toEqual([{ content: 'a', at: start }])

    time = start + HISTORY_SPACING_MS
    await store.saveDraft('simple-jwt', 'SimpleJWT.ts', 'abc')
    time += HISTORY_SPACING_MS * 2
    // unchanged since the last snapshot: nothing new
    await store.saveDraft('simple-jwt', 'SimpleJWT.ts', 'abc')

    expect(await store.history('simple-jwt', 'SimpleJWT.ts')).toEqual([
      { content: 'abc', at: start + HISTORY_SPACING_MS },
      { content: 'a', at: start },
    ])
    expect(await store.history('simple-jwt', 'Other.ts')).toEqual([])
    expect(await store.history('auth-service', 'SimpleJWT.ts')).toEqual([])
  })

  test(`keeps at most ${HISTORY_LIMIT} snapshots per file, dropping the oldest`, async () => {
    const saves = HISTORY_LIMIT + 5
    for (let index = 0; index < saves; index++) {
      await store.saveDraft('simple-jwt', 'SimpleJWT.ts', `version ${index}`)
      await store.saveDraft('simple-jwt', 'Helper.ts', `helper ${index}`)
      time += HISTORY_SPACING_MS
    }

    const history = await store.history('simple-jwt', 'SimpleJWT.ts')
    expect(history).toHaveLength(HISTORY_LIMIT)
    expect(history[0]?.content).toBe(`version ${saves - 1}`)
    expect(history.at(-1)?.content).toBe(`version ${saves - HISTORY_LIMIT}`)
    const times = history.map((snapshot) => snapshot.at)
    expect(times).toEqual([...times].sort((a, b) => b - a))
    expect(await store.history('simple-jwt', 'Helper.ts')).toHaveLength(HISTORY_LIMIT)
  })

  test('reset deletes only that exercise’s drafts and returns them; undo puts them back as they were', async () => {
    await store.saveDraft('simple-jwt', 'SimpleJWT.ts', 'my work')
    await store.saveDraft('simple-jwt', 'Extra.ts', 'more work')
    await store.saveDraft('auth-service', 'AuthService.ts', 'other exercise')
    const before = await store.getDrafts('simple-jwt')

    time += 60_000
    const deleted = await store.deleteDrafts('simple-jwt')
    expect(deleted).toEqual(before)
    expect(await store.getDrafts('simple-jwt')).toEqual({})
    expect(await store.getDrafts('auth-service')).toEqual({
      'AuthService.ts': { content: 'other exercise', updatedAt: start },
    })
    // history survives a reset
    expect(await store.history('simple-jwt', 'SimpleJWT.ts')).toEqual([{ content: 'my work', at: start }])

    // typed after the reset, then undone
    await store.saveDraft('simple-jwt', 'SimpleJWT.ts', 'starter plus a typo')
    await store.restoreDrafts('simple-jwt', deleted)
    expect(await store.getDrafts('simple-jwt')).toEqual(before)

    expect(await store.deleteDrafts('password-manager')).toEqual({})
  })

  test('keeps the last result per exercise as a plain summary', async () => {
    expect(await store.getResult('simple-jwt')).toBeUndefined()

    const first = summary(3, 5)
    const fromGrader = {
      ...first,
      console: ['log output'],
      tests: first.tests.map((test) => ({ ...test, diff: '- 1\n+ 2', duration: 3 })),
    }
    await store.saveResult('simple-jwt', fromGrader)
    expect(await store.getResult('simple-jwt')).toEqual(first)

    const second = summary(5, 5, start + 1000)
    await store.saveResult('simple-jwt', second)
    expect(await store.getResult('simple-jwt')).toEqual(second)
    expect(await store.getResult('auth-service')).toBeUndefined()

    const read = await store.getResult('simple-jwt')
    ;(read?.tests as unknown[] | undefined)?.push('changed by the caller')
    expect(await store.getResult('simple-jwt')).toEqual(second)
  })

  test('counts revealed hints per exercise and refuses impossible counts', async () => {
    expect(await store.getHintsRevealed('simple-jwt')).toBe(0)
    await store.setHintsRevealed('simple-jwt', 2)
    expect(await store.getHintsRevealed('simple-jwt')).toBe(2)
    expect(await store.getHintsRevealed('auth-service')).toBe(0)

    await expect(store.setHintsRevealed('simple-jwt', -1)).rejects.toThrow(RangeError)
    await expect(store.setHintsRevealed('simple-jwt', 1.5)).rejects.toThrow(RangeError)
    expect(await store.getHintsRevealed('simple-jwt')).toBe(2)
  })

  test('reads settings with defaults, saves them, and refuses values a setting does not allow', async () => {
    expect(await store.getSettings()).toEqual(defaultSettings)
    expect(await store.getSetting('theme')).toBe('system')

    await store.setSetting('theme', 'dark')
    await store.setSetting('screenReaderMode', true)
    await store.setSetting('fontSize', 18)
    expect(await store.getSetting('theme')).toBe('dark')
    expect(await store.getSettings()).toEqual({
      ...defaultSettings,
      theme: 'dark',
      screenReaderMode: true,
      fontSize: 18,
    })

    await expect(store.setSetting('theme', 'neon' as Settings['theme'])).rejects.toThrow(/setting "theme"/)
    await expect(store.setSetting('fontSize', 400)).rejects.toThrow(RangeError)
    await expect(store.setSetting('wordWrap', 'yes' as unknown as boolean)).rejects.toThrow(RangeError)
    expect(await store.getSetting('theme')).toBe('dark')
  })

  test('derives progress from drafts and last results', async () => {
    const ids = ['password-manager', 'simple-jwt', 'auth-service', 'auth-endpoints']
    expect(await store.progress(ids)).toEqual(Object.fromEntries(ids.map((id) => [id, 'not-started'])))
    expect(await store.progress()).toEqual({})

    await store.saveDraft('password-manager', 'PasswordManager.ts', 'draft')
    await store.saveResult('password-manager', summary(6, 6))
    await store.saveDraft('simple-jwt', 'SimpleJWT.ts', 'draft')
    await store.saveResult('auth-service', summary(2, 9))
    await store.saveResult('auth-endpoints', summary(0, 0))

    expect(await store.progress(ids)).toEqual({
      'password-manager': 'passed',
      'simple-jwt': 'in-progress',
      'auth-service': 'in-progress',
      // an empty suite proves nothing
      'auth-endpoints': 'in-progress',
    })

    // a reset keeps the pass; a later failing run does not
    await store.deleteDrafts('password-manager')
    expect((await store.progress())['password-manager']).toBe('passed')
    await store.saveResult('password-manager', summary(5, 6))
    expect((await store.progress())['password-manager']).toBe('in-progress')

    // reset with no result left: back to not started
    await store.deleteDrafts('simple-jwt')
    expect((await store.progress(ids))['simple-jwt']).toBe('not-started')
  })

  test('sets, reads and clears the running mark', async () => {
    expect(await store.getRunningMark()).toBeUndefined()
    time += 42
    await store.markRunning('simple-jwt')
    expect(await store.getRunningMark()).toEqual({ exerciseId: 'simple-jwt', at: start + 42 })
    await store.markRunning('auth-service')
    expect(await store.getRunningMark()).toEqual({ exerciseId: 'auth-service', at: start + 42 })
    await store.clearRunning()
    expect(await store.getRunningMark()).toBeUndefined()
  })

  test('rejects with InvalidStateError after close', async () => {
    store.close()
    await expect(store.getDrafts('simple-jwt')).rejects.toMatchObject({ name: 'InvalidStateError' })
    await expect(store.saveDraft('simple-jwt', 'SimpleJWT.ts', 'x')).rejects.toMatchObject({
      name: 'InvalidStateError',
    })
  })
})
