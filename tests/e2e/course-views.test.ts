import { createHmac } from 'node:crypto'
import type { BrowserContext, Page } from 'playwright'
import { describe, expect, inject, it } from 'vitest'
import { openExercise, pasteIntoEditor, readRepoFile as read } from './app-page'
import { axe } from './axe'
import { trackPageErrors, useBrowser } from './browser'

// The views of the course chapters, as a learner uses them in the built app: the visible examples (read-only,
// run on their own, never graded), the login burst of login-throttling and the TOTP view of totp.
const appUrl = inject('appUrl')

const browser = useBrowser()

async function freshPage(
  options: { width?: number; height?: number; theme?: 'light' | 'dark' } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser().newContext({
    viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
    colorScheme: options.theme ?? 'light',
  })
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: appUrl })
  return { context, page: await context.newPage() }
}

/** Serious and critical axe violations inside `selector`, as readable lines. */
async function seriousViolations(page: Page, selector: string): Promise<string[]> {
  const { violations } = await axe(page).include(selector).analyze()
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)
}

/** A stored value of the app's database, read with the raw IndexedDB API. */
function storedResult(page: Page, exerciseId: string): Promise<unknown> {
  return page.evaluate(
    (id) =>
      new Promise<unknown>((resolve, reject) => {
        const open = indexedDB.open('authlab')
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const request = open.result.transaction('results').objectStore('results').get(id)
          request.onsuccess = () => {
            open.result.close()
            resolve(request.result)
          }
          request.onerror = () => reject(request.error)
        }
      }),
    exerciseId,
  )
}

const examplesSummary = (page: Page) =>
  page.locator('#examples .summary:not([hidden]):not(:has-text("Running"))')

describe('the visible examples', () => {
  it('show read-only beside the results, run on their own through the grader, and change no result or progress', async () => {
    const { context, page } = await freshPage()
    const errors = trackPageErrors(page)
    await openExercise(page, 'simple-jwt')
    // the file tabs keep to the exercise's own files
    await expect(page.getByRole('tablist', { name: 'Files' }).getByRole('tab').count()).resolves.toBe(1)
    await page.getByRole('tab', { name: 'Examples', exact: true }).click()
    const source = page.getByLabel('SimpleJWT.example.test.ts, read-only')
    await expect(source.textContent()).resolves.toBe(read('exercises/simple-jwt/SimpleJWT.example.test.ts'))

    await page.getByRole('button', { name: 'Run examples' }).click()
    await examplesSummary(page).waitFor({ timeout: 60_000 })
    await expect(examplesSummary(page).innerText()).resolves.toBe('0/2 passed')
    await expect(page.locator('#examples .test.fail').first().innerText()).resolves.toContain(
      'Not implemented yet',
    )

    await pasteIntoEditor(page, read('solutions/simple-jwt/SimpleJWT.ts'))
    await page.getByRole('tab', { name: 'Examples', exact: true }).click()
    await page.getByRole('button', { name: 'Run examples' }).click()
    await expect.poll(() => examplesSummary(page).innerText(), { timeout: 60_000 }).toBe('2/2 passed')
    await expect(page.locator('#examples .test').count()).resolves.toBe(2)

    // not graded: no saved result, the exercise list unchanged, the results panel still idle
    await expect(storedResult(page, 'simple-jwt')).resolves.toBeUndefined()
    await expect(
      page.locator('a.exercise-link[href="#/simple-jwt"] .status').getAttribute('class'),
    ).resolves.not.toMatch(/passed/)
    await page.getByRole('tab', { name: 'Results', exact: true }).click()
    await expect(page.locator('.results .results-empty:visible').innerText()).resolves.toMatch(/^Press Run/)
    expect(errors).toEqual([])
    await context.close()
  }, 120_000)
})

/** Each row of the burst table as its cells. */
const burstRows = (page: Page) =>
  page
    .locator('.pg-burst tbody tr')
    .evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent)))

