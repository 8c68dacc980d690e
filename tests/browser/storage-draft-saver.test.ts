// The draft saver: debounce, flush when the page hides, the localStorage journal, and failing saves.
import { deleteDB } from 'idb'
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { openAppStore } from '../../src/storage/app-db'
import type { AppStore } from '../../src/storage/app-store'
import {
  createDraftSaver,
  type DraftSaver,
  type DraftSaveStatus,
  recoverJournal,
} from '../../src/storage/draft-saver'
import { createMemoryStore } from '../../src/storage/memory-store'

let name: string
let prefix: string
let store: AppStore
const savers: DraftSaver[] = []

beforeEach(async () => {
  name = `authlab-test-${crypto.randomUUID()}`
  prefix = `authlab-test-journal:${crypto.randomUUID()}:`
  store = await openAppStore(name)
})

afterEach(async () => {
  vi.useRealTimers()
  for (const saver of savers.splice(0)) saver.dispose()
  store.close()
  await deleteDB(name)
  for (const key of journalKeys()) localStorage.removeItem(key)
})

function journalKeys(): string[] {
  return Object.keys(localStorage).filter((key) => key.startsWith(prefix))
}

function saverOver(
  target: Pick<AppStore, 'saveDraft'>,
  options: Parameters<typeof createDraftSaver>[1] = {},
) {
  const saver = createDraftSaver(target, { prefix, ...options })
  savers.push(saver)
  const statuses: DraftSaveStatus[] = []
  saver.onStatus((status) => statuses.push(status))
  return { saver, statuses }
}

/** Passes saves on to the real store, noting when each one started (fake or real `performance.now()`). */
function recording(inner: Pick<AppStore, 'saveDraft'>) {
  const calls: { content: string; at: number }[] = []
  return {
    calls,
    async saveDraft(exerciseId: string, path: string, content: string, base?: string) {
      calls.push({ content, at: performance.now() })
      return inner.saveDraft(exerciseId, path, content, base)
    },
  }
}

async function savedContent(exerciseId = 'simple-jwt', path = 'SimpleJWT.ts') {
  return (await store.getDrafts(exerciseId))[path]?.content
}

describe('debounce', () => {
  // timing under fake timers; the memory store answers at once, so real IndexedDB latency (which fake time
  // does not see) cannot push a save behind the next one on a loaded machine
  let store: AppStore
  beforeEach(() => {
    store = createMemoryStore()
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] })
  })

  test('saves once, 500 ms after typing pauses, with the latest text', async () => {
    const target = recording(store)
    const { saver } = saverOver(target)
    const t0 = performance.now()

    saver.update('simple-jwt', 'SimpleJWT.ts', 'c')
    await vi.advanceTimersByTimeAsync(100)
    saver.update('simple-jwt', 'SimpleJWT.ts', 'cl')
    await vi.advanceTimersByTimeAsync(100)
    saver.update('simple-jwt', 'SimpleJWT.ts', 'cla')
    await vi.advanceTimersByTimeAsync(499)
    expect(target.calls).toEqual([])

    await vi.advanceTimersByTimeAsync(1)
    expect(target.calls).toEqual([{ content: 'cla', at: t0 + 700 }])
  })

  test('while typing goes on, no edit waits more than 1 s to be saved', async () => {
    const target = recording(store)
    const { saver } = saverOver(target)
    const t0 = performance.now()

    for (let index = 1; index <= 30; index++) {
      saver.update('simple-jwt', 'SimpleJWT.ts', 'x'.repeat(index))
      await vi.advanceTimersByTimeAsync(100)
    }
    await vi.advanceTimersByTimeAsync(1000)

    const times = target.calls.map((call) => call.at - t0)
    expect(times[0]).toBeLessThanOrEqual(1000)
    for (let index = 1; index < times.length; index++) {
      expect((times[index] ?? 0) - (times[index - 1] ?? 0)).toBeLessThanOrEqual(1000)
    }
    expect(target.calls.at(-1)?.content).toBe('x'.repeat(30))
  })

  test('keeps files apart: each file gets its own save', async () => {
    const target = recording(store)
    const { saver } = saverOver(target)
    saver.update('auth-service', 'AuthService.ts', 'service')
    saver.update('auth-service', 'PasswordManager.ts', 'passwords')
    await vi.advanceTimersByTimeAsync(500)
    expect(target.calls.map((call) => call.content).sort()).toEqual(['passwords', 'service'])
  })
})

