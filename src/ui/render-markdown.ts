import DOMPurify, { type DOMPurify as Purifier } from 'dompurify'
import { marked } from 'marked'

/**
 * Renders lesson or hint markdown to sanitised HTML: scripts, event handlers and `javascript:` URLs never survive.
 * `purifier` is DOMPurify bound to another window where there is no page (the build, with jsdom).
 */
export function renderMarkdown(markdown: string, purifier: Purifier = DOMPurify): string {
  const html = marked.parse(markdown, { async: false, gfm: true })
  return purifier.sanitize(html, { USE_PROFILES: { html: true }, FORBID_TAGS: ['style', 'form', 'input'] })
}

/**
 * Lesson markdown (a lesson, a hint, a reference solution's notes) rendered, sanitised and finished
 * (`hardenLinks`) into a detached `<div>` of `document`: the views take its nodes; the build takes its HTML from
 * jsdom for the openings index.html paints.
 */
export function renderLesson(
  markdown: string,
  document: Document = globalThis.document,
  purifier: Purifier = DOMPurify,
): HTMLDivElement {
  const holder = document.createElement('div')
  holder.innerHTML = renderMarkdown(markdown, purifier)
  hardenLinks(holder)
  return holder
}

/**
 * Finishes rendered lesson text: links open in a new tab without handing it this page, code blocks and tables
 * that scroll sideways can be reached and scrolled with the keyboard, and code in table cells breaks after
 * punctuation (`users.|create(|record)`) rather than inside an identifier.
 */
export function hardenLinks(root: HTMLElement): void {
  const document = root.ownerDocument
  for (const link of root.querySelectorAll<HTMLAnchorElement>('a[href^="http"]')) {
    link.target = '_blank'
    link.rel = 'noopener noreferrer'
  }
  for (const block of root.querySelectorAll<HTMLElement>('pre')) block.tabIndex = 0
  for (const code of root.querySelectorAll<HTMLElement>('td code, th code')) breakableCode(code)
  for (const table of root.querySelectorAll('table')) {
    if (table.parentElement?.classList.contains('table-scroll')) continue
    const scroll = document.createElement('div')
    scroll.className = 'table-scroll'
    scroll.tabIndex = 0
    table.replaceWith(scroll)
    scroll.append(table)
  }
}

/** Where an expression may break: after `.`, `(`, `,`, `{` or `:`; an identifier stays whole. */
const breakPoints = /(?<=[.(,{:])/

/**
 * A long run without punctuation or spaces (a base64url token) may break anywhere; anything else gets `<wbr>`
 * at its break points and keeps its identifiers whole, so a narrow column never cuts `ValidationError` as
 * `ValidationE rror`.
 */
function breakableCode(code: HTMLElement): void {
  const document = code.ownerDocument
  const text = code.textContent ?? ''
  if (code.children.length > 0) return
  // a base64url token has capitals everywhere but no punctuation: judge its length between punctuation only
  if (text.split(/[\s.(,{:]/).some((run) => run.length > 24)) {
    code.classList.add('break-anywhere')
    return
  }
  const parts = text.split(breakPoints)
  if (parts.length < 2) return
  code.replaceChildren(
    ...parts.flatMap((part, index) => (index === 0 ? [part] : [document.createElement('wbr'), part])),
  )
}
