import { relative, sep } from 'node:path'
import type { Plugin } from 'vite'
import { loadCatalogue } from '../../src/content/catalogue.ts'
import { withTextRefs } from '../../src/content/text-refs.ts'
import { readContentSources } from './content-sources.ts'

/** The module the app takes its course from (src/content/bundled-catalogue.ts). */
export const catalogueModuleId = 'virtual:authlab/catalogue'

/**
 * The module's code for the content under `root`: `course`, the catalogue (src/content/catalogue.ts) as data,
 * validated here, without the lessons and the hidden suites, its long texts in `texts`; `suites`, for each
 * exercise a loader per suite file; and `lessons`, a loader of each whole lesson; each loader a chunk of its
 * own. The app so ships no validator in front of its first paint, no lesson (index.html holds their first
 * screens, scripts/lib/lesson-openings.ts), no suite, and no solution but the references carried into a later
 * chapter.
 */
export function catalogueModuleCode(root: string): string {
  const sources = readContentSources(root)
  const { exercises, problems } = loadCatalogue(sources)
  const texts = new Map<string, number>()
  const course = withTextRefs(
    { exercises: exercises.map(({ suite: _, lesson: __, ...exercise }) => exercise), problems },
    texts,
  )
  const suites = exercises.map((exercise) => {
    const loaders = exercise.manifest.suite.map((name) => {
      const path = JSON.stringify(`/exercises/${exercise.id}/${name}?raw`)
      return `${JSON.stringify(name)}: () => import(${path}).then((module) => module.default)`
    })
    return `${JSON.stringify(exercise.id)}: { ${loaders.join(', ')} }`
  })
  const lessons = exercises.map((exercise) => {
    const path = JSON.stringify(`/exercises/${exercise.id}/${exercise.manifest.lesson}?raw`)
    return `${JSON.stringify(exercise.id)}: () => import(${path}).then((module) => module.default)`
  })
  return [
    `export const texts = [\n${[...texts.keys()].map((text) => `  ${JSON.stringify(text)},\n`).join('')}]`,
    `export const course = ${JSON.stringify(course)}`,
    `export const suites = {\n${suites.map((suite) => `  ${suite},\n`).join('')}}`,
    `export const lessons = {\n${lessons.map((lesson) => `  ${lesson},\n`).join('')}}`,
  ].join('\n')
}

/**
 * Serves `virtual:authlab/catalogue`. In dev, an edit to a content file, or a file added or removed under
 * exercises/ or solutions/, reloads the page with the catalogue read again.
 */
export function catalogueModule(root: string): Plugin {
  const resolvedId = `\0${catalogueModuleId}`
  const isContent = (file: string) =>
    /^(exercises|solutions)\//.test(relative(root, file).split(sep).join('/'))
  return {
    name: 'authlab-catalogue',
    resolveId: (id) => (id === catalogueModuleId ? resolvedId : undefined),
    load(id) {
      return id === resolvedId ? catalogueModuleCode(root) : undefined
    },
    configureServer(server) {
      const reread = (file: string) => {
        if (!isContent(file)) return
        const module = server.moduleGraph.getModuleById(resolvedId)
        if (!module) return
        server.moduleGraph.invalidateModule(module)
        server.ws.send({ type: 'full-reload' })
      }
      server.watcher.on('add', reread)
      server.watcher.on('unlink', reread)
      server.watcher.on('change', reread)
    },
  }
}
