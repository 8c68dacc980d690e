import { describe, expect, it } from 'vitest'
import { hardenLinks, renderMarkdown } from '../../src/ui/render-markdown'
import hostile from '../fixtures/hostile-lesson.md?raw'

declare global {
  interface Window {
    __pwned?: string
  }
}

describe('lesson markdown', () => {
  it('renders headings, code and links', () => {
    const root = document.createElement('div')
    root.innerHTML = renderMarkdown(
      '# Title\n\nSee [RFC 7519](https://www.rfc-editor.org/rfc/rfc7519).\n\n```ts\nconst a = 1\n```',
    )
    hardenLinks(root)
    expect(root.querySelector('h1')?.textContent).toBe('Title')
    expect(root.querySelector('pre code')?.textContent).toBe('const a = 1\n')
    const link = root.querySelector('a')
    expect(link?.target).toBe('_blank')
    expect(link?.rel).toBe('noopener noreferrer')
    expect(root.querySelector('pre')?.tabIndex).toBe(0)
  })

  it('strips everything that could run or leak from a hostile lesson', async () => {
    const root = document.createElement('div')
    document.body.append(root)
    root.innerHTML = renderMarkdown(hostile)
    hardenLinks(root)
    await new Promise((resolve) => setTimeout(resolve, 50)) // give an onerror or ontoggle the chance to fire
    expect(window.__pwned).toBeUndefined()
    expect(root.querySelectorAll('script, iframe, form, input, style, svg script').length).toBe(0)
    for (const element of root.querySelectorAll('*')) {
      const handlers = [...element.attributes].filter((attribute) => attribute.name.startsWith('on'))
      expect(handlers.map((attribute) => attribute.name)).toEqual([])
    }
    for (const link of root.querySelectorAll('a'))
      expect(link.getAttribute('href') ?? '').not.toMatch(/^javascript:/i)
    // code in a fence stays visible as text
    expect(root.querySelector('pre code')?.textContent).toContain('<script>not executed, just code</script>')
    root.remove()
  })

  it('lets table code break after punctuation, never inside an identifier, long tokens anywhere, and the table scroll by keyboard', () => {
    const root = document.createElement('div')
    root.innerHTML = renderMarkdown(
      '| name | token |\n| --- | --- |\n| `ValidationError` and `users.create(record)` | `eyJzdWIiOiI0MiIsImlhdCI6MTcwMDAwMDAwMCwiZXhwIjoxNzAwMDAzNjAwfQ` |',
    )
    hardenLinks(root)
    const [identifier, call, token] = root.querySelectorAll('td code')
    expect(identifier?.innerHTML).toBe('ValidationError')
    expect(call?.innerHTML).toBe('users.<wbr>create(<wbr>record)')
    expect(token?.classList.contains('break-anywhere')).toBe(true)
    expect(token?.textContent).toBe('eyJzdWIiOiI0MiIsImlhdCI6MTcwMDAwMDAwMCwiZXhwIjoxNzAwMDAzNjAwfQ')
    const scroll = root.querySelector('table')?.parentElement
    expect([scroll?.className, scroll?.tabIndex]).toEqual(['table-scroll', 0])
  })
})
