// The bottom panel's tabs and the playground panel driven like a learner would, on the real worker and the
// reference solutions: presets, token hand-over, users table, and the words shown when code cannot be called.
import { deleteDB } from 'idb'
import { afterEach, describe, expect, test } from 'vitest'
import { createPlaygroundClient, type PlaygroundClient } from '../../src/playground/playground-client'
import { openPlaygroundDb, type PlaygroundDb } from '../../src/playground/playground-db'
import { mountPanelTabs } from '../../src/ui/panel-tabs'
import { mountPlayground } from '../../src/ui/playground-panel'
import { exerciseById as exercise, solvedFiles as solved } from '../support/reference-files'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

function element(tag = 'section', id?: string): HTMLElement {
  const created = document.createElement(tag)
  if (id) created.id = id
  document.body.append(created)
  cleanups.push(() => created.remove())
  return created
}

describe('panel tabs', () => {
  function mount() {
    const container = element('div')
    const bar = element('div')
    const results = element('section', 'results-under-test')
    const playground = element('section', 'playground-under-test')
    const tabs = mountPanelTabs(bar, {
      label: 'Bottom panel',
      container,
      tabs: [
        { id: 'results', label: 'Results', panel: results },
        { id: 'playground', label: 'API playground', panel: playground },
      ],
    })
    const tab = (name: string) =>
      bar.querySelector(`[role="tab"][aria-controls="${name}-under-test"]`) as HTMLElement
    return { container, bar, results, playground, tabs, tab }
  }

  test('ARIA tabs: one selected and focusable, its panel shown and labelled by it; arrows, Home and End move', () => {
    const { bar, results, playground, tabs, tab } = mount()
    expect(bar.querySelector('[role="tablist"]')?.getAttribute('aria-label')).toBe('Bottom panel')
    expect([
      tab('results').getAttribute('aria-selected'),
      tab('playground').getAttribute('aria-selected'),
    ]).toEqual(['true', 'false'])
    expect([tab('results').tabIndex, tab('playground').tabIndex]).toEqual([0, -1])
    expect(results.getAttribute('role')).toBe('tabpanel')
    expect(results.getAttribute('aria-labelledby')).toBe(tab('results').id)
    expect([results.hidden, playground.hidden]).toEqual([false, true])

    tab('results').focus()
    tab('results').dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }))
    expect(tabs.selected).toBe('playground')
    expect(document.activeElement).toBe(tab('playground'))
    expect([results.hidden, playground.hidden]).toEqual([true, false])
    tab('playground').dispatchEvent(new KeyboardEvent('keydown', { key: 'Home', bubbles: true }))
    expect(tabs.selected).toBe('results')
    tab('results').dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true }))
    expect(tabs.selected).toBe('playground')
  })

  test('a tab made unavailable is hidden, and its panel too if it was shown', () => {
    const { results, playground, tabs, tab } = mount()
    tabs.select('playground')
    tabs.setAvailable('playground', false)
    expect(tab('playground').hidden).toBe(true)
    expect(tabs.selected).toBe('results')
    expect([results.hidden, playground.hidden]).toEqual([false, true])
    tabs.select('playground')
    expect(tabs.selected).toBe('results')
    tab('results').focus()
    tab('results').dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }))
    expect(tabs.selected).toBe('results')
  })

  test('Expand gives the panel room and then says Collapse, which takes it back', () => {
    const { container, bar } = mount()
    const expand = [...bar.querySelectorAll('button')].find((button) => button.textContent === 'Expand')
    expand?.click()
    expect([expand?.textContent, container.classList.contains('panel-expanded')]).toEqual(['Collapse', true])
    expand?.click()
    expect([expand?.textContent, container.classList.contains('panel-expanded')]).toEqual(['Expand', false])
  })
})

