import type { StoredUser } from '../playground/playground-db'
import { splitStoredHash } from '../playground/stored-hash'
import { h } from './dom'
import { confirmDialog } from './notices'

export interface UsersTable {
  /** Reads the users again (after every call). */
  refresh(): Promise<void>
  /** The users as last read. */
  readonly users: readonly StoredUser[]
}

export interface UsersTableDeps {
  readonly load: () => Promise<StoredUser[]>
  /** Deletes the playground database. */
  readonly clear: () => Promise<void>
  /** Called after a clear, so the other parts forget tokens and secret. */
  readonly onCleared: () => void
  readonly announce: (text: string) => void
}

const columns = [
  'ID',
  'Username',
  'Email',
  'Role',
  'Active',
  'Created',
  'Algorithm',
  'Iterations',
  'Salt',
  'Hash',
]

function created(iso: string): string {
  const when = new Date(iso)
  return Number.isNaN(when.getTime()) ? iso : when.toLocaleString()
}

function row(user: StoredUser): HTMLTableRowElement {
  const parts = splitStoredHash(user.hashedPassword)
  // data-label names each cell where a narrow panel shows a row as a card
  const cell = (index: number, text: string, className = '') =>
    h('td', { 'data-label': columns[index], class: className }, text)
  const hashCells = parts.ok
    ? [parts.algorithm, parts.iterations.toLocaleString('en-US'), parts.salt, parts.hash].map((text, index) =>
        cell(index + 6, text, index >= 2 ? 'pg-mono' : ''),
      )
    : [
        h(
          'td',
          { colspan: '4', 'data-label': 'Stored hash', class: 'pg-problem' },
          `Not a pbkdf2_sha256$iterations$salt$hash string (${parts.length} characters, not shown: it could be a plain password).`,
        ),
      ]
  return h(
    'tr',
    {},
    cell(0, String(user.id)),
    cell(1, user.username),
    cell(2, user.email),
    cell(3, user.role),
    cell(4, user.isActive ? 'yes' : 'no'),
    cell(5, created(user.createdAt)),
    ...hashCells,
  )
}

/** The playground database's users with their stored hash split into its fields, and a button to clear it. */
export function mountUsersTable(root: HTMLElement, deps: UsersTableDeps): UsersTable {
  let users: StoredUser[] = []
  const refreshButton = h('button', { type: 'button' }, 'Refresh')
  const clear = h('button', { type: 'button', class: 'pg-danger' }, 'Clear playground database')
  const body = h('div', { class: 'pg-users-body' })

  async function refresh() {
    try {
      users = await deps.load()
    } catch (error) {
      body.replaceChildren(
        h(
          'p',
          { class: 'pg-problem', role: 'alert' },
          `The playground database could not be read: ${String((error as Error)?.message ?? error)}`,
        ),
      )
      return
    }
    body.replaceChildren(
      users.length === 0
        ? h('p', { class: 'pg-note' }, 'No users yet: register one.')
        : h(
            'div',
            {
              class: 'pg-table-scroll',
              tabindex: '0',
              role: 'region',
              'aria-label': 'Users table, scrolls sideways',
            },
            h(
              'table',
              { class: 'pg-users' },
              h('thead', {}, h('tr', {}, ...columns.map((name) => h('th', { scope: 'col' }, name)))),
              h('tbody', {}, ...users.map(row)),
            ),
          ),
    )
  }

  refreshButton.addEventListener('click', () => void refresh())
  clear.addEventListener('click', async () => {
    const sure = await confirmDialog(
      'Clear the playground database?',
      'Every playground user and the signing secret are deleted; tokens issued so far stop verifying. Your code and drafts are not touched.',
      'Clear',
    )
    if (!sure) return
    try {
      await deps.clear()
    } catch (error) {
      body.prepend(
        h(
          'p',
          { class: 'pg-problem', role: 'alert' },
          `Could not clear: ${String((error as Error)?.message ?? error)}`,
        ),
      )
      return
    }
    deps.onCleared()
    await refresh()
    deps.announce('Playground database cleared.')
  })

  root.replaceChildren(
    h('div', { class: 'pg-users-head' }, h('h3', { class: 'pg-heading' }, 'Users'), refreshButton, clear),
    body,
  )
  return {
    refresh,
    get users() {
      return users
    },
  }
}
