// The one place that wires the app together: catalogue, storage, editor, grader and views.

import { bundledCatalogue } from './content/bundled-catalogue'
import type { CourseTools } from './course-tools'
import { loadMonaco } from './editor/load-monaco'
import { createWorkspace, type EditorWorkspace } from './editor/workspace'
import { createGraderClient } from './grader/client'
import { createLessonController } from './lesson/controller'
import { recoverLastSession } from './lesson/recovery'
import { createPlaygroundClient } from './playground/playground-client'
import { openPlaygroundDb } from './playground/playground-db'
import {
  type AppStore,
  createDraftSaver,
  createDraftSync,
  describeStorageError,
  openAppStoreOrFallback,
  storageBlockedMessage,
  storageClosedMessage,
} from './storage'
import { mountCarriedNotes } from './ui/carried-notes'
import { wayOnStep } from './ui/chapter-end'
import { mountCodeToolbar } from './ui/code-toolbar'
import { mountEditorStatus } from './ui/editor-status'
import { mountExamples } from './ui/examples-panel'
import { mountExerciseList } from './ui/exercise-list'
import { mountHints } from './ui/hints-view'
import { mountIntro } from './ui/intro'
import { showLesson, showNextLink } from './ui/lesson-view'
import { mountMobileViews } from './ui/mobile-views'
import { confirmDialog, showBanner, showToast } from './ui/notices'
import { mountPanelTabs } from './ui/panel-tabs'
import { mountPlayground } from './ui/playground-panel'
import { mountResults } from './ui/results-view'
import { exerciseIdFromHash, watchRoute } from './ui/router'
import { saveStatusView } from './ui/save-status'
import { mountScreenReaderToggle } from './ui/screen-reader-toggle'
import { mountTabNotices } from './ui/tab-notices'
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

// the routed lesson: index.html has painted its opening (scripts/lib/lesson-openings.ts); this keeps it and fetches
// the rest, before anything waits on storage, with the editor's download under way
const routed = exercises.find((exercise) => exercise.id === exerciseIdFromHash(location.hash)) ?? exercises[0]
if (routed) showLesson(byId('lesson-body'), routed)
const monacoLoading = loadMonaco()
// fetched while storage opens; mounted below, once storage and settings are there
const courseToolsLoading = import('./course-tools')
// handled where it is mounted (with a banner); this keeps a failed fetch from counting as unhandled meanwhile
courseToolsLoading.catch(() => undefined)
const storeOpening = openAppStoreOrFallback('authlab', {
  onBlocked: () => showBanner(banners, storageBlockedMessage),
  onClose: (reason) => showBanner(banners, storageClosedMessage(reason)),
})

const exerciseList = mountExerciseList(byId('exercise-list'), { exercises, problems })
// the lesson and the exercise list paint before the rest of the page is built
await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)))
const mobileViews = mountMobileViews(byId('mobile-views'), byId('workbench'))
let workspace: EditorWorkspace | undefined

