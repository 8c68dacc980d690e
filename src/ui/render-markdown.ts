import DOMPurify from 'dompurify'
import { marked } from 'marked'

/** Renders lesson or hint markdown to sanitised HTML: scripts, event handlers and `javascript:` URLs never survive. */
export function renderMarkdown(markdown: string): string {
  const html = marked.parse(markdown, { async: false, gfm: true })
  return DOMPurify.sanitize(html, { USE_PROFILES: { html: true }, FORBID_TAGS: ['style', 'form', 'input'] })
}

/**
 * Finishes rendered lesson text: links open in a new tab without handing it this page, and code blocks that
 * scroll sideways can be reached and scrolled with the keyboard.
 */
export function hardenLinks(root: HTMLElement): void {
  for (const link of root.querySelectorAll<HTMLAnchorElement>('a[href^="http"]')) {
    link.target = '_blank'
    link.rel = 'noopener noreferrer'
  }
  for (const block of root.querySelectorAll<HTMLElement>('pre')) block.tabIndex = 0
}
