import { createHash } from 'node:crypto'
import { describe, expect, inject, it } from 'vitest'
import { useBrowser } from './browser'

const appUrl = inject('appUrl')
const browser = useBrowser()

describe('the Content-Security-Policy of the built app', () => {
  it('lets the editor and a grading run work without a single violation, and blocks inline and remote scripts', async () => {
    const context = await browser().newContext()
    await context.addInitScript(() => {
      const seen: string[] = []
      ;(window as unknown as { __violations: string[] }).__violations = seen
      document.addEventListener('securitypolicyviolation', (event) =>
        seen.push(`${event.effectiveDirective} ${event.blockedURI}`),
      )
    })
    const page = await context.newPage()
    await page.goto(`${appUrl}#/auth-service`)
    const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')
    const directives = (policy ?? '').split(';').map((directive) => directive.trim())
    expect(directives).toContain("default-src 'self'")
    // scripts only from the app itself, the grader's blob: modules and the page's one inline script (it paints
    // the lesson's opening), allowed by its hash: no other inline code, no eval, no other origin
    const inline = await page
      .locator('script:not([src])')
      .evaluateAll((scripts) => scripts.map((script) => script.textContent ?? ''))
    expect(inline).toHaveLength(1)
    const digest = createHash('sha256')
      .update(inline[0] ?? '')
      .digest('base64')
    expect(directives).toContain(`script-src 'self' blob: 'sha256-${digest}'`)
    expect(policy).not.toMatch(/https?:/)
    await page.locator('.monaco-editor .view-lines').first().waitFor()
    await page.keyboard.press('ControlOrMeta+Enter')
    await page.locator('.results .test').first().waitFor()
    const violations = () =>
      page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)
    expect(await violations()).toEqual([])

    const ran = await page.evaluate(async () => {
      const inline = document.createElement('script')
      inline.textContent = 'window.__inlineRan = true'
      document.body.append(inline)
      const remote = document.createElement('script')
      remote.src = 'https://example.com/x.js'
      document.body.append(remote)
      await new Promise((resolve) => setTimeout(resolve, 100))
      return (window as unknown as { __inlineRan?: boolean }).__inlineRan ?? false
    })
    expect(ran).toBe(false)
    expect((await violations()).map((line) => line.split(' ')[0])).toEqual([
      'script-src-elem',
      'script-src-elem',
    ])
    await context.close()
  })
})
