// The playground database: made by the page so the provided UserStore opens it as its own, a secret that
// survives reopening, a clear that starts over; and the users table, which never shows a password.
import { deleteDB } from 'idb'
import { afterEach, describe, expect, test } from 'vitest'
import { openUserStore } from '../../exercises/auth-service/UserStore'
import { openPlaygroundDb, type PlaygroundDb, type StoredUser } from '../../src/playground/playground-db'
import { splitStoredHash } from '../../src/playground/stored-hash'
import { mountUsersTable } from '../../src/ui/playground-users'

const opened: { db: PlaygroundDb; name: string }[] = []
afterEach(async () => {
  for (const { db, name } of opened.splice(0)) {
    db.close()
    await deleteDB(name)
  }
})

function fresh(): { db: PlaygroundDb; name: string } {
  const name = `authlab-playground-test-${crypto.randomUUID()}`
  const entry = { db: openPlaygroundDb(name), name }
  opened.push(entry)
  return entry
}

const hash = 'pbkdf2_sha256$100000$abcDEF0123456789abcdXY$q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq80='

describe('openPlaygroundDb', () => {
  test('the provided UserStore uses the database as its own: users, unique names, listed by the page', async () => {
    const { db, name } = fresh()
    await db.secret()
    const store = await openUserStore(name)
    const user = {
      username: 'Alice',
      email: 'alice@example.com',
      hashedPassword: hash,
      role: 'reader',
      isActive: true,
    } as const
    const made = await store.create(user)
    await expect(
      store.create({ ...user, email: 'other@example.com', username: 'alice' }),
    ).rejects.toMatchObject({
      name: 'DuplicateUserError',
      field: 'username',
    })
    store.close()
    expect(await db.users()).toEqual([
      {
        id: made.id,
        username: 'Alice',
        email: 'alice@example.com',
        role: 'reader',
        isActive: true,
        createdAt: made.createdAt,
        hashedPassword: hash,
      },
    ])
  })

  test('the secret is 32 random bytes, the same after reopening, new after a clear', async () => {
    const { db, name } = fresh()
    const first = await db.secret()
    expect(first.byteLength).toBe(32)
    expect(first.some((byte) => byte !== 0)).toBe(true)
    db.close()
    const again = openPlaygroundDb(name)
    opened.push({ db: again, name })
    expect(await again.secret()).toEqual(first)

    const store = await openUserStore(name)
    await store.create({
      username: 'bob',
      email: 'bob@example.com',
      hashedPassword: hash,
      role: 'reader',
      isActive: true,
    })
    store.close()
    await again.clear()
    expect(await again.users()).toEqual([])
    expect(await again.secret()).not.toEqual(first)
  })

  test('a clear goes through while the worker side still has the store open', async () => {
    const { db, name } = fresh()
    await db.secret()
    const store = await openUserStore(name)
    await store.create({
      username: 'carol',
      email: 'carol@example.com',
      hashedPassword: hash,
      role: 'reader',
      isActive: true,
    })
    await db.clear()
    expect(await db.users()).toEqual([])
  })
})

test.each([
  [hash, { ok: true, algorithm: 'pbkdf2_sha256', iterations: 100_000, salt: 'abcDEF0123456789abcdXY' }],
  ['Correct-Horse-42', { ok: false, length: 16 }],
  ['pbkdf2_sha256$x$salt$hash', { ok: false, length: 25 }],
  ['pbkdf2_sha256$1$$hash', { ok: false, length: 21 }],
  ['', { ok: false, length: 0 }],
])('splitStoredHash(%j)', (stored, expected) => {
  expect(splitStoredHash(stored)).toMatchObject(expected)
})

describe('the users table', () => {
  const user = (id: number, hashedPassword: string): StoredUser => ({
    id,
    username: `user${id}`,
    email: `user${id}@example.com`,
    role: 'reader',
    isActive: id % 2 === 1,
    createdAt: '2026-11-26T10:00:00.000Z',
    hashedPassword,
  })

  test('shows each stored hash split into its fields, and never a value that is not a hash', async () => {
    const root = document.createElement('section')
    document.body.append(root)
    const table = mountUsersTable(root, {
      load: async () => [user(1, hash), user(2, 'Plain-Password-1')],
      clear: async () => {},
      onCleared: () => {},
      announce: () => {},
    })
    await table.refresh()
    const cells = [...root.querySelectorAll('tbody tr')].map((row) =>
      [...row.querySelectorAll('td')].map((cell) => cell.textContent),
    )
    expect(cells[0]).toEqual([
      '1',
      'user1',
      'user1@example.com',
      'reader',
      'yes',
      new Date('2026-11-26T10:00:00.000Z').toLocaleString(),
      'pbkdf2_sha256',
      '100,000',
      'abcDEF0123456789abcdXY',
      'q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq80=',
    ])
    expect(cells[1]?.[4]).toBe('no')
    expect(cells[1]?.[6]).toMatch(
      /Not a pbkdf2_sha256\$iterations\$salt\$hash string \(16 characters, not shown/,
    )
    expect(root.textContent).not.toContain('Plain-Password-1')
    root.remove()
  })

  test('says so when the database cannot be read', async () => {
    const root = document.createElement('section')
    const table = mountUsersTable(root, {
      load: () => Promise.reject(new DOMException('The connection was closed.', 'InvalidStateError')),
      clear: async () => {},
      onCleared: () => {},
      announce: () => {},
    })
    await table.refresh()
    expect(root.querySelector('[role="alert"]')?.textContent).toBe(
      'The playground database could not be read: The connection was closed.',
    )
  })
})