describe('the playground panel', () => {
  function mount(files: () => Record<string, string>) {
    const name = `authlab-playground-test-${crypto.randomUUID()}`
    const db: PlaygroundDb = openPlaygroundDb(name)
    const client: PlaygroundClient = createPlaygroundClient({
      createWorker: () =>
        new Worker(new URL('../../src/playground/playground-worker.ts', import.meta.url), { type: 'module' }),
    })
    cleanups.push(async () => {
      client.dispose()
      db.close()
      await deleteDB(name)
    })
    const root = element()
    const announced: string[] = []
    const revealed: string[] = []
    const panel = mountPlayground(root, {
      contents: files,
      client,
      db,
      announce: (text) => announced.push(text),
      reveal: (path, line, column) => void revealed.push(`${path}:${line}:${column}`),
    })
    const button = (name: string) => {
      const found = [...root.querySelectorAll('button')].find(
        (candidate) => (candidate.getAttribute('aria-label') ?? candidate.textContent) === name,
      )
      if (!found) throw new Error(`no button "${name}"`)
      return found
    }
    const field = (label: string) => {
      const found = [...root.querySelectorAll('label')].find((candidate) => candidate.textContent === label)
      return root.querySelector(`#${found?.htmlFor}`) as
        | HTMLInputElement
        | HTMLTextAreaElement
        | HTMLSelectElement
    }
    const text = (selector: string) => root.querySelector(selector)?.textContent ?? ''
    /** Sends and waits for the response card to settle. */
    const send = async (label = 'Send') => {
      button(label).click()
      await expect
        .poll(() => root.querySelector('.pg-response')?.getAttribute('aria-busy'), { timeout: 15_000 })
        .toBeNull()
      await expect.poll(() => text('.pg-response-body')).not.toMatch(/Running your code/)
    }
    return { root, panel, button, field, text, send, announced, db, revealed }
  }

  test('is offered only for exercises whose code it can call', () => {
    const { panel } = mount(() => ({}))
    const ids = ['password-manager', 'simple-jwt', 'auth-service', 'auth-endpoints']
    expect(ids.map((id) => [id, panel.show(exercise(id))])).toEqual([
      ['password-manager', false],
      ['simple-jwt', false],
      ['auth-service', true],
      ['auth-endpoints', true],
    ])
  })

  test('register, login, profile with the kept token; the user appears with a split hash and no password', async () => {
    const { root, panel, button, field, text, send, announced } = mount(() => solved('auth-endpoints'))
    expect(panel.show(exercise('auth-endpoints'))).toBe(true)
    expect(text('.pg-intro')).toMatch(/100,000 PBKDF2 iterations/)

    button('Preset: Register').click()
    expect([field('Method').value, field('Path').value]).toEqual(['POST', '/register'])
    await send()
    expect(text('.pg-status')).toBe('201 Created')
    expect(text('.pg-response-body pre')).toMatch(/"username": "alice"/)
    expect(announced).toContain('Response 201.')

    button('Preset: Login').click()
    await send()
    expect(text('.pg-status')).toBe('200 OK')
    const token = JSON.parse(text('.pg-response-body pre')).access_token as string
    expect(button('Use login token').hidden).toBe(false)
    await expect.poll(() => text('.pg-verdict')).toMatch(/Accepted/)
    expect((root.querySelector('.pg-token-input') as HTMLTextAreaElement).value).toBe(token)

    button('Preset: Profile').click()
    expect(field('Headers').value).toBe(`Authorization: Bearer ${token}`)
    expect(field('Body (JSON)').disabled).toBe(true)
    await send()
    expect(text('.pg-status')).toBe('200 OK')

    const at = token.lastIndexOf('.') + 5
    const tampered = `${token.slice(0, at)}${token[at] === 'A' ? 'B' : 'A'}${token.slice(at + 1)}`
    field('Headers').value = `Authorization: Bearer ${tampered}`
    await send()
    expect(text('.pg-status')).toBe('401 Unauthorized')
    expect(text('.pg-headers')).toMatch(/www-authenticate\s*Bearer error="invalid_token"/)

    await expect.poll(() => root.querySelectorAll('.pg-users tbody tr').length).toBe(1)
    expect(text('.pg-users tbody')).toMatch(/alice.*pbkdf2_sha256.*100,000/)
    expect(text('.pg-users-card')).not.toContain('Correct-Horse-42')
  })

  test('header lines without a colon are pointed out and nothing is sent', () => {
    const { panel, field, button, text } = mount(() => solved('auth-endpoints'))
    panel.show(exercise('auth-endpoints'))
    field('Headers').value = 'Content-Type application/json'
    button('Send').click()
    expect(text('.pg-problem')).toBe('Header line 1 needs "Name: value"')
    expect(text('.pg-response-body')).toMatch(/Pick a preset/)
  })

  test('a missing export, and an earlier exercise that throws, are explained with where to fix them', async () => {
    let files = solved('auth-endpoints', { 'authRoutes.ts': 'export const nothing = 1\n' })
    const { panel, text, root, send, revealed } = mount(() => files)
    panel.show(exercise('auth-endpoints'))
    await send()
    expect(text('.pg-response-body .notice h3')).toBe('The playground cannot call your code yet')
    expect(text('.pg-problems')).toMatch(
      /authRoutes\.ts does not export createAuthHandler\. The playground calls createAuthHandler\(auth\)\. It exports: nothing\./,
    )

    files = solved('auth-endpoints', {
      'SimpleJWT.ts':
        "export class SimpleJWT {\n  constructor() {\n    throw new Error('Not implemented yet')\n  }\n}\n",
    })
    await send()
    expect(text('.pg-problems')).toMatch(
      /new SimpleJWT\(secret\) threw \(SimpleJWT\.ts:3:11\): Not implemented yet/,
    )
    expect(root.querySelector('.pg-problems a')?.getAttribute('href')).toBe('#/simple-jwt')
    // the place is a link into the editor, as in Results
    const place = [...root.querySelectorAll<HTMLButtonElement>('.pg-problems button')].find(
      (candidate) => candidate.textContent === 'SimpleJWT.ts:3:11',
    )
    place?.click()
    expect(revealed).toEqual(['SimpleJWT.ts:3:11'])
  })

  test('a handler that never yields is stopped with a notice that says so, and the next call works', async () => {
    let files = solved('auth-endpoints', {
      'authRoutes.ts':
        'export function createAuthHandler() {\n  return async () => {\n    for (;;) {}\n  }\n}\n',
    })
    const { panel, text, send } = mount(() => files)
    panel.show(exercise('auth-endpoints'))
    await send()
    expect(text('.pg-response-body .notice h3')).toMatch(
      /^Stopped after \d+(\.\d)? s: your code stopped responding$/,
    )
    files = solved('auth-endpoints')
    await send()
    expect(text('.pg-status')).toBe('201 Created')
  })

  test('for the AuthService exercise it calls the methods directly', async () => {
    const { panel, field, text, send, root } = mount(() => solved('auth-service'))
    panel.show(exercise('auth-service'))
    await send('Call')
    expect(text('.pg-status')).toBe('Returned')
    expect(JSON.parse(text('.pg-response-body pre'))).toMatchObject({ username: 'alice', role: 'reader' })

    field('Method').value = 'login'
    field('Method').dispatchEvent(new Event('change'))
    await send('Call')
    await expect.poll(() => text('.pg-verdict')).toMatch(/Accepted/)

    field('Method').value = 'current-user'
    field('Method').dispatchEvent(new Event('change'))
    expect(field('token').value.split('.')).toHaveLength(3)
    await send('Call')
    expect(JSON.parse(text('.pg-response-body pre'))).toMatchObject({ username: 'alice' })

    field('Method').value = 'register'
    field('Method').dispatchEvent(new Event('change'))
    field('password').value = 'short'
    await send('Call')
    expect(text('.pg-response-body .notice h3')).toBe('auth.register(input) threw')
    expect(text('.pg-response-body')).toMatch(/ValidationError/)
    // its stack frames in the learner's files are links into the editor
    expect(root.querySelector('.pg-response-body .stack button')?.textContent).toMatch(/^\w+\.ts:\d+:\d+$/)
    expect(root.textContent).not.toContain('hashedPassword')
  })
})
