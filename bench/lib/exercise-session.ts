import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright'
import type { Exercise } from '../../src/content/catalogue'
import {
  type GradedRun,
  pasteIntoEditor,
  readMarks,
  runOnce,
  selectFile,
  switchExercise,
  typeAsSoonAsPossible,
  typedMarker,
  waitForDraft,
  waitForMark,
} from './app-page'
import { probeScript } from './page-probe'

/** Everything measured in one fresh browser context opened on one exercise. */
export interface SessionSample {
  readonly exerciseId: string
  /** Ms from navigation start (Element Timing renderTime of the lesson's elements). */
  readonly lessonPaintMs: number
  /** Ms from navigation start to the editor showing the file's first line: the earliest typing could work. */
  readonly editorShownMs: number
  /** Ms from navigation start to the page running the harness's focus call, just before the marker is typed. */
  readonly typingStartedMs: number
  /** Ms from navigation start to the typed marker shown in the editor. */
  readonly typingMs: number
  /** Ms from navigation start to the error squiggle for the marker (an unknown name) shown. */
  readonly diagnosticsMs: number
  /** First run in the page (its grader worker has not run anything yet), with the reference solution. */
  readonly cold: GradedRun
  readonly warm: readonly GradedRun[]
  /** Runs pressed right after an edit (a space typed at the end of the file), no quiet time before. */
  readonly feedback: readonly GradedRun[]
  /** After the service worker has cached the app: a reload, ms from its navigation start to typed text shown. */
  readonly cachedReloadTypingMs: number
  /** The same reload: ms to the lesson painted. */
  readonly cachedReloadLessonMs: number
  /** Reloads before that one where the typed marker never showed (each tried again). */
  readonly reloadsTypingLost: number
}

/** Quiet time before each Run, so the TypeScript worker's reaction to the paste is not in the grade's time. */
const settleMs = 500

const editablePaths = (exercise: Exercise) =>
  exercise.files.filter((file) => file.role === 'editable').map((file) => file.path)

/** Pastes the reference solution into every editable file of `exercise` and waits until each is stored. */
async function pasteSolution(page: Page, root: string, exercise: Exercise): Promise<void> {
  for (const path of editablePaths(exercise)) {
    const text = readFileSync(join(root, 'solutions', exercise.id, path), 'utf8')
    await selectFile(page, path)
    await pasteIntoEditor(page, text)
    await waitForDraft(page, exercise.id, path, text)
  }
}

/** A fresh context (empty cache and storage) with the probe installed and the clipboard allowed. */
export async function openFreshContext(browser: Browser, appUrl: string): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: appUrl })
  await context.addInitScript(probeScript(typedMarker))
  return context
}

/**
 * With `exercise` open in `page`: seeds the drafts its carried files come from by pasting the earlier
 * exercises' solutions there, comes back, and pastes its own solution.
 */
export async function prepareSolution(
  page: Page,
  root: string,
  exercise: Exercise,
  catalogue: readonly Exercise[],
): Promise<void> {
  const first = editablePaths(exercise)[0] ?? ''
  const earlier = [
    ...new Set(exercise.files.flatMap((file) => (file.role === 'carried' && file.from ? [file.from] : []))),
  ]
  for (const id of earlier) {
    const source = catalogue.find((candidate) => candidate.id === id)
    if (!source) throw new Error(`bench: ${exercise.id} carries a file from unknown exercise ${id}`)
    await switchExercise(page, id, editablePaths(source)[0] ?? '')
    await pasteSolution(page, root, source)
  }
  if (earlier.length > 0) await switchExercise(page, exercise.id, first)
  await pasteSolution(page, root, exercise)
  await selectFile(page, first)
}

/** Runs the reference solution once; throws unless every test passed. */
export async function gradeSolution(
  page: Page,
  exercise: Exercise,
  { editFirst = false }: { editFirst?: boolean } = {},
): Promise<GradedRun> {
  await page.waitForTimeout(settleMs)
  const run = await runOnce(page, { editFirst })
  if (run.passed !== run.total || !(run.total > 0))
    throw new Error(`bench: ${exercise.id} reference solution got ${run.passed}/${run.total}`)
  return run
}

/**
 * Opens `exercise` in a fresh context, measures the page's first moments, prepares the reference solution,
 * then grades once cold and `warmRuns` times warm. `onRequest` sees every URL the page (and its workers) load.
 */
export async function measureSession(
  browser: Browser,
  appUrl: string,
  root: string,
  exercise: Exercise,
  catalogue: readonly Exercise[],
  options: { readonly warmRuns: number; readonly onRequest?: (url: string) => void },
): Promise<SessionSample> {
  const context = await openFreshContext(browser, appUrl)
  try {
    const page = await context.newPage()
    const { onRequest } = options
    if (onRequest) page.on('request', (request) => onRequest(request.url()))
    await page.goto(`${appUrl}#/${exercise.id}`)
    await typeAsSoonAsPossible(page)
    const typingMs = await waitForMark(page, 'typed marker', (marks) => marks.typedShownAt)
    const diagnosticsMs = await waitForMark(page, 'error squiggle', (marks) => marks.squiggleShownAt)
    const marks = await readMarks(page)
    if (marks.squigglesBeforeTyping)
      throw new Error(`bench: ${exercise.id} starter already shows type errors`)
    await prepareSolution(page, root, exercise, catalogue)
    const cold = await gradeSolution(page, exercise)
    const warm: GradedRun[] = []
    for (let index = 0; index < options.warmRuns; index++) warm.push(await gradeSolution(page, exercise))
    const feedback: GradedRun[] = []
    for (let index = 0; index < options.warmRuns; index++)
      feedback.push(await gradeSolution(page, exercise, { editFirst: true }))
    // the service worker has precached the whole app once it is active: reload from that cache
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined))
    // text typed the moment the editor showed was sometimes lost (Monaco's default model took it until the
    // exercise's file replaced it; fixed in src/editor/workspace.ts): should it happen again, the reload is
    // counted in `reloadsTypingLost` and tried again, so the figure stays honest and the bench finishes
    let reloadsTypingLost = 0
    let cachedReloadTypingMs: number | undefined
    while (cachedReloadTypingMs === undefined) {
      await page.reload()
      await typeAsSoonAsPossible(page)
      try {
        cachedReloadTypingMs = await waitForMark(
          page,
          'typed marker after a reload',
          (m) => m.typedShownAt,
          15_000,
        )
      } catch (error) {
        if (++reloadsTypingLost === 3) throw error
      }
    }
    const cachedReloadLessonMs = await waitForMark(page, 'lesson after a reload', (m) => m.lessonPaintAt)
    if (marks.lessonPaintAt === undefined) throw new Error('bench: no Element Timing entry for the lesson')
    if (marks.editorShownAt === undefined || marks.typingStartedAt === undefined)
      throw new Error('bench: the editor or the typing was not seen')
    return {
      exerciseId: exercise.id,
      lessonPaintMs: marks.lessonPaintAt,
      editorShownMs: marks.editorShownAt,
      typingStartedMs: marks.typingStartedAt,
      typingMs,
      diagnosticsMs,
      cold,
      warm,
      feedback,
      cachedReloadTypingMs,
      cachedReloadLessonMs,
      reloadsTypingLost,
    }
  } finally {
    await context.close()
  }
}
