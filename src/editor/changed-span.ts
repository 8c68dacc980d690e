// The smallest edit that turns one text into another, so following another tab's save keeps the cursor.

/** Where two texts differ: after their common start, before their common end (offsets in each). */
export function changedSpan(
  before: string,
  after: string,
): { start: number; oldEnd: number; newEnd: number } {
  let start = 0
  const shorter = Math.min(before.length, after.length)
  while (start < shorter && before[start] === after[start]) start++
  let end = 0
  while (end < shorter - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++
  // never split a surrogate pair
  const high = (text: string, at: number) => at > 0 && /[\uD800-\uDBFF]/.test(text.charAt(at - 1))
  if (high(before, start)) start--
  if (end > 0 && high(before, before.length - end)) end--
  return { start, oldEnd: before.length - end, newEnd: after.length - end }
}
