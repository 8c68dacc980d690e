// Two tabs of one browser on the same exercise, each a lesson controller with its own saver, channel end and
// editor over one shared store: what the learner sees in each, and that neither tab's text is ever lost.
import { afterEach, describe, expect, test, vi } from 'vitest'
import type { Exercise } from '../../src/content/catalogue'
import { manifestSchema } from '../../src/content/manifest-schema'
import type { WorkspaceFile } from '../../src/editor/workspace'
import { createLessonController, type LessonViews, type LessonWorkspace } from '../../src/lesson/controller'
import type { ReplacedNotice } from '../../src/lesson/other-tabs'
import { type AppStore, createDraftSaver, createDraftSync, createMemoryStore } from '../../src/storage'

const hashing: Exercise = {
  id: 'hashing',
  manifest: manifestSchema.parse({
    id: 'hashing',
    title: 'Hashing',
    summary: 'An exercise.',
    order: 1,
    chapter: { number: 1, title: 'Build' },
    files: [{ path: 'Hash.ts', role: 'editable' }],
    suite: ['hashing.test.ts'],
    timeBudgetMs: 5000,
  }),
  lesson: async () => '# hashing',
  files: [{ path: 'Hash.ts', role: 'editable', initial: '// starter' }],
  suite: async () => ({ 'hashing.test.ts': 'suite' }),
  examples: {},
}

const cleanups: (() => void)[] = []
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup()
})

/**
 * One browser tab: a controller whose editor holds plain strings and whose views are recorded. Its saver writes
 * only when the test calls `save()`: with a short debounce, B's timer could save before A's explicit flush on a
 * busy machine, and the test's "A saves first" would not hold (seen once in CI).
 */
function tab(store: AppStore, channel: string, name: string) {
  const saver = createDraftSaver(store, {
    window: null,
    delayMs: 600_000,
    maxWaitMs: 600_000,
    prefix: `authlab-test-journal:${channel}:${name}:`,
  })
  const sync = createDraftSync({ channel, tab: name, window: null })
  cleanups.push(() => {
    saver.dispose()
    sync.dispose()
  })
  const text = new Map<string, string>()
  const seen = {
    otherTabs: [] as number[],
    replaced: [] as ReplacedNotice[],
    restores: [] as (() => Promise<void>)[],
  }
  const workspace: LessonWorkspace = {
    open(_id, files: readonly WorkspaceFile[]) {
      for (const file of files) text.set(file.path, file.content)
    },
    activePath: 'Hash.ts',
    contents: () => Object.fromEntries(text),
    replace: (path, content) => void text.set(path, content),
    follow: (path, content) => void text.set(path, content),
    typeCheck: async () => [],
    typeProblems: () => [],
  }
  const ignore = () => {}
  const views: LessonViews = {
    showExercise: ignore,
    showHints: ignore,
    showFiles: ignore,
    showCarried: ignore,
    showProgress: ignore,
    showIdle: ignore,
    showRunning: ignore,
    showOutcome: ignore,
    showExamplesRunning: ignore,
    showExamplesOutcome: ignore,
    setRunning: ignore,
    confirmReset: async () => true,
    offerUndo: ignore,
    warn: (error) => {
      throw error
    },
    showOtherTabs: (count) => void seen.otherTabs.push(count),
    showReplaced: (notice, restore) => {
      seen.replaced.push(notice)
      seen.restores.push(restore)
    },
  }
  const controller = createLessonController({
    exercises: [hashing],
    store,
    saver,
    sync,
    grader: { run: () => Promise.reject(new Error('not used')), foresee: () => undefined },
    workspace: Promise.resolve(workspace),
    views,
  })
  return {
    controller,
    seen,
    shows: () => text.get('Hash.ts'),
    /** The learner types: the editor's text changes and the controller hears of it. */
    type(content: string) {
      text.set('Hash.ts', content)
      controller.edited('Hash.ts', content)
    },
    save: () => saver.flush(),
  }
}

async function twoTabs() {
  const store = createMemoryStore()
  const channel = `authlab-test-${crypto.randomUUID()}`
  const a = tab(store, channel, 'a')
  const b = tab(store, channel, 'b')
  await a.controller.open(hashing)
  await b.controller.open(hashing)
  const draft = async () => (await store.getDrafts('hashing'))['Hash.ts']?.content
  const history = async () => (await store.history('hashing', 'Hash.ts')).map((snapshot) => snapshot.content)
  return { a, b, draft, history, channel }
}

describe('the same exercise in two tabs', () => {
  test('each tab says another tab shows it too', async () => {
    const { a, b } = await twoTabs()
    await vi.waitFor(() => {
      expect(a.seen.otherTabs.at(-1)).toBe(1)
      expect(b.seen.otherTabs.at(-1)).toBe(1)
    })
  })

  test("editing in turn, each tab follows the other's saves and both texts are kept", async () => {
    const { a, b, draft, history } = await twoTabs()
    a.type('// written in A')
    await a.save()
    await vi.waitFor(() => expect(b.shows()).toBe('// written in A'))

    b.type('// written in A\n// then B')
    await b.save()
    await vi.waitFor(() => expect(a.shows()).toBe('// written in A\n// then B'))
    expect(await draft()).toBe('// written in A\n// then B')
    expect(await history()).toContain('// written in A')
    expect([...a.seen.replaced, ...b.seen.replaced]).toEqual([])
  })

  test('a save announced after a newer one was stored is not followed: each tab keeps showing the draft', async () => {
    const { a, b, draft, channel } = await twoTabs()
    b.type('// B typed this')
    await b.save()
    await vi.waitFor(() => expect(a.shows()).toBe('// B typed this'))
    // a message from a save that the store has since superseded, delivered late (as on a busy machine)
    const late = createDraftSync({ channel, tab: 'late', window: null })
    cleanups.push(() => late.dispose())
    late.saved('hashing', 'Hash.ts', '// an older save')
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect([a.shows(), b.shows(), await draft()]).toEqual([
      '// B typed this',
      '// B typed this',
      '// B typed this',
    ])
    // a current one is followed as ever
    a.type('// then A')
    await a.save()
    await vi.waitFor(() => expect(b.shows()).toBe('// then A'))
  })

  test('typing in both at once: the later save keeps the earlier in history, both tabs say so, Restore swaps back', async () => {
    const { a, b, draft, history } = await twoTabs()
    a.type('// A typed this')
    b.type('// B typed this')
    await a.save()
    // B has an unsaved edit: it keeps the learner's text rather than follow A
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(b.shows()).toBe('// B typed this')
    await b.save()

    expect(await draft()).toBe('// B typed this')
    expect(await history()).toContain('// A typed this')
    expect(b.seen.replaced).toEqual([{ exerciseId: 'hashing', path: 'Hash.ts', by: 'this-tab' }])
    await vi.waitFor(() =>
      expect(a.seen.replaced).toEqual([{ exerciseId: 'hashing', path: 'Hash.ts', by: 'other-tab' }]),
    )
    expect(a.shows()).toBe('// B typed this')

    // A puts its own text back: it is the draft again, B's goes to history, and B follows and is told
    await a.seen.restores[0]?.()
    expect(await draft()).toBe('// A typed this')
    expect(await history()).toContain('// B typed this')
    expect(a.shows()).toBe('// A typed this')
    // B follows and is told: two messages that may arrive in either order on a busy machine
    await vi.waitFor(() => {
      expect(b.shows()).toBe('// A typed this')
      expect(b.seen.replaced.at(-1)).toMatchObject({ by: 'other-tab' })
    })
  })
})
