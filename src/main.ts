// The one place that wires the app together: catalogue, storage, editor, grader and views.

import { bundledCatalogue } from './content/bundled-catalogue'
import type { Exercise } from './content/catalogue'
import { mountCourseTools } from './course-tools'
import { loadMonaco } from './editor/load-monaco'
import { createWorkspace, type EditorWorkspace, type WorkspaceFile } from './editor/workspace'
import { createGraderClient, type GradeOutcome } from './grader/client'
import { createPlaygroundClient } from './playground/playground-client'
import { openPlaygroundDb } from './playground/playground-db'
import {
  type AppStore,
  createDraftSaver,
  describeStorageError,
  type ExerciseProgress,
  openAppStoreOrFallback,
  recoverJournal,
  storageBlockedMessage,
  storageClosedMessage,
} from './storage'
import { mountCodeToolbar } from './ui/code-toolbar'
import { mountExerciseList } from './ui/exercise-list'
import { mountHints } from './ui/hints-view'
import { showLesson, showNextLink } from './ui/lesson-view'
import { mountMobileViews } from './ui/mobile-views'
import { confirmDialog, showBanner, showToast } from './ui/notices'
import { mountPanelTabs } from './ui/panel-tabs'
import { mountPlayground } from './ui/playground-panel'
import { mountResults } from './ui/results-view'
import { exerciseIdFromHash, watchRoute } from './ui/router'
import { mountScreenReaderToggle } from './ui/screen-reader-toggle'
import { mountThemeToggle } from './ui/theme'

const byId = (id: string) => {
  const element = document.getElementById(id)
  if (!element) throw new Error(`index.html has no #${id}`)
  return element
}

const { exercises, problems } = bundledCatalogue
const banners = byId('banners')
const announcer = byId('announcer')
const announce = (text: string) => {
  announcer.textContent = ''
  requestAnimationFrame(() => {
    announcer.textContent = text
  })
}

// first paint: the routed lesson, before anything waits on storage, with the editor's download under way
const routed = exercises.find((exercise) => exercise.id === exerciseIdFromHash(location.hash)) ?? exercises[0]
let lessonOnScreen: Exercise | undefined
if (routed) {
  showLesson(byId('lesson-body'), routed)
  lessonOnScreen = routed
}
const monacoLoading = loadMonaco()

const exerciseList = mountExerciseList(byId('exercise-list'), { exercises, problems })
const mobileViews = mountMobileViews(byId('mobile-views'), byId('workbench'))
let current: Exercise | undefined
let workspace: EditorWorkspace | undefined
let running = false

const results = mountResults(byId('results'), {
  reveal: (path, line, column) => {
    mobileViews.show('code')
    toolbar.setActive(path)
    workspace?.reveal(path, line, column)
  },
  announce,
})
// the bottom panel: test results, and the API playground for exercises whose code it can call
const bottomPanel = mountPanelTabs(byId('panel-tabs'), {
  label: 'Results and playground',
  container: byId('code'),
  tabs: [
    { id: 'results', label: 'Results', panel: byId('results') },
    { id: 'playground', label: 'API playground', panel: byId('playground') },
  ],
})
const playground = mountPlayground(byId('playground'), {
  contents: () => workspace?.contents() ?? {},
  client: createPlaygroundClient({
    createWorker: () =>
      new Worker(new URL('./playground/playground-worker.ts', import.meta.url), { type: 'module' }),
  }),
  db: openPlaygroundDb(),
  announce,
})
const toolbar = mountCodeToolbar(byId('code-toolbar'), {
  onSelect: (path) => workspace?.select(path),
  onRun: () => void run(),
  onReset: () => void reset(),
  onShare: () => void courseTools.share(),
})

