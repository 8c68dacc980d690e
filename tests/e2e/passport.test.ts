import { readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { BrowserContext, Page } from 'playwright'
import { describe, expect, inject, it } from 'vitest'
import { openExercise, pasteIntoEditor, readDraft, readRepoFile, runAndReadSummary } from './app-page'
import { trackPageErrors, useBrowser } from './browser'

const appUrl = inject('appUrl')
const browser = useBrowser()

async function freshContext(): Promise<BrowserContext> {
  const context = await browser().newContext({
    viewport: { width: 1280, height: 800 },
    acceptDownloads: true,
  })
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: appUrl })
  return context
}

const statusOf = (page: Page, id: string) =>
  page.locator(`.exercise-link[href="#/${id}"] .status`).getAttribute('class')

describe('the progress passport', () => {
  it('exports in one browser and imports into a fresh one: drafts restored, completions graded again', async () => {
    const solution = readRepoFile('solutions/simple-jwt/SimpleJWT.ts')
    const first = await freshContext()
    const page = await first.newPage()
    await openExercise(page, 'simple-jwt')
    await pasteIntoEditor(page, solution)
    const [passed, total] = await runAndReadSummary(page)
    expect(passed).toBe(total)
    await page.getByRole('button', { name: 'Progress' }).click()
    const downloading = page.waitForEvent('download')
    await page.getByRole('button', { name: 'Export progress' }).click()
    const download = await downloading
    expect(download.suggestedFilename()).toMatch(/^authlab-progress-\d{4}-\d\d-\d\d\.json$/)
    const file = join(tmpdir(), `passport-${Date.now()}.json`)
    await download.saveAs(file)
    const passport = JSON.parse(readFileSync(file, 'utf8')) as {
      format: string
      suites: Record<string, string>
    }
    expect(passport.format).toBe('authlab-passport')
    expect(passport.suites['simple-jwt']).toMatch(/^sha256:[0-9a-f]{64}$/)
    await first.close()

    const second = await freshContext()
    const fresh = await second.newPage()
    const errors = trackPageErrors(fresh)
    await openExercise(fresh, 'password-manager')
    expect(await statusOf(fresh, 'simple-jwt')).not.toContain('passed')
    await fresh.getByRole('button', { name: 'Progress' }).click()
    await fresh.locator('#passport-file').setInputFiles(file)
    await fresh.locator('.passport-status:has-text("Grading done")').waitFor({ timeout: 60_000 })
    await expect(fresh.locator('.passport-status').innerText()).resolves.toMatch(
      /1 file taken from the passport/,
    )
    expect(await readDraft(fresh, 'simple-jwt', 'SimpleJWT.ts')).toBe(solution)
    // passed because it was graded here, not because the file said so
    await expect.poll(() => statusOf(fresh, 'simple-jwt')).toContain('passed')
    expect(errors).toEqual([])
    await second.close()
  })

  it('refuses a damaged or foreign file with a clear message and changes nothing', async () => {
    const context = await freshContext()
    const page = await context.newPage()
    await openExercise(page, 'password-manager')
    const marker = `// mine ${Date.now()}`
    await pasteIntoEditor(page, marker)
    await expect.poll(() => readDraft(page, 'password-manager', 'PasswordManager.ts')).toBe(marker)
    await page.getByRole('button', { name: 'Progress' }).click()
    const foreign = join(tmpdir(), `foreign-${Date.now()}.json`)
    writeFileSync(foreign, JSON.stringify({ name: 'some-package', version: '1.0.0' }))
    await page.locator('#passport-file').setInputFiles(foreign)
    await expect(page.locator('.passport-status.error').innerText()).resolves.toMatch(
      /not an AuthLab progress passport.*Nothing was changed/,
    )
    const damaged = join(tmpdir(), `damaged-${Date.now()}.json`)
    writeFileSync(damaged, '{"format":"authlab-passport","version":1,"drafts":[{"exer')
    await page.locator('#passport-file').setInputFiles(damaged)
    await expect(page.locator('.passport-status.error').innerText()).resolves.toMatch(/not JSON/)
    expect(await readDraft(page, 'password-manager', 'PasswordManager.ts')).toBe(marker)
    await context.close()
  })

  it('resets all progress only after confirmation, offering an export first', async () => {
    const context = await freshContext()
    const page = await context.newPage()
    await openExercise(page, 'password-manager')
    await pasteIntoEditor(page, '// to be reset')
    await expect.poll(() => readDraft(page, 'password-manager', 'PasswordManager.ts')).toBe('// to be reset')
    await page.getByRole('button', { name: 'Progress' }).click()
    await page.getByRole('button', { name: 'Reset all progress…' }).click()
    await expect(page.getByRole('button', { name: 'Export first' }).isVisible()).resolves.toBe(true)
    await page.getByRole('button', { name: 'Cancel' }).click()
    expect(await readDraft(page, 'password-manager', 'PasswordManager.ts')).toBe('// to be reset')
    await page.getByRole('button', { name: 'Reset all progress…' }).click()
    await page.getByRole('button', { name: 'Reset everything' }).click()
    await page.locator('.passport-status:has-text("All progress was reset")').waitFor()
    expect(await readDraft(page, 'password-manager', 'PasswordManager.ts')).toBeUndefined()
    await context.close()
  })
})
