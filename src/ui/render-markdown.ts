import DOMPurify from 'dompurify'
import { marked } from 'marked'

/** Renders lesson or hint markdown to sanitised HTML: scripts, event handlers and `javascript:` URLs never survive. */
export function renderMarkdown(markdown: string): string {
  const html = marked.parse(markdown, { async: false, gfm: true })
  return DOMPurify.sanitize(html, { USE_PROFILES: { html: true }, FORBID_TAGS: ['style', 'form', 'input'] })
}

/** Makes links in rendered lesson text open in a new tab without handing it this page. */
export function hardenLinks(root: HTMLElement): void {
  for (const link of root.querySelectorAll<HTMLAnchorElement>('a[href^="http"]')) {
    link.target = '_blank'
    link.rel = 'noopener noreferrer'
  }
}