describe('saving to IndexedDB', () => {
  test('an edit is in IndexedDB within 1 s, and its journal entry is then removed', async () => {
    const { saver, statuses } = saverOver(store)
    const started = performance.now()
    saver.update('simple-jwt', 'SimpleJWT.ts', 'export class SimpleJWT {}')
    expect(journalKeys()).toHaveLength(1)

    await vi.waitFor(async () => expect(await savedContent()).toBe('export class SimpleJWT {}'), {
      timeout: 1000,
      interval: 20,
    })
    expect(performance.now() - started).toBeLessThan(1000)
    await vi.waitFor(() => expect(statuses.at(-1)).toEqual({ state: 'saved' }))
    expect(statuses).toEqual([{ state: 'saving' }, { state: 'saved' }])
    expect(journalKeys()).toEqual([])
  })

  test('flush saves pending edits at once', async () => {
    const { saver } = saverOver(store)
    saver.update('simple-jwt', 'SimpleJWT.ts', 'now')
    await saver.flush()
    expect(await savedContent()).toBe('now')
    expect(journalKeys()).toEqual([])
  })

  test('flushes on pagehide', async () => {
    const target = recording(store)
    saverOver(target).saver.update('simple-jwt', 'SimpleJWT.ts', 'leaving')

    window.dispatchEvent(new PageTransitionEvent('pagehide'))
    expect(target.calls.map((call) => call.content)).toEqual(['leaving'])
    await vi.waitFor(async () => expect(await savedContent()).toBe('leaving'), { timeout: 200 })
  })

  test('flushes when the tab is hidden, not when it is shown', async () => {
    const target = recording(store)
    saverOver(target).saver.update('simple-jwt', 'SimpleJWT.ts', 'switching tabs')

    document.dispatchEvent(new Event('visibilitychange'))
    expect(target.calls).toEqual([])

    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true })
    try {
      document.dispatchEvent(new Event('visibilitychange'))
    } finally {
      Reflect.deleteProperty(document, 'visibilityState')
    }
    expect(target.calls.map((call) => call.content)).toEqual(['switching tabs'])
  })

  test('still saves when localStorage refuses the journal', async () => {
    const full = {
      get length() {
        return 0
      },
      key: () => null,
      getItem: () => null,
      setItem() {
        throw new DOMException('full', 'QuotaExceededError')
      },
      removeItem() {},
      clear() {},
    } satisfies Storage
    const { saver } = saverOver(store, { storage: full })
    expect(() => saver.update('simple-jwt', 'SimpleJWT.ts', 'no journal')).not.toThrow()
    await saver.flush()
    expect(await savedContent()).toBe('no journal')
  })
})

describe('journal recovery', () => {
  test('restores edits a crashed tab never saved', async () => {
    const first = saverOver(store).saver
    first.update('simple-jwt', 'SimpleJWT.ts', 'typed just before the crash')
    first.update('auth-service', 'AuthService.ts', 'also unsaved')
    // the tab dies: no timer fires, no pagehide, the connection goes away
    first.dispose()
    store.close()

    store = await openAppStore(name)
    expect(await store.getDrafts('simple-jwt')).toEqual({})

    const recovered = await recoverJournal(store, { prefix })
    expect(recovered).toHaveLength(2)
    expect(recovered).toEqual(
      expect.arrayContaining([
        { exerciseId: 'simple-jwt', path: 'SimpleJWT.ts' },
        { exerciseId: 'auth-service', path: 'AuthService.ts' },
      ]),
    )
    expect(await savedContent()).toBe('typed just before the crash')
    expect(await savedContent('auth-service', 'AuthService.ts')).toBe('also unsaved')
    expect(journalKeys()).toEqual([])

    // a second start finds nothing left to do
    expect(await recoverJournal(store, { prefix })).toEqual([])
  })

  test('does not replace a draft saved after the journal entry was written', async () => {
    const stale = saverOver(store, { now: () => Date.now() - 60_000 }).saver
    stale.update('simple-jwt', 'SimpleJWT.ts', 'older text')
    stale.dispose()
    await store.saveDraft('simple-jwt', 'SimpleJWT.ts', 'newer text')

    expect(await recoverJournal(store, { prefix })).toEqual([])
    expect(await savedContent()).toBe('newer text')
    expect(journalKeys()).toEqual([])
  })

  test('leaves entries of other prefixes alone', async () => {
    const other = `${prefix}other:`
    const saver = createDraftSaver(store, { prefix: other })
    savers.push(saver)
    saver.update('simple-jwt', 'SimpleJWT.ts', 'someone else')
    saver.dispose()
    expect(await recoverJournal(store, { prefix: `authlab-test-journal:${crypto.randomUUID()}:` })).toEqual(
      [],
    )
    expect(journalKeys()).toHaveLength(1)
  })
})

