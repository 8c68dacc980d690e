import type { Page } from 'playwright'
import { describe, expect, inject, it } from 'vitest'
import { pasteIntoEditor, readRepoFile, runAndReadSummary } from './app-page'
import { trackPageErrors, useBrowser } from './browser'

const appUrl = inject('appUrl')
const browser = useBrowser()

/** Waits until the service worker has precached the app and controls the page. */
async function waitForOfflineReady(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) =>
        navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }),
      )
    }
    return registration.scope
  })
}

describe('offline', () => {
  it('after one visit, reloads with the network off, opens another exercise and grades it', async () => {
    const context = await browser().newContext({ viewport: { width: 1280, height: 800 } })
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: appUrl })
    const page = await context.newPage()
    const errors = trackPageErrors(page)
    await page.goto(`${appUrl}#/password-manager`)
    await page.locator('.monaco-editor .view-lines').first().waitFor()
    expect(await waitForOfflineReady(page)).toBe(appUrl)
    // the whole build is precached, the 7 MB TypeScript worker included
    const cached = await page.evaluate(async () => {
      const urls: string[] = []
      for (const name of await caches.keys()) {
        for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname)
      }
      return urls
    })
    expect(
      cached.some((path) => /\/assets\/ts\.worker-.*\.js$/.test(path) && !path.endsWith('.js.map')),
    ).toBe(true)
    expect(cached).toContain('/index.html')

    await context.setOffline(true)
    await page.reload()
    await page.locator('.monaco-editor .view-lines').first().waitFor()
    await page.goto(`${appUrl}#/simple-jwt`)
    await page.locator('.code-toolbar .tab[aria-selected="true"]:has-text("SimpleJWT.ts")').waitFor()
    await pasteIntoEditor(page, readRepoFile('solutions/simple-jwt/SimpleJWT.ts'))
    const [passed, total] = await runAndReadSummary(page)
    expect(total).toBeGreaterThan(10)
    expect(passed).toBe(total)
    await expect(page.locator('.results .test.pass').count()).resolves.toBe(total)
    expect(errors).toEqual([])
    await context.close()
  })

  it('registers its service worker only once the editor shows the file: its install downloads the whole app again', async () => {
    const context = await browser().newContext()
    // whether the editor showed the file's lines when the page asked for the registration (at the page's load
    // event, as Workbox registers by default, it sometimes had not)
    await context.addInitScript(() => {
      const register = ServiceWorkerContainer.prototype.register
      ServiceWorkerContainer.prototype.register = function (...args) {
        ;(window as unknown as { registeredWithEditor: boolean }).registeredWithEditor =
          document.querySelector('.monaco-editor .view-lines .view-line') !== null
        return register.apply(this, args)
      }
    })
    const page = await context.newPage()
    await page.goto(`${appUrl}#/simple-jwt`)
    expect(await waitForOfflineReady(page)).toBe(appUrl)
    expect(
      await page.evaluate(
        () => (window as unknown as { registeredWithEditor?: boolean }).registeredWithEditor,
      ),
    ).toBe(true)
    await context.close()
  })

  it('is installable: a web app manifest with icons, scoped to the app', async () => {
    const context = await browser().newContext()
    const page = await context.newPage()
    await page.goto(appUrl)
    const href = await page.locator('link[rel="manifest"]').getAttribute('href')
    const manifest = (await (await context.request.get(new URL(href ?? '', appUrl).href)).json()) as {
      name: string
      display: string
      start_url: string
      icons: { src: string; sizes: string }[]
    }
    expect(manifest).toMatchObject({ name: 'AuthLab', display: 'standalone', start_url: './' })
    for (const size of ['192x192', '512x512']) {
      const icon = manifest.icons.find((candidate) => candidate.sizes === size)
      const response = await context.request.get(
        new URL(icon?.src ?? 'missing', new URL(href ?? '', appUrl)).href,
      )
      expect(response.headers()['content-type']).toBe('image/png')
    }
    await context.close()
  })
})