describe('the login burst of login-throttling', () => {
  it('fires wrong passwords then the right one, from one client and from many, and shows where the lock starts', async () => {
    const { context, page } = await freshPage()
    const errors = trackPageErrors(page)
    await openExercise(page, 'login-throttling')
    await pasteIntoEditor(page, read('solutions/login-throttling/LoginThrottle.ts'))
    await page.getByRole('tab', { name: 'API playground' }).click()
    const card = page.getByRole('region', { name: 'Login burst' })
    await card.getByRole('button', { name: 'Fire' }).click()
    await card.locator('.pg-burst-lock').waitFor({ timeout: 60_000 })
    await expect(card.locator('.pg-burst-lock').innerText()).resolves.toBe(
      'The lock starts at attempt 6, after 5 failed attempts: retry after 900 s.',
    )
    const wrong = (n: number) => [
      String(n),
      'alice',
      '203.0.113.7',
      'wrong',
      'Invalid credentials',
      '',
      'yes',
    ]
    const locked = (n: number, password = 'wrong') => [
      String(n),
      'alice',
      '203.0.113.7',
      password,
      'Too many attempts',
      '900',
      'no',
    ]
    await expect(burstRows(page)).resolves.toEqual([
      ...[1, 2, 3, 4, 5].map(wrong),
      ...[6, 7, 8].map((n) => locked(n)),
      locked(9, 'right'),
    ])
    await expect(seriousViolations(page, '.pg-burst-card')).resolves.toEqual([])

    await card.getByLabel('Who').selectOption('many-clients')
    await card.getByRole('button', { name: 'Fire' }).click()
    await expect
      .poll(() => burstRows(page), { timeout: 60_000 })
      .toEqual([
        ...[1, 2, 3, 4, 5].map((n) => [
          String(n),
          'alice',
          `198.51.100.${n}`,
          'wrong',
          'Invalid credentials',
          '',
          'yes',
        ]),
        ...[6, 7, 8].map((n) => [
          String(n),
          'alice',
          `198.51.100.${n}`,
          'wrong',
          'Too many attempts',
          '900',
          'no',
        ]),
        ['9', 'alice', '198.51.100.9', 'right', 'Too many attempts', '900', 'no'],
      ])
    await expect(card.innerText()).resolves.toContain('alice was already registered.')
    expect(errors).toEqual([])
    await context.close()
  }, 120_000)
})

/** RFC 6238 with SHA-1, 6 digits, 30 s steps, computed here with Node's crypto, apart from the app. */
function totpAt(secretBase32: string, atSeconds: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
  let bits = ''
  for (const char of secretBase32) bits += alphabet.indexOf(char).toString(2).padStart(5, '0')
  const bytes = Buffer.from((bits.match(/.{8}/g) ?? []).map((byte) => Number.parseInt(byte, 2)))
  const counter = Buffer.alloc(8)
  counter.writeBigUInt64BE(BigInt(Math.floor(atSeconds / 30)))
  const mac = createHmac('sha1', bytes).update(counter).digest()
  const offset = (mac.at(-1) ?? 0) & 15
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0')
}

