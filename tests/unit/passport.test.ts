import { describe, expect, it } from 'vitest'
import { suiteFingerprint } from '../../src/passport/fingerprint'
import { mergeProgress } from '../../src/passport/merge'
import { changedSuites, readPassport, writePassport } from '../../src/passport/passport'
import { emptyDump, HISTORY_LIMIT, type ProgressDump } from '../../src/storage'

const passed = {
  passed: 2,
  total: 2,
  failed: 0,
  at: 9,
  tests: [
    { name: 'a', state: 'pass' as const },
    { name: 'b', state: 'pass' as const },
  ],
}
const file = (exerciseId: string, content: string, updatedAt: number, path = 'A.ts') => ({
  exerciseId,
  path,
  content,
  updatedAt,
})
const dump = (parts: Partial<ProgressDump>): ProgressDump => ({ ...emptyDump, ...parts })

describe('mergeProgress', () => {
  it('takes drafts this browser lacks and asks to grade their exercises again', () => {
    const { dump: merged, report } = mergeProgress(
      dump({ drafts: [file('one', 'mine', 10)] }),
      dump({ drafts: [file('two', 'theirs', 5)], results: { two: passed } }),
    )
    expect(merged.drafts).toEqual([file('one', 'mine', 10), file('two', 'theirs', 5)])
    expect(report.taken).toEqual([{ exerciseId: 'two', path: 'A.ts' }])
    expect(report.regrade).toEqual(['two'])
    // an imported completion is never stored as such
    expect(merged.results).toEqual({})
  })

  it('lets the newer draft win and keeps the older text in history', () => {
    const local = dump({ drafts: [file('one', 'old mine', 10)], results: { one: passed } })
    const { dump: merged, report } = mergeProgress(local, dump({ drafts: [file('one', 'newer theirs', 20)] }))
    expect(merged.drafts).toEqual([file('one', 'newer theirs', 20)])
    expect(merged.history.map((s) => [s.content, s.at])).toEqual([
      ['old mine', 10],
      ['newer theirs', 20],
    ])
    expect(report.conflicts).toEqual([{ exerciseId: 'one', path: 'A.ts', kept: 'passport' }])
    // the result graded other code: it goes, and the exercise is graded again
    expect(merged.results).toEqual({})
    expect(report.regrade).toEqual(['one'])
  })

  it('keeps this browser newer draft and its result, with the passport text in history', () => {
    const local = dump({ drafts: [file('one', 'new mine', 30)], results: { one: passed } })
    const { dump: merged, report } = mergeProgress(local, dump({ drafts: [file('one', 'older theirs', 20)] }))
    expect(merged.drafts).toEqual([file('one', 'new mine', 30)])
    expect(merged.history.map((s) => s.content)).toEqual(['older theirs', 'new mine'])
    expect(report.conflicts).toEqual([{ exerciseId: 'one', path: 'A.ts', kept: 'this browser' }])
    expect(merged.results).toEqual({ one: passed })
    expect(report.regrade).toEqual([])
  })

  it('grades again an exercise the passport claims passed even when the code is already here', () => {
    const same = dump({ drafts: [file('one', 'same', 10)] })
    const { report } = mergeProgress(
      same,
      dump({ drafts: [file('one', 'same', 12)], results: { one: passed } }),
    )
    expect(report.regrade).toEqual(['one'])
  })

  it('unions histories without duplicates and never drops a conflict text for the history limit', () => {
    const snaps = (from: number, count: number, tag: string) =>
      Array.from({ length: count }, (_, i) => ({
        exerciseId: 'one',
        path: 'A.ts',
        content: `${tag}${i}`,
        at: from + i,
      }))
    const local = dump({ drafts: [file('one', 'loser', 1)], history: snaps(100, HISTORY_LIMIT, 'l') })
    const imported = dump({
      drafts: [file('one', 'winner', 1000)],
      history: [...snaps(100, 5, 'l'), ...snaps(500, 10, 'p')],
    })
    const { dump: merged, report } = mergeProgress(local, imported)
    expect(merged.history.length).toBe(HISTORY_LIMIT)
    expect(merged.history.map((s) => s.content)).toContain('loser')
    expect(report.snapshotsAdded).toBe(10)
    expect(report.snapshotsOverLimit).toBe(HISTORY_LIMIT + 10 + 2 - HISTORY_LIMIT)
  })

  it('raises hints to the larger count and takes only settings this browser never set', () => {
    const { dump: merged } = mergeProgress(
      dump({ hints: { one: 1, two: 3 }, settings: { theme: 'dark' } }),
      dump({ hints: { one: 2, two: 1 }, settings: { theme: 'light', fontSize: 20 } }),
    )
    expect(merged.hints).toEqual({ one: 2, two: 3 })
    expect(merged.settings).toEqual({ theme: 'dark', fontSize: 20 })
  })
})

describe('passport files', () => {
  const stored = dump({
    drafts: [file('simple-jwt', 'code', 3)],
    history: [{ exerciseId: 'simple-jwt', path: 'A.ts', content: 'code', at: 3 }],
    results: {
      'simple-jwt': passed,
      totp: {
        ...passed,
        problems: ['stopped'],
        typeErrors: [{ path: 'A.ts', line: 1, column: 2, message: 'no' }],
      },
    },
    hints: { 'simple-jwt': 1 },
    settings: { wordWrap: true },
  })

  it('reads back what it wrote', async () => {
    const suites = { 'simple-jwt': await suiteFingerprint({ 'a.test.ts': 'x' }) }
    const read = readPassport(writePassport(stored, suites, 42))
    expect(read).toMatchObject({ ok: true, dump: stored, passport: { version: 1, exportedAt: 42, suites } })
  })

  it('names what is wrong in a damaged or foreign file', () => {
    const good = JSON.parse(writePassport(stored, {}, 1)) as Record<string, unknown>
    const cases: [string, RegExp][] = [
      ['{"format": "authlab-pass', /not JSON/],
      ['[1,2,3]', /not an AuthLab progress passport/],
      [JSON.stringify({ name: 'package', version: '1.0.0' }), /not an AuthLab progress passport/],
      [JSON.stringify({ ...good, version: 7 }), /newer AuthLab \(version 7\)/],
      [
        JSON.stringify({ ...good, drafts: [{ exerciseId: 'x', path: 'A.ts', content: 5, updatedAt: 1 }] }),
        /drafts\[0\]\.content/,
      ],
      [JSON.stringify({ ...good, extra: 1 }), /unknown field\(s\): extra/],
    ]
    for (const [text, message] of cases) {
      const read = readPassport(text)
      expect(read.ok).toBe(false)
      if (!read.ok) expect(read.message).toMatch(message)
    }
  })

  it('fingerprints change with the suite text and name, and say which suites changed', async () => {
    const a = await suiteFingerprint({ 'a.test.ts': 'x' })
    expect(a).toMatch(/^sha256:[0-9a-f]{64}$/)
    expect(await suiteFingerprint({ 'a.test.ts': 'y' })).not.toBe(a)
    expect(await suiteFingerprint({ 'b.test.ts': 'x' })).not.toBe(a)
    const read = readPassport(writePassport(stored, { one: a, two: a }, 1))
    if (!read.ok) throw new Error(read.message)
    expect(changedSuites(read.passport, { one: a, two: 'sha256:other', three: a })).toEqual(['two'])
  })
})
