import '../../src/ui/styles.css'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { mountSharedAttempt, showShareDialog } from '../../src/ui/share-view'

const root = document.createElement('div')
document.body.append(root)
afterEach(() => {
  root.replaceChildren()
  for (const dialog of document.querySelectorAll('dialog')) dialog.remove()
})

const attempt = {
  v: 1,
  e: 'simple-jwt',
  p: true,
  f: { 'SimpleJWT.ts': 'export class SimpleJWT {}', 'Evil.ts': 'x' },
} as const

describe('the shared attempt view', () => {
  it('shows only the exercise editable files, as text, and copies only those', async () => {
    const copy = vi.fn(async () => undefined)
    mountSharedAttempt(root, attempt, {
      title: 'JWT',
      editable: ['SimpleJWT.ts'],
      spoiler: false,
      copy,
      close: vi.fn(),
    })
    expect(root.querySelector('.shared-code')?.textContent).toBe('export class SimpleJWT {}')
    expect([...root.querySelectorAll('[role="tab"]')].map((tab) => tab.textContent)).toEqual(['SimpleJWT.ts'])
    expect(root.textContent).toContain('Not shown (not files of this exercise): Evil.ts')
    root.querySelector<HTMLButtonElement>('button.primary')?.click()
    expect(copy).toHaveBeenCalledWith({ 'SimpleJWT.ts': 'export class SimpleJWT {}' })
  })

  it('blurs a passing solution until the learner chooses to look, and cannot be copied before', () => {
    const copy = vi.fn(async () => undefined)
    mountSharedAttempt(root, attempt, {
      title: 'JWT',
      editable: ['SimpleJWT.ts'],
      spoiler: true,
      copy,
      close: vi.fn(),
    })
    const body = root.querySelector<HTMLElement>('.shared-body')
    expect(body?.classList.contains('spoiler')).toBe(true)
    expect(body?.hasAttribute('inert')).toBe(true)
    expect(getComputedStyle(body as HTMLElement).filter).toContain('blur')
    expect(root.querySelector<HTMLButtonElement>('button.primary')?.disabled).toBe(true)
    ;[...root.querySelectorAll('button')]
      .find((button) => button.textContent === 'Show the solution')
      ?.click()
    expect(body?.classList.contains('spoiler')).toBe(false)
    expect(root.querySelector<HTMLButtonElement>('button.primary')?.disabled).toBe(false)
  })
})

describe('the share dialog', () => {
  it('warns past 2,000 characters and not below', () => {
    showShareDialog(`https://x.test/#/a?share=${'a'.repeat(100)}`)
    expect(document.querySelector('.share-length.warn')).toBeNull()
    document.querySelector('dialog')?.remove()
    showShareDialog(`https://x.test/#/a?share=${'a'.repeat(2100)}`)
    expect(document.querySelector('.share-length.warn')?.textContent).toMatch(/2,1\d\d characters.*2,000/)
  })
})
