// What the app's course module ships: validated data with each lesson's opening, each hidden suite and each
// whole lesson only as a loader of its own chunk, and no solution or author's note.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { catalogueModuleCode } from '../../scripts/lib/catalogue-module'
import { readContentSources } from '../../scripts/lib/content-sources'
import { loadCatalogue } from '../../src/content/catalogue'
import { withTexts } from '../../src/content/text-refs'

const root = join(import.meta.dirname, '../..')
const code = catalogueModuleCode(root)
const sources = readContentSources(root)
const { exercises } = loadCatalogue(sources)
const suitePaths = new Set(
  exercises.flatMap((e) => e.manifest.suite.map((name) => `exercises/${e.id}/${name}`)),
)

/**
 * The text of the files meant to ship: lessons, manifests (hints), starters, provided files, examples, and the
 * carried references (the only `solutions/` files among the sources).
 */
const shippedText = Object.entries(sources)
  .filter(
    ([path]) =>
      /^(exercises|solutions)\/[^/]+\//.test(path) && !suitePaths.has(path) && !path.endsWith('NOTES.md'),
  )
  // a manifest's hints as the learner reads them, unescaped
  .map(([path, text]) =>
    path.endsWith('exercise.json') ? [text, ...JSON.parse(text).hints].join('\n') : text,
  )
  .join('\n')

/** Lines of `text` long and specific enough that finding one in the module means the file was shipped in it. */
const telltales = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 40 && !shippedText.includes(line))

/** The course data in the module, read back as the app does. */
const built = await import(`data:text/javascript,${encodeURIComponent(code)}`)
const course: unknown = withTexts(built.course, built.texts)
const shipped = JSON.stringify(course)
const inModule = (line: string) => shipped.includes(JSON.stringify(line).slice(1, -1))

describe('the course module the app is built with', () => {
  it('gives back the catalogue it was made from, less the suites and lessons, each long text kept once', () => {
    expect(course).toEqual({
      exercises: exercises.map(({ suite: _, lesson: __, ...exercise }) => exercise),
      problems: [],
    })
    expect(new Set(built.texts).size).toBe(built.texts.length)
  })

  it('has a loader for every hidden suite file, and no line of any suite', async () => {
    expect(shipped).toContain('"problems":[]')
    for (const exercise of exercises) {
      for (const name of exercise.manifest.suite) {
        expect(code).toContain(`import(${JSON.stringify(`/exercises/${exercise.id}/${name}?raw`)})`)
        const lines = telltales((await exercise.suite())[name] ?? '')
        expect(lines.length, `${exercise.id}/${name} has lines of its own`).toBeGreaterThan(20)
        expect(lines.filter(inModule), `${exercise.id}/${name}`).toEqual([])
      }
    }
  })

  it('has a loader for every lesson, the file the catalogue read it from, and no line of any lesson', async () => {
    const otherText = Object.entries(sources)
      .filter(([path]) => !exercises.some((e) => path === `exercises/${e.id}/${e.manifest.lesson}`))
      .map(([, text]) => text)
      .join('\n')
    for (const exercise of exercises) {
      const path = `/exercises/${exercise.id}/${exercise.manifest.lesson}`
      expect(code).toContain(`${JSON.stringify(exercise.id)}: () => import(${JSON.stringify(`${path}?raw`)})`)
      const lesson = await exercise.lesson()
      expect(readFileSync(join(root, path), 'utf8')).toBe(lesson)
      // each lesson only in its own chunk (its opening is in index.html, rendered)
      const lines = lesson
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line.length > 40 && !otherText.includes(line))
      expect(lines.length, `${exercise.id}'s lesson has lines of its own`).toBeGreaterThan(20)
      expect(lines.filter(inModule), `${exercise.id}'s lesson`).toEqual([])
    }
  })

  it('is a valid module for a course with no valid exercise, which the app then lists as problems', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'authlab-empty-course-'))
    mkdirSync(join(empty, 'exercises/broken'), { recursive: true })
    writeFileSync(join(empty, 'exercises/broken/exercise.json'), '{ "id": ')
    const module = await import(`data:text/javascript,${encodeURIComponent(catalogueModuleCode(empty))}`)
    expect(module.texts).toEqual([])
    expect(module.suites).toEqual({})
    expect(module.lessons).toEqual({})
    expect(module.course.exercises).toEqual([])
    expect(module.course.problems).toMatchObject([
      { exerciseId: 'broken', file: 'exercises/broken/exercise.json' },
    ])
  })

  it("ships no solution but the references carried into a later chapter, and no author's notes", () => {
    const carried = new Set(
      exercises.flatMap((exercise) =>
        exercise.files.flatMap((file) => (file.reference === undefined ? [] : [`${file.from}/${file.path}`])),
      ),
    )
    expect(carried.size).toBeGreaterThan(0)
    for (const id of readdirSync(join(root, 'solutions'))) {
      for (const name of readdirSync(join(root, 'solutions', id)).filter((file) => file.endsWith('.ts'))) {
        const lines = telltales(readFileSync(join(root, 'solutions', id, name), 'utf8'))
        // a carried reference ships whole, any other solution not at all
        if (carried.has(`${id}/${name}`))
          expect(shipped).toContain(JSON.stringify(sources[`solutions/${id}/${name}`]))
        else expect(lines.filter(inModule), `solutions/${id}/${name}`).toEqual([])
      }
    }
    for (const exercise of exercises) {
      const notes = telltales(sources[`exercises/${exercise.id}/NOTES.md`] ?? '')
      expect(notes.filter(inModule), `${exercise.id}/NOTES.md`).toEqual([])
    }
  })
})
