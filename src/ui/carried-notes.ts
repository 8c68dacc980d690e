import type { LessonFile } from '../lesson/lesson-files'
import { h } from './dom'

export interface CarriedNotes {
  /** Says, for each carried file that is the reference version rather than the learner's own, why and where to go. */
  show(files: readonly LessonFile[]): void
}

/** Notes above the editor about carried files the learner did not write. */
export function mountCarriedNotes(root: HTMLElement): CarriedNotes {
  return {
    show(files) {
      const notes = files.flatMap((file) => {
        if (file.source !== 'reference' || !file.from) return []
        const { id, title } = file.from
        return [
          h(
            'li',
            {},
            h('strong', {}, file.path),
            `: reference version, because you have not passed ${title} yet — `,
            h('a', { href: `#/${id}`, 'aria-label': `Go to ${title}` }, 'go there'),
          ),
        ]
      })
      if (notes.length === 0) {
        root.replaceChildren()
        return
      }
      root.replaceChildren(
        h('ul', { class: 'carried-list', 'aria-label': 'Files from earlier chapters' }, ...notes),
      )
    },
  }
}