const reveal = (path: string, line: number, column: number) => {
  mobileViews.show('code')
  toolbar.setActive(path)
  workspace?.reveal(path, line, column)
}
const results = mountResults(byId('results'), { reveal, announce })
// the bottom panel: test results, and the API playground for exercises whose code it can call
const bottomPanel = mountPanelTabs(byId('panel-tabs'), {
  label: 'Results and playground',
  container: byId('code'),
  tabs: [
    { id: 'results', label: 'Results', panel: byId('results') },
    { id: 'examples', label: 'Examples', panel: byId('examples') },
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
  reveal,
})
const examples = mountExamples(byId('examples'), {
  onRun: () => void lesson.runExamples(),
  reveal: (path, line, column) => {
    mobileViews.show('code')
    toolbar.setActive(path)
    workspace?.reveal(path, line, column)
  },
  announce,
})
const toolbar = mountCodeToolbar(byId('code-toolbar'), {
  onSelect: (path) => workspace?.select(path),
  onRun: () => void lesson.run(),
  onReset: () => void lesson.reset(),
  onShare: () => void courseTools.then((tools) => tools.share()),
})

const opened = await storeOpening
const store: AppStore = opened.store
if (opened.warning) showBanner(banners, opened.warning)
const saver = createDraftSaver(store)
saver.onStatus(saveStatusView({ toolbar, banners }))
for (const notice of await recoverLastSession(store)) showBanner(banners, notice.text, { kind: notice.kind })

const settings = await store.getSettings()
mountIntro(byId('intro'), {
  show: !settings.introDismissed,
  onDismiss: () => void store.setSetting('introDismissed', true).catch(() => undefined),
})
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

const editorStatus = mountEditorStatus(byId('editor-status'))
const editorReady = monacoLoading.then((monaco) => {
  const host = byId('editor-host')
  const frame = document.createElement('div')
  frame.className = 'editor-frame'
  host.replaceChildren(frame)
  const created = createWorkspace(monaco, frame)
  created.setTheme(document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light')
  created.setAccessibilityMode(settings.screenReaderMode)
  created.setWordWrap(settings.wordWrap)
  created.onDidEdit((path, content) => lesson.edited(path, content))
  created.onRunShortcut(() => void lesson.run())
  created.onTabMovesFocus((on) => editorStatus.setTabMovesFocus(on))
  workspace = created
  return created
})

const carriedNotes = mountCarriedNotes(byId('carried-notes'))
const tabNotices = mountTabNotices(banners, { announce })
const grader = createGraderClient({
  createWorker: () => new Worker(new URL('./grader/worker.ts', import.meta.url), { type: 'module' }),
})
// The editor up (or failed) and the page idle: background work waits for it, since on two cores it would
// otherwise slow the editor's start. The first grader worker (download, hardening, a warm-up grading; a Run
// pressed before starts one itself) and the service worker's install (course-tools.ts) wait for it.
const whenIdle = window.requestIdleCallback ?? ((callback: () => void) => setTimeout(callback, 200))
const editorSettled = editorReady
  .catch(() => undefined)
  .then(() => new Promise<void>((resolve) => whenIdle(() => resolve(), { timeout: 2_000 })))
void editorSettled.then(() => grader.prepare())
const lesson = createLessonController({
  exercises,
  store,
  saver,
  sync: createDraftSync(),
  grader,
  workspace: editorReady,
  views: {
    showExercise(exercise, next) {
      document.title = `${exercise.manifest.title} · AuthLab`
      byId('exercise-title').textContent = exercise.manifest.title
      showLesson(byId('lesson-body'), exercise)
      bottomPanel.setAvailable('examples', examples.show(exercise))
      bottomPanel.setAvailable('playground', playground.show(exercise))
      showNextLink(byId('lesson-next'), next)
    },
    showHints: (exercise, revealed, onReveal) =>
      mountHints(byId('hints'), { hints: exercise.manifest.hints, revealed, onReveal }),
    showFiles: (files, activePath) => toolbar.showFiles(files, activePath),
    showCarried: (standings) => carriedNotes.show(standings),
    showProgress(currentId, progress) {
      exerciseList.update(currentId, progress)
      const [shown, passed] = [lesson.current, currentId !== undefined && progress[currentId] === 'passed']
      void courseTools.then((tools) => tools.showProgress(shown, passed))
    },
    showIdle: (saved) => results.showIdle(saved),
    showRunning() {
      bottomPanel.select('results')
      mobileViews.show('code')
      results.showRunning()
    },
    showOutcome(outcome, verdict, wayOn) {
      results.showOutcome(outcome, verdict, wayOn && wayOnStep(wayOn, exercises))
      carriedNotes.afterRun(verdict.passed)
    },
    showExamplesRunning() {
      bottomPanel.select('examples')
      mobileViews.show('code')
      examples.showRunning()
    },
    showExamplesOutcome: (outcome, verdict) => examples.showOutcome(outcome, verdict),
    setRunning(running) {
      toolbar.setRunning(running)
      void courseTools.then((tools) => tools.setRunning(running))
      examples.setRunning(running)
    },
    confirmReset: (exercise) =>
      confirmDialog(
        'Reset to the starter files?',
        `Your edits to ${exercise.manifest.title} are replaced by the starter code. You can undo this right after.`,
        'Reset',
      ),
    offerUndo: (undo) => showToast('Reset to the starter files.', { label: 'Undo', run: undo }),
    warn: (error) => showBanner(banners, describeStorageError(error)),
    showOtherTabs: (count) => tabNotices.showOtherTabs(count),
    showReplaced: (notice, restore) => tabNotices.showReplaced(notice, restore),
  },
})

// offline and updates, progress passport, share links, room to code, reference diff (issue 14): a chunk of its
// own, with the validators (zod) its passports and links need, so none of it is in front of the first paint
const withoutCourseTools: CourseTools = {
  setRunning: () => {},
  showProgress: () => {},
  share: async () => {},
}
const courseTools: Promise<CourseTools> = courseToolsLoading.then(
  ({ mountCourseTools }) =>
    mountCourseTools({
      exercises,
      store,
      flush: () => saver.flush(),
      settings,
      monaco: monacoLoading,
      workspace: editorReady,
      editorSettled,
      current: () => lesson.current,
      reopen: (exercise) => lesson.open(exercise),
      run: () => lesson.run(),
      announce,
      elements: {
        banners,
        topbarActions: byId('topbar-actions'),
        workbench: byId('workbench'),
        lesson: byId('lesson'),
        shared: byId('shared-attempt'),
        compare: byId('solution-compare'),
      },
    }),
  (error: unknown) => {
    // offline before the app was cached: the lesson, the editor and Run still work
    showBanner(
      banners,
      `The progress menu, share links and layout buttons could not be loaded (${error instanceof Error ? error.message : String(error)}). Reload the page to try again.`,
    )
    return withoutCourseTools
  },
)

// Ctrl/Cmd+Enter runs from anywhere on the page; inside the editor Monaco's own binding takes it first
document.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.defaultPrevented) {
    event.preventDefault()
    void lesson.run()
  }
})

watchRoute((id) => {
  const exercise = exercises.find((candidate) => candidate.id === id) ?? exercises[0]
  if (!exercise) {
    byId('lesson-body').textContent = 'No exercises could be loaded.'
    return
  }
  if (id !== exercise.id) history.replaceState(null, '', `#/${exercise.id}`)
  if (exercise !== lesson.current) void lesson.open(exercise)
})
