// The openings index.html paints before the app has loaded: one per exercise, rendered as the lesson view
// renders it, and a script first in the head that picks the routed one, as the router reads the address, when
// parsing ends.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { JSDOM } from 'jsdom'
import { describe, expect, it } from 'vitest'
import { readContentSources } from '../../scripts/lib/content-sources'
import {
  lessonOpeningTags,
  paintOpeningScript,
  paintOpeningScriptSource,
} from '../../scripts/lib/lesson-openings'
import { loadCatalogue } from '../../src/content/catalogue'
import { lessonTitles } from '../support/lesson-titles'

const root = join(import.meta.dirname, '../..')
const { exercises } = loadCatalogue(readContentSources(root))
const indexHtml = readFileSync(join(root, 'index.html'), 'utf8')
const tags = await lessonOpeningTags(root)

/** The tags serialised as Vite does (children as they are), at the start or the end of the head. */
const serialise = (where: 'head-prepend' | 'head') =>
  tags
    .filter((tag) => tag.injectTo === where)
    .map((tag) => {
      const attrs = Object.entries(tag.attrs ?? {}).map(([name, value]) => ` ${name}="${value}"`)
      return `<${tag.tag}${attrs.join('')}>${tag.children}</${tag.tag}>`
    })
    .join('\n')
const html = indexHtml
  .replace('<head>', () => `<head>${serialise('head-prepend')}`)
  .replace('</head>', () => `${serialise('head')}</head>`)

/**
 * The page loaded at `hash`, once parsed (jsdom runs inline scripts as a browser does, but no modules, and loads
 * no stylesheet).
 */
async function pageAt(hash: string): Promise<Document> {
  const { window } = new JSDOM(html, { url: `http://localhost/${hash}`, runScripts: 'dangerously' })
  if (window.document.readyState === 'loading')
    await new Promise((resolve) => window.document.addEventListener('DOMContentLoaded', resolve))
  return window.document
}

const titles = await lessonTitles(exercises)
const openingTitle = (id: string) => titles.get(id)

describe('the lesson openings in index.html', () => {
  it('holds one template per exercise in the head, in course order, each with its opening and no script', async () => {
    const templates = [...(await pageAt('')).head.querySelectorAll('template')]
    expect(templates.map((template) => template.dataset.lessonOpening)).toEqual(
      exercises.map((exercise) => exercise.id),
    )
    for (const [index, template] of templates.entries()) {
      const id = exercises[index]?.id ?? ''
      expect(template.content.querySelector('h1')?.textContent, id).toBe(openingTitle(id))
      expect(template.innerHTML, id).not.toMatch(/<script|\son\w+=|javascript:/i)
    }
  })

  it('finishes the openings as the lesson view does: links, code blocks, tables and code in cells', async () => {
    const templates = [...(await pageAt('')).head.querySelectorAll('template')].map(
      (template) => template.content,
    )
    const all = (selector: string) => templates.flatMap((content) => [...content.querySelectorAll(selector)])
    expect(all('table').length, 'the openings hold tables').toBeGreaterThan(0)
    for (const table of all('table')) {
      expect(table.parentElement?.className).toBe('table-scroll')
      expect(table.parentElement?.getAttribute('tabindex')).toBe('0')
    }
    for (const block of all('pre')) expect(block.getAttribute('tabindex')).toBe('0')
    for (const link of all('a[href^="http"]')) {
      expect(link.getAttribute('target')).toBe('_blank')
      expect(link.getAttribute('rel')).toBe('noopener noreferrer')
    }
    // a call in a table cell breaks after its punctuation, as in the lesson view
    const cellCode = all('td code').filter((code) => /[.(]/.test(code.textContent ?? ''))
    expect(cellCode.length).toBeGreaterThan(0)
    for (const code of cellCode)
      expect(
        code.querySelector('wbr') !== null || code.classList.contains('break-anywhere'),
        code.textContent ?? '',
      ).toBe(true)
  })

  it('puts its one inline script first in the head, before any stylesheet, so the parser never waits to run it', () => {
    const head = new JSDOM(html).window.document.head
    const script = head.querySelector('script')
    expect(script?.textContent).toBe(paintOpeningScript)
    expect(head.querySelector('link[rel="stylesheet"]')?.compareDocumentPosition(script as Node)).toBe(
      2, // Node.DOCUMENT_POSITION_PRECEDING: the script comes before the stylesheet
    )
    expect(html.match(/<script>/g)).toHaveLength(1)
  })

  it.each([
    ['#/simple-jwt', 'simple-jwt'],
    ['#/totp?share=abc', 'totp'],
    ['#/%73imple-jwt', 'simple-jwt'],
  ])('paints the opening of the exercise the address names (%s)', async (hash, id) => {
    const body = (await pageAt(hash)).getElementById('lesson-body')
    expect(body?.dataset.opening).toBe(id)
    expect(body?.querySelector('h1')?.textContent).toBe(openingTitle(id))
    expect(body?.querySelector('.loading')).toBeNull()
  })

  it.each(['', '#/', '#/no-such-exercise', '#/%'])(
    'paints the first exercise for an address naming none it has (%s), as the app does',
    async (hash) => {
      const body = (await pageAt(hash)).getElementById('lesson-body')
      expect(body?.dataset.opening).toBe(exercises[0]?.id)
      expect(body?.querySelector('h1')?.textContent).toBe(openingTitle(exercises[0]?.id ?? ''))
    },
  )

  it('lets the Content-Security-Policy allow exactly this script, by its SHA-256', () => {
    const digest = createHash('sha256').update(paintOpeningScript).digest('base64')
    expect(paintOpeningScriptSource).toBe(`'sha256-${digest}'`)
  })
})
