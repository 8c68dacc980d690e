// The wiring of "a course people can take anywhere" (issue 14): offline with an update prompt, the progress
// passport, share links, room to code and the reference diff. main.ts hands in what it owns and calls back the
// few moments these features care about; everything else lives in the modules named below.
import type { Exercise } from './content/catalogue'
import { loadReference, loadWhyNotes } from './content/reference-solutions'
import type { Monaco } from './editor/load-monaco'
import type { EditorWorkspace } from './editor/workspace'
import { startOfflineSupport } from './offline/register'
import { createRunGate } from './offline/run-gate'
import { suiteFingerprints } from './passport/fingerprint'
import { createPassportActions } from './passport/passport-actions'
import { decodeAttempt, shareParamFromHash, shareUrl } from './share/share-link'
import type { AppStore, ExerciseProgress, Settings } from './storage'
import { mountLayoutControls } from './ui/layout-controls'
import { confirmDialog, showBanner, showToast } from './ui/notices'
import { mountProgressMenu } from './ui/progress-menu'
import { mountSharedAttempt, showShareDialog } from './ui/share-view'
import { showSolutionDiff } from './ui/solution-diff'
import { mountUpdatePrompt } from './ui/update-prompt'

/** What the course tools need from main.ts. */
export interface CourseToolsDeps {
  readonly exercises: readonly Exercise[]
  readonly store: AppStore
  /** Writes pending edits now. */
  readonly flush: () => Promise<void>
  readonly settings: Settings
  readonly monaco: Promise<Monaco>
  readonly workspace: Promise<EditorWorkspace>
  /** Resolves once the editor is up (or failed to load) and the page is idle: background work starts then. */
  readonly editorSettled: Promise<void>
  /** The exercise open now. */
  readonly current: () => Exercise | undefined
  /** Opens an exercise again (after storage changed underneath it) and resolves once its files are shown. */
  readonly reopen: (exercise: Exercise) => Promise<void>
  /** Runs the open exercise's hidden suite and saves its result, as the Run button does. */
  readonly run: () => Promise<unknown>
  readonly announce: (text: string) => void
  readonly elements: {
    readonly banners: HTMLElement
    readonly topbarActions: HTMLElement
    readonly workbench: HTMLElement
    readonly lesson: HTMLElement
    /** Where a shared attempt is shown, at the top of the lesson. */
    readonly shared: HTMLElement
    /** Where "Compare with the reference solution" appears once the exercise passed. */
    readonly compare: HTMLElement
  }
}

/** The moments main.ts reports. */
export interface CourseTools {
  /** A run started (`true`) or ended: updates never reload the page during one. */
  setRunning(running: boolean): void
  /** Progress was shown for the open exercise (on opening it and after each run): the diff view once it passed. */
  showProgress(exercise: Exercise | undefined, passed: boolean): void
  /** The toolbar's Share button. */
  share(): Promise<void>
}

/**
 * How long after the editor is up the service worker is registered: the TypeScript worker's first check is
 * usually done by then.
 */
const serviceWorkerDelayMs = 3_000

const editablePaths = (exercise: Exercise) =>
  exercise.files.filter((file) => file.role === 'editable').map((file) => file.path)

