// The openings index.html paints before the app has loaded: one per exercise, rendered as the lesson view
// renders it, and a script that picks the routed one as the router reads the address.
import { createHash } from 'node:crypto'
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

const root = join(import.meta.dirname, '../..')
const { exercises } = loadCatalogue(readContentSources(root))
const tags = await lessonOpeningTags(root)
const templates = tags.filter((tag) => tag.tag === 'template')

/** index.html's lesson column and the tags, loaded at `hash` with scripts run as a browser runs them. */
function pageAt(hash: string) {
  const markup = tags
    .map((tag) => {
      const attrs = Object.entries(tag.attrs ?? {})
        .map(([name, value]) => ` ${name}="${value}"`)
        .join('')
      return `<${tag.tag}${attrs}>${tag.children}</${tag.tag}>`
    })
    .join('\n')
  const html = `<div id="lesson-body"><p class="loading">Loading the lesson…</p></div>\n${markup}`
  return new JSDOM(html, { url: `http://localhost/${hash}`, runScripts: 'dangerously' }).window.document
}

const openingTitle = (id: string) =>
  exercises.find((exercise) => exercise.id === id)?.lessonOpening.match(/^# (.+)$/m)?.[1]

describe('the lesson openings in index.html', () => {
  it('holds one template per exercise, in course order, each with its opening and no script', () => {
    expect(templates.map((tag) => tag.attrs?.['data-lesson-opening'])).toEqual(
      exercises.map((exercise) => exercise.id),
    )
    for (const [index, template] of templates.entries()) {
      const html = String(template.children)
      expect(html, exercises[index]?.id).toContain(`<h1>${openingTitle(exercises[index]?.id ?? '')}</h1>`)
      expect(html).not.toMatch(/<script|on\w+=|javascript:/i)
    }
  })

  it.each([
    ['#/simple-jwt', 'simple-jwt'],
    ['#/totp?share=abc', 'totp'],
    ['#/%73imple-jwt', 'simple-jwt'],
  ])('paints the opening of the exercise the address names (%s)', (hash, id) => {
    const document = pageAt(hash)
    const body = document.getElementById('lesson-body')
    expect(body?.dataset.opening).toBe(id)
    expect(body?.querySelector('h1')?.textContent).toBe(openingTitle(id))
    expect(body?.querySelector('.loading')).toBeNull()
  })

  it.each(['', '#/', '#/no-such-exercise', '#/%'])(
    'paints the first exercise for an address naming none it has (%s), as the app does',
    (hash) => {
      const body = pageAt(hash).getElementById('lesson-body')
      expect(body?.dataset.opening).toBe(exercises[0]?.id)
      expect(body?.querySelector('h1')?.textContent).toBe(openingTitle(exercises[0]?.id ?? ''))
    },
  )

  it('lets the Content-Security-Policy allow exactly this script, by its SHA-256', () => {
    const script = tags.find((tag) => tag.tag === 'script')
    expect(script?.children).toBe(paintOpeningScript)
    const digest = createHash('sha256').update(paintOpeningScript).digest('base64')
    expect(paintOpeningScriptSource).toBe(`'sha256-${digest}'`)
  })
})
