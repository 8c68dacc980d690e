import { describe, expect, it } from 'vitest'
import {
  type ContentSources,
  describeProblem,
  loadCatalogue,
  referencePaths,
} from '../../src/content/catalogue'

const manifest = (overrides: Record<string, unknown> = {}) =>
  JSON.stringify({
    id: 'first',
    title: 'First',
    summary: 'The first exercise.',
    order: 1,
    chapter: { number: 1, title: 'Build' },
    files: [{ path: 'First.ts', role: 'editable' }],
    suite: ['First.test.ts'],
    hints: ['Look at the lesson.'],
    timeBudgetMs: 5000,
    ...overrides,
  })

const folder = (id: string, json: string, extra: Record<string, string> = {}): ContentSources => ({
  [`exercises/${id}/exercise.json`]: json,
  [`exercises/${id}/lesson.md`]: '# Lesson',
  [`exercises/${id}/First.ts`]: 'export const x = 1',
  [`exercises/${id}/First.test.ts`]: 'test',
  ...extra,
})

const problemsOf = (sources: ContentSources) => loadCatalogue(sources).problems.map(describeProblem)

describe('loadCatalogue', () => {
  it('loads a valid exercise with defaults filled in and its files read', async () => {
    const { exercises, problems } = loadCatalogue(folder('first', manifest()))
    expect(problems).toEqual([])
    expect(exercises).toHaveLength(1)
    const [exercise] = exercises
    expect(exercise?.manifest.lesson).toBe('lesson.md')
    expect(exercise?.manifest.examples).toEqual([])
    expect(exercise?.manifest.allowedImports).toEqual([])
    expect(await exercise?.lesson()).toBe('# Lesson')
    expect(exercise?.files).toEqual([{ path: 'First.ts', role: 'editable', initial: 'export const x = 1' }])
    expect(await exercise?.suite()).toEqual({ 'First.test.ts': 'test' })
  })

  it('orders exercises by their order field, not by folder name', () => {
    const sources = {
      ...folder('zeta', manifest({ id: 'zeta', order: 1 })),
      ...folder('alpha', manifest({ id: 'alpha', order: 2 })),
    }
    expect(loadCatalogue(sources).exercises.map((exercise) => exercise.id)).toEqual(['zeta', 'alpha'])
  })

  it('names the exercise whose chapter title disagrees with the rest of its chapter', () => {
    const sources = {
      ...folder('zeta', manifest({ id: 'zeta', order: 1 })),
      ...folder('alpha', manifest({ id: 'alpha', order: 2, chapter: { number: 1, title: 'Built' } })),
      ...folder('beta', manifest({ id: 'beta', order: 3, chapter: { number: 2, title: 'Harden' } })),
    }
    expect(problemsOf(sources)).toEqual([
      'exercises/alpha/exercise.json: chapter.title must be "Build", the title the other exercises of chapter 1 give',
    ])
  })

  it('names the file and field of a missing field', () => {
    const json = JSON.parse(manifest())
    delete json.title
    expect(problemsOf(folder('first', JSON.stringify(json)))).toEqual([
      'exercises/first/exercise.json: title is required',
    ])
  })

  it('names the file and field of a wrong type, down to the array index', () => {
    expect(problemsOf(folder('first', manifest({ hints: ['ok', 2] })))).toEqual([
      'exercises/first/exercise.json: hints[1] expected string, received number',
    ])
  })

  it('names a file that is listed but absent', () => {
    const sources = folder('first', manifest({ suite: ['Missing.test.ts'] }))
    expect(problemsOf(sources)).toEqual([
      'exercises/first/exercise.json: suite[0] names "Missing.test.ts" but exercises/first/Missing.test.ts does not exist',
    ])
  })

  it('reports JSON syntax errors with the file name', () => {
    const [problem] = problemsOf(folder('first', '{ "id": '))
    expect(problem).toMatch(/^exercises\/first\/exercise\.json: is not valid JSON/)
  })

  it('rejects an id that differs from the folder, unknown fields, and a bad role', () => {
    expect(problemsOf(folder('first', manifest({ id: 'other' })))).toEqual([
      'exercises/first/exercise.json: id must equal the folder name "first"',
    ])
    expect(problemsOf(folder('first', manifest({ timeout: 3 })))).toEqual([
      'exercises/first/exercise.json: has unknown field(s): timeout',
    ])
    const [problem] = problemsOf(folder('first', manifest({ files: [{ path: 'First.ts', role: 'secret' }] })))
    expect(problem).toMatch(/^exercises\/first\/exercise\.json: files\[0\]\.role /)
  })

  it('requires an editable file and unique file names', () => {
    expect(
      problemsOf(folder('first', manifest({ files: [{ path: 'First.ts', role: 'provided' }] }))),
    ).toEqual(['exercises/first/exercise.json: files must contain at least one editable file'])
    const twice = [
      { path: 'First.ts', role: 'editable' },
      { path: 'First.ts', role: 'provided' },
    ]
    expect(problemsOf(folder('first', manifest({ files: twice })))).toEqual([
      'exercises/first/exercise.json: files[1].path "First.ts" is listed twice',
    ])
  })

  it('resolves a carried file to the earlier exercise and rejects one that comes later', () => {
    const later = manifest({
      id: 'second',
      order: 2,
      files: [
        { path: 'Second.ts', role: 'editable' },
        { path: 'First.ts', role: 'carried', from: 'first' },
      ],
      suite: ['Second.test.ts'],
    })
    const sources = {
      ...folder('first', manifest()),
      ...folder('second', later, { 'exercises/second/Second.ts': '', 'exercises/second/Second.test.ts': '' }),
    }
    const { exercises, problems } = loadCatalogue(sources)
    expect(problems).toEqual([])
    expect(exercises[1]?.files[1]).toEqual({
      path: 'First.ts',
      role: 'carried',
      from: 'first',
      initial: 'export const x = 1',
    })

    const backwards = { ...sources, 'exercises/first/exercise.json': manifest({ order: 3 }) }
    expect(problemsOf(backwards)).toEqual([
      'exercises/second/exercise.json: files[1].from must name an exercise that comes earlier (order < 2)',
    ])
  })

  it('gives a file carried from an earlier chapter its reference solution, and names a missing one', () => {
    const carrying = (id: string, order: number, chapter: { number: number; title: string }) =>
      folder(
        id,
        manifest({
          id,
          order,
          chapter,
          files: [
            { path: 'Later.ts', role: 'editable' },
            { path: 'First.ts', role: 'carried', from: 'first' },
          ],
          suite: ['Later.test.ts'],
        }),
        { [`exercises/${id}/Later.ts`]: '', [`exercises/${id}/Later.test.ts`]: '' },
      )
    const sources = {
      ...folder('first', manifest()),
      ...carrying('same-chapter', 2, { number: 1, title: 'Build' }),
      ...carrying('harden', 3, { number: 2, title: 'Harden' }),
      'solutions/first/First.ts': 'export const x = 42',
    }
    expect(referencePaths(sources)).toEqual(['solutions/first/First.ts'])
    const { exercises, problems } = loadCatalogue(sources)
    expect(problems).toEqual([])
    const carried = (id: string) => exercises.find((exercise) => exercise.id === id)?.files[1]
    expect(carried('harden')).toEqual({
      path: 'First.ts',
      role: 'carried',
      from: 'first',
      initial: 'export const x = 1',
      reference: 'export const x = 42',
    })
    // within a chapter the learner always works with their own file
    expect(carried('same-chapter')).not.toHaveProperty('reference')

    const { 'solutions/first/First.ts': _gone, ...without } = sources
    expect(problemsOf(without)).toEqual([
      'exercises/harden/exercise.json: files[1].from comes from an earlier chapter, so solutions/first/First.ts must exist',
    ])
  })

  it("takes a provided file from another exercise's folder, and names it when that file is missing", () => {
    const sharing = manifest({
      id: 'second',
      order: 2,
      files: [
        { path: 'Second.ts', role: 'editable' },
        { path: 'Helper.ts', role: 'provided', from: 'first' },
      ],
      suite: ['Second.test.ts'],
    })
    const sources = {
      ...folder('first', manifest(), { 'exercises/first/Helper.ts': 'export const help = 1' }),
      ...folder('second', sharing, {
        'exercises/second/Second.ts': '',
        'exercises/second/Second.test.ts': '',
      }),
    }
    const { exercises, problems } = loadCatalogue(sources)
    expect(problems).toEqual([])
    expect(exercises[1]?.files[1]).toEqual({
      path: 'Helper.ts',
      role: 'provided',
      from: 'first',
      initial: 'export const help = 1',
    })

    const { 'exercises/first/Helper.ts': _gone, ...without } = sources
    expect(problemsOf(without)).toEqual([
      'exercises/second/exercise.json: files[1].from names "first" but exercises/first/Helper.ts does not exist',
    ])
  })

  it('keeps loading the other exercises when one folder is broken', () => {
    const sources = {
      ...folder('first', manifest()),
      ...folder('broken', manifest({ id: 'broken', order: 'two' })),
    }
    const { exercises, problems } = loadCatalogue(sources)
    expect(exercises.map((exercise) => exercise.id)).toEqual(['first'])
    expect(problems.map(describeProblem)).toEqual([
      'exercises/broken/exercise.json: order expected number, received string',
    ])
  })
})
