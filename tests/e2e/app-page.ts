import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright'
import { inject } from 'vitest'

// What the end-to-end tests do to the built app, the way a learner would, and how they read its storage
// without trusting the app's own code.

const root = join(import.meta.dirname, '../..')

/** A repository file's text, e.g. a reference solution to paste. */
export const readRepoFile = (path: string) => readFileSync(join(root, path), 'utf8')

/**
 * Opens an exercise by its deep link and waits until the editor shows its file. From another exercise in the
 * same page the link only changes the hash, and the editor still shows the other exercise for a moment: keys
 * pressed then (a paste's select-all) would land in it, so this waits for the editor's model of `id`.
 */
export async function openExercise(page: Page, id: string): Promise<void> {
  await page.goto(`${inject('appUrl')}#/${id}`)
  await page.locator(`.monaco-editor[data-uri^="file:///${id}/"] .view-lines`).first().waitFor()
}

/** Replaces the active file's text the way a learner pastes it, so Monaco's auto-closing does not mangle it. */
export async function pasteIntoEditor(page: Page, text: string): Promise<void> {
  // focus the editor's input directly: a click on the middle of .view-lines can land below the fold, on a hover or
  // on a link of the notes above the editor
  await page.locator('.monaco-editor .native-edit-context, .monaco-editor textarea').first().focus()
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

/** How many hints the app stored as revealed for one exercise (undefined before the first). */
export function readHintsRevealed(page: Page, exerciseId: string): Promise<unknown> {
  return readStored(page, 'hints', exerciseId)
}

/** The exercise id of the running mark (set while a run is under way), if any. */
export async function readRunningMark(page: Page): Promise<string | undefined> {
  const mark = (await readStored(page, 'meta', 'running')) as { exerciseId?: string } | undefined
  return mark?.exerciseId
}

/** Every history snapshot the app kept of one file, oldest first, read with the raw IndexedDB API. */
export function readHistory(page: Page, exerciseId: string, path: string): Promise<string[]> {
  return page.evaluate(
    ([id, file]) =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('authlab')
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const request = open.result
            .transaction('history')
            .objectStore('history')
            .index('file')
            .getAll([id, file] as IDBValidKey)
          request.onsuccess = () => {
            open.result.close()
            resolve((request.result as { content: string }[]).map((snapshot) => snapshot.content))
          }
          request.onerror = () => reject(request.error)
        }
      }),
    [exerciseId, path] as [string, string],
  )
}

/** Puts the caret at the end of the active file and types `text` there in one input, as a paste would. */
export async function appendInEditor(page: Page, text: string): Promise<void> {
  await page.locator('.monaco-editor .view-lines').first().click()
  await page.keyboard.press('ControlOrMeta+End')
  await page.keyboard.insertText(text)
}

/** Clicks Run and reads the results summary as [passed, total]. */
export async function runAndReadSummary(page: Page): Promise<[number, number]> {
  await page.locator('.code-toolbar button.run').click()
  await page.locator('.results .summary:not(:has-text("Running"))').waitFor({ timeout: 30_000 })
  const summary = await page.locator('.results .summary').innerText()
  const [passed, total] = summary.split(' ')[0]?.split('/').map(Number) ?? []
  return [passed ?? -1, total ?? -1]
}
