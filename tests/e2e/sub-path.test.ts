import { join } from 'node:path'
import type { Browser } from 'playwright'
import { build, type PreviewServer, preview } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pasteIntoEditor, readRepoFile, runAndReadSummary } from './app-page'
import { launchChromium, trackPageErrors } from './browser'

// Deploy anywhere static: the same build under a sub-path, as GitHub Pages serves a project site.
const root = join(import.meta.dirname, '../..')
const outDir = join(root, '.authlab/e2e-dist-sub-path')
const base = '/authlab/'
let server: PreviewServer
let appUrl: string
let browser: Browser

beforeAll(async () => {
  await build({ root, base, logLevel: 'error', build: { outDir, emptyOutDir: true } })
  server = await preview({
    root,
    base,
    logLevel: 'warn',
    build: { outDir },
    preview: { host: '127.0.0.1', port: 0 },
  })
  appUrl = server.resolvedUrls?.local[0] ?? ''
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

describe(`the app built with --base ${base}`, () => {
  it('loads, works offline under the sub-path (scope, precache, deep link, workers) and grades', async () => {
    expect(appUrl).toMatch(/\/authlab\/$/)
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(appUrl).origin })
    const page = await context.newPage()
    const errors = trackPageErrors(page)
    const outside: string[] = []
    page.on('request', (request) => {
      const { protocol, origin, pathname } = new URL(request.url())
      // blob: modules of the grader have the page's origin too, but no path on the server
      if (protocol.startsWith('http') && origin === new URL(appUrl).origin && !pathname.startsWith(base)) {
        outside.push(pathname)
      }
    })
    await page.goto(`${appUrl}#/password-manager`)
    await page.locator('.monaco-editor .view-lines').first().waitFor()
    const scope = await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.ready
      if (!navigator.serviceWorker.controller) {
        await new Promise((resolve) =>
          navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }),
        )
      }
      return registration.scope
    })
    expect(scope).toBe(appUrl)

    await context.setOffline(true)
    await page.goto(`${appUrl}#/simple-jwt`)
    await page.reload()
    await page.locator('.code-toolbar .tab[aria-selected="true"]:has-text("SimpleJWT.ts")').waitFor()
    await pasteIntoEditor(page, readRepoFile('solutions/simple-jwt/SimpleJWT.ts'))
    const [passed, total] = await runAndReadSummary(page)
    expect(total).toBeGreaterThan(10)
    expect(passed).toBe(total)
    expect(outside).toEqual([])
    expect(errors).toEqual([])
    await context.close()
  })

  it('links its manifest and icons under the sub-path', async () => {
    const context = await browser.newContext()
    const page = await context.newPage()
    await page.goto(appUrl)
    const manifest = await page.locator('link[rel="manifest"]').getAttribute('href')
    const touchIcon = await page.locator('link[rel="apple-touch-icon"]').getAttribute('href')
    expect(manifest).toBe(`${base}manifest.webmanifest`)
    expect(touchIcon).toBe(`${base}icons/apple-touch-icon.png`)
    const response = await context.request.get(new URL(touchIcon ?? '', appUrl).href)
    expect(response.headers()['content-type']).toBe('image/png')
    await context.close()
  })
})