describe('failing saves', () => {
  test('quota exceeded: reports a clear error, keeps the text, and saves it once space is back', async () => {
    let full = true
    const flaky: Pick<AppStore, 'saveDraft'> = {
      async saveDraft(exerciseId, path, content) {
        if (full) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
        return store.saveDraft(exerciseId, path, content)
      },
    }
    const { saver, statuses } = saverOver(flaky)

    saver.update('simple-jwt', 'SimpleJWT.ts', 'precious work')
    await saver.flush()

    const last = statuses.at(-1)
    expect(last?.state).toBe('error')
    if (last?.state !== 'error') return
    expect(last.error).toMatchObject({ name: 'QuotaExceededError' })
    expect(last).toMatchObject({ exerciseId: 'simple-jwt', path: 'SimpleJWT.ts' })
    expect(last.message).toMatch(/storage for this site is full/)
    expect(last.message).toMatch(/kept in this tab/)
    expect(await savedContent()).toBeUndefined()
    expect(journalKeys()).toHaveLength(1)
    expect(localStorage.getItem(journalKeys()[0] ?? '')).toContain('precious work')

    full = false
    await saver.flush()
    expect(statuses.at(-1)).toEqual({ state: 'saved' })
    expect(await savedContent()).toBe('precious work')
    expect(journalKeys()).toEqual([])
  })

  test('a failed file keeps the indicator on error while other files save', async () => {
    const flaky: Pick<AppStore, 'saveDraft'> = {
      async saveDraft(exerciseId, path, content) {
        if (path === 'Broken.ts') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
        return store.saveDraft(exerciseId, path, content)
      },
    }
    const { saver, statuses } = saverOver(flaky)
    saver.update('simple-jwt', 'Broken.ts', 'fails')
    await saver.flush()
    saver.update('simple-jwt', 'SimpleJWT.ts', 'fine')
    await saver.flush()

    expect(await savedContent()).toBe('fine')
    expect(statuses.at(-1)).toMatchObject({ state: 'error', path: 'Broken.ts' })
  })
})

describe('two tabs on one exercise', () => {
  // two savers over one store are two tabs of one browser profile
  test("a save over another tab's newer draft keeps that draft in history and reports it", async () => {
    const tabA = saverOver(store).saver
    const tabB = saverOver(store).saver
    const overwrites: unknown[] = []
    tabB.onOverwrite((overwrite) => overwrites.push(overwrite))
    tabA.opened('simple-jwt', 'SimpleJWT.ts', 'starter')
    tabB.opened('simple-jwt', 'SimpleJWT.ts', 'starter')

    tabA.update('simple-jwt', 'SimpleJWT.ts', "A's line")
    await tabA.flush()
    tabB.update('simple-jwt', 'SimpleJWT.ts', "B's line")
    await tabB.flush()

    expect(await savedContent(), 'the last save is the draft').toBe("B's line")
    const history = await store.history('simple-jwt', 'SimpleJWT.ts')
    expect(
      history.map((snapshot) => snapshot.content),
      "A's text survives in history",
    ).toContain("A's line")
    expect(overwrites).toEqual([
      { exerciseId: 'simple-jwt', path: 'SimpleJWT.ts', theirs: "A's line", ours: "B's line" },
    ])
  })

  test("a tab that shows another tab's save builds on it: no overwrite to report", async () => {
    const tabA = saverOver(store).saver
    const tabB = saverOver(store).saver
    const overwrites: unknown[] = []
    tabB.onOverwrite((overwrite) => overwrites.push(overwrite))
    const saved: unknown[] = []
    tabA.onSaved((draft) => saved.push(draft))
    tabA.opened('simple-jwt', 'SimpleJWT.ts', 'starter')
    tabB.opened('simple-jwt', 'SimpleJWT.ts', 'starter')

    tabA.update('simple-jwt', 'SimpleJWT.ts', "A's line")
    await tabA.flush()
    expect(saved).toEqual([{ exerciseId: 'simple-jwt', path: 'SimpleJWT.ts', content: "A's line" }])
    expect(tabB.remote('simple-jwt', 'SimpleJWT.ts', "A's line"), 'B has no unsaved edit').toBe(true)
    tabB.update('simple-jwt', 'SimpleJWT.ts', "A's line, then B's")
    await tabB.flush()

    expect(await savedContent()).toBe("A's line, then B's")
    expect(overwrites).toEqual([])
  })

  test("a tab with an unsaved edit does not take the other tab's save over it", async () => {
    const tabB = saverOver(store).saver
    tabB.opened('simple-jwt', 'SimpleJWT.ts', 'starter')
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    tabB.update('simple-jwt', 'SimpleJWT.ts', 'typing in B')
    expect(tabB.remote('simple-jwt', 'SimpleJWT.ts', "A's line"), 'B would lose its edit').toBe(false)
    vi.useRealTimers()
    await tabB.flush()
    expect(await savedContent()).toBe('typing in B')
  })
})
