// Tabs of one browser telling each other what they show and save, over a BroadcastChannel of the test's own.
import { afterEach, expect, test, vi } from 'vitest'
import { createDraftSync, type DraftSync } from '../../src/storage/draft-sync'

const syncs: DraftSync[] = []
afterEach(() => {
  for (const sync of syncs.splice(0)) sync.dispose()
})

function tabs(count: number) {
  const channel = `authlab-test-${crypto.randomUUID()}`
  return Array.from({ length: count }, (_, index) => {
    const sync = createDraftSync({ channel, tab: `tab-${index}`, window: null })
    syncs.push(sync)
    const peers: number[] = []
    sync.onPeers((count) => peers.push(count))
    return { sync, peers }
  })
}

test('each tab learns how many other tabs show the same exercise', async () => {
  const [a, b, c] = tabs(3)
  a?.sync.show('simple-jwt')
  b?.sync.show('simple-jwt')
  c?.sync.show('auth-service')
  await vi.waitFor(() => {
    expect(a?.peers.at(-1), 'A sees B on simple-jwt').toBe(1)
    expect(b?.peers.at(-1), 'B sees A').toBe(1)
  })
  expect(c?.peers.at(-1), 'nobody else shows auth-service').toBe(0)

  b?.sync.show('auth-service')
  await vi.waitFor(() => expect(a?.peers.at(-1), 'B moved on').toBe(0))
  await vi.waitFor(() => expect(c?.peers.at(-1), 'B joined C').toBe(1))
})

test("a tab hears the other tabs' saves, not its own", async () => {
  const [a, b] = tabs(2)
  const heardByA: unknown[] = []
  const heardByB: unknown[] = []
  a?.sync.onRemoteSave((save) => heardByA.push(save))
  b?.sync.onRemoteSave((save) => heardByB.push(save))
  a?.sync.saved('simple-jwt', 'SimpleJWT.ts', 'from A')
  await vi.waitFor(() =>
    expect(heardByB).toEqual([{ exerciseId: 'simple-jwt', path: 'SimpleJWT.ts', content: 'from A' }]),
  )
  expect(heardByA).toEqual([])
})

test('a tab that closes is no longer counted', async () => {
  const [a, b] = tabs(2)
  a?.sync.show('simple-jwt')
  b?.sync.show('simple-jwt')
  await vi.waitFor(() => expect(a?.peers.at(-1)).toBe(1))
  b?.sync.dispose()
  await vi.waitFor(() => expect(a?.peers.at(-1)).toBe(0))
})

test('a save that replaced unseen text carries that text, so the tab that showed it can say so', async () => {
  const [a, b] = tabs(2)
  const heardByB: unknown[] = []
  b?.sync.onRemoteSave((save) => heardByB.push(save))
  a?.sync.saved('simple-jwt', 'SimpleJWT.ts', 'from A', 'from B')
  await vi.waitFor(() =>
    expect(heardByB).toEqual([
      { exerciseId: 'simple-jwt', path: 'SimpleJWT.ts', content: 'from A', replaced: 'from B' },
    ]),
  )
})
