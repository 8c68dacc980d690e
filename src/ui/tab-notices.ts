import { showBanner } from './notices'

/** Which tab's save replaced another's text (src/lesson/other-tabs.ts). */
export interface ReplacedFile {
  readonly path: string
  readonly by: 'this-tab' | 'other-tab'
}

export interface TabNotices {
  /** Says while other tabs show the same exercise; gone when none does. */
  showOtherTabs(count: number): void
  /** Says a save replaced text saved in another tab, with a button that puts it back. */
  showReplaced(file: ReplacedFile, restore: () => Promise<void>): void
}

/** Banners about the same exercise open in several tabs of this browser. */
export function mountTabNotices(
  banners: HTMLElement,
  deps: { announce: (text: string) => void },
): TabNotices {
  let others: (() => void) | undefined
  const replaced = new Map<string, () => void>()
  return {
    showOtherTabs(count) {
      if (count > 0 && !others) {
        others = showBanner(
          banners,
          count === 1
            ? 'Also open in another tab: edits there appear here.'
            : `Also open in ${count} other tabs: edits there appear here.`,
          { kind: 'info' },
        )
      } else if (count === 0 && others) {
        others()
        others = undefined
      }
    },
    showReplaced({ path, by }, restore) {
      replaced.get(path)?.()
      const text =
        by === 'this-tab'
          ? `This tab's edit of ${path} replaced the version saved in another tab; that version is kept in history.`
          : `Another tab saved ${path} over this tab's version, so this tab now shows that one; yours is kept in history.`
      const remove = showBanner(banners, text, {
        kind: 'warn',
        action: {
          label: by === 'this-tab' ? 'Restore it' : 'Restore yours',
          run: () => {
            remove()
            replaced.delete(path)
            const whose = by === 'this-tab' ? "the other tab's" : 'your'
            void restore().then(() => deps.announce(`Restored ${whose} version of ${path}.`))
          },
        },
      })
      replaced.set(path, remove)
    },
  }
}
