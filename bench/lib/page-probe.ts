// In-page instrumentation, installed with addInitScript before the app's own scripts run. Every time is
// performance.now(), i.e. ms since navigation start. "Shown" means: a MutationObserver saw the DOM change, then
// the first task after the next animation frame ran (a message posted from requestAnimationFrame), so the
// frame that renders the change has been produced.

/** One press of Ctrl+Enter and when its results were shown. */
export interface RunMark {
  readonly pressedAt: number
  /** The summary said "Running…" after this press (so a stale summary is never taken for the result). */
  sawRunning: boolean
  shownAt?: number
  summary?: string
}

/** What the probe has recorded so far, read back with `readMarks`. */
export interface ProbeMarks {
  /** #lesson-body got the lesson (its "Loading…" placeholder replaced). */
  lessonDomAt?: number
  /** Element Timing renderTime of the lesson's first painted element (tagged by the observer before paint). */
  lessonPaintAt?: number
  /** The editor shows its first line of code (the earliest moment typing could work). */
  editorShownAt?: number
  /** The page ran the harness's focus call, just before the marker was typed (set by the harness). */
  typingStartedAt?: number
  /** The typed marker is shown in the editor. */
  typedShownAt?: number
  /** A TypeScript error squiggle is shown in the editor after the marker was typed. */
  squiggleShownAt?: number
  /** Error squiggles already in the editor when the marker appeared (expected 0). */
  squigglesBeforeTyping?: number
  readonly runs: RunMark[]
}

/** The page's probe; serialised by Playwright, so it must not use anything from outside its own body. */
export function installProbe(typedMarker: string): void {
  const marks: ProbeMarks = { runs: [] }
  Object.defineProperty(window, '__authlabBench', { value: marks })
  // the harness waits on this instead of polling the page, so it stays out of the timings
  let waiters: (() => void)[] = []
  const changed = () => {
    const waiting = waiters
    waiters = []
    for (const wake of waiting) wake()
  }
  Object.defineProperty(window, '__authlabBenchChanged', {
    value: (timeoutMs: number) =>
      new Promise<void>((resolve) => {
        waiters.push(resolve)
        setTimeout(resolve, timeoutMs)
      }),
  })
  const afterNextFrame = (record: (at: number) => void) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel()
      channel.port1.onmessage = () => {
        record(performance.now())
        changed()
      }
      channel.port2.postMessage(null)
    })

  new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as (PerformanceEntry & {
      identifier?: string
      renderTime?: number
    })[])
      if (entry.identifier === 'authlab-lesson' && marks.lessonPaintAt === undefined) {
        marks.lessonPaintAt = entry.renderTime || entry.startTime
        changed()
      }
  }).observe({ type: 'element', buffered: true })

  addEventListener(
    'keydown',
    (event) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey))
        marks.runs.push({ pressedAt: performance.now(), sawRunning: false })
    },
    true,
  )

  const squiggles = () => document.querySelectorAll('.monaco-editor .squiggly-error').length
  let editorSeen = false
  let typedSeen = false
  let squiggleSeen = false
  new MutationObserver(() => {
    if (marks.lessonDomAt === undefined) {
      const body = document.getElementById('lesson-body')
      if (body && !body.querySelector('.loading') && body.textContent?.trim()) {
        marks.lessonDomAt = performance.now()
        for (const child of body.children) child.setAttribute('elementtiming', 'authlab-lesson')
      }
    }
    if (!editorSeen && document.querySelector('.monaco-editor .view-line')) {
      editorSeen = true
      afterNextFrame((at) => {
        marks.editorShownAt = at
      })
    }
    if (
      !typedSeen &&
      document.querySelector('.monaco-editor .view-lines')?.textContent?.includes(typedMarker)
    ) {
      typedSeen = true
      marks.squigglesBeforeTyping = squiggles()
      afterNextFrame((at) => {
        marks.typedShownAt = at
      })
    }
    if (typedSeen && !squiggleSeen && squiggles() > (marks.squigglesBeforeTyping ?? 0)) {
      squiggleSeen = true
      afterNextFrame((at) => {
        marks.squiggleShownAt = at
      })
    }
    const run = marks.runs[marks.runs.length - 1]
    if (run && run.shownAt === undefined) {
      const text = document.querySelector('.results .summary')?.textContent ?? ''
      if (/Running/.test(text)) run.sawRunning = true
      else if (run.sawRunning && text && run.summary === undefined) {
        run.summary = text
        afterNextFrame((at) => {
          run.shownAt = at
        })
      }
    }
  }).observe(document, { childList: true, subtree: true, characterData: true })
}

/**
 * The probe as an init script. tsx compiles functions with esbuild's keepNames, which calls a `__name` helper
 * that does not exist in the page, so the source is wrapped in a scope that provides one.
 */
export function probeScript(typedMarker: string): string {
  return `(() => { const __name = (target) => target; (${installProbe.toString()})(${JSON.stringify(typedMarker)}) })()`
}
