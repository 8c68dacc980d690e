import { describe, expect, it } from 'vitest'
import { caughtByProblems, readDecoy } from '../../scripts/lib/decoys'

const reference = 'export function isExpired(exp: number, now: number) {\n  return exp <= now\n}\n'
const diff = [
  '--- a/Clock.ts',
  '+++ b/Clock.ts',
  '@@ -1,3 +1,3 @@',
  ' export function isExpired(exp: number, now: number) {',
  '-  return exp <= now',
  '+  return exp < now',
  ' }',
  '',
].join('\n')
const header = 'mistake: Treats exp == now as still valid.\ncaughtBy: expiry > rejects exp equal to now\n'
const file = 'solutions/clock/decoys/off-by-one.patch'
const read = (text: string, references: Record<string, string> = { 'Clock.ts': reference }) =>
  readDecoy('off-by-one', file, text, ['Clock.ts'], (name) => references[name])

describe('readDecoy', () => {
  it('reads the header and applies the diff to the reference', () => {
    const result = read(`${header}\n${diff}`)
    expect(result).toEqual({
      ok: true,
      decoy: {
        name: 'off-by-one',
        file,
        mistake: 'Treats exp == now as still valid.',
        caughtBy: ['expiry > rejects exp equal to now'],
        files: { 'Clock.ts': reference.replace('<=', '<') },
      },
    })
  })

  it('collects several caughtBy lines in order', () => {
    const result = read(`${header}caughtBy: expiry > another test\n\n${diff}`)
    expect(result.ok && result.decoy.caughtBy).toEqual([
      'expiry > rejects exp equal to now',
      'expiry > another test',
    ])
  })

  it('names the file when the reference changed under the patch', () => {
    const changed = { 'Clock.ts': reference.replace('exp <= now', 'now >= exp') }
    expect(read(`${header}\n${diff}`, changed)).toEqual({
      ok: false,
      problems: [
        `${file}: does not apply to the reference Clock.ts any more (the solution changed under it); remake the diff`,
      ],
    })
  })

  it('refuses a decoy without caughtBy, without a mistake or with an unknown header field', () => {
    expect(read(`mistake: x\n\n${diff}`)).toEqual({
      ok: false,
      problems: [`${file}: caughtBy needs at least one caughtBy line`],
    })
    expect(read(`caughtBy: a > b\n\n${diff}`)).toEqual({
      ok: false,
      problems: [`${file}: mistake is required`],
    })
    expect(read(`${header}author: me\n\n${diff}`)).toEqual({
      ok: false,
      problems: [`${file}: unknown header field(s): author (only mistake and caughtBy)`],
    })
  })

  it('refuses a header line that is not "key: value", with its line number', () => {
    expect(read(`${header}this is prose\n\n${diff}`)).toEqual({
      ok: false,
      problems: [`${file}:3: expected "key: value" before the diff, got "this is prose"`],
    })
  })

  it('refuses a decoy with no diff, or one that patches a file the learner does not edit', () => {
    expect(read(header)).toEqual({
      ok: false,
      problems: [`${file}: has no diff (a "--- a/File.ts" line and hunks after the header)`],
    })
    const other = diff.replaceAll('Clock.ts', 'UserStore.ts')
    expect(read(`${header}\n${other}`)).toEqual({
      ok: false,
      problems: [`${file}: patches "UserStore.ts", which is not an editable file (Clock.ts)`],
    })
  })
})

describe('caughtByProblems', () => {
  const decoy = { name: 'off-by-one', caughtBy: ['expiry > rejects exp equal to now', 'expiry > other'] }

  it('is satisfied when one caughtBy test failed', () => {
    const tests = [
      { name: 'expiry > rejects exp equal to now', state: 'fail' },
      { name: 'expiry > other', state: 'pass' },
    ]
    expect(caughtByProblems(decoy, tests, 'native')).toEqual([])
  })

  it('says so when the decoy failed only tests outside its caughtBy', () => {
    const tests = [
      { name: 'expiry > rejects exp equal to now', state: 'pass' },
      { name: 'expiry > other', state: 'pass' },
      { name: 'format > something else', state: 'fail' },
    ]
    expect(caughtByProblems(decoy, tests, 'grader')).toEqual([
      'grader: decoy off-by-one: none of its caughtBy tests failed',
    ])
  })

  it('names a caughtBy that is not a test of the suite, even when another one failed', () => {
    const tests = [{ name: 'expiry > rejects exp equal to now', state: 'fail' }]
    expect(caughtByProblems(decoy, tests, 'native')).toEqual([
      'native: decoy off-by-one: caughtBy names no test of the suite: "expiry > other"',
    ])
  })
})
