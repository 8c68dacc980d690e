import type { Page } from 'playwright'
import type { ProbeMarks, RunMark } from './page-probe'

/** Typed at the end of the active file: shows that the editor takes input, and is a type error (unknown name). */
export const typedMarker = 'Ω'

/** What the probe has recorded in `page` so far. */
export function readMarks(page: Page): Promise<ProbeMarks> {
  return page.evaluate(() => (window as unknown as { __authlabBench: ProbeMarks }).__authlabBench)
}

/** Waits until `pick` finds a recorded time, woken by the probe whenever it records one, then returns it. */
export async function waitForMark(
  page: Page,
  what: string,
  pick: (marks: ProbeMarks) => number | undefined,
  timeoutMs = 60_000,
): Promise<number> {
  const until = Date.now() + timeoutMs
  for (;;) {
    const value = pick(await readMarks(page))
    if (value !== undefined) return value
    if (Date.now() > until) throw new Error(`bench: ${what} not seen within ${timeoutMs} ms`)
    await page.evaluate(
      (wait) =>
        (window as unknown as { __authlabBenchChanged(ms: number): Promise<void> }).__authlabBenchChanged(
          wait,
        ),
      250,
    )
  }
}

/**
 * As soon as the editor shows a file, focuses it from the page (no pointer round trips) and types the marker at
 * the cursor, the file's start. Records in the probe when the page ran the focus, i.e. when its main thread
 * was free to take the input.
 */
export async function typeAsSoonAsPossible(page: Page): Promise<void> {
  await page.locator('.monaco-editor .view-lines .view-line').first().waitFor({ timeout: 60_000 })
  await page.evaluate(() => {
    const input = document.querySelector<HTMLElement>(
      '.monaco-editor .native-edit-context, .monaco-editor textarea',
    )
    if (!input) throw new Error('bench: no editor input element')
    input.focus()
    ;(window as unknown as { __authlabBench: ProbeMarks }).__authlabBench.typingStartedAt = performance.now()
  })
  await page.keyboard.type(typedMarker)
}

/** Replaces the active file's text the way a learner pastes it (as tests/e2e/app.test.ts does). */
export async function pasteIntoEditor(page: Page, text: string): Promise<void> {
  // focus the editor's input directly: a click can land where notices above the editor have just moved it
  await page.locator('.monaco-editor .native-edit-context, .monaco-editor textarea').first().focus()
  await page.evaluate((value) => navigator.clipboard.writeText(value), text)
  await page.keyboard.press('ControlOrMeta+A')
  await page.keyboard.press('ControlOrMeta+V')
}

/** Opens another exercise in the same page (hash route) and waits for its first editable file's tab. */
export async function switchExercise(page: Page, id: string, firstFile: string): Promise<void> {
  await page.evaluate((hash) => {
    location.hash = hash
  }, `#/${id}`)
  await page.locator(`[role="tab"][data-path="${firstFile}"][aria-selected="true"]`).waitFor()
  await page.waitForFunction(
    (path) => document.querySelector('.monaco-editor')?.getAttribute('data-uri')?.endsWith(path) ?? true,
    `${id}/${firstFile}`,
  )
}

/** Selects a file's tab. */
export async function selectFile(page: Page, path: string): Promise<void> {
  await page.locator(`[role="tab"][data-path="${path}"]`).click()
}

/** The draft the app stored for a file, read with the raw IndexedDB API (not the app's own code). */
function readDraft(page: Page, exerciseId: string, path: string): Promise<string | undefined> {
  return page.evaluate(
    ([id, file]) =>
      new Promise<string | undefined>((resolve, reject) => {
        const open = indexedDB.open('authlab')
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const db = open.result
          const request = db.transaction('drafts').objectStore('drafts').get([id, file])
          request.onsuccess = () => resolve(request.result?.content)
          request.onerror = () => reject(request.error)
          db.close()
        }
      }),
    [exerciseId, path] as const,
  )
}

/** Waits until the app has stored `content` as the draft of `path`. */
export async function waitForDraft(
  page: Page,
  exerciseId: string,
  path: string,
  content: string,
): Promise<void> {
  const until = Date.now() + 15_000
  while ((await readDraft(page, exerciseId, path)) !== content) {
    if (Date.now() > until) throw new Error(`bench: the draft of ${exerciseId}/${path} was not saved`)
    await page.waitForTimeout(100)
  }
}

/** One graded run: the wall time from the key press to the results shown, and the tests' own durations. */
export interface GradedRun {
  readonly wallMs: number
  /** Sum of the per-test times the results list shows (each rounded to whole ms there). */
  readonly testsMs: number
  readonly passed: number
  readonly total: number
  /** Ms since navigation start when the results were shown. */
  readonly shownAt: number
}

/**
 * Presses Ctrl/Cmd+Enter in the editor and reads the results once the probe saw them shown. With `editFirst`,
 * types a space at the end of the file just before, as a learner runs right after a change: the type check and
 * the draft save then start with the run.
 */
export async function runOnce(
  page: Page,
  { editFirst = false, timeoutMs = 60_000 }: { editFirst?: boolean; timeoutMs?: number } = {},
): Promise<GradedRun> {
  const before = (await readMarks(page)).runs.length
  await page.locator('.monaco-editor .native-edit-context, .monaco-editor textarea').first().focus()
  if (editFirst) {
    await page.keyboard.press('ControlOrMeta+End')
    await page.keyboard.type(' ')
  }
  await page.keyboard.press('ControlOrMeta+Enter')
  const run = await waitForPick(page, before, timeoutMs)
  // textContent: the tests of a folded (passed) group are in the page but not rendered
  const times = await page.locator('.results .test-time').allTextContents()
  const testsMs = times.reduce((sum, text) => sum + Number.parseFloat(text), 0)
  const [passed = Number.NaN, total = Number.NaN] =
    (run.summary ?? '').split(' ')[0]?.split('/').map(Number) ?? []
  return { wallMs: (run.shownAt ?? 0) - run.pressedAt, testsMs, passed, total, shownAt: run.shownAt ?? 0 }
}

async function waitForPick(page: Page, before: number, timeoutMs: number): Promise<RunMark> {
  let found: RunMark | undefined
  await waitForMark(
    page,
    'results of a run',
    (marks) => {
      found = marks.runs[before]
      return found?.shownAt
    },
    timeoutMs,
  )
  if (!found) throw new Error('bench: run vanished')
  return found
}