describe('the TOTP view of totp', () => {
  it("shows the learner's current code for the kept secret, counts down, checks a code, and draws a QR code", async () => {
    const { context, page } = await freshPage()
    const errors = trackPageErrors(page)
    await openExercise(page, 'totp')
    await page.getByRole('tab', { name: 'API playground' }).click()
    const view = page.getByRole('region', { name: 'Your authenticator' })
    // the starter: every method says it is not implemented, and there is no QR code yet
    await expect
      .poll(() => view.locator('.pg-totp-facts').innerText(), { timeout: 30_000 })
      .toMatch(/threw Error: Not implemented yet: uri/)
    await expect(view.locator('svg').count()).resolves.toBe(0)

    await page.getByRole('tab', { name: /^Totp\.ts/ }).click()
    await pasteIntoEditor(page, read('solutions/totp/Totp.ts'))
    await view.getByRole('button', { name: 'Ask your Totp again' }).click()
    const qr = view.getByRole('img', { name: /^QR code of otpauth:\/\/totp\// })
    await qr.waitFor({ timeout: 30_000 })
    const secret = await view.locator('.pg-totp-facts dd').first().innerText()
    expect(secret).toMatch(/^[A-Z2-7]{32}$/)
    const uri = await view.locator('.pg-totp-facts dd').nth(1).innerText()
    expect(new URL(uri).searchParams.get('secret')).toBe(secret)
    await expect(qr.getAttribute('aria-label')).resolves.toBe(`QR code of ${uri}`)

    // the code shown is RFC 6238's for this secret at this moment (or the step just passed, at a boundary)
    const shown = (await view.getByLabel('Current code').innerText()).replace(' ', '')
    const now = Date.now() / 1000
    expect([totpAt(secret, now), totpAt(secret, now - 30)]).toContain(shown)
    const left = Number(await view.locator('.pg-countdown span').innerText())
    expect(left).toBeGreaterThanOrEqual(1)
    expect(left).toBeLessThanOrEqual(30)

    await view.getByLabel('Check a code (from your phone)').fill(totpAt(secret, Date.now() / 1000))
    await view.getByRole('button', { name: 'Check' }).click()
    await expect
      .poll(() => view.getByRole('status').innerText(), { timeout: 30_000 })
      .toMatch(/^verify\('\d{6}'\) accepted it: step \d+\.$/)
    await view.getByLabel('Check a code (from your phone)').fill('000000')
    await view.getByRole('button', { name: 'Check' }).click()
    await expect
      .poll(() => view.getByRole('status').innerText(), { timeout: 30_000 })
      .toBe("verify('000000') refused it (null).")

    // the secret is kept: after a reload the same account is shown
    await page.reload()
    await page.getByRole('tab', { name: 'API playground' }).click()
    await expect
      .poll(() => view.locator('.pg-totp-facts dd').first().innerText(), { timeout: 30_000 })
      .toBe(secret)
    expect(errors).toEqual([])
    await context.close()
  }, 120_000)
})

describe.each([
  { theme: 'light' as const, width: 1280, height: 800 },
  { theme: 'dark' as const, width: 390, height: 844 },
])('axe on the course views, $theme theme at $width x $height', ({ theme, width, height }) => {
  it('finds no serious or critical violations in the examples, the burst and the TOTP view', async () => {
    const { context, page } = await freshPage({ theme, width, height })
    const narrow = width < 900
    const found: string[] = []
    const toCode = async () => {
      if (narrow) await page.locator('.mobile-views button[data-view="code"]').click()
    }
    await page.goto(`${appUrl}#/totp`)
    await page.locator('.monaco-editor .view-lines').first().waitFor({ state: 'attached' })
    await toCode()
    await pasteIntoEditor(page, read('solutions/totp/Totp.ts'))
    await page.getByRole('tab', { name: 'API playground' }).click()
    await page.locator('.pg-totp-qr svg').waitFor({ timeout: 30_000 })
    found.push(...(await seriousViolations(page, '#bottom-panel')).map((line) => `[totp] ${line}`))

    await page.getByRole('tab', { name: 'Examples', exact: true }).click()
    await page.getByRole('button', { name: 'Run examples' }).click()
    await examplesSummary(page).waitFor({ timeout: 60_000 })
    found.push(...(await seriousViolations(page, '#bottom-panel')).map((line) => `[examples] ${line}`))
    found.push(...(await seriousViolations(page, '#code-toolbar')).map((line) => `[tabs] ${line}`))

    await page.goto(`${appUrl}#/login-throttling`)
    await page.locator('.pg-burst-card').waitFor({ state: 'attached' })
    await toCode()
    await page.getByRole('tab', { name: 'API playground' }).click()
    await page.getByRole('button', { name: 'Fire' }).click()
    await page.locator('.pg-burst-out :is(.pg-burst-lock, .notice)').first().waitFor({ timeout: 60_000 })
    found.push(...(await seriousViolations(page, '#bottom-panel')).map((line) => `[burst] ${line}`))
    found.push(...(await seriousViolations(page, '#carried-notes')).map((line) => `[carried] ${line}`))
    expect(found).toEqual([])
    await context.close()
  }, 180_000)
})
