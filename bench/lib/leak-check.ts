import type { Browser } from 'playwright'
import type { Exercise } from '../../src/content/catalogue'
import { createMemoryProbe, type HeapSnapshot } from './cdp-memory'
import { gradeSolution, openFreshContext, prepareSolution } from './exercise-session'

/** Heap and workers after the first run and after the last of `runs` consecutive runs in one page. */
export interface LeakCheck {
  readonly exerciseId: string
  readonly runs: number
  readonly afterFirst: HeapSnapshot
  readonly afterLast: HeapSnapshot
  /** Bytes: (page + workers) after the last run minus after the first. */
  readonly heapGrowth: number
}

const totalHeap = (snapshot: HeapSnapshot) =>
  snapshot.pageHeap + snapshot.workerHeaps.reduce((sum, worker) => sum + worker.used, 0)

/** Grades the reference solution of `exercise` `runs` times in a row in one page, measuring after 1 and `runs`. */
export async function checkForLeaks(
  browser: Browser,
  appUrl: string,
  root: string,
  exercise: Exercise,
  catalogue: readonly Exercise[],
  runs: number,
): Promise<LeakCheck> {
  const context = await openFreshContext(browser, appUrl)
  try {
    const page = await context.newPage()
    await page.goto(`${appUrl}#/${exercise.id}`)
    await page.locator('.monaco-editor .view-lines .view-line').first().waitFor({ timeout: 60_000 })
    await prepareSolution(page, root, exercise, catalogue)
    const memory = await createMemoryProbe(browser, page)
    await gradeSolution(page, exercise)
    const afterFirst = await memory.snapshot()
    for (let run = 2; run <= runs; run++) await gradeSolution(page, exercise)
    const afterLast = await memory.snapshot()
    await memory.dispose()
    return {
      exerciseId: exercise.id,
      runs,
      afterFirst,
      afterLast,
      heapGrowth: totalHeap(afterLast) - totalHeap(afterFirst),
    }
  } finally {
    await context.close()
  }
}
