/**
 * Where a lesson's opening ends: the start of its second `## ` section outside a code fence, or the end. Lessons
 * open with a short introduction and "To pass, you need", which fill the first screen; the app ships that much
 * of every lesson with the page, so the routed one paints without waiting for a fetch.
 */
export function lessonOpeningEnd(markdown: string): number {
  let fenced = false
  let sections = 0
  let offset = 0
  for (const line of markdown.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced
    else if (!fenced && line.startsWith('## ') && ++sections === 2) return offset
    offset += line.length + 1
  }
  return markdown.length
}
