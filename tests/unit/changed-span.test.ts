import { expect, test } from 'vitest'
import { changedSpan } from '../../src/editor/changed-span'

const apply = (before: string, after: string) => {
  const { start, oldEnd, newEnd } = changedSpan(before, after)
  return before.slice(0, start) + after.slice(start, newEnd) + before.slice(oldEnd)
}

test('replaces only the part that differs, so text before and after it keeps its place', () => {
  expect(changedSpan('const a = 1\nconst b = 2\n', 'const a = 1\nconst b = 3\n')).toEqual({
    start: 22,
    oldEnd: 23,
    newEnd: 23,
  })
  expect(changedSpan('abc', 'abXc')).toEqual({ start: 2, oldEnd: 2, newEnd: 3 })
  expect(changedSpan('same', 'same')).toEqual({ start: 4, oldEnd: 4, newEnd: 4 })
})

test('any pair of texts round-trips, including repeats and emoji whose halves must stay together', () => {
  const pairs: [string, string][] = [
    ['', 'new'],
    ['old', ''],
    ['aaaa', 'aa'],
    ['abab', 'ab'],
    ['x😀y', 'x😃y'],
    ['😀', '😃'],
    ['a\nb\nc', 'a\nc'],
  ]
  for (const [before, after] of pairs) expect(apply(before, after), `${before} -> ${after}`).toBe(after)
  const { start, oldEnd } = changedSpan('x😀y', 'x😃y')
  expect([start, oldEnd]).toEqual([1, 3])
})
