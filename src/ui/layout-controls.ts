import { h } from './dom'

/** How the wide-screen workbench is laid out; remembered as settings. */
export interface LayoutState {
  readonly sidebarHidden: boolean
  readonly lessonHidden: boolean
  /** Lesson column width in CSS pixels; 0 lets the page choose. */
  readonly lessonWidth: number
}

/** The parts of the page the layout controls act on. */
export interface LayoutDeps {
  readonly initial: LayoutState
  /** Where the two toggle buttons go (the top bar). */
  readonly toggles: HTMLElement
  /** The grid holding the exercise list, the lesson and the code. */
  readonly workbench: HTMLElement
  readonly lesson: HTMLElement
  /** Told every change, to remember it. */
  readonly onChange: (state: LayoutState) => void
}

const SIDEBAR = 232
const MIN_LESSON = 240
const MAX_LESSON = 1200
const MIN_CODE = 420
const STEP = 32

/**
 * Room to code: top-bar toggles that fold the exercise list and the lesson away, and a splitter between the
 * lesson and the code (drag, or arrow keys when focused; double-click gives the page's choice back).
 */
export function mountLayoutControls(deps: LayoutDeps): { readonly state: LayoutState } {
  let state = { ...deps.initial }
  const { workbench, lesson } = deps
  const listToggle = h(
    'button',
    { type: 'button', class: 'layout-toggle', 'aria-controls': 'exercise-list' },
    'Exercises',
  )
  const lessonToggle = h(
    'button',
    { type: 'button', class: 'layout-toggle', 'aria-controls': 'lesson' },
    'Lesson',
  )
  const splitter = h('div', {
    class: 'splitter',
    role: 'separator',
    tabindex: '0',
    'aria-orientation': 'vertical',
    'aria-controls': 'lesson',
    'aria-label': 'Lesson width',
    'aria-valuemin': String(MIN_LESSON),
    'aria-valuemax': String(MAX_LESSON),
  })
  lesson.after(splitter)
  deps.toggles.prepend(listToggle, lessonToggle)

  const maxLesson = () =>
    Math.max(
      MIN_LESSON,
      Math.min(MAX_LESSON, workbench.clientWidth - (state.sidebarHidden ? 0 : SIDEBAR) - MIN_CODE),
    )
  const apply = () => {
    const lessonColumn = state.lessonWidth
      ? `${Math.min(state.lessonWidth, maxLesson())}px`
      : 'minmax(320px, 0.9fr)'
    const columns = [
      state.sidebarHidden ? '' : `${SIDEBAR}px`,
      state.lessonHidden ? '' : `${lessonColumn} 6px`,
      `minmax(${MIN_CODE}px, ${state.lessonHidden ? '1fr' : '1.3fr'})`,
    ]
    workbench.style.setProperty('--workbench-columns', columns.filter(Boolean).join(' '))
    workbench.dataset.sidebar = state.sidebarHidden ? 'hidden' : 'shown'
    workbench.dataset.lesson = state.lessonHidden ? 'hidden' : 'shown'
    listToggle.setAttribute('aria-pressed', String(!state.sidebarHidden))
    listToggle.title = state.sidebarHidden ? 'Show the exercise list' : 'Hide the exercise list'
    lessonToggle.setAttribute('aria-pressed', String(!state.lessonHidden))
    lessonToggle.title = state.lessonHidden ? 'Show the lesson' : 'Hide the lesson'
    splitter.setAttribute('aria-valuenow', String(Math.round(lesson.getBoundingClientRect().width)))
  }
  const change = (next: Partial<LayoutState>) => {
    state = { ...state, ...next }
    apply()
    deps.onChange(state)
  }
  listToggle.addEventListener('click', () => change({ sidebarHidden: !state.sidebarHidden }))
  lessonToggle.addEventListener('click', () => change({ lessonHidden: !state.lessonHidden }))

  const clamp = (width: number) => Math.round(Math.max(MIN_LESSON, Math.min(maxLesson(), width)))
  splitter.addEventListener('pointerdown', (event) => {
    splitter.setPointerCapture(event.pointerId)
    const left = lesson.getBoundingClientRect().left
    const move = (moved: PointerEvent) => {
      state = { ...state, lessonWidth: clamp(moved.clientX - left) }
      apply()
    }
    const up = () => {
      splitter.removeEventListener('pointermove', move)
      deps.onChange(state)
    }
    splitter.addEventListener('pointermove', move)
    splitter.addEventListener('pointerup', up, { once: true })
    event.preventDefault()
  })
  splitter.addEventListener('dblclick', () => change({ lessonWidth: 0 }))
  splitter.addEventListener('keydown', (event) => {
    const now = lesson.getBoundingClientRect().width
    const target =
      event.key === 'ArrowLeft'
        ? now - STEP
        : event.key === 'ArrowRight'
          ? now + STEP
          : event.key === 'Home'
            ? MIN_LESSON
            : event.key === 'End'
              ? maxLesson()
              : undefined
    if (target === undefined) return
    event.preventDefault()
    change({ lessonWidth: clamp(target) })
  })
  new ResizeObserver(() => apply()).observe(workbench)
  apply()
  return {
    get state() {
      return state
    },
  }
}
