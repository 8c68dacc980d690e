// Long texts kept once: the course module (scripts/lib/catalogue-module.ts) moves every long string of the
// catalogue into a table, since a file carried into later exercises is the same starter (and reference) in
// each of them, and the app (bundled-catalogue.ts) puts them back.

/** Marks a text kept in the table: `{ [textRef]: index }`. */
const textRef = '\u0000text'

/** `value` with every string of `minLength` or more characters moved into `texts`, once however often it occurs. */
export function withTextRefs(value: unknown, texts: Map<string, number>, minLength = 200): unknown {
  if (typeof value === 'string') {
    if (value.length < minLength) return value
    if (!texts.has(value)) texts.set(value, texts.size)
    return { [textRef]: texts.get(value) }
  }
  if (Array.isArray(value)) return value.map((item) => withTextRefs(item, texts, minLength))
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, withTextRefs(item, texts, minLength)]),
    )
  return value
}

/** `value` with each reference made by `withTextRefs` replaced by its text from `texts`. */
export function withTexts(value: unknown, texts: readonly string[]): unknown {
  if (Array.isArray(value)) return value.map((item) => withTexts(item, texts))
  if (!value || typeof value !== 'object') return value
  const index = (value as Record<string, unknown>)[textRef]
  if (typeof index === 'number') return texts[index]
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withTexts(item, texts)]))
}