const opened = await openAppStoreOrFallback('authlab', {
  onBlocked: () => showBanner(banners, storageBlockedMessage),
  onClose: (reason) => showBanner(banners, storageClosedMessage(reason)),
})
const store: AppStore = opened.store
if (opened.warning) showBanner(banners, opened.warning)
const saver = createDraftSaver(store)
let saveWarning: (() => void) | undefined
saver.onStatus((status) => {
  toolbar.setSaveState(status.state === 'error' ? { state: 'error', message: status.message } : status)
  // one banner while saving fails, gone once a save goes through again
  if (status.state === 'error' && !saveWarning) saveWarning = showBanner(banners, status.message)
  if (status.state === 'saved' && saveWarning) {
    saveWarning()
    saveWarning = undefined
  }
})
toolbar.setSaveState({ state: 'saved' })

try {
  const recovered = await recoverJournal(store)
  if (recovered.length > 0) {
    showBanner(banners, `Restored ${recovered.length} unsaved edit(s) from before the tab closed.`, {
      kind: 'info',
    })
  }
  const mark = await store.getRunningMark()
  if (mark) {
    await store.clearRunning()
    showBanner(
      banners,
      `Safe mode: the last run of "${mark.exerciseId}" never finished and may have frozen the tab. Nothing runs until you press Run; your drafts are intact.`,
    )
  }
} catch (error) {
  showBanner(banners, describeStorageError(error))
}

const settings = await store.getSettings()
mountScreenReaderToggle(byId('topbar-actions'), {
  initial: settings.screenReaderMode,
  onChange: (on) => {
    workspace?.setAccessibilityMode(on)
    void store.setSetting('screenReaderMode', on).catch(() => undefined)
    announce(on ? 'Screen reader mode on.' : 'Screen reader mode off.')
  },
})
mountThemeToggle(byId('topbar-actions'), {
  initial: settings.theme,
  onChange: (setting, shown) => {
    workspace?.setTheme(shown)
    void store.setSetting('theme', setting).catch(() => undefined)
  },
})

async function refreshProgress() {
  let progress: Record<string, ExerciseProgress> = {}
  try {
    progress = await store.progress(exercises.map((exercise) => exercise.id))
  } catch (error) {
    showBanner(banners, describeStorageError(error))
  }
  exerciseList.update(current?.id, progress)
}

/** Files as the learner has them now: drafts over starters; carried files from the earlier exercise's draft. */
async function filesOf(exercise: Exercise): Promise<WorkspaceFile[]> {
  const drafts = await store.getDrafts(exercise.id)
  return Promise.all(
    exercise.files.map(async (file) => {
      if (file.role === 'editable') return { ...file, content: drafts[file.path]?.content ?? file.initial }
      if (file.role === 'carried' && file.from) {
        const earlier = await store.getDrafts(file.from)
        return { ...file, content: earlier[file.path]?.content ?? file.initial }
      }
      return { ...file, content: file.initial }
    }),
  )
}

