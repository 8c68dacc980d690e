import { expect, test } from 'vitest'
import { readableError } from '../../src/ui/failure-text'

test("a suite author's message on a boolean check is kept alone: no chai sentence, no - false / + true diff", () => {
  const shown = readableError({
    name: 'AssertionError',
    message:
      "expected decode to reject with JwtError code 'expired': expected true to be false // Object.is equality",
    diff: '- Expected\n+ Received\n\n- false\n+ true',
    expected: 'false',
    actual: 'true',
  })
  expect(shown).toEqual({ message: "expected decode to reject with JwtError code 'expired'" })
})

test('without an author message, or comparing other values, the message and diff stay', () => {
  const bare = {
    name: 'AssertionError',
    message: 'expected true to be false // Object.is equality',
    diff: '- Expected\n+ Received\n\n- false\n+ true',
    expected: 'false',
    actual: 'true',
  }
  expect(readableError(bare).message).toBe(bare.message)
  expect(readableError(bare).diff).toHaveLength(5)
  const numbers = {
    ...bare,
    message: 'the count: expected 1 to be 2 // Object.is equality',
    expected: '2',
    actual: '1',
  }
  expect(readableError(numbers).message).toBe(numbers.message)
})

test('a long token that differs near its end: both lines kept whole, the differing part marked on each', () => {
  const expected = `${'eyJhbGciOiJIUzI1NiJ9.'.repeat(6)}SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5d`
  const received = `${'eyJhbGciOiJIUzI1NiJ9.'.repeat(6)}SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c`
  const { diff } = readableError({
    name: 'AssertionError',
    message: 'expected … to be …',
    diff: `Expected: "${expected}"\nReceived: "${received}"`,
  })
  const [first, second] = diff ?? []
  expect(first).toMatchObject({ kind: 'expected', text: `Expected: "${expected}"` })
  expect(second).toMatchObject({ kind: 'received', text: `Received: "${received}"` })
  const at = 'Expected: "'.length + expected.length - 1
  expect(first?.mark).toEqual([at, at + 1])
  expect(second?.text.slice(...(second.mark ?? []))).toBe('c')
})

test('in a unified diff, changed lines are paired with their counterparts; headers and context are left alone', () => {
  const { diff } = readableError({
    name: 'AssertionError',
    message: 'expected … to deeply equal …',
    diff: [
      '- Expected',
      '+ Received',
      '',
      '  {',
      '-   "role": "admin",',
      '+   "role": "reader",',
      '  }',
    ].join('\n'),
  })
  expect(diff?.map((line) => line.kind)).toEqual([
    'header',
    'header',
    'same',
    'same',
    'expected',
    'received',
    'same',
  ])
  const marked = (diff ?? []).filter((line) => line.mark).map((line) => line.text.slice(...(line.mark ?? [])))
  expect(marked).toEqual(['admin', 'reader'])
})
