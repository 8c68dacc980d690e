import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright'
import { inject } from 'vitest'

// What the end-to-end tests do to the built app, the way a learner would, and how they read its storage
// without trusting the app's own code.

const root = join(import.meta.dirname, '../..')

/** A repository file's text, e.g. a reference solution to paste. */
export const readRepoFile = (path: string) => readFileSync(join(root, path), 'utf8')

/** Opens an exercise by its deep link and waits until the editor shows its file. */
export async function openExercise(page: Page, id: string): Promise<void> {
  await page.goto(`${inject('appUrl')}#/${id}`)
  await page.locator('.monaco-editor .view-lines').first().waitFor()
}

/** Replaces the active file's text the way a learner pastes it, so Monaco's auto-closing does not mangle it. */
export async function pasteIntoEditor(page: Page, text: string): Promise<void> {
  // a rendered line, not the whole .view-lines: its middle can lie below the fold, and scrolling there can put
  // a link of the notes above the editor under the pointer
  await page.locator('.monaco-editor .view-line').first().click()
  await page.evaluate((value) => navigator.clipboard.writeText(value), text)
  await page.keyboard.press('ControlOrMeta+A')
  await page.keyboard.press('ControlOrMeta+V')
}

/** One value of the app's database, read with the raw IndexedDB API. */
function readStored(page: Page, store: string, key: string | string[]): Promise<unknown> {
  return page.evaluate(
    ([name, at]) =>
      new Promise<unknown>((resolve, reject) => {
        const open = indexedDB.open('authlab')
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const request = open.result
            .transaction(name)
            .objectStore(name)
            .get(at as IDBValidKey)
          request.onsuccess = () => {
            open.result.close()
            resolve(request.result)
          }
          request.onerror = () => reject(request.error)
        }
      }),
    [store, key] as [string, string | string[]],
  )
}

/** The draft the app stored for one file. */
export async function readDraft(page: Page, exerciseId: string, path: string): Promise<string | undefined> {
  const draft = (await readStored(page, 'drafts', [exerciseId, path])) as { content?: string } | undefined
  return draft?.content
}

/** The exercise id of the running mark (set while a run is under way), if any. */
export async function readRunningMark(page: Page): Promise<string | undefined> {
  const mark = (await readStored(page, 'meta', 'running')) as { exerciseId?: string } | undefined
  return mark?.exerciseId
}