const editorReady = monacoLoading.then((monaco) => {
  const host = byId('editor-host')
  const frame = document.createElement('div')
  frame.className = 'editor-frame'
  host.replaceChildren(frame)
  const created = createWorkspace(monaco, frame)
  created.setTheme(document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light')
  created.setAccessibilityMode(settings.screenReaderMode)
  created.onDidEdit((path, content) => current && saver.update(current.id, path, content))
  created.onRunShortcut(() => void run())
  workspace = created
  return created
})

// offline and updates, progress passport, share links, room to code, reference diff (issue 14)
const courseTools = mountCourseTools({
  exercises,
  store,
  flush: () => saver.flush(),
  settings,
  monaco: monacoLoading,
  workspace: editorReady,
  current: () => current,
  reopen: (exercise) => open(exercise),
  run: () => run(),
  announce,
  elements: {
    banners,
    topbarActions: byId('topbar-actions'),
    workbench: byId('workbench'),
    lesson: byId('lesson'),
    shared: byId('shared-attempt'),
    compare: byId('solution-compare'),
  },
})

async function open(exercise: Exercise) {
  current = exercise
  document.title = `${exercise.manifest.title} · AuthLab`
  byId('exercise-title').textContent = exercise.manifest.title
  if (lessonOnScreen !== exercise) showLesson(byId('lesson-body'), exercise)
  lessonOnScreen = exercise
  bottomPanel.setAvailable('playground', playground.show(exercise))
  showNextLink(byId('lesson-next'), exercises[exercises.indexOf(exercise) + 1])
  mountHints(byId('hints'), {
    hints: exercise.manifest.hints,
    revealed: await store.getHintsRevealed(exercise.id).catch(() => 0),
    onReveal: (count) => void store.setHintsRevealed(exercise.id, count).catch(() => undefined),
  })
  results.showIdle(await store.getResult(exercise.id).catch(() => undefined))
  void refreshProgress()
  void courseTools.showExercise(exercise)
  // edits still waiting for the debounce may be the very files this exercise carries over
  await saver.flush()
  const files = await filesOf(exercise)
  toolbar.showFiles(files, files.find((file) => file.role === 'editable')?.path)
  const editor = await editorReady
  if (current !== exercise) return
  editor.open(exercise.id, files)
  if (editor.activePath) toolbar.setActive(editor.activePath)
}

const grader = createGraderClient({
  createWorker: () => new Worker(new URL('./grader/worker.ts', import.meta.url), { type: 'module' }),
})

async function run() {
  const exercise = current
  if (!exercise || !workspace || running) return
  running = true
  courseTools.setRunning(true)
  toolbar.setRunning(true)
  bottomPanel.select('results')
  results.showRunning()
  mobileViews.show('code')
  const files = workspace.contents()
  // neither write waits in front of the run: the journal already holds the text, and IndexedDB keeps the
  // mark and its clearing in order because both go through the same connection
  void saver.flush()
  void store.markRunning(exercise.id).catch(() => undefined)
  let outcome: GradeOutcome
  try {
    outcome = await grader.run(
      { files, suite: exercise.suite, allowedImports: exercise.manifest.allowedImports },
      { budgetMs: exercise.manifest.timeBudgetMs },
    )
  } finally {
    void store.clearRunning().catch(() => undefined)
    running = false
    courseTools.setRunning(false)
    toolbar.setRunning(false)
  }
  if (current !== exercise) return
  results.showOutcome(outcome, workspace.typeProblems())
  const { tests, totals } = outcome.result
  const failed = totals.failed + (outcome.status === 'done' && outcome.result.errors.length === 0 ? 0 : 1)
  await store
    .saveResult(exercise.id, {
      passed: totals.passed,
      total: totals.total,
      failed,
      at: Date.now(),
      tests: tests.map((test) => ({
        name: test.name,
        state: test.state,
        ...(test.error ? { message: test.error.message } : {}),
      })),
    })
    .catch((error: unknown) => showBanner(banners, describeStorageError(error)))
  void refreshProgress()
  void courseTools.showExercise(exercise)
}

async function reset() {
  const exercise = current
  if (!exercise || !workspace) return
  const sure = await confirmDialog(
    'Reset to the starter files?',
    `Your edits to ${exercise.manifest.title} are replaced by the starter code. You can undo this right after.`,
    'Reset',
  )
  if (!sure) return
  await saver.flush()
  const deleted = await store.deleteDrafts(exercise.id)
  for (const file of exercise.files) if (file.role === 'editable') workspace.replace(file.path, file.initial)
  await saver.flush()
  showToast('Reset to the starter files.', {
    label: 'Undo',
    run: async () => {
      await store.restoreDrafts(exercise.id, deleted)
      if (current !== exercise) return
      for (const [path, draft] of Object.entries(deleted)) workspace?.replace(path, draft.content)
    },
  })
}

// Ctrl/Cmd+Enter runs from anywhere on the page; inside the editor Monaco's own binding takes it first
document.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.defaultPrevented) {
    event.preventDefault()
    void run()
  }
})

watchRoute((id) => {
  const exercise = exercises.find((candidate) => candidate.id === id) ?? exercises[0]
  if (!exercise) {
    byId('lesson-body').textContent = 'No exercises could be loaded.'
    return
  }
  if (id !== exercise.id) history.replaceState(null, '', `#/${exercise.id}`)
  if (exercise !== current) void open(exercise)
})
