import type { BrowserContext, Page } from 'playwright'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { openExercise, pasteIntoEditor, readRepoFile as read, readDraft } from './app-page'
import { axe } from './axe'
import { trackPageErrors, useBrowser } from './browser'

const appUrl = inject('appUrl')

const browser = useBrowser()
let context: BrowserContext

/** Solves an exercise as a learner would: paste the reference solution and wait until it is stored. */
async function solve(page: Page, id: string, file: string) {
  await openExercise(page, id)
  const solution = read(`solutions/${id}/${file}`)
  await pasteIntoEditor(page, solution)
  await expect.poll(() => readDraft(page, id, file), { timeout: 10_000 }).toBe(solution)
}

/** Presses Send and returns the status the response card shows. */
async function send(page: Page): Promise<string> {
  const playground = page.locator('#playground')
  await playground.getByRole('button', { name: 'Send' }).click()
  await playground
    .locator('.pg-response:not([aria-busy])')
    .locator('.pg-status, .notice')
    .first()
    .waitFor({ timeout: 30_000 })
  return playground.locator('.pg-status').innerText()
}

describe('the API playground', () => {
  beforeAll(async () => {
    context = await browser().newContext({ viewport: { width: 1280, height: 800 } })
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: appUrl })
  })
  afterAll(async () => {
    await context?.close()
  })

  it('registers, logs in, reads the profile with the token (200) and not with a tampered one (401); the user stays after a reload', async () => {
    const page = await context.newPage()
    const errors = trackPageErrors(page)
    await solve(page, 'password-manager', 'PasswordManager.ts')
    await solve(page, 'simple-jwt', 'SimpleJWT.ts')
    await solve(page, 'auth-service', 'AuthService.ts')
    await openExercise(page, 'auth-endpoints')
    await pasteIntoEditor(page, read('solutions/auth-endpoints/authRoutes.ts'))

    const playground = page.locator('#playground')
    await page.getByRole('tab', { name: 'API playground' }).click()
    await expect(playground.isVisible()).resolves.toBe(true)
    await expect(page.locator('#results').isVisible()).resolves.toBe(false)

    await playground.getByRole('button', { name: 'Preset: Register' }).click()
    await expect(send(page)).resolves.toBe('201 Created')

    await playground.getByRole('button', { name: 'Preset: Login' }).click()
    await expect(send(page)).resolves.toBe('200 OK')
    const body = JSON.parse(await playground.getByLabel('Response body', { exact: true }).innerText())
    const token: string = body.access_token
    expect(token.split('.')).toHaveLength(3)
    await playground.locator('.pg-verdict:has-text("Accepted")').waitFor()

    await playground.getByRole('button', { name: 'Preset: Profile' }).click()
    const headers = playground.getByLabel('Headers', { exact: true })
    await expect(headers.inputValue()).resolves.toBe(`Authorization: Bearer ${token}`)
    await expect(send(page)).resolves.toBe('200 OK')
    await expect(playground.getByLabel('Response body', { exact: true }).innerText()).resolves.toMatch(
      /"username": "alice"/,
    )

    // one character of the payload changed: the signature no longer matches
    const at = token.indexOf('.') + 8
    const tampered = `${token.slice(0, at)}${token[at] === 'A' ? 'B' : 'A'}${token.slice(at + 1)}`
    await headers.fill(`Authorization: Bearer ${tampered}`)
    await expect(send(page)).resolves.toBe('401 Unauthorized')

    const users = playground.locator('.pg-users-card')
    const row = users.locator('tbody tr', { hasText: 'alice' })
    await expect(row.locator('td').allInnerTexts()).resolves.toEqual([
      '1',
      'alice',
      'alice@example.com',
      'reader',
      'yes',
      expect.stringMatching(/\d/),
      'pbkdf2_sha256',
      '100,000',
      expect.stringMatching(/^[A-Za-z0-9]{22}$/),
      expect.stringMatching(/^[A-Za-z0-9+/]{43}=$/),
    ])
    await expect(users.innerText()).resolves.not.toContain('Correct-Horse-42')

    await page.reload()
    await page.getByRole('tab', { name: 'API playground' }).click()
    await users.locator('tbody tr', { hasText: 'alice' }).waitFor()
    await expect(users.locator('tbody tr').count()).resolves.toBe(1)
    expect(errors).toEqual([])
    await page.close()
  }, 90_000)

  it('is not offered where it cannot call anything, and Run brings the results back', async () => {
    const page = await context.newPage()
    await openExercise(page, 'simple-jwt')
    await expect(page.getByRole('tab', { name: 'API playground' }).count()).resolves.toBe(0)
    await openExercise(page, 'auth-service')
    await page.getByRole('tab', { name: 'API playground' }).click()
    await page.locator('#playground').getByRole('button', { name: 'Call' }).waitFor()
    await page.keyboard.press('ControlOrMeta+Enter')
    await expect(page.getByRole('tab', { name: 'Results' }).getAttribute('aria-selected')).resolves.toBe(
      'true',
    )
    await page.locator('.results .summary:not(:has-text("Running"))').waitFor({ timeout: 30_000 })
    await page.close()
  })

  // same context as the first test: its solved drafts and its user alice are still there
  it('has no serious or critical axe violations with a response, a token and a user shown, in both themes and sizes', async () => {
    const page = await context.newPage()
    await openExercise(page, 'auth-endpoints')
    await page.getByRole('tab', { name: 'API playground' }).click()
    const playground = page.locator('#playground')
    await playground.getByRole('button', { name: 'Preset: Login' }).click()
    await expect(send(page)).resolves.toBe('200 OK')
    await playground.locator('.pg-verdict').waitFor()
    await playground.locator('.pg-users tbody tr').first().waitFor()
    const found: string[] = []
    for (const [width, height] of [
      [1280, 800],
      [390, 844],
    ] as const) {
      await page.setViewportSize({ width, height })
      if (width < 900) await page.locator('.mobile-views button[data-view="code"]').click()
      for (const theme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: theme })
        await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme)
        const { violations } = await axe(page).include('#bottom-panel').analyze()
        found.push(
          ...violations
            .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
            .map(
              (violation) =>
                `[${theme} ${width}] ${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`,
            ),
        )
      }
    }
    expect(found).toEqual([])
    await page.close()
  }, 60_000)
})