/** Mounts every issue 14 feature; call once storage, settings and the editor's promise exist. */
export function mountCourseTools(deps: CourseToolsDeps): CourseTools {
  const { store, exercises, elements } = deps
  const gate = createRunGate()
  const passed = async (id: string) =>
    (await store.progress([id]).catch((): Record<string, ExerciseProgress> => ({})))[id] === 'passed'

  const updatePrompt = mountUpdatePrompt(document.body, {
    running: () => gate.running,
    idle: gate.idle,
    reload: () => location.reload(),
  })
  // The service worker's first install downloads the whole app again into its cache (61 files, 13.5 MB) on the
  // same two cores. Begun at the page's load event, as Workbox does, it slowed the editor's start; begun as soon
  // as the editor was up, it slowed the TypeScript worker's first check (the first squiggle ~14% later).
  void deps.editorSettled.then(() =>
    setTimeout(() => void startOfflineSupport(updatePrompt), serviceWorkerDelayMs),
  )

  mountLayoutControls({
    initial: deps.settings,
    toggles: elements.topbarActions,
    workbench: elements.workbench,
    lesson: elements.lesson,
    onChange: (state) => {
      void Promise.all([
        store.setSetting('sidebarHidden', state.sidebarHidden),
        store.setSetting('lessonHidden', state.lessonHidden),
        store.setSetting('lessonWidth', state.lessonWidth),
      ]).catch(() => undefined)
    },
  })

  let fingerprints: Promise<Record<string, string>> | undefined
  mountProgressMenu(elements.topbarActions, {
    announce: deps.announce,
    actions: createPassportActions({
      store,
      flush: deps.flush,
      exerciseIds: exercises.map((exercise) => exercise.id),
      fingerprints: () => {
        fingerprints ??= suiteFingerprints(exercises)
        return fingerprints
      },
      reload: async () => {
        const current = deps.current()
        if (current) await deps.reopen(current)
      },
      // graded here, one exercise after another in course order, through the same path as the Run button
      regrade: async (ids) => {
        const back = deps.current()
        for (const exercise of exercises.filter((candidate) => ids.includes(candidate.id))) {
          await deps.reopen(exercise)
          await deps.run()
        }
        if (back && back !== deps.current()) await deps.reopen(back)
      },
    }),
  })

  const openShared = async () => {
    const data = shareParamFromHash(location.hash)
    if (data === undefined) return
    const decoded = await decodeAttempt(data)
    if (!decoded.ok) {
      showBanner(elements.banners, decoded.message)
      return
    }
    const { attempt } = decoded
    const exercise = exercises.find((candidate) => candidate.id === attempt.e)
    if (!exercise) {
      showBanner(
        elements.banners,
        `This link shares code for "${attempt.e}", an exercise this version does not have.`,
      )
      return
    }
    const editable = editablePaths(exercise)
    mountSharedAttempt(elements.shared, attempt, {
      title: exercise.manifest.title,
      editable,
      spoiler: attempt.p === true && !(await passed(exercise.id)),
      close: () => history.replaceState(null, '', `#/${exercise.id}`),
      copy: async (files) => {
        if (deps.current() !== exercise) await deps.reopen(exercise)
        const workspace = await deps.workspace
        const before = workspace.contents()
        const starter = (path: string) => exercise.files.find((file) => file.path === path)?.initial
        const own = Object.keys(files).filter(
          (path) => before[path] !== starter(path) && before[path] !== files[path],
        )
        if (own.length > 0) {
          const sure = await confirmDialog(
            'Replace your code with the shared attempt?',
            `Your own ${own.join(', ')} will be replaced by the shared code. You can undo this right after.`,
            'Replace',
          )
          if (!sure) return
        }
        for (const [path, text] of Object.entries(files)) workspace.replace(path, text)
        await deps.flush()
        showToast('The shared code is in your editor.', {
          label: 'Undo',
          run: () => {
            for (const path of Object.keys(files))
              if (before[path] !== undefined) workspace.replace(path, before[path])
          },
        })
      },
    })
  }
  window.addEventListener('hashchange', () => void openShared())
  void openShared()

  return {
    setRunning: (running) => gate.set(running),

    showProgress(exercise, hasPassed) {
      elements.compare.replaceChildren()
      // never before the exercise passed: the reference is a spoiler until then
      if (!exercise || !hasPassed) return
      const button = document.createElement('button')
      button.type = 'button'
      button.textContent = 'Compare with the reference solution'
      button.addEventListener('click', async () => {
        const editable = editablePaths(exercise)
        const [monaco, workspace, reference, why] = await Promise.all([
          deps.monaco,
          deps.workspace,
          loadReference(exercise.id, editable),
          loadWhyNotes(exercise.id),
        ])
        const mine = workspace.contents()
        showSolutionDiff({
          monaco,
          title: exercise.manifest.title,
          theme: document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light',
          why: why ?? (await exercise.lesson()),
          files: editable.map((path) => ({ path, mine: mine[path] ?? '', reference: reference[path] ?? '' })),
        })
      })
      elements.compare.append(button)
    },

    async share() {
      const exercise = deps.current()
      if (!exercise) return
      const workspace = await deps.workspace
      const contents = workspace.contents()
      const files = Object.fromEntries(editablePaths(exercise).map((path) => [path, contents[path] ?? '']))
      const base = `${location.origin}${location.pathname}`
      showShareDialog(await shareUrl(base, { v: 1, e: exercise.id, f: files, p: await passed(exercise.id) }))
    },
  }
}
