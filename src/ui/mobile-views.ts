import { h } from './dom'

/** The panels a narrow screen shows one at a time. */
export type MobileView = 'exercises' | 'lesson' | 'code'

export interface MobileViews {
  show(view: MobileView): void
}

/** On narrow screens, a switcher between the exercise list, the lesson and the code (wide screens show all). */
export function mountMobileViews(root: HTMLElement, workbench: HTMLElement): MobileViews {
  const labels: Record<MobileView, string> = {
    exercises: 'Exercises',
    lesson: 'Lesson',
    code: 'Code & results',
  }
  const buttons = (Object.keys(labels) as MobileView[]).map((view) => {
    const button = h('button', { type: 'button', 'data-view': view, 'aria-pressed': 'false' }, labels[view])
    button.addEventListener('click', () => show(view))
    return button
  })
  const show = (view: MobileView) => {
    workbench.dataset.view = view
    for (const button of buttons) button.setAttribute('aria-pressed', String(button.dataset.view === view))
  }
  root.replaceChildren(...buttons)
  show('lesson')
  return { show }
}
